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
// packet is laid out and rendered once, and each handout is its pages with
// the fonts and resources they share. pdfcpu could merge or split files,
// but its writer stamps the wall clock into them.
type gofpdfFile struct {
	data       []byte
	header     []byte
	start, end map[int]int // byte range of each object
	order      []int       // object numbers in file order
	size       int
	root, info int
	kids       []int // page objects, in order
	contents   []int // content stream object of each page
	mediaBox   string
	resources  string // object 2: fonts and images of every page
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
	rootRE      = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRE      = regexp.MustCompile(`/Info (\d+) 0 R`)
	kidsRE      = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRE       = regexp.MustCompile(`(\d+) 0 R`)
	contentsRE  = regexp.MustCompile(`/Contents (\d+) 0 R`)
	mediaBoxRE  = regexp.MustCompile(`/MediaBox \[[^\]]*\]`)
	xobjectRE   = regexp.MustCompile(`/I([0-9a-f]+) (\d+) 0 R`)
	smaskRE     = regexp.MustCompile(`/SMask (\d+) 0 R`)
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
	f.header = pdf[:nl+1]
	tr := bytes.LastIndex(pdf, []byte("trailer"))
	if tr < xref {
		return nil, fmt.Errorf("pdf: no trailer after the xref table")
	}
	tail := pdf[tr:]
	s, r := sizeRE.FindSubmatch(tail), rootRE.FindSubmatch(tail)
	if s == nil || r == nil {
		return nil, fmt.Errorf("pdf: trailer without /Size or /Root")
	}
	f.size, _ = strconv.Atoi(string(s[1]))
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
	}
	if f.resources, err = f.dict(2); err != nil {
		return nil, err
	}
	return f, nil
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

// write writes pages [from, to) as a complete PDF. Objects keep their
// numbers; those left out (other pages, images no kept page shows) become
// free entries of the cross-reference table.
func (f *gofpdfFile) write(from, to int, meta pdfMeta, g geometry) ([]byte, error) {
	skip := map[int]bool{1: true, f.root: true}
	if f.info > 0 {
		skip[f.info] = true
	}
	for i := range f.kids {
		if i < from || i >= to {
			skip[f.kids[i]], skip[f.contents[i]] = true, true
		}
	}
	resources, dropped, err := f.keepImages(from, to)
	if err != nil {
		return nil, err
	}
	for _, n := range dropped {
		skip[n] = true
	}
	skip[2] = true

	out := bytes.NewBuffer(make([]byte, 0, len(f.data)+4096))
	// /Lang and the viewer preferences are PDF 1.4; gofpdf says 1.3.
	out.Write(bytes.Replace(f.header, []byte("%PDF-1.3"), []byte("%PDF-1.4"), 1))
	out.WriteString("%\xE2\xE3\xCF\xD3\n") // binary content, as PDF readers expect
	offsets := map[int]int{}
	obj := func(n int, body string) {
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	for _, n := range f.order {
		if skip[n] {
			continue
		}
		offsets[n] = out.Len()
		out.Write(f.data[f.start[n]:f.end[n]])
	}

	kids := bytes.NewBufferString("[")
	for i := from; i < to; i++ {
		fmt.Fprintf(kids, "%d 0 R ", f.kids[i])
	}
	kids.WriteString("]")
	obj(1, fmt.Sprintf("<< /Type /Pages /Kids %s /Count %d %s >>", kids, to-from, f.mediaBox))
	obj(2, resources)

	next := f.size
	catalog := fmt.Sprintf("<< /Type /Catalog /Pages 1 0 R /Lang %s /ViewerPreferences << /DisplayDocTitle true >>", pdfString(meta.lang))
	if len(meta.marks) > 0 {
		root := next
		next++
		items := buildOutline(meta.marks)
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
		for _, it := range all {
			if it.page < 0 || it.page >= to-from {
				return nil, fmt.Errorf("pdf: bookmark %q points at page %d of %d", it.title, it.page+1, to-from)
			}
			var b bytes.Buffer
			fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R", pdfString(it.title), parentNum(it, root))
			if it.prev != nil {
				fmt.Fprintf(&b, " /Prev %d 0 R", it.prev.num)
			}
			if it.next != nil {
				fmt.Fprintf(&b, " /Next %d 0 R", it.next.num)
			}
			if len(it.kids) > 0 {
				fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", it.kids[0].num, it.kids[len(it.kids)-1].num, -len(it.kids))
			}
			top := (g.height - it.top) * 72 / 25.4
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ null %.2f null] >>", f.kids[from+it.page], top)
			obj(it.num, b.String())
		}
		obj(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>",
			items[0].num, items[len(items)-1].num, len(items)))
		catalog += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", root)
	}
	obj(f.root, catalog+" >>")
	info := f.info
	if info == 0 {
		info = next
		next++
	}
	obj(info, infoDict(meta.document))

	// The cross-reference table; numbers not written are free.
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n", next)
	var free []int
	for n := 1; n < next; n++ {
		if _, ok := offsets[n]; !ok {
			free = append(free, n)
		}
	}
	nextFree := func(n int) int {
		for _, x := range free {
			if x > n {
				return x
			}
		}
		return 0
	}
	fmt.Fprintf(out, "%010d 65535 f \n", nextFree(0))
	for n := 1; n < next; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(out, "%010d 00000 n \n", off)
		} else {
			fmt.Fprintf(out, "%010d 00001 f \n", nextFree(n))
		}
	}
	// A file identifier from the content: stable across builds, different
	// between files.
	id := md5.Sum(out.Bytes())
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] >>\nstartxref\n%d\n%%%%EOF\n",
		next, f.root, info, id, id, xref)
	return out.Bytes(), nil
}

// keepImages returns the resources dictionary for pages [from, to) and the
// image objects only other pages show. gofpdf names each image /I<hash> in
// one resources dictionary shared by every page.
func (f *gofpdfFile) keepImages(from, to int) (string, []int, error) {
	all := xobjectRE.FindAllStringSubmatch(f.resources, -1)
	if len(all) == 0 || (from == 0 && to == len(f.kids)) {
		return f.resources, nil, nil
	}
	used := map[string]bool{}
	for i := from; i < to; i++ {
		content, err := f.stream(f.contents[i])
		if err != nil {
			return "", nil, err
		}
		for _, m := range imageUseRE.FindAllSubmatch(content, -1) {
			used[string(m[1])] = true
		}
	}
	res := f.resources
	var dropped []int
	for _, m := range all {
		if used[m[1]] {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		dropped = append(dropped, n)
		if d, err := f.dict(n); err == nil {
			if sm := smaskRE.FindStringSubmatch(d); sm != nil {
				s, _ := strconv.Atoi(sm[1])
				dropped = append(dropped, s)
			}
		}
		res = regexp.MustCompile(`\s*/I`+m[1]+` \d+ 0 R`).ReplaceAllString(res, "")
	}
	return res, dropped, nil
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
		return raw, nil
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
