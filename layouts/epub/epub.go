// Package epub renders a checked companion as a chaptered EPUB 3: a cover
// and title page, nested contents (parts, chapters, the chapters' own
// sections), each chapter with its key quotations and numbered discussion
// questions, and back matter (curriculum map, quotation index, works
// cited). The student edition never contains teacher guidance; the teacher
// edition adds it under each question.
//
// go-epub builds the book's frame: style sheet, images, manifest and
// container. It cannot make a reproducible or fully accessible EPUB on its
// own, so its output passes through one post-processing step, normalize,
// which writes the package metadata (accessibility included), the spine,
// the EPUB 2 NCX and a byte-stable zip, writes the content documents (so
// their text is deflated once) and adds the fonts, compressed ahead of
// time. go-epub only ever gets data: URLs, never a path or a web address,
// and its HTTP client refuses every request.
package epub

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	goepub "github.com/go-shiori/go-epub"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/cover"
	"github.com/companion-dev/companion/layouts/toolkit"
	"github.com/companion-dev/companion/layouts/xhtml"
)

//go:embed epub.css
var epubStyle []byte

// styleSheet is the EPUB's one style sheet: the reading style the site
// shares, then the EPUB's own layer.
var styleSheet = slices.Concat(xhtml.ReadingStyle, []byte("\n"), epubStyle)

// New returns the EPUB layout.
func New() layouts.Layout { return layout{} }

type layout struct{}

func (layout) Name() string { return "epub" }

// Render writes SLUG.epub for the student edition and SLUG-teacher.epub for
// the teacher edition, as opt.Edition asks. The editions render at once;
// the student's is handed over first.
func (layout) Render(ctx context.Context, b *book.Book, opt layouts.Options, put layouts.Sink) (diag.List, error) {
	var eds []layouts.Edition
	for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		if opt.Edition.Includes(ed) {
			eds = append(eds, ed)
		}
	}
	data := make([][]byte, len(eds))
	diags := make([]diag.List, len(eds))
	err := parallel.InOrder(ctx, len(eds), func(i int) error {
		var err error
		data[i], diags[i], err = renderEdition(ctx, b, eds[i], opt)
		return err
	}, func(i int) error {
		name := b.Slug() + ".epub"
		if eds[i] == layouts.Teacher {
			name = b.Slug() + "-teacher.epub"
		}
		f := layouts.File{Path: name, Data: data[i], Edition: eds[i]}
		data[i] = nil
		return put(f)
	})
	var all diag.List
	for _, d := range diags {
		all.Append(d)
	}
	if err != nil {
		return all, err
	}
	if len(eds) == 2 {
		all = dedupe(all) // both editions warn about the same links
	}
	return all, nil
}

// renderEdition renders one edition (layouts.Student or layouts.Teacher) of a
// checked book as EPUB bytes.
func renderEdition(ctx context.Context, b *book.Book, ed layouts.Edition, opt layouts.Options) ([]byte, diag.List, error) {
	if ed != layouts.Student && ed != layouts.Teacher {
		return nil, nil, fmt.Errorf("epub: edition %q is not student or teacher", ed)
	}
	e := newEdition(b, ed == layouts.Teacher, opt)
	// The typographic cover's picture needs none of the chapters: it is
	// drawn while they render rather than after.
	var picture []byte
	var pictureErr error
	var drawing sync.WaitGroup
	if b.Cover == nil {
		drawing.Go(func() { picture, pictureErr = cover.PNG(b, e.teacher) })
	}
	docs := e.documents()
	drawing.Wait()
	if pictureErr != nil {
		return nil, e.diags, fmt.Errorf("epub: the cover picture: %w", pictureErr)
	}
	raw, style, err := e.assemble(picture)
	if err != nil {
		return nil, e.diags, err
	}
	info := e.packageInfo()
	if info.Documents, err = packageDocs(docs); err != nil {
		return nil, e.diags, err
	}
	info.Style = style
	out, err := normalize(ctx, raw, info)
	e.gatherChapterWarnings()
	return out, e.diags, err
}

// packageDocs are the documents as normalize takes them: by path
// relative to the package, each body written when it is packed.
func packageDocs(docs []document) ([]packageDoc, error) {
	out := make([]packageDoc, len(docs))
	for i, d := range docs {
		if d.Title == "" {
			return nil, fmt.Errorf("epub: document %s has no title", d.File)
		}
		write := d.write
		if write == nil {
			write = func() string { return d.Body }
		}
		out[i] = packageDoc{Href: xhtmlDir + "/" + d.File, Title: d.Title, Body: write}
	}
	return out, nil
}

func dedupe(l diag.List) diag.List {
	var out diag.List
	seen := map[string]bool{}
	for _, d := range l {
		if k := d.String(); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// edition is one rendering of the book: what goes where, and the
// warnings found on the way.
type edition struct {
	b       *book.Book
	opt     layouts.Options
	teacher bool
	diags   diag.List

	chapters      []*chapterDoc
	chapterByPath map[string]*chapterDoc
	partFile      map[*book.Part]string
	partNumber    map[*book.Part]int
	// imageFile names each image the edition shows (project path →
	// file name under EPUB/images); imageHref is the same from a document.
	imageFile map[string]string
	imageHref map[string]string
	coverFile string // file name of the cover image under EPUB/images
	contents  []*navEntry
	termID    map[*book.Term]string // each term's anchor in the glossary
	// alone are the citations of the documents that stand apart from
	// the chapters (the answer key, the toolkit's): book.CitationsAlone
	alone *book.Citations
	// written are the chapters in reading order, whose warnings go at
	// chapterWarnings in diags once their bodies are written
	written         []*chapterDoc
	chapterWarnings int
}

// chapterDoc is a chapter and its content document.
type chapterDoc struct {
	Chapter *book.Chapter
	File    string    // under EPUB/xhtml
	diags   diag.List // warnings from rendering it
}

// Content documents other than chapters, parts and the back matter
// (backFile).
const (
	coverFile    = "cover.xhtml"
	titleFile    = "title-page.xhtml"
	contentsFile = "contents.xhtml"
	cssFile      = "epub.css"
	imagesDir    = "images"
	xhtmlDir     = "xhtml"
	coverSVGFile = "cover.svg"
	// coverPNGFile is the typographic cover as a picture, the package's
	// cover-image: some reading systems ignore an SVG cover.
	coverPNGFile = "cover.png"
)

func newEdition(b *book.Book, teacher bool, opt layouts.Options) *edition {
	e := &edition{b: b, opt: opt, teacher: teacher, alone: b.CitationsAlone(), chapterByPath: map[string]*chapterDoc{},
		partFile: map[*book.Part]string{}, partNumber: map[*book.Part]int{}, imageFile: map[string]string{}, imageHref: map[string]string{}}
	e.chapters = make([]*chapterDoc, len(b.Chapters))
	for i, c := range b.Chapters {
		e.chapters[i] = &chapterDoc{Chapter: c, File: fmt.Sprintf("ch%02d-%s.xhtml", c.Number, safeName(c.ID))}
	}
	for _, cd := range e.chapters {
		e.chapterByPath[cd.Chapter.Path] = cd
	}
	n := 0
	for _, en := range b.Contents {
		if en.Part != nil {
			n++
			e.partFile[en.Part] = fmt.Sprintf("part-%d.xhtml", n)
			e.partNumber[en.Part] = n
		}
	}
	e.collectImages()
	e.termID = toolkit.TermIDs(b)
	return e
}

// partTitle is the part's title, or "Part II" when it has none (an
// empty title would be an empty, invalid entry in the contents).
func (e *edition) partTitle(p *book.Part) string {
	if strings.TrimSpace(p.Title) != "" {
		return e.b.Smart(p.Title)
	}
	return e.label("part-number", "n", roman(e.partNumber[p]))
}

// collectImages names every image this edition shows: the cover and the
// images of chapter bodies and questions (and of guidance, for teachers).
// Names come from the project path, made safe for every reader, in sorted
// order so that clashes resolve the same way each time.
func (e *edition) collectImages() {
	var paths []string
	add := func(p string) {
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	for _, c := range e.b.Chapters {
		pieces := []*book.Markdown{c.Body.Edition(e.teacher)}
		for _, q := range c.Questions {
			pieces = append(pieces, q.Prompt)
			if e.teacher {
				pieces = append(pieces, q.Guidance)
			}
		}
		for _, m := range pieces {
			for _, p := range imagePaths(m) {
				if e.b.Images[p] != nil { // see xhtmlWriter.image for the others
					add(p)
				}
			}
		}
	}
	if e.b.Cover != nil {
		add(e.b.Cover.Path)
	}
	slices.Sort(paths)
	used := map[string]bool{coverSVGFile: true, coverPNGFile: true}
	for _, p := range paths {
		ext := strings.ToLower(path.Ext(p))
		if ext == ".jpeg" {
			ext = ".jpg"
		}
		base := safeName(strings.TrimSuffix(strings.TrimPrefix(p, "images/"), path.Ext(p)))
		name := base + ext
		for i := 2; used[name]; i++ {
			name = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		used[name] = true
		e.imageFile[p] = name
		e.imageHref[p] = "../" + imagesDir + "/" + name
	}
	if e.b.Cover != nil {
		e.coverFile = e.imageFile[e.b.Cover.Path]
	} else {
		e.coverFile = coverSVGFile
	}
}

// safeName makes a file name part from anything: ASCII letters, digits and
// hyphens, starting with a letter (file names become XML ids in go-epub).
func safeName(s string) string {
	n := book.Slug(s)
	if n == "" {
		n = "x"
	}
	if n[0] < 'a' || n[0] > 'z' {
		n = "x" + n
	}
	return n
}

// dataURL hands bytes to go-epub, which takes no bytes, without a file.
func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// dataURLs matches the data: URLs go-epub repeats in its errors.
var dataURLs = regexp.MustCompile(`data:[^"\s]*`)

// goepubError names what go-epub failed to add, without the megabytes of
// its data: URL.
func goepubError(what string, err error) error {
	return fmt.Errorf("epub: go-epub could not add %s: %s", what, dataURLs.ReplaceAllString(err.Error(), "data:…"))
}

// offline is the transport of go-epub's HTTP client: companion never lets a
// build touch the network.
type offline struct{}

func (offline) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("epub: refusing to fetch %s: builds never use the network", r.URL)
}

// go-epub stages every book in a folder before zipping it: by default a
// new folder in the system's temporary folder, one file per document (slow
// to create, and left behind if the build is killed), or, with MemoryFS, a
// map in memory. companion uses memory, so that a build writes nothing
// outside --out. go-epub's memory store is one map for the whole process,
// without a lock, so every WriteTo holds goepubMu; the rest of an
// edition's work still runs in parallel.
var goepubMu sync.Mutex

func init() {
	if err := goepub.Use(goepub.MemoryFS); err != nil {
		panic(err) // MemoryFS is one of go-epub's own two choices
	}
}

// document is one content document in reading order.
type document struct {
	File  string // under EPUB/xhtml
	Title string
	Body  string
	// write writes a chapter's body, as normalize packs it: a long
	// book's chapters are not all held at once
	write func() string

	chapter *chapterDoc // the chapter it shows, if it is a chapter's
}

// assemble has go-epub build the book and returns what it wrote: the
// package, the style sheet and the images (with picture, the typographic
// cover's, when the book has no cover of its own); and the style sheet's
// path from a content document. The content documents are normalize's to
// write: go-epub rebuilds a map of every document's name for each one
// added (quadratic: about 90 MB and a fifth of a second of CPU per edition
// at a thousand chapters), and would compress each frame only for
// normalize to read it back.
func (e *edition) assemble(picture []byte) (raw []byte, style string, err error) {
	b := e.b
	ep, err := goepub.NewEpub(b.Title)
	if err != nil {
		return nil, "", err
	}
	ep.Client = &http.Client{Transport: offline{}}
	ep.SetLang(b.Language)
	ep.SetIdentifier(e.identifier())
	ep.SetDescription(b.Description)
	var names []string
	for _, a := range b.Authors {
		names = append(names, a.Name)
	}
	ep.SetAuthor(strings.Join(names, ", "))
	css, err := ep.AddCSS(dataURL("text/css", styleSheet), cssFile)
	if err != nil {
		return nil, "", goepubError(cssFile, err)
	}
	paths := make([]string, 0, len(e.imageFile))
	for p := range e.imageFile {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		img := b.Images[p]
		if img == nil {
			return nil, "", fmt.Errorf("epub: image %s is not in the book", p)
		}
		if _, err := ep.AddImage(dataURL(img.MediaType, img.Data), e.imageFile[p]); err != nil {
			return nil, "", goepubError(p, err)
		}
	}
	if b.Cover == nil {
		if _, err := ep.AddImage(dataURL("image/svg+xml", cover.SVG(e.b, e.teacher)), coverSVGFile); err != nil {
			return nil, "", goepubError(coverSVGFile, err)
		}
		if _, err := ep.AddImage(dataURL("image/png", picture), coverPNGFile); err != nil {
			return nil, "", goepubError(coverPNGFile, err)
		}
	}
	var buf bytes.Buffer
	goepubMu.Lock()
	_, err = ep.WriteTo(&buf)
	goepubMu.Unlock()
	if err != nil {
		return nil, "", err
	}
	if buf.Len() == 0 {
		return nil, "", errors.New("epub: go-epub wrote nothing")
	}
	return buf.Bytes(), css, nil
}
