package pdf

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/internal/deflate"
	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
	"github.com/companion-dev/companion/layouts/pdf/tagged"
)

// gofpdfFile is gofpdf's output read back, to be written out again whole
// or in part with what neither maroto nor gofpdf writes: the document's
// language (/Lang), an outline of bookmarks, the build's dates and a
// stable file identifier. It is read with pdfobj's tokenizer, so that a
// string or a stream holding "1 0 R" is never taken for a reference.
// gofpdf writes one flat page tree (object 1), the resources every page
// shares (object 2), uncompressed dictionaries back to back and a classic
// cross-reference table: an object ends where the next begins.
//
// Writing a part of the file is how a packet becomes its handouts: the
// packet is drawn once (in runs, joined by joinRuns into one gofpdfFile),
// and each handout is its pages with
// the fonts and resources they share, its objects numbered afresh. pdfcpu
// could merge or split files, but its writer stamps the wall clock into
// them.
//
// gofpdf is told not to compress page contents (it makes a new zlib writer,
// hundreds of kilobytes, for every page); they are compressed here, once
// per page whatever the number of files the page goes into, by the
// compressor every output shares (internal/deflate).
type gofpdfFile struct {
	header     []byte
	root, info int
	kids       []int            // page objects, in order
	contents   []int            // content stream object of each page
	packed     [][]byte         // each page's content object, compressed, from its dictionary on
	shared     []int            // every other object a file may need (fonts, images), in file order
	images     []xobject        // the images of the resources dictionary
	uses       [][]pdfobj.Name  // the images each page shows, by name
	marked     [][]*tagged.Elem // each page's structure elements, by MCID
	mediaBox   string
	resources  pdfobj.Dict // object 2: fonts and images of every page
	// fontKeys maps gofpdf's name for each font ("utf8" and the family
	// SetFont knows it by), which nameSubsets replaces in the file, to
	// the font's name in the resources
	fontKeys map[string]pdfobj.Name
	// objects are the pages and shared objects, split at their references
	// so that renumbering them for a file needs no search
	objects map[int]*template
	// sums are the digests of shared objects, for the file identifiers
	// of the files that hold them (see fileID)
	sums sync.Map // object number → [md5.Size]byte
}

// xobject is an image XObject: gofpdf names each /I<hash> in the one
// resources dictionary every page shares.
type xobject struct {
	name pdfobj.Name
	objs []int // the image and its soft mask, if any
}

// readGofpdf reads the file gofpdf wrote. A page magnified onto the paper
// (scale, in large print) is drawn by gofpdf at the page's size: its
// media box becomes the paper's and its content is magnified to fill it.
func readGofpdf(pdf []byte, scale float64) (*gofpdfFile, error) {
	pf, err := pdfobj.Open(pdf)
	if err != nil {
		return nil, err
	}
	f := &gofpdfFile{}
	nl := bytes.IndexByte(pdf, '\n')
	f.header = bytes.Clone(pdf[:nl+1]) // not a slice of pdf, which is dropped
	root, ok := pf.Trailer.Get("Root").(pdfobj.Ref)
	if !ok {
		return nil, fmt.Errorf("pdf: trailer without /Root")
	}
	f.root = root.Num
	if info, ok := pf.Trailer.Get("Info").(pdfobj.Ref); ok {
		f.info = info.Num
	}
	// Where each object starts and ends: gofpdf writes them one after the
	// other, the cross-reference table after the last.
	var order []int // object numbers in file order
	start := map[int]int{}
	for _, n := range pf.Numbers() {
		off, ok := pf.Offset(n)
		if !ok {
			return nil, fmt.Errorf("pdf: object %d is in an object stream, which gofpdf does not write", n)
		}
		start[n] = off
		order = append(order, n)
	}
	slices.SortFunc(order, func(a, b int) int { return start[a] - start[b] })
	xref := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	end := map[int]int{}
	for i, n := range order {
		end[n] = xref
		if i+1 < len(order) {
			end[n] = start[order[i+1]]
		}
	}
	// body is object n after its "n 0 obj": dictionary, any stream and
	// endobj, as gofpdf wrote them.
	body := func(n int) ([]byte, error) {
		s := pdfobj.NewScanner(pdf[:end[n]])
		s.Seek(start[n])
		r, err := s.ReadHeader()
		if err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", n, err)
		}
		if r.Num != n {
			return nil, fmt.Errorf("pdf: object %d is where the xref puts %d", r.Num, n)
		}
		return pdf[s.Pos():end[n]], nil
	}
	objs := map[int]*pdfobj.Indirect{} // the objects read whole
	read := func(n int) (*pdfobj.Indirect, error) {
		if o, ok := objs[n]; ok {
			return o, nil
		}
		off, ok := start[n]
		if !ok {
			return nil, fmt.Errorf("pdf: object %d is not in the xref table", n)
		}
		o, err := pf.ReadAt(off)
		if err != nil {
			return nil, err
		}
		if o.Ref.Num != n {
			return nil, fmt.Errorf("pdf: object %d is where the xref puts %d", o.Ref.Num, n)
		}
		objs[n] = o
		return o, nil
	}
	dict := func(n int) (pdfobj.Dict, error) {
		o, err := read(n)
		if err != nil {
			return nil, err
		}
		d, ok := o.Value.(pdfobj.Dict)
		if !ok {
			return nil, fmt.Errorf("pdf: object %d is not a dictionary", n)
		}
		return d, nil
	}
	pages, err := dict(1)
	if err != nil {
		return nil, err
	}
	kids, ok := pages.Get("Kids").(pdfobj.Array)
	if !ok || pages.Get("Type") != pdfobj.Name("Pages") {
		return nil, fmt.Errorf("pdf: object 1 is not gofpdf's page tree")
	}
	if f.mediaBox, err = mediaBox(pages.Get("MediaBox"), scale); err != nil {
		return nil, err
	}
	onPage := map[int]bool{}
	for _, k := range kids {
		r, ok := k.(pdfobj.Ref)
		if !ok {
			return nil, fmt.Errorf("pdf: the page tree lists %v, not a page", k)
		}
		pd, err := dict(r.Num)
		if err != nil {
			return nil, err
		}
		c, ok := pd.Get("Contents").(pdfobj.Ref)
		if !ok {
			return nil, fmt.Errorf("pdf: page object %d has no contents", r.Num)
		}
		f.kids = append(f.kids, r.Num)
		f.contents = append(f.contents, c.Num)
		onPage[r.Num], onPage[c.Num] = true, true
	}
	for _, n := range order {
		if n != 1 && n != 2 && n != f.root && n != f.info && !onPage[n] {
			f.shared = append(f.shared, n)
		}
	}
	if f.resources, err = dict(2); err != nil {
		return nil, err
	}
	f.objects = map[int]*template{}
	for _, n := range append(slices.Clone(f.kids), f.shared...) {
		b, err := body(n)
		if err != nil {
			return nil, err
		}
		if f.objects[n], err = newTemplate(b); err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", n, err)
		}
	}
	if err := f.nameSubsets(pf); err != nil {
		return nil, err
	}
	// gofpdf lists an image once for every time it is placed, under the
	// same name: a dictionary with duplicate keys, which qpdf warns about.
	xobjects, _ := f.resources.Get("XObject").(pdfobj.Dict)
	var unique pdfobj.Dict
	for _, e := range xobjects {
		r, ok := e.Value.(pdfobj.Ref)
		if !ok {
			return nil, fmt.Errorf("pdf: the resources list the image /%s as %v, not a reference", e.Key, e.Value)
		}
		if unique.Has(e.Key) {
			continue
		}
		unique = append(unique, e)
		f.images = append(f.images, xobject{name: e.Key, objs: f.closure(r.Num)})
	}
	if xobjects != nil {
		f.resources = slices.Clone(f.resources).Set("XObject", unique)
	}
	f.packed = make([][]byte, len(f.contents))
	f.uses = make([][]pdfobj.Name, len(f.contents))
	contents := make([][]byte, len(f.contents))
	for i, c := range f.contents {
		o, err := read(c)
		if err != nil {
			return nil, err
		}
		st, ok := o.Value.(*pdfobj.Stream)
		if !ok {
			return nil, fmt.Errorf("pdf: object %d is not a stream", c)
		}
		if contents[i], err = pf.Decode(st); err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", c, err)
		}
	}
	// The pages are compressed in parallel: the last document of a
	// render (a packet's last run, or its cover) is drawn alone.
	err = parallel.ForEach(context.Background(), len(contents), func(i int) error {
		data := contents[i]
		if scale != 1 {
			data = slices.Concat(fmt.Appendf(nil, "q %.5f 0 0 %.5f 0 0 cm\n", scale, scale), data, []byte("\nQ\n"))
		}
		f.packed[i] = packContent(data)
		var err error
		if f.uses[i], err = imagesShown(data); err != nil {
			return fmt.Errorf("pdf: the content of page %d: %w", i+1, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// gofpdf's file, page contents uncompressed, is the largest thing a
	// render holds: nothing here keeps a slice of it.
	return f, nil
}

// mediaBox writes the page tree's /MediaBox entry as gofpdf does, with two
// decimals, scale times as large.
func mediaBox(o pdfobj.Object, scale float64) (string, error) {
	box, ok := o.(pdfobj.Array)
	if !ok || len(box) != 4 {
		return "", fmt.Errorf("pdf: the page tree has no /MediaBox of four numbers")
	}
	b := []byte("/MediaBox [")
	for i, v := range box {
		if i > 0 {
			b = append(b, ' ')
		}
		switch n := v.(type) {
		case pdfobj.Integer:
			if scale != 1 {
				b = strconv.AppendFloat(b, float64(n)*scale, 'f', 2, 64)
				break
			}
			b = strconv.AppendInt(b, int64(n), 10)
		case pdfobj.Real:
			n *= pdfobj.Real(scale)
			b = strconv.AppendFloat(b, float64(n), 'f', 2, 64)
		default:
			return "", fmt.Errorf("pdf: the /MediaBox holds %v, not a number", v)
		}
	}
	return string(append(b, ']')), nil
}

// imagesShown is the names of the XObjects a page's content shows, in
// order: the operands of its Do operators.
func imagesShown(content []byte) ([]pdfobj.Name, error) {
	if !bytes.Contains(content, []byte("Do")) { // most pages: text and rules only
		return nil, nil
	}
	var names []pdfobj.Name
	s := pdfobj.NewScanner(content)
	var prev pdfobj.Token
	for {
		t, err := s.Next()
		if err != nil {
			return nil, err
		}
		switch t.Kind {
		case pdfobj.EOF:
			return names, nil
		case pdfobj.KeywordToken:
			switch string(s.Bytes(t)) {
			case "Do":
				if prev.Kind == pdfobj.NameToken {
					names = append(names, pdfobj.Name(s.Bytes(prev)[1:]))
				}
			case "BI":
				if _, err := s.InlineImage(); err != nil {
					return nil, err
				}
			}
		}
		prev = t
	}
}

// closure is object n and every object it refers to, directly or not: an
// image, its soft mask and its palette.
func (f *gofpdfFile) closure(n int) []int {
	seen := map[int]bool{}
	var out []int
	var visit func(n int)
	visit = func(n int) {
		t, ok := f.objects[n]
		if seen[n] || !ok {
			return
		}
		seen[n] = true
		out = append(out, n)
		for _, r := range t.refs {
			visit(r)
		}
	}
	visit(n)
	return out
}

// template is an object's bytes cut at each reference ("12 0 R") in its
// dictionary; a stream after the dictionary is kept whole.
type template struct {
	text [][]byte // len(refs)+1 pieces around the references
	refs []int
}

// newTemplate cuts obj, the bytes after "n 0 obj", at the references the
// tokenizer finds before any stream: a string or a stream that holds
// "1 0 R" is not cut.
func newTemplate(obj []byte) (*template, error) {
	t := &template{}
	var back [2]pdfobj.Token // the two tokens before the current one
	last := 0
	var bad error
	err := pdfobj.Head(obj, func(s *pdfobj.Scanner, tok pdfobj.Token) bool {
		if tok.Kind == pdfobj.KeywordToken && string(s.Bytes(tok)) == "R" &&
			back[0].Kind == pdfobj.IntToken && back[1].Kind == pdfobj.IntToken {
			n, err := strconv.Atoi(string(s.Bytes(back[0])))
			if err != nil {
				bad = fmt.Errorf("a reference to object %s", s.Bytes(back[0]))
				return false
			}
			t.text = append(t.text, bytes.Clone(obj[last:back[0].Start]))
			t.refs = append(t.refs, n)
			last = tok.End
			back = [2]pdfobj.Token{}
			return true
		}
		back[0], back[1] = back[1], tok
		return true
	})
	if err != nil {
		return nil, err
	}
	if bad != nil {
		return nil, bad
	}
	t.text = append(t.text, bytes.Clone(obj[last:]))
	return t, nil
}

// withEntry returns the template of a dictionary with entry (a key and
// its value) added first, after the "<<" that opens it.
func (t *template) withEntry(entry string) (*template, error) {
	s := pdfobj.NewScanner(t.text[0])
	tok, err := s.Next()
	if err != nil {
		return nil, err
	}
	if tok.Kind != pdfobj.DictStart {
		return nil, fmt.Errorf("a %s where a dictionary should start", tok.Kind)
	}
	first := append(append(bytes.Clone(t.text[0][:tok.End]), entry...), t.text[0][tok.End:]...)
	return &template{text: append([][]byte{first}, t.text[1:]...), refs: t.refs}, nil
}

// renumber returns the template with its references renumbered by num,
// or reports the first reference num lacks.
func (t *template) renumber(num map[int]int) (*template, error) {
	c := &template{text: t.text, refs: make([]int, len(t.refs))}
	for i, r := range t.refs {
		n, ok := num[r]
		if !ok {
			return nil, fmt.Errorf("pdf: a reference to object %d, which is not copied", r)
		}
		c.refs[i] = n
	}
	return c, nil
}

// write writes the object with its references renumbered by num, or
// reports the first reference num lacks.
func (t *template) write(w *bytes.Buffer, num map[int]int) (missing int, ok bool) {
	for i, r := range t.refs {
		w.Write(t.text[i])
		n, found := num[r]
		if !found {
			return r, false
		}
		w.WriteString(strconv.Itoa(n))
		w.WriteString(" 0 R")
	}
	w.Write(t.text[len(t.text)-1])
	return 0, true
}

// renumbered is o with every reference in it renumbered by num, or the
// first reference num lacks.
func renumbered(o pdfobj.Object, num map[int]int) (pdfobj.Object, int, bool) {
	switch v := o.(type) {
	case pdfobj.Ref:
		n, ok := num[v.Num]
		if !ok {
			return nil, v.Num, false
		}
		return pdfobj.Ref{Num: n, Gen: v.Gen}, 0, true
	case pdfobj.Array:
		out := make(pdfobj.Array, len(v))
		for i, e := range v {
			r, missing, ok := renumbered(e, num)
			if !ok {
				return nil, missing, false
			}
			out[i] = r
		}
		return out, 0, true
	case pdfobj.Dict:
		out := make(pdfobj.Dict, len(v))
		for i, e := range v {
			r, missing, ok := renumbered(e.Value, num)
			if !ok {
				return nil, missing, false
			}
			out[i] = pdfobj.Entry{Key: e.Key, Value: r}
		}
		return out, 0, true
	}
	return o, 0, true
}

// extraContents stands, in write's numbering, for the content stream a
// file adds to page i: not an object of gofpdf's, whose numbers are
// positive.
func extraContents(i int) int { return -1 - i }

// linkAnnotation stands, in write's numbering, for link k of page i.
func linkAnnotation(i, k int) int { return -1<<40 - i<<16 - k }

// withAnnots is a page's template with link annotations: /Annots [refs],
// in tab order /S.
func (t *template) withAnnots(refs []int) *template {
	last := t.text[len(t.text)-1]
	end := bytes.LastIndex(last, []byte(">>"))
	if end < 0 {
		panic("pdf: a page object that is not a dictionary") // readGofpdf read it as one
	}
	c := &template{refs: append(slices.Clip(t.refs), refs...)}
	c.text = append(c.text, t.text[:len(t.text)-1]...)
	// PDF/UA: the tab order of a page's links follows its structure.
	c.text = append(c.text, append(slices.Clip(last[:end]), " /Tabs /S /Annots ["...))
	for range refs[1:] {
		c.text = append(c.text, []byte(" "))
	}
	c.text = append(c.text, append([]byte("]"), last[end:]...))
	return c
}

// dict is the annotation's object: a link to a web address, or to the
// page object numbered dest, scrolled to the anchor's top; structParent
// is its key in the structure tree's ParentTree.
func (a annotation) dict(g geometry, dest string, structParent int) string {
	pt := g.pt
	var b strings.Builder
	fmt.Fprintf(&b, "<< /Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /Contents %s /StructParent %d",
		pt(a.x), pt(g.height-a.y-a.h), pt(a.x+a.w), pt(g.height-a.y), pdfString(a.text), structParent)
	if dest != "" {
		fmt.Fprintf(&b, " /Dest [%s 0 R /XYZ null %.2f null] >>", dest, pt(g.height-a.top))
	} else {
		fmt.Fprintf(&b, " /A << /S /URI /URI %s >> >>", pdfASCII(a.dest))
	}
	return b.String()
}

// pdfASCII writes a URI as a PDF string: 7-bit ASCII, as /URI must be,
// with anything else percent-encoded.
func pdfASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return pdfString(b.String())
}

// withContents is a page's template with a second content stream drawn
// after its own: /Contents [contents extra].
func (t *template) withContents(contents, extra int) *template {
	for k, r := range t.refs {
		if r != contents {
			continue
		}
		c := &template{}
		c.text = append(c.text, t.text[:k]...)
		c.text = append(c.text, append(slices.Clip(t.text[k]), '['), []byte(" "), append([]byte("]"), t.text[k+1]...))
		c.text = append(c.text, t.text[k+2:]...)
		c.refs = append(c.refs, t.refs[:k]...)
		c.refs = append(c.refs, contents, extra)
		c.refs = append(c.refs, t.refs[k+1:]...)
		return c
	}
	panic(fmt.Sprintf("pdf: a page without /Contents %d 0 R", contents)) // readGofpdf found it on every page
}

// size is about the bytes write writes.
func (t *template) size() int {
	n := 16 * len(t.refs)
	for _, b := range t.text {
		n += len(b)
	}
	return n
}

// packContent writes a page's content object as gofpdf would with
// compression on, from the dictionary to endobj.
func packContent(data []byte) []byte {
	z := deflate.Zlib(data)
	const head, tail = "\n<</Filter /FlateDecode /Length ", ">>\nstream\n"
	const end = "\nendstream\nendobj\n"
	out := make([]byte, 0, len(head)+10+len(tail)+len(z)+len(end))
	out = strconv.AppendInt(append(out, head...), int64(len(z)), 10)
	out = append(append(out, tail...), z...)
	return append(out, end...)
}

// pdfMeta is the document information of one written file.
type pdfMeta struct {
	document
	marks []outlineEntry // pages counted from the file's first page
	// extra is content each page of the file draws after its own, nil for
	// none: what differs between the files a page goes into (folio.go).
	extra [][]byte
	// links are each page's link annotations.
	links [][]annotation
	// treeMade, if set, is called once the file's structure tree is
	// made, before the file's bytes are gathered.
	treeMade func()
}

// write writes pages [from, to) as a complete PDF: the page tree (object
// 1), the resources (2), the pages with their contents, the fonts and the
// images they show, numbered afresh in that order, then the structure
// tree of those pages (in object streams), the XMP metadata, the catalog,
// the outline, the document information and the cross-reference stream.
// A file holds only what it uses,
// so a handout of a long book is as small as a handout of a short one.
func (f *gofpdfFile) write(from, to int, meta pdfMeta, g geometry) ([]byte, error) {
	resources, dropped := f.keepImages(from, to)
	num := map[int]int{1: 1, 2: 2}
	next := 3
	extra := func(i int) []byte {
		if i-from < len(meta.extra) {
			return meta.extra[i-from]
		}
		return nil
	}
	links := func(i int) []annotation {
		if i-from < len(meta.links) {
			return meta.links[i-from]
		}
		return nil
	}
	// Each page, its contents, the content the file adds and its links, in
	// the order they are written.
	for i := from; i < to; i++ {
		num[f.kids[i]], num[f.contents[i]] = next, next+1
		next += 2
		if extra(i) != nil {
			num[extraContents(i)] = next
			next++
		}
		for k := range links(i) {
			num[linkAnnotation(i, k)] = next
			next++
		}
	}
	for _, n := range f.shared {
		if !dropped[n] {
			num[n] = next
			next++
		}
	}
	// The structure tree of the pages (package tagged), numbered after
	// the objects gofpdf wrote, is made before the file: a packet's tree
	// is a few hundred thousand small objects, gone once they are packed.
	var objrs []tagged.Annot // the link annotations, for the structure tree
	for i := from; i < to; i++ {
		for k, a := range links(i) {
			objrs = append(objrs, tagged.Annot{Elem: a.tag, Page: i - from, Obj: num[linkAnnotation(i, k)]})
		}
	}
	pageObj := make([]int, to-from)
	for i := range pageObj {
		pageObj[i] = num[f.kids[from+i]]
	}
	tree := tagged.Build(f.marked[from:to], objrs, pageObj, next)
	// A packet has thousands of structure elements, small dictionaries
	// that compress well together: they go into object streams (PDF 1.5),
	// a few hundred to a stream, so that a reader inflates little to
	// reach one. Their numbers come first, then the streams'.
	// Element firstElem+i is object i%objStmSize of stream i/objStmSize:
	// worked out where the cross-reference needs it, not kept by number
	// (a map by number of a 7,000-page packet's elements held 13 MB).
	firstElem, elems := next, tree.Len
	next += elems
	type objStm struct {
		num  int
		dict string // up to "stream\n"
		data []byte // compressed
	}
	var streams []objStm
	size := 4096
	var head, body []byte
	n := 0 // objects in the stream being filled
	pack := func() {
		stm := next
		next++
		data := deflate.Zlib(append(head, body...))
		st := objStm{stm, fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n",
			n, len(head), len(data)), data}
		streams = append(streams, st)
		size += len(st.dict) + len(st.data) + 48
		head, body, n = head[:0], body[:0], 0
	}
	tree.Write(func(o []byte) {
		head = strconv.AppendInt(head, int64(firstElem+len(streams)*objStmSize+n), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(len(body)), 10)
		head = append(head, ' ')
		body = append(append(body, o...), '\n')
		if n++; n == objStmSize {
			pack()
		}
	})
	if n > 0 {
		pack()
	}
	if meta.treeMade != nil {
		meta.treeMade()
	}
	for i := from; i < to; i++ {
		size += f.objects[f.kids[i]].size() + len(f.packed[i]) + 64 + 256*len(links(i))
	}
	for _, n := range f.shared {
		size += f.objects[n].size()
	}
	size += 256*len(meta.marks) + 7*(next+len(meta.marks)+8)
	// The estimate falls short by up to 2% (a handout's links and
	// bookmarks run longer): a sixteenth more spares the buffer a doubling,
	// and copying the file whole.
	size += size / 16
	out := bytes.NewBuffer(make([]byte, 0, size))
	// PDF/UA-1 is built on PDF 1.7, whose tagging the file uses; gofpdf
	// says 1.3.
	out.Write(bytes.Replace(f.header, []byte("%PDF-1.3"), []byte("%PDF-1.7"), 1))
	out.WriteString("%\xE2\xE3\xCF\xD3\n") // binary content, as PDF readers expect
	offsets := make([]int, 0, next+8)
	offsets = append(offsets, 0) // object 0, the head of the free list
	// begin starts object n: its offset and "n 0 obj".
	var scratch []byte
	begin := func(n int) {
		offsets = append(offsets, out.Len())
		scratch = strconv.AppendInt(scratch[:0], int64(n), 10)
		out.Write(scratch)
		out.WriteString(" 0 obj")
	}
	// obj writes object n, the next in order: body and, for a stream
	// (body ending in "stream\n"), its data.
	obj := func(n int, body string, data ...byte) {
		if n != len(offsets) {
			panic(fmt.Sprintf("pdf: object %d written as number %d", n, len(offsets)))
		}
		begin(n)
		out.WriteByte('\n')
		out.WriteString(body)
		if data != nil {
			out.Write(data)
			out.WriteString("\nendstream")
		}
		out.WriteString("\nendobj\n")
	}
	var bad error
	// copyObj writes object n of gofpdf's file under its new number.
	copyObj := func(n int, t *template) {
		begin(num[n])
		if missing, ok := t.write(out, num); !ok && bad == nil {
			bad = fmt.Errorf("pdf: pages %d–%d refer to object %d, which is not written with them", from+1, to, missing)
		}
	}
	id := fileID{h: md5.New()}
	// standIn writes object n of gofpdf's file as copyObj does, the
	// file identifier reading sum instead of its bytes.
	standIn := func(n int, t *template, sum []byte) {
		begin(num[n])
		id.upTo(out)
		start := out.Len()
		if missing, ok := t.write(out, num); !ok && bad == nil {
			bad = fmt.Errorf("pdf: pages %d–%d refer to object %d, which is not written with them", from+1, to, missing)
		}
		id.skip(out, start, sum)
	}
	res, missing, ok := renumbered(resources, num)
	if !ok {
		return nil, fmt.Errorf("pdf: the resources refer to object %d, which is not written", missing)
	}

	kids := bytes.NewBufferString("[")
	for i := from; i < to; i++ {
		fmt.Fprintf(kids, "%d 0 R ", num[f.kids[i]])
	}
	kids.WriteString("]")
	obj(1, fmt.Sprintf("<< /Type /Pages /Kids %s /Count %d %s >>", kids, to-from, f.mediaBox))
	obj(2, string(pdfobj.Append(nil, res)))
	annot := 0 // the annotations' index in objrs
	for i := from; i < to; i++ {
		page, err := f.objects[f.kids[i]].withEntry(fmt.Sprintf("/StructParents %d\n", i-from))
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
		x := extra(i)
		if x != nil {
			page = page.withContents(f.contents[i], extraContents(i))
		}
		ls := links(i)
		if len(ls) > 0 {
			var refs []int
			for k := range ls {
				refs = append(refs, linkAnnotation(i, k))
			}
			page = page.withAnnots(refs)
		}
		copyObj(f.kids[i], page)
		standIn(f.contents[i], &template{text: [][]byte{f.packed[i]}}, contentSum(f.packed[i]))
		if x != nil {
			copyObj(extraContents(i), &template{text: [][]byte{packContent(x)}})
		}
		for k, a := range ls {
			dest := ""
			if a.page >= 0 {
				dest = strconv.Itoa(num[f.kids[from+a.page]])
			}
			obj(num[linkAnnotation(i, k)], a.dict(g, dest, (to-from)+annot))
			annot++
		}
	}
	for _, n := range f.shared {
		if !dropped[n] {
			standIn(n, f.objects[n], f.sum(n))
		}
	}
	if bad != nil {
		return nil, bad
	}
	for range elems {
		offsets = append(offsets, 0) // in an object stream
	}
	for _, st := range streams {
		obj(st.num, st.dict, st.data...)
	}
	xmp := xmpPacket(meta.document)
	metadata := next
	next++
	obj(metadata, fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream", len(xmp), xmp))

	root := next
	next++
	catalog := fmt.Sprintf("<< /Type /Catalog /Pages 1 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >>"+
		" /MarkInfo << /Marked true >> /StructTreeRoot %d 0 R /Metadata %d 0 R",
		pdfString(meta.lang), tree.Root, metadata)
	var outline []string // the outline's objects, numbered from root+1
	if len(meta.marks) > 0 {
		items := buildOutline(meta.marks)
		top := next
		next++
		var all []*outlineItem
		var number func([]*outlineItem)
		number = func(list []*outlineItem) {
			for _, it := range list {
				it.num = next
				next++
				all = append(all, it)
				number(it.kids)
			}
		}
		number(items)
		outline = append(outline, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>",
			items[0].num, items[len(items)-1].num, len(items)))
		for _, it := range all {
			if it.page < 0 || it.page >= to-from {
				return nil, fmt.Errorf("pdf: bookmark %q points at page %d of %d", it.title, it.page+1, to-from)
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfString(it.title), parentNum(it, top))
			if it.prev != nil {
				fmt.Fprintf(&b, " /Prev %d 0 R", it.prev.num)
			}
			if it.next != nil {
				fmt.Fprintf(&b, " /Next %d 0 R", it.next.num)
			}
			if len(it.kids) > 0 {
				fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", it.kids[0].num, it.kids[len(it.kids)-1].num, -len(it.kids))
			}
			pt := g.pt(g.height - it.top)
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ null %.2f null] >>", num[f.kids[from+it.page]], pt)
			outline = append(outline, b.String())
		}
		catalog += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", top)
	}
	obj(root, catalog+" >>")
	for i, o := range outline {
		obj(root+1+i, o)
	}
	info := next
	next++
	obj(info, infoDict(meta.document))

	id.upTo(out)
	var sum [md5.Size]byte
	id.h.Sum(sum[:0])
	// The cross-reference stream, which object streams need: every number
	// is in use but 0; a row is 1, the offset and 0 for an object written
	// as is, 2, the object stream and the index for one inside a stream.
	xrefNum := next
	next++
	xref := out.Len()
	offsets = append(offsets, xref)
	rows := make([]byte, 0, 7*next)
	rows = append(rows, 0, 0, 0, 0, 0, 0xFF, 0xFF)
	be := func(v, n int) {
		for k := n - 1; k >= 0; k-- {
			rows = append(rows, byte(v>>(8*k)))
		}
	}
	for n := 1; n < next; n++ {
		if i := n - firstElem; i >= 0 && i < elems {
			rows = append(rows, 2)
			be(streams[i/objStmSize].num, 4)
			be(i%objStmSize, 2)
			continue
		}
		rows = append(rows, 1)
		be(offsets[n], 4)
		be(0, 2)
	}
	data := deflate.Zlib(rows)
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] /Filter /FlateDecode /Length %d >>\nstream\n",
		xrefNum, next, root, info, sum, sum, len(data))
	out.Write(data)
	fmt.Fprintf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// fileID is a file's identifier, a digest of its content: stable across
// builds, different between files. Most of a file's bytes are its pages'
// compressed contents and the fonts and images it shares with the other
// files of its packet: a page goes into two files (its packet and its
// handout) and a font into a dozen. Their bytes are each read for a digest
// once, where they are made, and the identifier reads the digest: it
// reads what identifies a file's bytes, not each file's bytes again.
type fileID struct {
	h    hash.Hash
	done int // the bytes of the file read so far
}

// upTo reads the file's bytes written since the last call.
func (id *fileID) upTo(out *bytes.Buffer) {
	id.h.Write(out.Bytes()[id.done:])
	id.done = out.Len()
}

// skip reads sum instead of the file's bytes from start on.
func (id *fileID) skip(out *bytes.Buffer, start int, sum []byte) {
	id.h.Write(out.Bytes()[id.done:start])
	id.h.Write(sum)
	id.done = out.Len()
}

// contentSum identifies a page's content object (packContent): by its
// length and the Adler-32 of its uncompressed content, which the zlib
// stream already ends with.
func contentSum(packed []byte) []byte {
	const end = len("\nendstream\nendobj\n")
	if len(packed) < end+4 {
		return packed
	}
	return binary.BigEndian.AppendUint64(slices.Clone(packed[len(packed)-end-4:len(packed)-end]), uint64(len(packed)))
}

// sum is the digest of shared object n's bytes as gofpdf wrote them,
// computed once for all the files that hold it.
func (f *gofpdfFile) sum(n int) []byte {
	if s, ok := f.sums.Load(n); ok {
		s := s.([md5.Size]byte)
		return s[:]
	}
	h := md5.New()
	t := f.objects[n]
	for i, b := range t.text {
		h.Write(b)
		if i < len(t.refs) {
			// The object it refers to, whatever number it has in a file.
			h.Write(binary.BigEndian.AppendUint64(nil, uint64(t.refs[i])))
		}
	}
	var s [md5.Size]byte
	h.Sum(s[:0])
	f.sums.Store(n, s)
	return s[:]
}

// objStmSize is the most objects an object stream holds.
const objStmSize = 400

// keepImages returns the resources dictionary for pages [from, to) and the
// objects of the images only other pages show.
func (f *gofpdfFile) keepImages(from, to int) (pdfobj.Dict, map[int]bool) {
	if len(f.images) == 0 || (from == 0 && to == len(f.kids)) {
		return f.resources, nil
	}
	used := map[pdfobj.Name]bool{}
	for i := from; i < to; i++ {
		for _, name := range f.uses[i] {
			used[name] = true
		}
	}
	var kept pdfobj.Dict
	dropped := map[int]bool{}
	xobjects, _ := f.resources.Get("XObject").(pdfobj.Dict)
	for _, img := range f.images {
		if used[img.name] {
			kept = append(kept, pdfobj.Entry{Key: img.name, Value: xobjects.Get(img.name)})
			continue
		}
		for _, n := range img.objs {
			dropped[n] = true
		}
	}
	return slices.Clone(f.resources).Set("XObject", kept), dropped
}

// infoDict is the document information dictionary.
func infoDict(d document) string {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, kv := range [][2]string{
		{"Title", d.title}, {"Author", d.author}, {"Subject", d.subject},
		{"Keywords", d.keywords}, {"Creator", d.creator}, {"Producer", d.creator},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], pdfString(kv[1]))
		}
	}
	stamp := pdfString("D:" + d.date.UTC().Format("20060102150405") + "Z")
	fmt.Fprintf(&b, " /CreationDate %s /ModDate %s >>", stamp, stamp)
	return b.String()
}

type outlineItem struct {
	outlineEntry
	num        int
	parent     *outlineItem
	prev, next *outlineItem
	kids       []*outlineItem
}

func parentNum(it *outlineItem, root int) int {
	if it.parent != nil {
		return it.parent.num
	}
	return root
}

// buildOutline nests entries by level: a level-1 entry belongs to the
// level-0 entry before it.
func buildOutline(marks []outlineEntry) []*outlineItem {
	var top []*outlineItem
	var last *outlineItem
	link := func(list []*outlineItem, it *outlineItem) []*outlineItem {
		if n := len(list); n > 0 {
			list[n-1].next, it.prev = it, list[n-1]
		}
		return append(list, it)
	}
	for _, m := range marks {
		it := &outlineItem{outlineEntry: m}
		if m.level > 0 && last != nil {
			it.parent = last
			last.kids = link(last.kids, it)
			continue
		}
		top = link(top, it)
		last = it
	}
	return top
}

// pdfString writes a PDF text string: literal when printable ASCII, else
// UTF-16BE with a byte order mark, so titles keep accents and curly quotes.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 0x7F || r < 0x20 {
			ascii = false
			break
		}
	}
	var b bytes.Buffer
	if ascii {
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}
