package pdfobj

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Indirect is an indirect object as it stands in a file: "12 0 obj … endobj".
type Indirect struct {
	Ref   Ref
	Value Object
}

// ReadIndirect reads the indirect object at the scanner's position.
// length resolves a stream's /Length when it is a reference; it may be nil.
func (s *Scanner) ReadIndirect(length func(Ref) (int, bool)) (*Indirect, error) {
	o := &Indirect{}
	var err error
	if o.Ref, err = s.ReadHeader(); err != nil {
		return nil, err
	}
	if o.Value, err = s.ReadObject(); err != nil {
		return nil, err
	}
	t, err := s.Next()
	if err != nil {
		return nil, err
	}
	if t.Kind == KeywordToken && string(s.Bytes(t)) == "stream" {
		d, ok := o.Value.(Dict)
		if !ok {
			return nil, s.errorf(t.Start, "a stream after a %T, not a dictionary", o.Value)
		}
		data, err := s.streamData(d, length)
		if err != nil {
			return nil, err
		}
		o.Value = &Stream{Dict: d, Data: data}
		if t, err = s.Next(); err != nil {
			return nil, err
		}
	}
	if t.Kind != KeywordToken || string(s.Bytes(t)) != "endobj" {
		return nil, s.errorf(t.Start, "object %d ends without endobj", o.Ref.Num)
	}
	return o, nil
}

// ReadHeader reads the "n g obj" that starts an indirect object.
func (s *Scanner) ReadHeader() (Ref, error) {
	s.skip()
	start := s.pos
	var head [3]Token
	for i := range head {
		t, err := s.Next()
		if err != nil {
			return Ref{}, err
		}
		head[i] = t
	}
	num, err1 := strconv.Atoi(string(s.Bytes(head[0])))
	gen, err2 := strconv.Atoi(string(s.Bytes(head[1])))
	if head[0].Kind != IntToken || head[1].Kind != IntToken || head[2].Kind != KeywordToken ||
		string(s.Bytes(head[2])) != "obj" || err1 != nil || err2 != nil {
		return Ref{}, s.errorf(start, `no "n g obj" where an object should start`)
	}
	return Ref{num, gen}, nil
}

// streamData reads a stream's data after the keyword stream, and the
// keyword endstream: /Length long when it is right, else up to endstream.
func (s *Scanner) streamData(d Dict, length func(Ref) (int, bool)) ([]byte, error) {
	start := s.pos
	if start < len(s.data) && s.data[start] == '\r' {
		start++
	}
	if start < len(s.data) && s.data[start] == '\n' {
		start++
	}
	n, ok := -1, false
	switch l := d.Get("Length").(type) {
	case Integer:
		n, ok = int(l), true
	case Ref:
		if length != nil {
			n, ok = length(l)
		}
	}
	if ok && n >= 0 && start+n <= len(s.data) {
		s.pos = start + n
		if t, err := s.Next(); err == nil && string(s.Bytes(t)) == "endstream" {
			return s.data[start : start+n], nil
		}
	}
	// A wrong or unknown length: the data ends at the end of line before
	// endstream.
	i := bytes.Index(s.data[start:], []byte("endstream"))
	if i < 0 {
		return nil, s.errorf(start, "a stream without endstream")
	}
	end := start + i
	s.pos = end + len("endstream")
	if end > start && s.data[end-1] == '\n' {
		end--
	}
	if end > start && s.data[end-1] == '\r' {
		end--
	}
	return s.data[start:end], nil
}

// File is a PDF file's objects, found through its cross-reference tables
// or streams, the /Prev chain of its updates and its object streams.
type File struct {
	data    []byte
	Trailer Dict
	xref    map[int]location
	streams map[int]*objectStream // object streams read so far
	cache   map[int]Object
}

// location is where an object is: at a byte offset, or the index-th of an
// object stream.
type location struct {
	offset        int
	stream, index int
	compressed    bool
}

type objectStream struct {
	data    []byte
	offsets map[int]int // object number → offset in data
}

// Open reads the cross-reference information of a PDF file.
func Open(data []byte) (*File, error) {
	f := &File{data: data, xref: map[int]location{}, streams: map[int]*objectStream{}, cache: map[int]Object{}}
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("pdf: no startxref near the end of the file")
	}
	s := NewScanner(tail)
	s.Seek(i + len("startxref"))
	t, err := s.Next()
	if err != nil || t.Kind != IntToken {
		return nil, errors.New("pdf: startxref is not followed by an offset")
	}
	off, _ := strconv.Atoi(string(s.Bytes(t)))
	seen := map[int]bool{}
	for off >= 0 {
		if seen[off] || off >= len(data) {
			return nil, fmt.Errorf("pdf: a cross-reference section at %d, which is outside the file or read before", off)
		}
		seen[off] = true
		trailer, err := f.readXref(off)
		if err != nil {
			return nil, err
		}
		if f.Trailer == nil {
			f.Trailer = trailer
		}
		// A hybrid file's table points at a stream of the compressed objects.
		if x, ok := trailer.Get("XRefStm").(Integer); ok && !seen[int(x)] {
			seen[int(x)] = true
			if _, err := f.readXref(int(x)); err != nil {
				return nil, err
			}
		}
		off = -1
		if p, ok := trailer.Get("Prev").(Integer); ok {
			off = int(p)
		}
	}
	return f, nil
}

// readXref reads the table or stream at off; entries already known (from
// a later update) stay.
func (f *File) readXref(off int) (Dict, error) {
	s := NewScanner(f.data)
	s.Seek(off)
	t, err := s.Next()
	if err != nil {
		return nil, err
	}
	if t.Kind != KeywordToken || string(s.Bytes(t)) != "xref" {
		s.Seek(off)
		return f.readXrefStream(s)
	}
	for {
		t, err := s.Next()
		if err != nil {
			return nil, err
		}
		if t.Kind == KeywordToken && string(s.Bytes(t)) == "trailer" {
			d, err := s.ReadObject()
			if err != nil {
				return nil, err
			}
			trailer, ok := d.(Dict)
			if !ok {
				return nil, s.errorf(t.End, "the trailer is not a dictionary")
			}
			return trailer, nil
		}
		c, err := s.Next()
		if err != nil {
			return nil, err
		}
		first, err1 := strconv.Atoi(string(s.Bytes(t)))
		count, err2 := strconv.Atoi(string(s.Bytes(c)))
		if t.Kind != IntToken || c.Kind != IntToken || err1 != nil || err2 != nil || count < 0 {
			return nil, s.errorf(t.Start, "a cross-reference subsection without its first number and count")
		}
		for k := range count {
			var e [3]Token
			for i := range e {
				if e[i], err = s.Next(); err != nil {
					return nil, err
				}
			}
			if e[0].Kind != IntToken || e[1].Kind != IntToken || e[2].Kind != KeywordToken {
				return nil, s.errorf(e[0].Start, "a cross-reference entry is not \"offset generation n|f\"")
			}
			if _, known := f.xref[first+k]; known || string(s.Bytes(e[2])) != "n" {
				if !known {
					f.xref[first+k] = location{offset: -1} // free
				}
				continue
			}
			at, _ := strconv.Atoi(string(s.Bytes(e[0])))
			f.xref[first+k] = location{offset: at}
		}
	}
}

func (f *File) readXrefStream(s *Scanner) (Dict, error) {
	o, err := s.ReadIndirect(nil)
	if err != nil {
		return nil, fmt.Errorf("pdf: neither a cross-reference table nor stream: %w", err)
	}
	st, ok := o.Value.(*Stream)
	if !ok || st.Dict.Get("Type") != Name("XRef") {
		return nil, fmt.Errorf("pdf: object %d is where a cross-reference stream should be", o.Ref.Num)
	}
	data, err := f.Decode(st)
	if err != nil {
		return nil, fmt.Errorf("pdf: cross-reference stream %d: %w", o.Ref.Num, err)
	}
	w, _ := st.Dict.Get("W").(Array)
	var widths [3]int
	if len(w) != 3 {
		return nil, fmt.Errorf("pdf: cross-reference stream %d has no /W of three widths", o.Ref.Num)
	}
	row := 0
	for i, v := range w {
		n, ok := v.(Integer)
		if !ok || n < 0 || n > 8 {
			return nil, fmt.Errorf("pdf: cross-reference stream %d has a /W width of %v", o.Ref.Num, v)
		}
		widths[i] = int(n)
		row += int(n)
	}
	if row == 0 {
		return nil, fmt.Errorf("pdf: cross-reference stream %d has rows of no bytes", o.Ref.Num)
	}
	size, _ := st.Dict.Get("Size").(Integer)
	index := Array{Integer(0), size}
	if ix, ok := st.Dict.Get("Index").(Array); ok {
		index = ix
	}
	pos := 0
	field := func(i int) int {
		v := 0
		for range widths[i] {
			v = v<<8 | int(data[pos])
			pos++
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		first, ok1 := index[i].(Integer)
		count, ok2 := index[i+1].(Integer)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("pdf: cross-reference stream %d has a malformed /Index", o.Ref.Num)
		}
		for k := range int(count) {
			if pos+row > len(data) {
				return nil, fmt.Errorf("pdf: cross-reference stream %d is shorter than its /Index says", o.Ref.Num)
			}
			typ := 1 // a missing first field means "in use"
			if widths[0] > 0 {
				typ = field(0)
			}
			a, b := field(1), field(2)
			num := int(first) + k
			if _, known := f.xref[num]; known {
				continue
			}
			switch typ {
			case 1:
				f.xref[num] = location{offset: a}
			case 2:
				f.xref[num] = location{stream: a, index: b, compressed: true}
			default:
				f.xref[num] = location{offset: -1}
			}
		}
	}
	return st.Dict, nil
}

// Numbers is the numbers of the objects in use, in order.
func (f *File) Numbers() []int {
	var out []int
	for n, l := range f.xref {
		if l.compressed || l.offset >= 0 {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// Offset is the byte offset of object num, if it is not in an object stream.
func (f *File) Offset(num int) (int, bool) {
	l, ok := f.xref[num]
	if !ok || l.compressed || l.offset < 0 {
		return 0, false
	}
	return l.offset, true
}

// ReadAt reads the indirect object at byte offset off.
func (f *File) ReadAt(off int) (*Indirect, error) {
	s := NewScanner(f.data)
	s.Seek(off)
	return s.ReadIndirect(f.length)
}

// length resolves an indirect /Length.
func (f *File) length(r Ref) (int, bool) {
	o, err := f.Object(r.Num)
	n, ok := o.(Integer)
	return int(n), err == nil && ok
}

// Object returns object num; a free or missing object is null (§7.3.10).
func (f *File) Object(num int) (Object, error) {
	if o, ok := f.cache[num]; ok {
		return o, nil
	}
	l, ok := f.xref[num]
	if !ok || (!l.compressed && l.offset < 0) {
		return nil, nil
	}
	f.cache[num] = nil // a stream whose /Length refers to itself reads as null
	var o Object
	if l.compressed {
		os, err := f.objectStream(l.stream)
		if err != nil {
			return nil, err
		}
		at, ok := os.offsets[num]
		if !ok {
			return nil, fmt.Errorf("pdf: object %d is not in object stream %d", num, l.stream)
		}
		s := NewScanner(os.data)
		s.Seek(at)
		if o, err = s.ReadObject(); err != nil {
			return nil, fmt.Errorf("pdf: object %d in object stream %d: %w", num, l.stream, err)
		}
	} else {
		ind, err := f.ReadAt(l.offset)
		if err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", num, err)
		}
		if ind.Ref.Num != num {
			return nil, fmt.Errorf("pdf: object %d is found where the cross-reference puts %d", ind.Ref.Num, num)
		}
		o = ind.Value
	}
	f.cache[num] = o
	return o, nil
}

func (f *File) objectStream(num int) (*objectStream, error) {
	if os, ok := f.streams[num]; ok {
		return os, nil
	}
	if l := f.xref[num]; l.compressed {
		return nil, fmt.Errorf("pdf: object stream %d is itself in an object stream", num)
	}
	o, err := f.Object(num)
	if err != nil {
		return nil, err
	}
	st, ok := o.(*Stream)
	if !ok || st.Dict.Get("Type") != Name("ObjStm") {
		return nil, fmt.Errorf("pdf: object %d is not an object stream", num)
	}
	data, err := f.Decode(st)
	if err != nil {
		return nil, fmt.Errorf("pdf: object stream %d: %w", num, err)
	}
	n, _ := st.Dict.Get("N").(Integer)
	first, _ := st.Dict.Get("First").(Integer)
	if first < 0 || int(first) > len(data) {
		return nil, fmt.Errorf("pdf: object stream %d has /First %d outside its data", num, first)
	}
	os := &objectStream{data: data, offsets: map[int]int{}}
	s := NewScanner(data[:first])
	for range int(n) {
		a, err1 := s.Next()
		b, err2 := s.Next()
		if err1 != nil || err2 != nil || a.Kind != IntToken || b.Kind != IntToken {
			return nil, fmt.Errorf("pdf: object stream %d has fewer than its %d objects", num, n)
		}
		obj, _ := strconv.Atoi(string(s.Bytes(a)))
		off, _ := strconv.Atoi(string(s.Bytes(b)))
		os.offsets[obj] = int(first) + off
	}
	f.streams[num] = os
	return os, nil
}

// Resolve follows references until a direct object.
func (f *File) Resolve(o Object) (Object, error) {
	for range 32 {
		r, ok := o.(Ref)
		if !ok {
			return o, nil
		}
		var err error
		if o, err = f.Object(r.Num); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("pdf: a chain of more than 32 references")
}

// Get is the value of key in d, references followed; nil if it cannot be read.
func (f *File) Get(d Dict, key Name) Object {
	o, err := f.Resolve(d.Get(key))
	if err != nil {
		return nil
	}
	return o
}

// Pages is the file's pages in order, read from its page tree: every
// node without /Kids under the catalog's /Pages is a page. A node that
// cannot be read is skipped, and a tree deeper than 64 stops there, so a
// damaged file still gives the pages that can be read.
func (f *File) Pages() []Dict {
	root, _ := f.Get(f.Trailer, "Root").(Dict)
	tree, _ := f.Get(root, "Pages").(Dict)
	var pages []Dict
	var walk func(node Dict, depth int)
	walk = func(node Dict, depth int) {
		kids, ok := f.Get(node, "Kids").(Array)
		if !ok {
			pages = append(pages, node)
			return
		}
		if depth == 64 {
			return
		}
		for _, k := range kids {
			o, err := f.Resolve(k)
			if kid, ok := o.(Dict); err == nil && ok {
				walk(kid, depth+1)
			}
		}
	}
	if tree != nil {
		walk(tree, 0)
	}
	return pages
}

// PageContent is a page's content streams (one, or an array of them),
// each decoded and the next after a newline, as a viewer reads them; an
// entry that is not a stream is skipped.
func (f *File) PageContent(page Dict) ([]byte, error) {
	var streams Array
	switch v := f.Get(page, "Contents").(type) {
	case *Stream:
		streams = Array{v}
	case Array:
		streams = v
	}
	var out bytes.Buffer
	for _, o := range streams {
		st, err := f.Resolve(o)
		if err != nil {
			continue
		}
		s, ok := st.(*Stream)
		if !ok {
			continue
		}
		data, err := f.Decode(s)
		if err != nil {
			return nil, err
		}
		out.Write(data)
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// Decode returns a stream's data with its filters undone. It knows
// FlateDecode, with or without a PNG or TIFF predictor; image filters
// (DCTDecode, JPXDecode…) are left for the viewer and reported as errors.
func (f *File) Decode(st *Stream) ([]byte, error) {
	filter, _ := f.Resolve(st.Dict.Get("Filter"))
	params, _ := f.Resolve(st.Dict.Get("DecodeParms"))
	filters, ok := filter.(Array)
	if !ok && filter != nil {
		filters = Array{filter}
	}
	paramList, ok := params.(Array)
	if !ok {
		paramList = Array{params}
	}
	data := st.Data
	for i, fl := range filters {
		if fl != Name("FlateDecode") && fl != Name("Fl") {
			return nil, fmt.Errorf("the filter %v is not supported", fl)
		}
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		out, err := io.ReadAll(zr)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, err
		}
		var p Dict
		if i < len(paramList) {
			p, _ = paramList[i].(Dict)
		}
		if data, err = unpredict(out, p); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// unpredict undoes a FlateDecode predictor (§7.4.4.4).
func unpredict(data []byte, p Dict) ([]byte, error) {
	pred, _ := p.Get("Predictor").(Integer)
	if pred <= 1 {
		return data, nil
	}
	colors, bpc, columns := 1, 8, 1
	if v, ok := p.Get("Colors").(Integer); ok {
		colors = int(v)
	}
	if v, ok := p.Get("BitsPerComponent").(Integer); ok {
		bpc = int(v)
	}
	if v, ok := p.Get("Columns").(Integer); ok {
		columns = int(v)
	}
	if colors < 1 || bpc < 1 || columns < 1 || colors*bpc*columns > 1<<24 {
		return nil, fmt.Errorf("predictor parameters out of range")
	}
	bpp := max(1, colors*bpc/8)
	rowLen := (colors*bpc*columns + 7) / 8
	if pred == 2 { // TIFF: only 8-bit components, by far the common case
		if bpc != 8 {
			return nil, fmt.Errorf("a TIFF predictor on %d-bit components is not supported", bpc)
		}
		for r := 0; r+rowLen <= len(data); r += rowLen {
			for i := bpp; i < rowLen; i++ {
				data[r+i] += data[r+i-bpp]
			}
		}
		return data, nil
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for r := 0; r+rowLen+1 <= len(data); r += rowLen + 1 {
		typ, row := data[r], data[r+1:r+1+rowLen]
		for i := range row {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = row[i-bpp], prev[i-bpp]
			}
			up := prev[i]
			switch typ {
			case 1:
				row[i] += left
			case 2:
				row[i] += up
			case 3:
				row[i] += byte((int(left) + int(up)) / 2)
			case 4:
				row[i] += paeth(left, up, upLeft)
			}
		}
		out = append(out, row...)
		copy(prev, row)
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
