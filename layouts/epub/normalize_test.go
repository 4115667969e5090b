package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	goepub "github.com/go-shiori/go-epub"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// rawBook has go-epub build a tiny book the way the layout does: a style
// sheet and a cover image, and no content document (testInfo has them: a
// contents page that is the nav and a chapter with inline SVG), unless
// sections names some for go-epub to write. go-epub gives it a random
// identifier and a wall-clock date, so two calls never return the same
// bytes.
func rawBook(t *testing.T, sections ...string) []byte {
	t.Helper()
	ep, err := goepub.NewEpub("Test")
	if err != nil {
		t.Fatal(err)
	}
	ep.Client = &http.Client{Transport: offline{}}
	css, err := ep.AddCSS(dataURL("text/css", []byte("p { margin: 0 }")), "epub.css")
	if err != nil {
		t.Fatal(err)
	}
	if css != testPackage.Style {
		t.Fatalf("go-epub puts the style sheet at %s, not %s", css, testPackage.Style)
	}
	// A comment first: content sniffing does not take this for SVG.
	svg := `<!-- a drawing --><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`
	if _, err := ep.AddImage(dataURL("image/svg+xml", []byte(svg)), "cover.svg"); err != nil {
		t.Fatal(err)
	}
	for _, file := range sections {
		if _, err := ep.AddSection("", "A section", file, css); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := ep.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDocs are the content documents of rawBook's book, in reading order.
var testDocs = []struct{ href, title, body string }{
	{"xhtml/contents.xhtml", "Contents", `<nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1><ol><li><a href="ch01.xhtml">One</a></li></ol></nav>`},
	{"xhtml/ch01.xhtml", "One", `<h1>One</h1><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><title>dot</title></svg>`},
}

// testInfo is the package information of rawBook's book; each call
// returns a fresh one, since normalize takes the bodies it is given.
func testInfo() packageInfo {
	info := testPackage
	info.Documents = nil
	for _, d := range testDocs {
		info.Documents = append(info.Documents, packageDoc{Href: d.href, Title: d.title, Body: func() string { return d.body }})
	}
	return info
}

var testPackage = packageInfo{
	Lang:     "el",
	Modified: time.Date(2030, 6, 15, 8, 45, 10, 0, time.UTC),
	Metadata: "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n    <dc:identifier id=\"pub-id\">urn:x</dc:identifier>\n" +
		"    <meta property=\"dcterms:modified\">2030-06-15T08:45:10Z</meta>\n  </metadata>\n",
	Nav:        "xhtml/contents.xhtml",
	CoverImage: "images/cover.svg",
	NCX:        []byte("<ncx>replaced</ncx>"),
	Style:      "../css/epub.css",
}

func TestNormalizeMakesGoEpubReproducible(t *testing.T) {
	a, b := rawBook(t), rawBook(t)
	if bytes.Equal(a, b) {
		t.Fatal("go-epub has become reproducible; normalize may be simpler now")
	}
	na, err := normalize(context.Background(), a, testInfo())
	if err != nil {
		t.Fatal(err)
	}
	nb, err := normalize(context.Background(), b, testInfo())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(na, nb) {
		t.Fatal("two go-epub builds of one book differ after normalize")
	}
	checkContainerAt(t, na, testPackage.Modified)
}

func TestNormalizePackage(t *testing.T) {
	out, err := normalize(context.Background(), rawBook(t), testInfo())
	if err != nil {
		t.Fatal(err)
	}
	files := unzipped(t, out)
	if _, ok := files["EPUB/nav.xhtml"]; ok {
		t.Error("go-epub's own navigation document is still there")
	}
	if files["EPUB/toc.ncx"] != "<ncx>replaced</ncx>" {
		t.Errorf("the NCX was not replaced: %q", files["EPUB/toc.ncx"])
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{
		`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="el">`,
		`<dc:identifier id="pub-id">urn:x</dc:identifier>`,
		`href="xhtml/contents.xhtml" media-type="application/xhtml+xml" properties="nav"`,
		`href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"`,
		`href="xhtml/ch01.xhtml" media-type="application/xhtml+xml" properties="svg"`,
		`href="toc.ncx" media-type="application/x-dtbncx+xml"`,
		`<meta name="cover" content="`,
		`<spine toc="ncx">`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	if n := strings.Count(opf, "dcterms:modified"); n != 1 {
		t.Errorf("package.opf has %d dcterms:modified, want only the one given", n)
	}
	hrefs := regexp.MustCompile(`<item [^>]*href="([^"]+)"`).FindAllStringSubmatch(opf, -1)
	for i := 1; i < len(hrefs); i++ {
		if hrefs[i-1][1] > hrefs[i][1] {
			t.Errorf("manifest out of order: %s before %s", hrefs[i-1][1], hrefs[i][1])
		}
	}
	if spine := regexp.MustCompile(`idref="([^"]+)"`).FindAllStringSubmatch(opf, -1); len(spine) != 2 || spine[0][1] != "contents.xhtml" || spine[1][1] != "ch01.xhtml" {
		t.Errorf("the spine is not the documents' reading order: %v", spine)
	}
	for _, d := range testDocs {
		name, body := "EPUB/"+d.href, d.body
		if !strings.Contains(files[name], `<html xmlns="http://www.w3.org/1999/xhtml" lang="el" xml:lang="el"`) {
			t.Errorf("%s has no lang and xml:lang", name)
		}
		if !strings.Contains(files[name], "  <body dir=\"auto\">\n"+body+"\n</body>\n</html>\n") {
			t.Errorf("%s does not have its body in go-epub's frame:\n%s", name, files[name])
		}
	}
}

// checkContainerAt: mimetype first, stored, no extra field, at the offsets
// readers sniff; names in order; every entry dated t.
func checkContainerAt(t *testing.T, data []byte, when time.Time) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 || first.Flags&0x8 != 0 {
		t.Errorf("first entry: %s, method %d, %d bytes of extra, flags %#x; want mimetype stored, bare", first.Name, first.Method, len(first.Extra), first.Flags)
	}
	if string(data[30:38]) != "mimetype" || string(data[38:38+len(mimetype)]) != mimetype {
		t.Error("mimetype is not at the fixed offsets readers look at")
	}
	for i, f := range zr.File {
		if i > 1 && zr.File[i-1].Name > f.Name {
			t.Errorf("%s comes after %s", f.Name, zr.File[i-1].Name)
		}
		if !f.Modified.Equal(when) {
			t.Errorf("%s is dated %v, want %v", f.Name, f.Modified, when)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s has an extra field", f.Name)
		}
	}
}

// writeDocument writes the frame go-epub writes around a section's body,
// byte for byte, whatever the title holds, with the language on the root
// and the body in the body element, so that no EPUB changed when
// normalize took the documents over from go-epub.
func TestWriteDocumentIsGoEpubsFrame(t *testing.T) {
	const title, body, lang = "Ruth & Tommy's \"Gallery\" <at> Kingsfield\t\n— é", `<p>Text &amp; more</p>`, "en-GB"
	ep, err := goepub.NewEpub("Test")
	if err != nil {
		t.Fatal(err)
	}
	css, err := ep.AddCSS(dataURL("text/css", []byte("p { margin: 0 }")), "epub.css")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ep.AddSection("", title, "ch01.xhtml", css); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := ep.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	frame := unzipped(t, buf.Bytes())["EPUB/xhtml/ch01.xhtml"]
	const root = `<html xmlns="http://www.w3.org/1999/xhtml"`
	if !strings.Contains(frame, root) || !strings.Contains(frame, ">\n\n</body>") {
		t.Fatalf("go-epub's frame has changed:\n%s", frame)
	}
	want := strings.Replace(frame, root, root+` lang="en-GB" xml:lang="en-GB"`, 1)
	want = strings.Replace(want, ">\n\n</body>", ">\n"+body+"\n</body>", 1)
	var got bytes.Buffer
	writeDocument(&got, title, css, lang, body)
	if got.String() != want {
		t.Errorf("got\n%s\nwant\n%s", got.String(), want)
	}
}

// A content document go-epub wrote itself is an error: normalize writes
// them all, and would otherwise leave one out of the spine.
func TestNormalizeRefusesGoEpubsDocuments(t *testing.T) {
	_, err := normalize(context.Background(), rawBook(t, "extra.xhtml"), testInfo())
	if err == nil || !strings.Contains(err.Error(), "go-epub wrote the content document EPUB/xhtml/extra.xhtml") {
		t.Errorf("got %v, want an error naming extra.xhtml", err)
	}
}

// TestNoDateNoClock: without a build date the layout uses a fixed date,
// never the wall clock.
func TestNoDateNoClock(t *testing.T) {
	b := booktest.OpenFixture(t, "small", false)
	opt := layouts.Options{Edition: layouts.Student}
	first, _, err := renderEdition(context.Background(), b, layouts.Student, opt)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // go-epub's clock has seconds
	second, _, err := renderEdition(context.Background(), b, layouts.Student, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("builds without a date differ: something reads the clock")
	}
	if !strings.Contains(unzipped(t, first)["EPUB/package.opf"], "<meta property=\"dcterms:modified\">1980-01-01T00:00:00Z</meta>") {
		t.Error("without a date, dcterms:modified is not the fixed fallback")
	}
	checkContainerAt(t, first, zipEpoch)
}

// TestOffline: go-epub's HTTP client, the only way it could fetch, refuses.
func TestOffline(t *testing.T) {
	req, err := http.NewRequest("GET", "https://example.com/cover.png", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (offline{}).RoundTrip(req); err == nil {
		t.Error("the offline transport fetched")
	}
}
