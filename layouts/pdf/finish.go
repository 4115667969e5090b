package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// gofpdfFile is gofpdf's output read back, to be written out again whole
// or in part with what neither maroto nor gofpdf writes: the document's
// language (/Lang), an outline of bookmarks, the build's dates and a
// stable file identifier. Reading it is simple because gofpdf writes one
// flat page tree (object 1), uncompressed dictionaries and a classic
// cross-reference table; a page's content stream is the object after it.
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
// per page whatever the number of files the page goes into, with writers
// reused, at gofpdf's own level, so the bytes are the ones gofpdf would
// have written.
type gofpdfFile struct {
	data       []byte // gofpdf's file: read, then dropped (nil)
	header     []byte
	start, end map[int]int // byte range of each object in data
	order      []int       // object numbers in file order
	root, info int
	kids       []int      // page objects, in order
	contents   []int      // content stream object of each page
	packed     [][]byte   // each page's content object, compressed, from its dictionary on
	shared     []int      // every other object a file may need (fonts, images), in file order
	images     []xobject  // the images of the resources dictionary
	uses       [][]string // the images each page shows, by name
	mediaBox   string
	resources  string // object 2: fonts and images of every page
	// objects are the pages and shared objects, split at their references
	// so that renumbering them for a file needs no search
	objects map[int]*template

	mu                sync.Mutex
	resourceTemplates map[string]*template
}

// xobject is an image XObject: gofpdf names each /I<hash> in the one
// resources dictionary every page shares.
type xobject struct {
	entry string // " /I<hash> N 0 R" as it stands in the resources
	name  string
	objs  []int // the image and its soft mask, if any
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	rootRE      = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRE      = regexp.MustCompile(`/Info (\d+) 0 R`)
	kidsRE      = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRE       = regexp.MustCompile(`(\d+) 0 R`)
	contentsRE  = regexp.MustCompile(`/Contents (\d+) 0 R`)
	mediaBoxRE  = regexp.MustCompile(`/MediaBox \[[^\]]*\]`)
	xobjectRE   = regexp.MustCompile(`\s*/I([0-9a-f]+) (\d+) 0 R`)
)

func readGofpdf(pdf []byte) (*gofpdfFile, error) {
	f := &gofpdfFile{data: pdf, start: map[int]int{}, end: map[int]int{}}
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		return nil, fmt.Errorf("pdf: no startxref at the end of gofpdf's output")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(pdf) || !bytes.HasPrefix(pdf[xref:], []byte("xref")) {
		return nil, fmt.Errorf("pdf: no xref table at %d", xref)
	}
	nl := bytes.IndexByte(pdf, '\n')
	f.header = bytes.Clone(pdf[:nl+1]) // not a slice of pdf, which is dropped
	tr := bytes.LastIndex(pdf, []byte("trailer"))
	if tr < xref {
		return nil, fmt.Errorf("pdf: no trailer after the xref table")
	}
	tail := pdf[tr:]
	r := rootRE.FindSubmatch(tail)
	if r == nil {
		return nil, fmt.Errorf("pdf: trailer without /Root")
	}
	f.root, _ = strconv.Atoi(string(r[1]))
	if in := infoRE.FindSubmatch(tail); in != nil {
		f.info, _ = strconv.Atoi(string(in[1]))
	}
	// The table: subsections of "first count" then 20-byte entries.
	lines := bytes.Split(pdf[xref:tr], []byte("\n"))
	for i := 1; i < len(lines); {
		hdr := bytes.Fields(lines[i])
		if len(hdr) != 2 {
			break
		}
		first, _ := strconv.Atoi(string(hdr[0]))
		count, _ := strconv.Atoi(string(hdr[1]))
		for k := 0; k < count && i+1+k < len(lines); k++ {
			e := bytes.Fields(lines[i+1+k])
			if len(e) == 3 && string(e[2]) == "n" {
				off, _ := strconv.Atoi(string(e[0]))
				f.start[first+k] = off
				f.order = append(f.order, first+k)
			}
		}
		i += 1 + count
	}
	slices.SortFunc(f.order, func(a, b int) int { return f.start[a] - f.start[b] })
	for i, n := range f.order {
		if i+1 < len(f.order) {
			f.end[n] = f.start[f.order[i+1]]
		} else {
			f.end[n] = xref
		}
	}
	pages, err := f.dict(1)
	if err != nil {
		return nil, err
	}
	km := kidsRE.FindStringSubmatch(pages)
	if km == nil {
		return nil, fmt.Errorf("pdf: object 1 is not gofpdf's page tree")
	}
	f.mediaBox = mediaBoxRE.FindString(pages)
	onPage := map[int]bool{}
	for _, r := range refRE.FindAllStringSubmatch(km[1], -1) {
		n, _ := strconv.Atoi(r[1])
		pd, err := f.dict(n)
		if err != nil {
			return nil, err
		}
		cm := contentsRE.FindStringSubmatch(pd)
		if cm == nil {
			return nil, fmt.Errorf("pdf: page object %d has no contents", n)
		}
		c, _ := strconv.Atoi(cm[1])
		f.kids = append(f.kids, n)
		f.contents = append(f.contents, c)
		onPage[n], onPage[c] = true, true
	}
	for _, n := range f.order {
		if n != 1 && n != 2 && n != f.root && n != f.info && !onPage[n] {
			f.shared = append(f.shared, n)
		}
	}
	if f.resources, err = f.dict(2); err != nil {
		return nil, err
	}
	// gofpdf lists an image once for every time it is placed, under the
	// same name: a dictionary with duplicate keys, which qpdf warns about.
	seen := map[string]bool{}
	f.resources = xobjectRE.ReplaceAllStringFunc(f.resources, func(entry string) string {
		name := xobjectRE.FindStringSubmatch(entry)[1]
		if seen[name] {
			return ""
		}
		seen[name] = true
		return entry
	})
	f.objects = map[int]*template{}
	f.resourceTemplates = map[string]*template{}
	for _, n := range append(slices.Clone(f.kids), f.shared...) {
		f.objects[n] = newTemplate(f.object(n))
	}
	for _, m := range xobjectRE.FindAllStringSubmatch(f.resources, -1) {
		n, _ := strconv.Atoi(m[2])
		f.images = append(f.images, xobject{entry: m[0], name: m[1], objs: f.closure(n)})
	}
	f.packed = make([][]byte, len(f.contents))
	f.uses = make([][]string, len(f.contents))
	// Serially: a packet's runs are drawn in parallel already.
	for i := range f.contents {
		data, err := f.stream(f.contents[i])
		if err != nil {
			return nil, err
		}
		f.packed[i] = packContent(data)
		for _, m := range imageUseRE.FindAllSubmatch(data, -1) {
			f.uses[i] = append(f.uses[i], string(m[1]))
		}
	}
	// gofpdf's file, page contents uncompressed, is the largest thing a
	// render holds; writing needs nothing more from it
	f.data, f.start, f.end, f.order = nil, nil, nil, nil
	return f, nil
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

// object returns object n after its "n 0 obj" line: dictionary, any
// stream, endobj.
func (f *gofpdfFile) object(n int) []byte {
	return f.data[f.start[n]+len(strconv.Itoa(n))+len(" 0 obj") : f.end[n]]
}

// template is an object's bytes cut at each reference ("12 0 R") in its
// dictionary; a stream after the dictionary is kept whole.
type template struct {
	text [][]byte // len(refs)+1 pieces around the references
	refs []int
}

func newTemplate(obj []byte) *template {
	head, stream := obj, []byte(nil)
	if i := bytes.Index(obj, []byte("\nstream\n")); i >= 0 {
		head, stream = obj[:i], obj[i:]
	}
	t := &template{}
	last := 0
	for _, m := range refRE.FindAllSubmatchIndex(head, -1) {
		n, _ := strconv.Atoi(string(head[m[2]:m[3]]))
		t.text = append(t.text, bytes.Clone(head[last:m[0]]))
		t.refs = append(t.refs, n)
		last = m[1]
	}
	tail := bytes.Clone(head[last:])
	t.text = append(t.text, append(tail, stream...))
	return t
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

// resourcesTemplate returns the template of a resources dictionary: there
// are as many as the ways images fall on pages, usually one or two.
func (f *gofpdfFile) resourcesTemplate(resources string) *template {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.resourceTemplates[resources]
	if !ok {
		t = newTemplate([]byte(resources))
		f.resourceTemplates[resources] = t
	}
	return t
}

// size is about the bytes write writes.
func (t *template) size() int {
	n := 16 * len(t.refs)
	for _, b := range t.text {
		n += len(b)
	}
	return n
}

// zlibWriters are reused: a new writer costs more than compressing a page.
var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // gofpdf's level, valid
	return w
}}

// packContent writes a page's content object as gofpdf would with
// compression on, from the dictionary to endobj.
func packContent(data []byte) []byte {
	var z bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&z)
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	zlibWriters.Put(w)
	out := fmt.Appendf(nil, "\n<</Filter /FlateDecode /Length %d>>\nstream\n", z.Len())
	out = append(out, z.Bytes()...)
	return append(out, "\nendstream\nendobj\n"...)
}

// dict returns the dictionary of object n, << … >>, before any stream.
func (f *gofpdfFile) dict(n int) (string, error) {
	s, ok := f.start[n]
	if !ok {
		return "", fmt.Errorf("pdf: object %d is not in the xref table", n)
	}
	obj := f.data[s:f.end[n]]
	head := fmt.Appendf(nil, "%d 0 obj", n)
	if !bytes.HasPrefix(obj, head) {
		return "", fmt.Errorf("pdf: object %d is not where the xref says", n)
	}
	obj = obj[len(head):]
	if i := bytes.Index(obj, []byte("\nstream")); i >= 0 {
		obj = obj[:i]
	} else if i := bytes.LastIndex(obj, []byte("endobj")); i >= 0 {
		obj = obj[:i]
	}
	d := bytes.TrimSpace(obj)
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) {
		return "", fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	return string(d), nil
}

// pdfMeta is the document information of one written file.
type pdfMeta struct {
	document
	marks []outlineEntry // pages counted from the file's first page
}

// write writes pages [from, to) as a complete PDF: the page tree (object
// 1), the resources (2), the pages with their contents, the fonts and the
// images they show, numbered afresh in that order, then the catalog, the
// outline and the document information. A file holds only what it uses,
// so a handout of a long book is as small as a handout of a short one.
func (f *gofpdfFile) write(from, to int, meta pdfMeta, g geometry) ([]byte, error) {
	resources, dropped := f.keepImages(from, to)
	num := map[int]int{1: 1, 2: 2}
	next := 3
	for i := from; i < to; i++ {
		num[f.kids[i]], num[f.contents[i]] = next, next+1
		next += 2
	}
	for _, n := range f.shared {
		if !dropped[n] {
			num[n] = next
			next++
		}
	}
	size := 4096 + len(f.resources)
	for i := from; i < to; i++ {
		size += f.objects[f.kids[i]].size() + len(f.packed[i])
	}
	for _, n := range f.shared {
		size += f.objects[n].size()
	}
	out := bytes.NewBuffer(make([]byte, 0, size))
	// /Lang and the viewer preferences are PDF 1.4; gofpdf says 1.3.
	out.Write(bytes.Replace(f.header, []byte("%PDF-1.3"), []byte("%PDF-1.4"), 1))
	out.WriteString("%\xE2\xE3\xCF\xD3\n") // binary content, as PDF readers expect
	offsets := make([]int, 0, next+8)
	offsets = append(offsets, 0) // object 0, the head of the free list
	obj := func(n int, body string) {
		if n != len(offsets) {
			panic(fmt.Sprintf("pdf: object %d written as number %d", n, len(offsets)))
		}
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	var bad error
	// copyObj writes object n of gofpdf's file under its new number.
	copyObj := func(n int, t *template) {
		offsets = append(offsets, out.Len())
		fmt.Fprintf(out, "%d 0 obj", num[n])
		if missing, ok := t.write(out, num); !ok && bad == nil {
			bad = fmt.Errorf("pdf: pages %d–%d refer to object %d, which is not written with them", from+1, to, missing)
		}
	}
	var res bytes.Buffer
	if missing, ok := f.resourcesTemplate(resources).write(&res, num); !ok {
		return nil, fmt.Errorf("pdf: the resources refer to object %d, which is not written", missing)
	}

	kids := bytes.NewBufferString("[")
	for i := from; i < to; i++ {
		fmt.Fprintf(kids, "%d 0 R ", num[f.kids[i]])
	}
	kids.WriteString("]")
	obj(1, fmt.Sprintf("<< /Type /Pages /Kids %s /Count %d %s >>", kids, to-from, f.mediaBox))
	obj(2, res.String())
	for i := from; i < to; i++ {
		copyObj(f.kids[i], f.objects[f.kids[i]])
		copyObj(f.contents[i], &template{text: [][]byte{f.packed[i]}})
	}
	for _, n := range f.shared {
		if !dropped[n] {
			copyObj(n, f.objects[n])
		}
	}
	if bad != nil {
		return nil, bad
	}

	root := next
	next++
	catalog := fmt.Sprintf("<< /Type /Catalog /Pages 1 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >>", pdfString(meta.lang))
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
			pt := (g.height - it.top) * 72 / 25.4
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

	// The cross-reference table: every number is in use but 0.
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for _, off := range offsets[1:] {
		fmt.Fprintf(out, "%010d 00000 n \n", off)
	}
	// A file identifier from the content: stable across builds, different
	// between files.
	id := md5.Sum(out.Bytes())
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		next, root, info, id, id, xref)
	return out.Bytes(), nil
}

// keepImages returns the resources dictionary for pages [from, to) and the
// objects of the images only other pages show.
func (f *gofpdfFile) keepImages(from, to int) (string, map[int]bool) {
	if len(f.images) == 0 || (from == 0 && to == len(f.kids)) {
		return f.resources, nil
	}
	used := map[string]bool{}
	for i := from; i < to; i++ {
		for _, name := range f.uses[i] {
			used[name] = true
		}
	}
	res := f.resources
	dropped := map[int]bool{}
	for _, img := range f.images {
		if used[img.name] {
			continue
		}
		for _, n := range img.objs {
			dropped[n] = true
		}
		res = strings.Replace(res, img.entry, "", 1)
	}
	return res, dropped
}

var imageUseRE = regexp.MustCompile(`/I([0-9a-f]+) Do`)

// stream returns the decoded data of a stream object.
func (f *gofpdfFile) stream(n int) ([]byte, error) {
	obj := f.data[f.start[n]:f.end[n]]
	i := bytes.Index(obj, []byte("stream\n"))
	j := bytes.LastIndex(obj, []byte("endstream"))
	if i < 0 || j < i+7 {
		return nil, fmt.Errorf("pdf: object %d is not a stream", n)
	}
	raw := obj[i+7 : j]
	if !bytes.Contains(obj[:i], []byte("/FlateDecode")) {
		return bytes.TrimSuffix(raw, []byte("\n")), nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("pdf: object %d: %w", n, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
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
