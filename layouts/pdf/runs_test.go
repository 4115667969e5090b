package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/pdf/richtext"
)

// TestRunsDoNotChangeOutput: which handouts share a run, and how many
// pages a document draws, are a matter of memory and of cores, not of
// what is printed. Every file is the same bytes whether each handout is
// drawn on its own, the whole packet at once, or a page or a few at a
// time: a page begins in the same state whichever document draws it,
// first or after others (pageEnd), and a table header repeated on a page
// another document draws is still an artifact, not a second header.
func TestRunsDoNotChangeOutput(t *testing.T) {
	fsys, _ := synthetic.RichProject(7, 400)
	// A table over several pages, its header repeated on each.
	long := "\n| Term | Meaning |\n|---|---|\n" + strings.Repeat("| carer | one who looks after donors |\n", 120)
	fsys["chapters/0002.md"].Data = append(fsys["chapters/0002.md"].Data, long...)
	b := booktest.MustOpen(t, fsys, book.Options{})
	defer func(n, k int) { runChapters, pageChunk = n, k }(runChapters, pageChunk)
	var want map[string][]byte
	for _, c := range []struct{ chapters, pages int }{{1000, 1000}, {1, 1000}, {1000, 1}, {3, 2}, {2, 5}} {
		runChapters, pageChunk = c.chapters, c.pages
		n := fmt.Sprintf("%d, %d pages a document", c.chapters, c.pages)
		files, order, _ := renderFiles(t, b, options(layouts.All, "letter", false))
		if want == nil {
			if len(order) != 2+7 {
				t.Fatalf("%d files, want the two packets and 7 handouts", len(order))
			}
			want = map[string][]byte{}
			for _, p := range order {
				want[p] = files[p].Data
			}
			continue
		}
		for _, p := range order {
			if !bytes.Equal(files[p].Data, want[p]) {
				t.Errorf("runs of %s handouts: %s differs from one run's", n, p)
			}
		}
	}
}

// TestPacketsApartSameBytes: a long book's packets are drawn one after
// the other, each let go once its files are written, a short book's
// together; the files are the same bytes, in the same order, either way.
func TestPacketsApartSameBytes(t *testing.T) {
	fsys, _ := synthetic.RichProject(5, 200)
	b := booktest.MustOpen(t, fsys, book.Options{})
	defer func(n int) { runChapters = n }(runChapters)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runChapters = 2 // three runs a packet
	render := func(procs int) []layouts.File {
		runtime.GOMAXPROCS(procs)
		files, _, err := layouts.Collect(t.Context(), New(), b, options(layouts.All, "letter", false))
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	together, apart := render(4), render(2)
	if len(together) != len(apart) {
		t.Fatalf("%d files apart, %d together", len(apart), len(together))
	}
	for i, f := range apart {
		if f.Path != together[i].Path || !bytes.Equal(f.Data, together[i].Data) {
			t.Errorf("file %d: %s apart, %s together, or their bytes differ", i, f.Path, together[i].Path)
		}
	}
}

// structures is each file's structure tree with the text of each
// element, as pdfinfo -struct-text reads it: the slowest reading by far
// (seconds for a packet, growing faster than its pages), so the files are
// read side by side, as many at once as there are processors.
func structures(t *testing.T, files map[string]layouts.File, order []string) map[string]string {
	t.Helper()
	bin := tool(t, "pdfinfo")
	dir := t.TempDir()
	out := make([]string, len(order))
	errs := make([]error, len(order))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range order {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			f := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
			if errs[i] = os.WriteFile(f, files[p].Data, 0o644); errs[i] != nil {
				return
			}
			b, err := exec.Command(bin, "-struct-text", f).Output()
			if err != nil {
				errs[i] = fmt.Errorf("pdfinfo -struct-text %s: %w", p, err)
			}
			out[i] = string(b)
		})
	}
	wg.Wait()
	byPath := map[string]string{}
	for i, p := range order {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		byPath[p] = out[i]
	}
	return byPath
}

// pagePictures renders each page at 30 dpi and returns the pictures.
func pagePictures(t *testing.T, data []byte) []string {
	t.Helper()
	bin := tool(t, "pdftoppm")
	dir := t.TempDir()
	f := filepath.Join(dir, "file.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-r", "30", "-gray", f, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	slices.Sort(names)
	var pics []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		pics = append(pics, string(b))
	}
	return pics
}

// TestEveryDrawnGlyphIsEmbedded: the fonts the font sheet gives a packet
// hold every character any page of any run draws. A missing glyph would
// print as a blank box while pdftotext still read the text, so this reads
// the files as a viewer does: each text string of each page against the
// CIDToGIDMap of the font it is set in.
func TestEveryDrawnGlyphIsEmbedded(t *testing.T) {
	defer func(n int) { runChapters = n }(runChapters)
	runChapters = 2
	for _, name := range []string{"full", "emoji", "full large print"} {
		fixture, opt := name, options(layouts.All, "letter", true)
		if fixture == "full large print" {
			fixture, opt.Profile = "full", layouts.LargePrint
		}
		b := booktest.OpenFixture(t, fixture, true)
		files, order, _ := renderFiles(t, b, opt)
		for _, p := range order {
			drawn, missing := unmappedGlyphs(t, files[p].Data)
			if drawn == 0 {
				t.Errorf("%s/%s: no text found on its pages", name, p)
			}
			for _, m := range missing {
				t.Errorf("%s/%s: %s", name, p, m)
			}
		}
	}
	// small capitals are capitals the text did not hold
	files, order, _ := renderFiles(t, openRich(t), options(layouts.All, "letter", false))
	for _, p := range order {
		if _, missing := unmappedGlyphs(t, files[p].Data); len(missing) > 0 {
			t.Errorf("rich/%s: %s", p, missing)
		}
	}
}

var (
	objectRE  = regexp.MustCompile(`(?s)(\d+) 0 obj\n(.*?)\nendobj\n`)
	fontRefRE = regexp.MustCompile(`/F([0-9a-f]+) (\d+) 0 R`)
	tfRE      = regexp.MustCompile(`/F([0-9a-f]+) [\d.]+ Tf`)
)

// unmappedGlyphs counts the characters a file's pages draw and describes
// those whose font maps them to no glyph.
func unmappedGlyphs(t *testing.T, data []byte) (drawn int, missing []string) {
	t.Helper()
	objs := map[int][]byte{}
	for _, m := range objectRE.FindAllSubmatch(data, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		objs[n] = m[2]
	}
	ref := func(obj []byte, key string) int {
		m := regexp.MustCompile(regexp.QuoteMeta(key) + ` \[?(\d+) 0 R`).FindSubmatch(obj)
		if m == nil {
			t.Fatalf("no %s in %s", key, obj[:min(len(obj), 200)])
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	stream := func(n int) []byte {
		obj := objs[n]
		i, j := bytes.Index(obj, []byte("stream\n")), bytes.LastIndex(obj, []byte("\nendstream"))
		raw := obj[i+7 : j]
		if !bytes.Contains(obj[:i], []byte("FlateDecode")) {
			return raw
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("object %d: %v", n, err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("object %d: %v", n, err)
		}
		return out
	}
	// Each font of the resources: its CIDToGIDMap, two bytes per code.
	gids := map[string][]byte{}
	for _, m := range fontRefRE.FindAllSubmatch(objs[2], -1) {
		n, _ := strconv.Atoi(string(m[2]))
		cid := ref(objs[n], "/DescendantFonts")
		gids[string(m[1])] = stream(ref(objs[cid], "/CIDToGIDMap"))
	}
	seen := map[string]bool{}
	for _, k := range regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(regexp.MustCompile(`/Kids \[[^\]]*\]`).Find(objs[1]), -1) {
		page, _ := strconv.Atoi(string(k[1]))
		content := stream(ref(objs[page], "/Contents"))
		font := ""
		for i := 0; i < len(content); i++ {
			if m := tfRE.FindSubmatch(content[i:min(len(content), i+64)]); m != nil && bytes.HasPrefix(content[i:], m[0]) {
				font = string(m[1])
				i += len(m[0]) - 1
				continue
			}
			if content[i] != '(' {
				continue
			}
			var s []byte // the string, unescaped: UTF-16BE
			for i++; i < len(content) && content[i] != ')'; i++ {
				c := content[i]
				if c == '\\' {
					i++
					c = content[i]
					if c == 'r' {
						c = '\r'
					}
				}
				s = append(s, c)
			}
			units := make([]uint16, len(s)/2)
			for k := range units {
				units[k] = uint16(s[2*k])<<8 | uint16(s[2*k+1])
			}
			for _, r := range utf16.Decode(units) {
				drawn++
				m, ok := gids[font]
				if ok && int(r)*2+1 < len(m) && (m[2*r] != 0 || m[2*r+1] != 0) {
					continue
				}
				if key := font + string(r); !seen[key] {
					seen[key] = true
					missing = append(missing, "font F"+font+" has no glyph for "+strconv.QuoteRune(r))
				}
			}
		}
	}
	return drawn, missing
}

// TestGlyphSet: the characters recorded in each style come back once
// each, in ascending order, those beyond the Basic Multilingual Plane
// after the rest, however they were gathered.
func TestGlyphSet(t *testing.T) {
	a, b := glyphSet{}, glyphSet{}
	a.addText(richtext.Roman, "Tommy ?~ Ā")
	a.addText(richtext.Italic, "Ruth")
	b.addText(richtext.Roman, "Kathy 𝔸 \uFFFF \x00")
	b.addText(richtext.Bold|richtext.Fallback, "Ἀ")
	a.add(b)
	for _, c := range []struct {
		st   richtext.Style
		want string
	}{
		{richtext.Roman, "\x00 ?KTahmoty~Ā\uFFFF𝔸"},
		{richtext.Italic, "Rhtu"},
		{richtext.Bold | richtext.Fallback, "Ἀ"},
	} {
		if got := string(a[c.st].sorted()); got != c.want {
			t.Errorf("style %d: %q, want %q", c.st, got, c.want)
		}
	}
	if len(a) != 3 {
		t.Errorf("%d styles recorded, want 3", len(a))
	}
}
