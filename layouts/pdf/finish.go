package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// finishPDF appends an incremental update to gofpdf's output: a catalog
// that names the document's language (/Lang, which gofpdf cannot write)
// and an outline of bookmarks. An update only adds bytes after %%EOF, so
// gofpdf's own objects and cross-reference table stay as they are, and the
// result is as deterministic as its input. pdfcpu could add bookmarks too,
// but its writer stamps the wall clock into the file.
func finishPDF(in []byte, pages int, lang string, g geometry, marks []outlineEntry) ([]byte, error) {
	tr, err := readTrailer(in)
	if err != nil {
		return nil, err
	}
	kids, err := pageObjects(in)
	if err != nil {
		return nil, err
	}
	if len(kids) != pages {
		// maroto broke a page where the paginator did not: something
		// would print under a footer or on a stray page.
		return nil, fmt.Errorf("pdf: laid out %d pages but gofpdf wrote %d", pages, len(kids))
	}
	catalog, err := objectDict(in, tr.root)
	if err != nil {
		return nil, err
	}
	out := bytes.NewBuffer(make([]byte, 0, len(in)+4096))
	out.Write(in)
	if !bytes.HasSuffix(in, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	next := tr.size
	obj := func(n int, body string) {
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, body)
	}

	extra := fmt.Sprintf("/Lang %s\n/ViewerPreferences << /DisplayDocTitle true >>", pdfString(lang))
	if len(marks) > 0 {
		root := next
		next++
		items := buildOutline(marks)
		// Number items in document order.
		var all []*outlineItem
		var walk func([]*outlineItem)
		walk = func(list []*outlineItem) {
			for _, it := range list {
				it.num = next
				next++
				all = append(all, it)
				walk(it.kids)
			}
		}
		walk(items)
		for _, it := range all {
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
			if it.page < 0 || it.page >= len(kids) {
				return nil, fmt.Errorf("pdf: bookmark %q points at page %d of %d", it.title, it.page+1, len(kids))
			}
			top := (g.height - it.top) * 72 / 25.4
			fmt.Fprintf(&b, " /Dest [%d 0 R /XYZ null %.2f null] >>", kids[it.page], top)
			obj(it.num, b.String())
		}
		obj(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>",
			items[0].num, items[len(items)-1].num, len(items)))
		extra += fmt.Sprintf("\n/Outlines %d 0 R\n/PageMode /UseOutlines", root)
	}
	catalog = removeKey(catalog, "/PageMode")
	obj(tr.root, catalog[:len(catalog)-2]+extra+"\n>>")

	// The cross-reference section of the update, one subsection per run of
	// consecutive object numbers.
	xref := out.Len()
	out.WriteString("xref\n")
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	sortInts(nums)
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(out, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(out, "%010d 00000 n \n", offsets[nums[k]])
		}
		i = j + 1
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", next, tr.root)
	if tr.info > 0 {
		fmt.Fprintf(out, "/Info %d 0 R\n", tr.info)
	}
	fmt.Fprintf(out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", tr.startxref, xref)
	return out.Bytes(), nil
}

type trailer struct {
	size, root, info, startxref int
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
	rootRE      = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRE      = regexp.MustCompile(`/Info (\d+) 0 R`)
	kidsRE      = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRE       = regexp.MustCompile(`(\d+) 0 R`)
)

func readTrailer(pdf []byte) (trailer, error) {
	var t trailer
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		return t, fmt.Errorf("pdf: no startxref at the end of gofpdf's output")
	}
	t.startxref, _ = strconv.Atoi(string(m[1]))
	i := bytes.LastIndex(pdf, []byte("trailer"))
	if i < 0 {
		return t, fmt.Errorf("pdf: no trailer in gofpdf's output")
	}
	tail := pdf[i:]
	s, r := sizeRE.FindSubmatch(tail), rootRE.FindSubmatch(tail)
	if s == nil || r == nil {
		return t, fmt.Errorf("pdf: trailer without /Size or /Root")
	}
	t.size, _ = strconv.Atoi(string(s[1]))
	t.root, _ = strconv.Atoi(string(r[1]))
	if in := infoRE.FindSubmatch(tail); in != nil {
		t.info, _ = strconv.Atoi(string(in[1]))
	}
	return t, nil
}

// pageObjects returns the object numbers of the pages in order. gofpdf
// writes one flat, uncompressed page tree as object 1.
func pageObjects(pdf []byte) ([]int, error) {
	d, err := objectDict(pdf, 1)
	if err != nil {
		return nil, err
	}
	m := kidsRE.FindStringSubmatch(d)
	if m == nil {
		return nil, fmt.Errorf("pdf: object 1 is not gofpdf's page tree")
	}
	var kids []int
	for _, r := range refRE.FindAllStringSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(r[1])
		kids = append(kids, n)
	}
	return kids, nil
}

// objectDict returns the dictionary of an uncompressed object, << … >>,
// found through gofpdf's cross-reference table (never by searching the
// file, whose compressed streams may hold any bytes).
func objectDict(pdf []byte, n int) (string, error) {
	tr, err := readTrailer(pdf)
	if err != nil {
		return "", err
	}
	off, err := xrefOffset(pdf, tr.startxref, n)
	if err != nil {
		return "", err
	}
	head := fmt.Sprintf("%d 0 obj", n)
	rest := pdf[off:]
	if !bytes.HasPrefix(rest, []byte(head)) {
		return "", fmt.Errorf("pdf: object %d is not where the xref says", n)
	}
	rest = rest[len(head):]
	end := bytes.Index(rest, []byte("endobj"))
	if end < 0 {
		return "", fmt.Errorf("pdf: object %d has no end", n)
	}
	d := bytes.TrimSpace(rest[:end])
	if !bytes.HasPrefix(d, []byte("<<")) || !bytes.HasSuffix(d, []byte(">>")) {
		return "", fmt.Errorf("pdf: object %d is not a dictionary", n)
	}
	return string(d), nil
}

// xrefOffset reads object n's offset from a classic xref table.
func xrefOffset(pdf []byte, at, n int) (int, error) {
	if at <= 0 || at >= len(pdf) || !bytes.HasPrefix(pdf[at:], []byte("xref")) {
		return 0, fmt.Errorf("pdf: no xref table at %d", at)
	}
	lines := bytes.Split(pdf[at:min(len(pdf), at+64+20*(n+2)+4096)], []byte("\n"))
	i := 1
	for i < len(lines) {
		f := bytes.Fields(lines[i])
		if len(f) != 2 {
			break
		}
		first, _ := strconv.Atoi(string(f[0]))
		count, _ := strconv.Atoi(string(f[1]))
		if n >= first && n < first+count && i+1+n-first < len(lines) {
			e := bytes.Fields(lines[i+1+n-first])
			if len(e) == 3 {
				off, err := strconv.Atoi(string(e[0]))
				return off, err
			}
		}
		i += 1 + count
	}
	return 0, fmt.Errorf("pdf: object %d is not in the xref table", n)
}

// removeKey drops a /Key value line that gofpdf writes on a line of its own.
func removeKey(dict, key string) string {
	re := regexp.MustCompile(`\n` + regexp.QuoteMeta(key) + ` [^\n]*`)
	return re.ReplaceAllString(dict, "")
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

// pdfString writes a PDF text string: literal when ASCII, else UTF-16BE
// with a byte order mark, so titles keep their accents and curly quotes.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r >= 0x80 || r < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		var b bytes.Buffer
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
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
