package book

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/assets"
	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/book/internal/yamlsrc"
	"github.com/companion-dev/companion/book/labels"
	"github.com/companion-dev/companion/book/parallel"
)

// ManifestFile is the name of the file that makes a folder a project.
const ManifestFile = "companion.yaml"

// MaxFileSize bounds any one file of a project: a chapter, a reference file,
// an image. It keeps a mistaken file (a video, a database dump) from
// exhausting memory, and is far above any real chapter.
const MaxFileSize = 32 << 20

// MaxChapterSize bounds a chapter file: the size tested to build every
// format in bounded memory (about 1.1 GB at the limit; the PDF lays out
// all of a handout's pages before it draws them).
const MaxChapterSize = 4 << 20

// load reads a project from fsys, whose root is the folder holding
// companion.yaml. It returns the book as far as it could be read and every
// problem found, for check to go on with. It reads only the files the
// project names, through fsys, so a traversal-resistant fsys (os.Root's)
// keeps every read inside the project.
func load(fsys fs.FS, style string) (*Book, diag.List) {
	l := &loader{fsys: fsys, citations: &doc.Citations{}, book: &Book{Images: map[string]*Image{}, available: frameworks{}, Labels: english}}
	l.load(style)
	l.book.selected = l.frameworkSel
	return l.book, l.diags
}

type loader struct {
	fsys  fs.FS
	book  *Book
	diags diag.List

	frameworkSel []frameworkSel // nil unless the manifest has frameworks:
	// the manifest's citation-style as written, and its language when it
	// gives one (the citations' locale follows it)
	styleSpec     string
	stylePos      diag.Pos
	languageGiven bool
	languagePos   diag.Pos
	chapterPaths  map[string]diag.Pos
	fronts        []chapterFront // chapters read, their front matter not yet decoded
	pending       []*Markdown    // read, not yet parsed
	// citations are the book's citations parsed so far, shared by every
	// piece of Markdown; let go with the loader
	citations  *doc.Citations
	unverified []shownImage    // read and measured, not yet decoded
	badImages  map[string]bool // image files already reported as unusable
}

type frameworkSel struct {
	id    string
	codes []ref // nil: every standard
	pos   diag.Pos
}

func (l *loader) load(style string) {
	data, ok := l.readFile(ManifestFile, diag.Pos{})
	if !ok {
		return
	}
	l.manifest(data)
	bodies := l.parseBodies()
	l.citationStyle(style)
	l.references()
	l.frameworks()
	l.toolkit()
	l.parseMarkdown(bodies)
	l.verifyImages()
}

// parseLater queues Markdown the book keeps, to be parsed with the rest of
// the project's once every file is read (parseMarkdown); nil is skipped.
func (l *loader) parseLater(ms ...*Markdown) {
	for _, m := range ms {
		if m != nil {
			l.pending = append(l.pending, m)
		}
	}
}

// parseBodies starts parsing the chapters' bodies, on all cores, as soon
// as the manifest and the chapters are read: the style, the references
// and the toolkit are read on one core meanwhile, and they leave the
// others idle. Nothing else touches a body until the function it returns,
// which waits for them, gives each body's findings.
func (l *loader) parseBodies() func() map[*Markdown]diag.List {
	var bodies []*Markdown
	for _, c := range l.book.Chapters {
		bodies = append(bodies, c.Body)
	}
	found := make([]diag.List, len(bodies))
	punct := l.book.punctuation()
	done := make(chan struct{})
	go func() {
		defer close(done)
		parallel.ForEach(context.Background(), len(bodies), func(i int) error {
			found[i] = bodies[i].parse(true, punct, l.citations)
			return nil
		})
	}()
	return func() map[*Markdown]diag.List {
		<-done
		out := make(map[*Markdown]diag.List, len(bodies))
		for i, m := range bodies {
			out[m] = found[i]
		}
		return out
	}
}

// parseMarkdown parses every prompt, guidance and other piece of Markdown
// at once, on all cores, and waits for the chapters' bodies (parseBodies):
// parsing is most of loading a long book. Each is parsed this once; the
// checks and the layouts read the documents. Then it reads the images
// they show, in reading order, and notes each chapter's anchors.
func (l *loader) parseMarkdown(parsedBodies func() map[*Markdown]diag.List) {
	found := make([]diag.List, len(l.pending))
	punct := l.book.punctuation()
	isBody := make(map[*Markdown]bool, len(l.book.Chapters))
	for _, c := range l.book.Chapters {
		isBody[c.Body] = true
	}
	parallel.ForEach(context.Background(), len(l.pending), func(i int) error {
		if !isBody[l.pending[i]] {
			found[i] = l.pending[i].parse(false, punct, l.citations)
		}
		return nil
	})
	bodies := parsedBodies()
	for i, m := range l.pending {
		if d, ok := bodies[m]; ok {
			found[i] = d
		}
		l.diags.Append(found[i])
		l.images(m)
	}
	for _, c := range l.book.Chapters {
		c.anchors = anchors(c)
		c.teacherAnchors = teacherOnlyAnchors(c)
	}
	l.pending = nil
}

// readFile reads a project file, reporting a missing, oversized or
// non-UTF-8 file at from (where it was named). Only regular files are
// read: opening a named pipe or a device would wait for ever, so the file
// is looked at before it is opened.
func (l *loader) readFile(name string, from diag.Pos) ([]byte, bool) {
	if from.File == "" {
		from = diag.Pos{File: name}
	}
	st, err := fs.Stat(l.fsys, name)
	if err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			l.diags.Errorf(from, "%s is a folder, not a file", name)
		} else {
			l.diags.Errorf(from, "%s is not a regular file (it is a %s)", name, fileKind(st.Mode()))
			l.diags.Hintf("companion reads only ordinary files; put the file itself in the project")
		}
		return nil, false
	}
	var f fs.File
	if err == nil {
		f, err = l.fsys.Open(name)
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			l.diags.Errorf(from, "file %s does not exist", name)
			if name == ManifestFile {
				l.diags.Hintf("a project is a folder holding companion.yaml; `companion init DIR` writes a new one")
			} else {
				l.diags.Hintf("paths are relative to the folder holding companion.yaml; check the spelling")
			}
		} else {
			l.diags.Errorf(from, "cannot read %s: %v", name, cleanFSError(err))
		}
		return nil, false
	}
	defer f.Close()
	data, err := readAll(io.LimitReader(f, MaxFileSize+1), st.Size())
	if err != nil {
		l.diags.Errorf(from, "cannot read %s: %v", name, cleanFSError(err))
		return nil, false
	}
	if len(data) > MaxFileSize {
		l.diags.Errorf(diag.Pos{File: name}, "file is larger than %d MiB", MaxFileSize>>20)
		l.diags.Hintf("split it into several files")
		return nil, false
	}
	return data, true
}

// readAll reads r to its end into a buffer made for the size the file had
// when it was looked at, so that a file takes one allocation of its own
// size, not io.ReadAll's doublings; a file that has grown since still
// reads whole.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, min(max(size, 0), MaxFileSize)+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// fileKind names a file that is not a regular file in the user's words.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// cleanFSError drops the Go operation prefix, leaving the reason.
func cleanFSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readText reads a text file: UTF-8, byte-order mark dropped, CRLF as LF.
func (l *loader) readText(name string, from diag.Pos) ([]byte, bool) {
	data, ok := l.readFile(name, from)
	if !ok {
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		l.diags.Errorf(diag.Pos{File: name, Line: line, Col: col}, "the file is not valid UTF-8 text")
		l.diags.Hintf("save it as UTF-8 in your editor")
		return nil, false
	}
	if bytes.Contains(data, []byte("\r\n")) { // ReplaceAll copies even when it replaces nothing
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if i, r, ok := controlChar(data); ok {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		col := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i])
		l.diags.Errorf(diag.Pos{File: name, Line: line, Col: col}, "the file contains the invisible control character %U", r)
		l.diags.Hintf("delete it (it often comes with text pasted from another program); no EPUB or PDF can show it")
		return nil, false
	}
	return data, true
}

// controlChar finds the first character that XML 1.0 forbids and no
// output can show: C0 controls other than tab, line feed and carriage
// return, and the non-characters U+FFFE and U+FFFF. It reads bytes, not
// runes, in any UTF-8 text: a C0 control is one byte, and EF BF BE and
// EF BF BF always encode the two non-characters, whatever comes before.
func controlChar[T string | []byte](s T) (offset int, r rune, found bool) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r':
			return i, rune(b), true
		case b == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && s[i+2]&^1 == 0xBE:
			return i, 0xFFFE | rune(s[i+2]&1), true
		}
	}
	return 0, 0, false
}

// projectPath checks a path written in the project and returns it cleaned.
// Paths are relative to the project folder and may not leave it.
func (l *loader) projectPath(p string, pos diag.Pos, what string) (string, bool) {
	switch {
	case p == "":
		l.diags.Errorf(pos, "%s is empty", what)
		return "", false
	case isURL(p):
		l.diags.Errorf(pos, "%s %q is a URL; companion never fetches anything", what, p)
		l.diags.Hintf("download the file into the project folder and give its path, e.g. images/map.png")
		return "", false
	case strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || (len(p) > 1 && p[1] == ':'):
		l.diags.Errorf(pos, "%s %q is an absolute path", what, p)
		l.diags.Hintf("give the path relative to the folder holding companion.yaml")
		return "", false
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") || !fs.ValidPath(clean) {
		l.diags.Errorf(pos, "%s %q leads outside the project", what, p)
		if fromFile, ok := relativeToFile(pos.File, p); ok {
			l.diags.Hintf("paths are relative to the project folder, not to %s: write %s", pos.File, fromFile)
		} else {
			l.diags.Hintf("copy the file into the project folder")
		}
		return "", false
	}
	return clean, true
}

// relativeToFile reads p as a Markdown editor's preview does, relative to
// the folder of the file that writes it, and returns that path from the
// project folder if it stays inside. A writer who gives
// "../images/map.svg" in chapters/02.md means images/map.svg, and the
// hint should say so rather than ask for a copy of a file already there.
func relativeToFile(file, p string) (string, bool) {
	dir := path.Dir(file)
	if file == "" || dir == "." {
		return "", false
	}
	fromFile := path.Join(dir, p)
	return fromFile, fs.ValidPath(fromFile) && fromFile != "."
}

var urlRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

func isURL(p string) bool {
	return urlRE.MatchString(p) && !(len(p) > 1 && p[1] == ':' && len(p) > 2 && (p[2] == '\\' || p[2] == '/'))
}

func (l *loader) manifest(data []byte) {
	b := l.book
	d := &decoder{file: ManifestFile, diags: &l.diags}
	b.ManifestPos = diag.Pos{File: ManifestFile, Line: 1, Col: 1}
	root, parsed := d.parse(data)
	if !parsed {
		return
	}
	if root == nil {
		l.diags.Errorf(diag.Pos{File: ManifestFile}, "companion.yaml is empty")
		l.diags.Hintf("it needs at least title, work, authors and contents; `companion init DIR` shows a small example")
		return
	}
	b.Language, b.Style = "en", cite.MLA
	b.NotesArea = true
	var contents *yaml.Node
	var languagePos diag.Pos
	ownLabels := map[string]string{}
	var coverPath string
	var coverPos diag.Pos
	d.mapping(root, "companion.yaml",
		field{"title", true, func(v *yaml.Node) { d.text(v, "title", &b.Title) }},
		field{"subtitle", false, func(v *yaml.Node) { d.text(v, "subtitle", &b.Subtitle) }},
		field{"work", true, func(v *yaml.Node) { d.str(v, "work", &b.Work); b.workPos = d.pos(v) }},
		field{"authors", true, func(v *yaml.Node) {
			d.list(v, "authors", func(it *yaml.Node) {
				p := Person{Pos: d.pos(it)}
				if it.Kind == yaml.ScalarNode {
					d.text(it, "an author", &p.Name)
				} else {
					d.mapping(it, "an author",
						field{"name", true, func(v *yaml.Node) { d.text(v, "name", &p.Name) }},
						field{"role", false, func(v *yaml.Node) { d.text(v, "role", &p.Role) }})
				}
				if p.Name != "" {
					b.Authors = append(b.Authors, p)
				}
			})
			if len(b.Authors) == 0 {
				l.diags.Errorf(d.pos(v), "authors lists nobody")
				l.diags.Hintf("name at least one author: `authors: [{name: Jane Doe}]`")
			}
		}},
		field{"language", false, func(v *yaml.Node) {
			d.str(v, "language", &b.Language)
			languagePos = d.pos(v)
			l.languageGiven, l.languagePos = true, languagePos
			if !validLanguage(b.Language) {
				l.diags.Errorf(d.pos(v), "language %q is not a BCP 47 language tag", b.Language)
				l.diags.Hintf("write e.g. en, en-GB, en-US, fr")
				b.Language = "en"
			}
		}},
		field{"identifier", false, func(v *yaml.Node) { d.str(v, "identifier", &b.Identifier) }},
		field{"publisher", false, func(v *yaml.Node) { d.text(v, "publisher", &b.Publisher) }},
		field{"date", false, func(v *yaml.Node) {
			d.str(v, "date", &b.Date)
			b.datePos = d.pos(v)
			if b.Date != "" && !validDate(b.Date) {
				l.diags.Errorf(d.pos(v), "date %q is not a date", b.Date)
				l.diags.Hintf("write it as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2026-11-20")
				b.Date = ""
			}
		}},
		field{"rights", false, func(v *yaml.Node) { d.text(v, "rights", &b.Rights) }},
		field{"description", false, func(v *yaml.Node) { d.text(v, "description", &b.Description) }},
		field{"subjects", false, func(v *yaml.Node) {
			var at []diag.Pos
			d.list(v, "subjects", func(it *yaml.Node) {
				var s string
				d.text(it, "a subject", &s)
				if s != "" {
					b.Subjects = append(b.Subjects, s)
					at = append(at, d.pos(it))
				}
			})
			if v.Style&yaml.FlowStyle != 0 {
				splitSubjects(&l.diags, b.Subjects, at)
			}
		}},
		field{"cover", false, func(v *yaml.Node) { d.str(v, "cover", &coverPath); coverPos = d.pos(v) }},
		field{"citation-style", false, func(v *yaml.Node) {
			d.str(v, "citation-style", &l.styleSpec)
			l.stylePos = d.pos(v)
		}},
		field{"work-citations", false, func(v *yaml.Node) {
			var w string
			d.str(v, "work-citations", &w)
			switch w {
			case WorkCitationsFull, WorkCitationsShort:
				b.WorkCitations = w
			default:
				l.diags.Errorf(d.pos(v), "work-citations %q is neither %s nor %s", w, WorkCitationsFull, WorkCitationsShort)
				l.diags.Hintf("write `work-citations: short` to cite the work studied by its locator alone, \"(ch. 5)\", once a chapter has cited it in full; leave it out to cite it in full throughout")
			}
		}},
		field{"frameworks", false, func(v *yaml.Node) { l.frameworkSelections(d, v) }},
		field{"work-parts", false, func(v *yaml.Node) {
			d.list(v, "work-parts", func(it *yaml.Node) {
				wp := &WorkPart{Pos: d.pos(it)}
				d.mapping(it, "a work part",
					field{"id", true, func(v *yaml.Node) { d.str(v, "id", &wp.ID) }},
					field{"title", true, func(v *yaml.Node) { d.text(v, "title", &wp.Title) }},
					field{"chapters", false, func(v *yaml.Node) {
						d.str(v, "chapters", &wp.Chapters)
						if wp.Chapters != "" && !chapterRangeRE.MatchString(wp.Chapters) {
							l.diags.Errorf(d.pos(v), "chapters %q is not a range of chapters", wp.Chapters)
							l.diags.Hintf("write a number or a range, e.g. 1-9")
						}
					}})
				if wp.ID != "" {
					b.WorkParts = append(b.WorkParts, wp)
				}
			})
		}},
		field{"contents", true, func(v *yaml.Node) { contents = v }},
		field{"labels", false, func(v *yaml.Node) { projectLabels(d, v, ownLabels) }},
		field{"pdf", false, func(v *yaml.Node) {
			d.mapping(v, "pdf",
				field{"paper", false, func(v *yaml.Node) {
					d.oneOf(v, "paper", []string{"letter", "a4"}, &b.Paper)
				}},
				field{"notes-area", false, func(v *yaml.Node) { d.boolean(v, "notes-area", &b.NotesArea) }})
		}},
	)
	if b.Paper == "" {
		b.Paper = PaperFor(b.Language)
	}
	if b.WorkCitations == "" {
		b.WorkCitations = WorkCitationsFull
	}
	if b.Identifier == "" {
		b.Identifier = derivedIdentifier(b.Title, b.Work)
	}
	table, fellBack := labels.For(b.Language)
	if fellBack {
		l.diags.Warnf(languagePos, "companion has no labels in language %q, so headings and other labels print in English", b.Language)
		l.diags.Hintf("labels exist in %s; give your own under `labels:` in companion.yaml", strings.Join(labels.Languages(), ", "))
	}
	b.Labels = table.With(ownLabels)
	if coverPath != "" {
		if p, ok := l.projectPath(coverPath, coverPos, "cover"); ok {
			b.Cover = l.image(p, coverPos)
		}
	}
	if contents != nil {
		l.warmFrameworks()
		l.contents(d, contents)
	}
}

// warmFrameworks starts parsing the built-in frameworks the manifest
// selects, each on a goroutine of its own, so that they are ready when
// check asks for them: parsed on check's path they were a fifth of its
// YAML, and a core is often idle while the chapters' front matter is
// decoded.
func (l *loader) warmFrameworks() {
	builtin := builtinFrameworks()
	for _, sel := range l.frameworkSel {
		if parse, ok := builtin[sel.id]; ok {
			go parse()
		}
	}
}

// english is the table of a book whose manifest cannot be read.
var english, _ = labels.For(labels.English)

// projectLabels reads the manifest's labels: the project's own words for
// any of the built-in labels, e.g. `key-quotations: Key Lines`. A key
// that was renamed is an error that names its new key, as the words
// would otherwise be dropped without a word.
func projectLabels(d *decoder, v *yaml.Node, into map[string]string) {
	if v != nil && v.Kind == yaml.MappingNode {
		kept := *v // the others, decoded below; the manifest's tree is not changed
		kept.Content = nil
		for i := 0; i+1 < len(v.Content); i += 2 {
			k := v.Content[i]
			if to, ok := labels.RenamedTo(k.Value); ok {
				d.diags.Errorf(d.pos(k), "the label %q was renamed to %q", k.Value, to)
				words := "…"
				if w := v.Content[i+1]; w.Kind == yaml.ScalarNode {
					words = w.Value
				}
				d.diags.Hintf("write `%s: %s` under labels: instead", to, words)
				continue
			}
			kept.Content = append(kept.Content, k, v.Content[i+1])
		}
		v = &kept
	}
	var fields []field
	for _, k := range labels.Keys() {
		fields = append(fields, field{k, false, func(v *yaml.Node) {
			var s string
			d.text(v, k, &s)
			if s != "" {
				into[k] = s
			}
		}})
	}
	d.mapping(v, "labels", fields...)
}

var chapterRangeRE = regexp.MustCompile(`^\s*\d+\s*([-–]\s*\d+\s*)?$`)

func (l *loader) frameworkSelections(d *decoder, v *yaml.Node) {
	l.frameworkSel = []frameworkSel{}
	d.list(v, "frameworks", func(it *yaml.Node) {
		sel := frameworkSel{pos: d.pos(it)}
		if it.Kind == yaml.ScalarNode {
			d.str(it, "a framework", &sel.id)
		} else {
			sel.codes = []ref{}
			d.mapping(it, "a framework selection",
				field{"id", true, func(v *yaml.Node) { d.str(v, "id", &sel.id) }},
				field{"standards", false, func(v *yaml.Node) {
					d.list(v, "standards", func(s *yaml.Node) {
						var code string
						d.str(s, "a standard code", &code)
						if code != "" {
							sel.codes = append(sel.codes, ref{code, d.pos(s)})
						}
					})
				}})
		}
		if sel.id != "" {
			l.frameworkSel = append(l.frameworkSel, sel)
		}
	})
}

func (l *loader) contents(d *decoder, v *yaml.Node) {
	b := l.book
	l.chapterPaths = map[string]diag.Pos{}
	d.list(v, "contents", func(it *yaml.Node) {
		if it.Kind == yaml.ScalarNode {
			if c := l.chapterAt(d, it, nil); c != nil {
				b.Contents = append(b.Contents, &Entry{Chapter: c})
			}
			return
		}
		part := &Part{Pos: d.pos(it)}
		var chapters *yaml.Node
		d.mapping(it, "a part of the contents",
			field{"part", true, func(v *yaml.Node) { d.text(v, "part", &part.Title) }},
			field{"chapters", true, func(v *yaml.Node) { chapters = v }})
		if chapters != nil {
			d.list(chapters, "chapters", func(c *yaml.Node) {
				if ch := l.chapterAt(d, c, part); ch != nil {
					part.Chapters = append(part.Chapters, ch)
				}
			})
		}
		if part.Title != "" {
			b.Contents = append(b.Contents, &Entry{Part: part})
		}
	})
	l.frontMatters()
	if len(b.Chapters) == 0 && !l.diags.HasErrors() {
		l.diags.Errorf(d.pos(v), "contents lists no chapter")
		l.diags.Hintf("list chapter files in reading order, e.g. `contents: [chapters/01-introduction.md]`")
	}
	l.unlistedChapters()
}

// unlistedChapters warns about chapter files that contents forgets, the
// commonest reason a chapter "disappears" from a build, and about chapters
// saved as text (an editor's "chapter.md.txt").
func (l *loader) unlistedChapters() {
	entries, err := fs.ReadDir(l.fsys, "chapters")
	if err != nil {
		return
	}
	for _, e := range entries {
		p := "chapters/" + e.Name()
		if e.IsDir() {
			continue
		}
		if isChapterFile(p) {
			if _, ok := l.chapterPaths[p]; !ok {
				l.diags.Warnf(diag.Pos{File: p}, "this chapter is not listed in contents, so it is not built")
				l.diags.Hintf("add %s to contents in companion.yaml, or move it out of chapters/", p)
			}
		} else if md := strings.TrimSuffix(p, path.Ext(p)); isChapterFile(md) && strings.EqualFold(path.Ext(p), ".txt") {
			_, listed := l.chapterPaths[md]
			if _, listedAsText := l.chapterPaths[p]; !listed && !listedAsText {
				l.diags.Warnf(diag.Pos{File: p}, "this looks like a chapter saved as text, so it is not built")
				l.diags.Hintf("rename it to %s and list that in contents", md)
			}
		}
	}
}

// isChapterFile reports whether p names a Markdown file: .md or .markdown,
// in any case, with a name before the extension.
func isChapterFile(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return (ext == ".md" || ext == ".markdown") && len(path.Base(p)) > len(ext)
}

func (l *loader) chapterAt(d *decoder, n *yaml.Node, part *Part) *Chapter {
	var p string
	d.str(n, "a chapter path", &p)
	pos := d.pos(n)
	if p == "" {
		return nil
	}
	clean, ok := l.projectPath(p, pos, "chapter")
	if !ok {
		return nil
	}
	if !isChapterFile(clean) {
		l.chapterPaths[clean] = pos // reported here, not again as unlisted
		l.notChapterFile(p, clean, pos)
		return nil
	}
	if first, dup := l.chapterPaths[clean]; dup {
		l.diags.Errorf(pos, "chapter %s is listed twice in contents", clean)
		l.diags.Hintf("it is first listed at %s", first)
		return nil
	}
	l.chapterPaths[clean] = pos
	if _, err := fs.Stat(l.fsys, clean); errors.Is(err, fs.ErrNotExist) {
		if _, err := fs.Stat(l.fsys, clean+".txt"); err == nil {
			l.diags.Errorf(pos, "file %s does not exist, but %s.txt does", clean, clean)
			l.diags.Hintf("rename %s.txt to %s (the editor saved it as text; your system may hide the .txt)", clean, path.Base(clean))
			return nil
		}
	}
	c := l.chapter(clean, pos)
	if c == nil {
		return nil
	}
	c.Part = part
	l.book.Chapters = append(l.book.Chapters, c)
	c.Number = len(l.book.Chapters)
	return c
}

// notChapterFile reports a chapter path that names no Markdown file, with
// the rename that fixes the usual cases.
func (l *loader) notChapterFile(written, clean string, pos diag.Pos) {
	ext := path.Ext(clean)
	base := strings.TrimSuffix(path.Base(clean), ext)
	if base == "" {
		l.diags.Errorf(pos, "chapter %q has no name before its extension", written)
		l.diags.Hintf("name the file after the chapter, e.g. chapters/01-introduction.md")
		return
	}
	l.diags.Errorf(pos, "chapter %q is not a Markdown file", written)
	switch {
	case strings.EqualFold(ext, ".txt") && isChapterFile(strings.TrimSuffix(clean, ext)):
		l.diags.Hintf("rename it to %s (the editor saved it as text), and list that", path.Base(strings.TrimSuffix(clean, ext)))
	case strings.EqualFold(ext, ".txt"):
		l.diags.Hintf("if it holds Markdown, rename it to %s.md, and list that", base)
	default:
		l.diags.Hintf("chapters are Markdown files ending in .md or .markdown")
	}
}

var leadingNumberRE = regexp.MustCompile(`^\d+[-_. ]*`)

// DefaultChapterID is a chapter's id when its front matter gives none: the
// file name without a leading number and without .md (or .markdown).
func DefaultChapterID(p string) string {
	base := path.Base(p)
	if ext := strings.ToLower(path.Ext(base)); ext == ".md" || ext == ".markdown" {
		base = base[:len(base)-len(ext)]
	}
	if id := leadingNumberRE.ReplaceAllString(base, ""); id != "" {
		base = id
	}
	if base == "" {
		return "chapter" // the loader refuses such a file; the id must still be one
	}
	if c := base[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		base = "chapter-" + base // ids must start with a letter (XML names)
	}
	return base
}

var (
	questionTypes = []string{"comprehension", "inferential", "analytical", "evaluative", "creative", "personal"}
	bloomLevels   = []string{"remember", "understand", "apply", "analyze", "evaluate", "create"}
	phases        = []string{"pre", "during", "post", "essay", "project"}
)

// DefaultLines is the number of answer lines a question gets when it does
// not say: enough for the kind of thinking it asks for.
func DefaultLines(questionType, phase string) int {
	if phase == "essay" {
		return 12
	}
	switch questionType {
	case "comprehension":
		return 3
	case "inferential", "personal":
		return 4
	case "analytical", "evaluative":
		return 6
	case "creative":
		return 8
	}
	return 4
}

func (l *loader) chapter(p string, listed diag.Pos) *Chapter {
	n := len(l.diags)
	data, ok := l.readText(p, listed)
	if !ok {
		l.unreadChapter(n)
		return nil
	}
	if len(data) > MaxChapterSize {
		l.diags.Errorf(diag.Pos{File: p}, "the chapter is larger than %d MiB", MaxChapterSize>>20)
		l.diags.Hintf("split it into several chapters")
		l.unreadChapter(n)
		return nil
	}
	c := &Chapter{Path: p, ID: DefaultChapterID(p), Pos: listed, idPos: diag.Pos{File: p, Line: 1, Col: 1}}
	front, body, bodyLine := splitFrontMatter(data)
	if front == nil {
		l.noFrontMatter(p, data)
		l.unreadChapter(n)
	}
	l.fronts = append(l.fronts, chapterFront{c: c, front: front, body: body, bodyLine: bodyLine})
	return c
}

// chapterFront is a chapter read, its front matter (nil for none) and
// body split, waiting for frontMatters; or, with c nil, a chapter that
// could not be read, unread its first error.
type chapterFront struct {
	c        *Chapter
	front    []byte
	body     []byte
	bodyLine int
	unread   diag.Pos
}

// unreadChapter queues, in the contents' order, the first error since the
// loader's nth diagnostic, if any, as a chapter whose file or front
// matter could not be read (its quotes are unknown).
func (l *loader) unreadChapter(n int) {
	if at, failed := firstErrorSince(l.diags, n); failed {
		l.fronts = append(l.fronts, chapterFront{unread: at})
	}
}

// frontWindow is how many chapters' front matter frontMatters parses at
// once: enough to keep every core busy, few enough that the YAML trees of
// a thousand chapters are never held together.
const frontWindow = 32

// frontMatters decodes the front matter of the chapters read, in their
// order, queues their bodies and records those that could not be read.
// YAML is most of the time of a check, so each window of chapters is
// parsed on all cores first, then decoded one by one, as each chapter was
// when it was read.
func (l *loader) frontMatters() {
	for start := 0; start < len(l.fronts); start += frontWindow {
		window := l.fronts[start:min(start+frontWindow, len(l.fronts))]
		roots := make([]*yaml.Node, len(window))
		errs := make([][]yamlsrc.Error, len(window))
		parallel.ForEach(context.Background(), len(window), func(i int) error {
			if window[i].front != nil {
				roots[i], errs[i] = yamlsrc.Parse(window[i].front, frontFirstLine)
			}
			return nil
		})
		for i, f := range window {
			if f.c == nil {
				l.book.unread.chapters = append(l.book.unread.chapters, unreadFile{err: f.unread})
				continue
			}
			n := len(l.diags)
			if f.front != nil && !l.frontMatter(f.c, f.front, roots[i], errs[i]) {
				if at, failed := firstErrorSince(l.diags, n); failed {
					l.book.unread.chapters = append(l.book.unread.chapters, unreadFile{err: at})
				}
			}
			roots[i] = nil
			f.c.Body = newMarkdown(f.c.Path, diag.Pos{File: f.c.Path, Line: f.bodyLine, Col: 1}, string(f.body))
			l.parseLater(f.c.Body)
		}
	}
	l.fronts = nil
}

// noFrontMatter reports a chapter without front matter, saying what came
// close: a --- that is never closed, or one below the first line.
func (l *loader) noFrontMatter(p string, data []byte) {
	for i, ln := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(ln) == "" {
			continue
		}
		if strings.TrimRight(ln, " \t") != "---" {
			break
		}
		if i == 0 {
			l.diags.Errorf(diag.Pos{File: p, Line: 1, Col: 1}, "the front matter that starts here is never closed")
			l.diags.Hintf("end it with a line holding only ---, before the Markdown")
		} else {
			l.diags.Errorf(diag.Pos{File: p, Line: i + 1, Col: 1}, "the front matter must start on the first line of the file")
			l.diags.Hintf("remove the blank lines above this ---")
		}
		return
	}
	l.diags.Errorf(diag.Pos{File: p, Line: 1, Col: 1}, "the chapter has no front matter")
	l.diags.Hintf("start the file with a YAML block between --- lines giving at least `title:`")
}

// splitFrontMatter separates a leading YAML block between --- lines from the
// Markdown body. It returns the body's first line number.
func splitFrontMatter(data []byte) (front, body []byte, bodyLine int) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, data, 1
	}
	line := 2
	for off := 0; off < len(rest); {
		ln, _, found := bytes.Cut(rest[off:], []byte("\n"))
		if t := bytes.TrimRight(ln, " \t"); string(t) == "---" || string(t) == "..." {
			if !found {
				return rest[:off], nil, line + 1
			}
			return rest[:off], rest[off+len(ln)+1:], line + 1
		}
		if !found {
			break
		}
		off += len(ln) + 1
		line++
	}
	return nil, data, 1 // never closed: treat as no front matter
}

// frontFirstLine is the line a chapter's front matter starts on, below
// its opening ---.
const frontFirstLine = 2

// frontMatter decodes a chapter's front matter into c, parsed by
// yamlsrc.Parse into root with errs. It reports false if the YAML does not
// parse.
func (l *loader) frontMatter(c *Chapter, front []byte, root *yaml.Node, errs []yamlsrc.Error) bool {
	d := &decoder{file: c.Path, line0: frontFirstLine - 1, diags: &l.diags}
	root, parsed := d.parsed(front, root, errs)
	if !parsed {
		return false
	}
	if root == nil {
		l.diags.Errorf(diag.Pos{File: c.Path, Line: 1, Col: 1}, "the front matter is empty")
		l.diags.Hintf("give the chapter at least a `title:`")
		return true
	}
	d.mapping(root, "the front matter",
		field{"id", false, func(v *yaml.Node) { d.str(v, "id", &c.ID); c.idPos = d.pos(v) }},
		field{"title", true, func(v *yaml.Node) { d.text(v, "title", &c.Title) }},
		field{"covers", false, func(v *yaml.Node) {
			d.list(v, "covers", func(it *yaml.Node) {
				var id string
				d.str(it, "a work part", &id)
				if id != "" {
					c.coverRefs = append(c.coverRefs, ref{id, d.pos(it)})
				}
			})
		}},
		field{"standards", false, func(v *yaml.Node) { c.Standards = l.standardRefs(d, v) }},
		field{"themes", false, func(v *yaml.Node) { c.themeRefs = themeRefs(d, v) }},
		field{"vocabulary", false, func(v *yaml.Node) { l.vocabulary(d, c, v) }},
		field{"quotes", false, func(v *yaml.Node) {
			d.list(v, "quotes", func(it *yaml.Node) {
				if q := l.quote(d, it); q != nil {
					q.Chapter = c
					c.Quotes = append(c.Quotes, q)
				}
			})
		}},
		field{"questions", false, func(v *yaml.Node) {
			d.list(v, "questions", func(it *yaml.Node) {
				if q := l.question(d, it); q != nil {
					q.Chapter = c
					c.Questions = append(c.Questions, q)
				}
			})
			inPhaseOrder(c.Questions)
		}},
	)
	return true
}

func (l *loader) standardRefs(d *decoder, v *yaml.Node) []*StandardRef {
	var out []*StandardRef
	d.list(v, "standards", func(it *yaml.Node) {
		var s string
		d.str(it, "a standard", &s)
		if s == "" {
			return
		}
		fw, code, ok := strings.Cut(s, ":")
		fw, code = strings.TrimSpace(fw), strings.TrimSpace(code)
		if !ok || fw == "" || code == "" {
			l.diags.Errorf(d.pos(it), "standard %q is not of the form FRAMEWORK:CODE", s)
			l.diags.Hintf("write e.g. ccss-ela:RL.11-12.1 or uk-a-level:AO2")
			return
		}
		out = append(out, &StandardRef{Framework: fw, Code: code, Pos: d.pos(it)})
	})
	sortRefs(out)
	return out
}

// sortRefs orders a list of standards as a reader looks them up: each
// framework where the list first names it, and within one its codes in
// natural order, numbers by value, so by grade band then number
// ("RL.9-10.4" before "RL.11-12.6").
func sortRefs(refs []*StandardRef) {
	first := map[string]int{}
	for i, r := range refs {
		if _, ok := first[r.Framework]; !ok {
			first[r.Framework] = i
		}
	}
	slices.SortStableFunc(refs, func(a, b *StandardRef) int {
		if a.Framework != b.Framework {
			return first[a.Framework] - first[b.Framework]
		}
		return naturalCompare(a.Code, b.Code)
	})
}

// naturalCompare compares a and b run by run: runs of digits by their
// value, other runs as text.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		ra, rb := leadingRun(a), leadingRun(b)
		if isDigit(ra[0]) && isDigit(rb[0]) {
			na, nb := strings.TrimLeft(ra, "0"), strings.TrimLeft(rb, "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
		} else if c := strings.Compare(ra, rb); c != 0 {
			return c
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return cmp.Compare(len(a), len(b))
}

// leadingRun is s's first run of digits, or of bytes that are not digits.
func leadingRun(s string) string {
	digits := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digits {
		i++
	}
	return s[:i]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (l *loader) quote(d *decoder, n *yaml.Node) *Quote {
	q := &Quote{Pos: d.pos(n)}
	d.mapping(n, "a quote",
		field{"id", true, func(v *yaml.Node) { d.str(v, "id", &q.ID) }},
		field{"text", true, func(v *yaml.Node) {
			d.text(v, "text", &q.Text)
			q.textPos = d.textPos(v)
		}},
		field{"speaker", false, func(v *yaml.Node) { d.text(v, "speaker", &q.Speaker) }},
		field{"cite", true, func(v *yaml.Node) {
			d.str(v, "cite", &q.CiteText)
			q.CitePos = d.pos(v)
			q.Cite = l.citation(q.CiteText, q.CitePos)
		}},
		field{"verified", false, func(v *yaml.Node) { d.boolean(v, "verified", &q.Verified) }},
		field{"themes", false, func(v *yaml.Node) { q.themeRefs = themeRefs(d, v) }},
	)
	if q.ID == "" {
		return nil
	}
	return q
}

// citation parses a cite field, written as a citation in the text is but
// without its brackets; nil when it is empty or does not parse.
func (l *loader) citation(written string, pos diag.Pos) []cite.Item {
	s := strings.TrimSpace(written)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if s == "" {
		return nil
	}
	items, err := cite.ParseCitation(s)
	if err != nil {
		l.diags.Errorf(pos, "cite %q is not a citation: %v", written, err)
		if yamlsrc.CurlyQuoted(s) {
			l.diags.Hintf("curly quotes “ ” from a word processor are not quotes to YAML; write straight ones: cite: %s", yamlsrc.Requoted(s))
		} else {
			l.diags.Hintf("write it as in the text, without brackets: \"@ishiguro2005, ch. 7\"")
		}
		return nil
	}
	return items
}

func (l *loader) question(d *decoder, n *yaml.Node) *Question {
	q := &Question{Pos: d.pos(n)}
	var answers answerKeys
	fields := []field{
		{"id", true, func(v *yaml.Node) { d.str(v, "id", &q.ID) }},
		{"prompt", true, func(v *yaml.Node) {
			var s string
			d.text(v, "prompt", &s)
			q.Prompt = d.markdown(v, s)
		}},
		{"type", false, func(v *yaml.Node) { d.oneOf(v, "type", questionTypes, &q.Type) }},
		{"bloom", false, func(v *yaml.Node) {
			var s string
			d.str(v, "bloom", &s)
			if s == "analyse" { // British spelling, same level
				s = "analyze"
			}
			if s != "" {
				v2 := *v
				v2.Value = s
				d.oneOf(&v2, "bloom", bloomLevels, &q.Bloom)
			}
		}},
		{"phase", false, func(v *yaml.Node) { d.oneOf(v, "phase", phases, &q.Phase) }},
		{"exam", false, func(v *yaml.Node) { d.text(v, "exam", &q.Exam) }},
		{"lines", false, func(v *yaml.Node) { d.integer(v, "lines", 0, 40, &q.Lines) }},
		{"standards", false, func(v *yaml.Node) { q.Standards = l.standardRefs(d, v) }},
		{"quotes", false, func(v *yaml.Node) {
			d.list(v, "quotes", func(it *yaml.Node) {
				var id string
				d.str(it, "a quote id", &id)
				if id != "" {
					q.quoteRefs = append(q.quoteRefs, ref{id, d.pos(it)})
				}
			})
		}},
		{"guidance", false, func(v *yaml.Node) {
			var s string
			d.text(v, "guidance", &s)
			q.Guidance = d.markdown(v, s)
		}},
		{"themes", false, func(v *yaml.Node) { q.themeRefs = themeRefs(d, v) }},
		{"rubric", false, func(v *yaml.Node) { d.str(v, "rubric", &q.rubricRef.id); q.rubricRef.pos = d.pos(v) }},
	}
	d.mapping(n, "a question", append(fields, answers.fields(d, q)...)...)
	if q.ID == "" || q.Prompt == nil {
		return nil
	}
	l.answers(d, q, &answers)
	l.parseLater(q.Prompt, q.Guidance)
	if q.Lines == 0 {
		q.Lines = DefaultLines(q.Type, q.Phase)
	}
	return q
}

func (l *loader) references() {
	var names []string
	for _, n := range []string{"references.yaml", "references.yml", "references.json"} {
		if _, err := fs.Stat(l.fsys, n); err == nil {
			names = append(names, n)
		}
	}
	switch len(names) {
	case 0:
		return // check reports the missing work
	case 1:
	default:
		l.diags.Errorf(diag.Pos{File: names[1]}, "the project has both %s and %s", names[0], names[1])
		l.diags.Hintf("keep one reference file; companion reads %s", names[0])
	}
	n := len(l.diags)
	defer func() {
		// no reference read, and an error to say why
		if at, failed := firstErrorSince(l.diags, n); failed && l.book.References == nil {
			l.book.unread.references = &unreadFile{err: at}
		}
	}()
	data, ok := l.readText(names[0], diag.Pos{File: names[0]})
	if !ok {
		return
	}
	refs, diags := cite.Parse(names[0], data)
	l.book.References = refs
	l.diags.Append(diags)
}

// builtinFrameworks are the embedded frameworks by id, each parsed the
// first time a book of the process asks for it (most projects use one of
// them, and `check` should not pay for the others); the parsed frameworks
// are never modified, so books share them. A built-in framework's file is
// named by its id.
var builtinFrameworks = sync.OnceValue(func() frameworks {
	builtin := assets.Frameworks()
	names, _ := fs.Glob(builtin, "*.yaml")
	out := frameworks{}
	for _, n := range names {
		id := strings.TrimSuffix(n, ".yaml")
		out[id] = sync.OnceValue(func() *Framework {
			data, err := fs.ReadFile(builtin, n)
			if err != nil {
				panic(err) // embedded: cannot fail
			}
			var d diag.List
			f := parseFramework("(built-in) "+n, data, &d)
			if d.HasErrors() || f == nil || f.ID != id {
				panic(fmt.Sprintf("built-in framework %s is invalid or not named by its id: %v", n, d))
			}
			f.Builtin = true
			return f
		})
	}
	return out
})

// frameworks are the frameworks a project could use, by id, each parsed
// when first asked for.
type frameworks map[string]func() *Framework

// get returns the framework id names, if there is one.
func (fw frameworks) get(id string) (*Framework, bool) {
	f, ok := fw[id]
	if !ok {
		return nil, false
	}
	return f(), true
}

// frameworks makes the built-in frameworks and the project's curricula
// available.
func (l *loader) frameworks() {
	maps.Copy(l.book.available, builtinFrameworks())
	own, _ := fs.Glob(l.fsys, "curricula/*.yaml")
	yml, _ := fs.Glob(l.fsys, "curricula/*.yml")
	own = append(own, yml...)
	slices.Sort(own)
	for _, n := range own {
		before := len(l.diags)
		data, ok := l.readText(n, diag.Pos{File: n})
		var f *Framework
		if ok {
			f = parseFramework(n, data, &l.diags)
		}
		if f == nil {
			if at, failed := firstErrorSince(l.diags, before); failed {
				l.book.unread.unreadCurriculum(at, data)
			}
			continue
		}
		if prev, dup := l.book.available.get(f.ID); dup {
			where := "a built-in framework"
			if !prev.Builtin {
				where = prev.Pos.File
			}
			l.diags.Errorf(f.Pos, "framework id %q is already used by %s", f.ID, where)
			l.diags.Hintf("give this framework another id")
			continue
		}
		l.book.available[f.ID] = func() *Framework { return f }
	}
}

func parseFramework(file string, data []byte, diags *diag.List) *Framework {
	d := &decoder{file: file, diags: diags}
	root, parsed := d.parse(data)
	if !parsed {
		return nil
	}
	if root == nil {
		diags.Errorf(diag.Pos{File: file}, "the framework file is empty")
		diags.Hintf("a framework needs an id, a title and its standards; book/FORMAT.md, section 5, shows one")
		return nil
	}
	f := &Framework{Pos: d.pos(root)}
	seen := map[string]diag.Pos{}
	d.mapping(root, "a framework",
		field{"id", true, func(v *yaml.Node) { d.str(v, "id", &f.ID); f.Pos = d.pos(v) }},
		field{"title", true, func(v *yaml.Node) { d.text(v, "title", &f.Title) }},
		field{"short", false, func(v *yaml.Node) { d.text(v, "short", &f.Short) }},
		field{"url", false, func(v *yaml.Node) { d.str(v, "url", &f.URL) }},
		field{"source", false, func(v *yaml.Node) { d.str(v, "source", &f.Source) }},
		field{"notice", false, func(v *yaml.Node) { d.text(v, "notice", &f.Notice) }},
		field{"standards", true, func(v *yaml.Node) {
			d.list(v, "standards", func(it *yaml.Node) {
				s := &Standard{Framework: f, Pos: d.pos(it)}
				d.mapping(it, "a standard",
					field{"code", true, func(v *yaml.Node) { d.str(v, "code", &s.Code) }},
					field{"group", false, func(v *yaml.Node) { d.text(v, "group", &s.Group) }},
					field{"grades", false, func(v *yaml.Node) { d.str(v, "grades", &s.Grades) }},
					field{"text", true, func(v *yaml.Node) { d.text(v, "text", &s.Text) }},
					field{"url", false, func(v *yaml.Node) { d.str(v, "url", &s.URL) }},
					field{"label", false, func(v *yaml.Node) { d.text(v, "label", &s.Label) }},
				)
				if s.Code == "" {
					return
				}
				if first, dup := seen[s.Code]; dup {
					diags.Errorf(s.Pos, "standard code %q appears twice", s.Code)
					diags.Hintf("first at %s", first)
					return
				}
				seen[s.Code] = s.Pos
				f.Standards = append(f.Standards, s)
			})
		}},
	)
	if f.ID == "" {
		return nil
	}
	return f
}

// PhaseOrder is the order questions are asked in: those without a phase,
// then before, during and after reading, then essays, then projects
// (tasks done away from the handout).
var PhaseOrder = []string{"", "pre", "during", "post", "essay", "project"}

// inPhaseOrder puts a chapter's questions in PhaseOrder, keeping the
// author's order within a phase, and numbers them so: every output lists
// them grouped by phase, and a question's number is the same in all.
func inPhaseOrder(qs []*Question) {
	rank := func(q *Question) int { return slices.Index(PhaseOrder, q.Phase) }
	slices.SortStableFunc(qs, func(a, b *Question) int { return rank(a) - rank(b) })
	for i, q := range qs {
		q.Number = i + 1
	}
}
