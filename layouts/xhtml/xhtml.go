// Package xhtml is the one writer of the book's document model (book/doc)
// as markup: the HTML of CommonMark and GFM in XHTML syntax, which is
// also valid HTML, for the EPUB's content documents, the site's pages and
// the learning platforms' questions. What differs between them is asked
// of the caller through Hooks (where a link or an image leads, how a
// citation reads) and set in Options (notes, headings, newlines). Pages
// writes, on top of it, the parts of a chapter and of the back matter
// that the EPUB and the site set out alike.
package xhtml

import (
	"fmt"
	"html"
	"strings"

	"github.com/companion-dev/companion/book/cite"
	"github.com/companion-dev/companion/book/doc"
	"github.com/companion-dev/companion/layouts/internal/tie"
)

// Hooks are where an output decides for itself.
type Hooks interface {
	// Href is where a Markdown link leads in the output; false writes
	// the link's text alone (a place the output does not have).
	Href(l *doc.Link) (href string, ok bool)
	// ImageSrc is the address of an image's copy in the output; false
	// writes its description in brackets instead.
	ImageSrc(img *doc.Image) (src string, ok bool)
	// Cite formats a citation in the book's style, where it stands among
	// the citations around it (book.Citations).
	Cite(n *doc.Citation) cite.Text
}

// Options set how one piece of Markdown is written.
type Options struct {
	// EPUB marks footnotes and their calls with the EPUB 3 vocabulary
	// (epub:type footnote and noteref), so reading systems pop them up.
	EPUB bool
	// Platform writes for a learning platform, which shows a question as
	// one piece of HTML with its own styles: no newline that matters (code
	// lines end in <br />, soft breaks are spaces), so that a format
	// needing one line may turn every newline into a space; headings run
	// in as bold paragraphs; notes as numbered paragraphs after the text,
	// their calls plain superscripts; no classes for a stylesheet.
	Platform bool
	// NotePrefix keeps the note ids of two pieces of one page apart.
	NotePrefix string
	// NotesFrom numbers the piece's footnotes on from the page's notes
	// before it, in an in-text style: its note 1 prints NotesFrom+1.
	// Zero where Notes numbers them among the chapter's (a note style).
	NotesFrom int
	// HeadingShift lowers the piece's headings (a question's, below the
	// page's own h2).
	HeadingShift int
	// TopLevel is the highest heading the piece may use: 2 under a page
	// whose title is its one h1. Zero allows h1.
	TopLevel int
	// BackToText is the title of the links from a note back to its call.
	BackToText string
	// ForTheTeacher is the label over teacher-only text, which only a
	// teacher edition's Markdown holds (book.Markdown.Edition).
	ForTheTeacher string
	// Terms, when set, links the first use of each vocabulary term to
	// its glossary entry.
	Terms *Terms
	// Notes, when set, numbers the piece's notes among its chapter's
	// (book.Citations): in a note style a citation is a note, called by
	// its number where it stands and written with the piece's notes.
	Notes NoteNumbers
	// Uncalled leaves out the calls of the piece's footnotes: it is a
	// copy of a piece whose notes are printed with it elsewhere (a
	// prompt or a choice the answer key repeats), where a call would
	// lead nowhere. The PDF's key leaves them out too.
	Uncalled bool
}

// NoteNumbers number a chapter's notes in one sequence: its footnotes and,
// in a note style, its citations.
type NoteNumbers interface {
	// CitationNote is the number of the note a citation is set in; 0
	// when it stands in the text.
	CitationNote(n *doc.Citation) int
	// NoteNumber is the number a call of a footnote prints.
	NoteNumber(r *doc.NoteRef) int
	// FootnoteNumber is the number a footnote prints.
	FootnoteNumber(n *doc.Note) int
	// Inlines are inlines with the punctuation around the citations set
	// as notes moved as the notes want it.
	Inlines(is []doc.Inline) []doc.Inline
}

// Writer writes pieces of Markdown with one set of hooks and options.
// It is cheap; make one for each piece.
type Writer struct {
	hooks Hooks
	opt   Options
	w     strings.Builder
	// noTerms counts the headings, links and block quotations around the
	// text being written, where no term is linked.
	noTerms int
	// citeNotes are the citations set as notes since the last Notes,
	// which writes them among the footnotes.
	citeNotes []citeNote
}

// citeNote is a citation set as a note: its number and text.
type citeNote struct {
	number int
	text   cite.Text
}

// New returns a writer of pieces with hooks h and options opt.
func New(h Hooks, opt Options) *Writer { return &Writer{hooks: h, opt: opt} }

// Blocks renders blocks (a document's body; its notes apart, see Notes).
func (x *Writer) Blocks(bs []doc.Block) string {
	x.w.Reset()
	x.blocks(bs)
	return x.w.String()
}

// Inlines renders inlines, with nothing around them.
func (x *Writer) Inlines(is []doc.Inline) string {
	x.w.Reset()
	x.inlines(is)
	return x.w.String()
}

// Notes renders the footnotes of a document in the style of the options;
// "" when there are none.
func (x *Writer) Notes(notes []*doc.Note) string {
	x.w.Reset()
	if x.opt.Platform {
		for _, n := range notes {
			fmt.Fprintf(&x.w, "<p><sup>%d</sup> ", n.Index)
			x.inner(n.Blocks)
			x.w.WriteString("</p>")
		}
	} else {
		x.linkedNotes(notes)
	}
	x.citeNotes = nil
	return x.w.String()
}

// Document renders a whole document: its blocks, then its notes.
func (x *Writer) Document(d *doc.Document) string {
	s := x.Blocks(d.Blocks)
	return s + x.Notes(d.Notes)
}

// Escape escapes text and attribute values as CommonMark's HTML does.
func Escape(s string) string { return textEscaper.Replace(s) }

// attr escapes an attribute value, apostrophes too.
func attr(s string) string { return html.EscapeString(s) }

var textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (x *Writer) text(s string) { textEscaper.WriteString(&x.w, s) }

// words writes running text (not code or an address), each space that
// must not end a line ("(chapter 1)", "p. 12") a no-break space and a
// range's dash bound to its numbers ("ch. 10–14"); a platform, which
// shows a question in its own page, gets the dashes as written.
func (x *Writer) words(s string) {
	s = tie.Spaces(s)
	if !x.opt.Platform {
		s = tie.Ranges(s)
	}
	x.text(s)
}

// newline ends a line where the markup may have one.
func (x *Writer) newline() {
	if !x.opt.Platform {
		x.w.WriteByte('\n')
	}
}

func (x *Writer) blocks(bs []doc.Block) {
	for i, b := range bs {
		x.block(b, i+1 < len(bs))
	}
}

// block writes one block; more says whether a block follows it.
func (x *Writer) block(b doc.Block, more bool) {
	w := &x.w
	switch b := b.(type) {
	case *doc.Paragraph:
		if img := captioned(b); img != nil {
			x.figure(img)
			return
		}
		w.WriteString("<p>")
		x.inlines(b.Inlines)
		w.WriteString("</p>")
		x.newline()
	case *doc.Plain:
		x.inlines(b.Inlines)
		if more && len(b.Inlines) > 0 {
			x.newline()
		}
	case *doc.Heading:
		if x.opt.Platform {
			w.WriteString("<p><strong>")
			x.inlines(b.Inlines)
			w.WriteString("</strong></p>")
			x.newline()
			return
		}
		level := min(max(b.Level+x.opt.HeadingShift, x.opt.TopLevel), 6)
		fmt.Fprintf(w, "<h%d", level)
		if b.ID != "" {
			fmt.Fprintf(w, ` id="%s"`, b.ID)
		}
		w.WriteString(">")
		x.noTerms++
		x.inlines(b.Inlines)
		x.noTerms--
		fmt.Fprintf(w, "</h%d>", level)
		x.newline()
	case *doc.BlockQuote:
		w.WriteString("<blockquote>")
		x.newline()
		x.noTerms++
		x.blocks(b.Blocks)
		x.noTerms--
		w.WriteString("</blockquote>")
		x.newline()
	case *doc.TeacherOnly:
		if x.opt.Platform {
			w.WriteString("<div>")
		} else {
			w.WriteString(`<div class="teacher-only" role="note">`)
		}
		x.newline()
		if x.opt.ForTheTeacher != "" {
			w.WriteString("<p><strong>")
			x.text(x.opt.ForTheTeacher)
			w.WriteString("</strong></p>")
			x.newline()
		}
		x.blocks(b.Blocks)
		w.WriteString("</div>")
		x.newline()
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		w.WriteString("<" + tag)
		if b.Ordered && b.Start != 1 {
			fmt.Fprintf(w, ` start="%d"`, b.Start)
		}
		w.WriteString(">")
		x.newline()
		for _, it := range b.Items {
			w.WriteString("<li>")
			if len(it.Blocks) > 0 {
				if _, plain := it.Blocks[0].(*doc.Plain); !plain {
					x.newline()
				}
			}
			x.blocks(it.Blocks)
			w.WriteString("</li>")
			x.newline()
		}
		w.WriteString("</" + tag + ">")
		x.newline()
	case *doc.CodeBlock:
		x.codeBlock(b)
	case *doc.Rule:
		w.WriteString("<hr />")
		x.newline()
	case *doc.Table:
		x.table(b)
	}
}

func (x *Writer) codeBlock(b *doc.CodeBlock) {
	w := &x.w
	if x.opt.Platform {
		w.WriteString("<pre>")
		for i, l := range b.Lines {
			if i > 0 {
				w.WriteString("<br />")
			}
			x.text(strings.TrimRight(l, "\r\n"))
		}
		w.WriteString("</pre>")
		return
	}
	w.WriteString("<pre><code")
	if b.Language != "" {
		w.WriteString(` class="language-`)
		x.text(b.Language)
		w.WriteString(`"`)
	}
	w.WriteString(">")
	for _, l := range b.Lines {
		x.text(l)
	}
	w.WriteString("</code></pre>\n")
}

// table writes a GFM table; header cells get scope="col", and alignment
// is a style, which EPUB accepts (not the align attribute).
func (x *Writer) table(t *doc.Table) {
	w := &x.w
	w.WriteString("<table>")
	x.newline()
	w.WriteString("<thead>")
	x.newline()
	w.WriteString("<tr>")
	x.newline()
	x.cells(t.Header, "th")
	w.WriteString("</tr>")
	x.newline()
	w.WriteString("</thead>")
	x.newline()
	if len(t.Rows) > 0 {
		w.WriteString("<tbody>")
		x.newline()
		for _, r := range t.Rows {
			w.WriteString("<tr>")
			x.newline()
			x.cells(r, "td")
			w.WriteString("</tr>")
			x.newline()
		}
		w.WriteString("</tbody>")
		x.newline()
	}
	w.WriteString("</table>")
	x.newline()
}

func (x *Writer) cells(cells []*doc.Cell, tag string) {
	w := &x.w
	for _, c := range cells {
		w.WriteString("<" + tag)
		if tag == "th" {
			w.WriteString(` scope="col"`)
		}
		if c.Align != doc.AlignNone {
			fmt.Fprintf(w, ` style="text-align:%s"`, c.Align)
		}
		w.WriteString(">")
		x.inlines(c.Inlines)
		fmt.Fprintf(w, "</%s>", tag)
		x.newline()
	}
}

func (x *Writer) inlines(is []doc.Inline) {
	if x.opt.Notes != nil {
		is = x.opt.Notes.Inlines(is)
	}
	is, apart := doc.CallsApart(is, x.isCall)
	for k, i := range is {
		if apart != nil && apart[k] {
			x.callSeparator()
		}
		x.inline(i)
	}
}

// isCall reports whether an inline is written as a note's call.
func (x *Writer) isCall(i doc.Inline) bool {
	switch i := i.(type) {
	case *doc.NoteRef:
		return !x.opt.Uncalled
	case *doc.Citation:
		return x.opt.Notes != nil && x.opt.Notes.CitationNote(i) > 0
	}
	return false
}

// callSeparator writes the superscript comma between two note calls side
// by side ("³,⁴"), which would otherwise read as one number. It is text,
// not part of either link, so that a reader copying it or hearing it
// gets "3, 4".
func (x *Writer) callSeparator() {
	if x.opt.Platform {
		x.w.WriteString("<sup>,</sup>")
		return
	}
	x.w.WriteString(`<sup class="noteref-separator">,</sup>`)
}

func (x *Writer) inline(i doc.Inline) {
	w := &x.w
	switch i := i.(type) {
	case *doc.Text:
		if x.opt.Terms != nil && x.noTerms == 0 {
			x.opt.Terms.write(x, i.Text)
		} else {
			x.words(i.Text)
		}
	case *doc.Break:
		switch {
		case i.Hard:
			w.WriteString("<br />")
			x.newline()
		case x.opt.Platform:
			w.WriteByte(' ')
		default:
			w.WriteByte('\n')
		}
	case *doc.Emphasis:
		x.wrap("em", i.Inlines)
	case *doc.Strong:
		x.wrap("strong", i.Inlines)
	case *doc.Strike:
		x.wrap("del", i.Inlines)
	case *doc.Span:
		if x.opt.EPUB { // XHTML reads xml:lang; EPUB's checkers want both
			fmt.Fprintf(w, `<span lang="%s" xml:lang="%s">`, attr(i.Lang), attr(i.Lang))
		} else {
			fmt.Fprintf(w, `<span lang="%s">`, attr(i.Lang))
		}
		x.inlines(i.Inlines)
		w.WriteString("</span>")
	case *doc.Code:
		w.WriteString("<code>")
		x.text(strings.ReplaceAll(i.Text, "\n", " "))
		w.WriteString("</code>")
	case *doc.Link:
		href, ok := x.hooks.Href(i)
		if !ok {
			x.inlines(i.Inlines)
			return
		}
		fmt.Fprintf(w, `<a href="%s"`, attr(href))
		if i.Title != "" {
			fmt.Fprintf(w, ` title="%s"`, attr(i.Title))
		}
		w.WriteString(">")
		x.noTerms++
		x.inlines(i.Inlines)
		x.noTerms--
		w.WriteString("</a>")
	case *doc.AutoLink:
		if i.Href == "" { // a dangerous scheme: the address as text
			x.text(i.URL)
			return
		}
		w.WriteString(`<a href="`)
		x.text(i.Href)
		w.WriteString(`">`)
		x.text(i.URL)
		w.WriteString("</a>")
	case *doc.Image:
		x.image(i)
	case *doc.Citation:
		if x.opt.Notes != nil {
			if n := x.opt.Notes.CitationNote(i); n > 0 {
				w.WriteString(x.CitationCall(n, x.hooks.Cite(i)))
				return
			}
		}
		if x.opt.Platform {
			// a platform's page has no style sheet of ours: the looks
			// are inline styles there
			w.WriteString(x.hooks.Cite(i).HTML())
		} else {
			fmt.Fprintf(w, `<span class="citation">%s</span>`, Citation(x.hooks.Cite(i)))
		}
	case *doc.NoteRef:
		if x.opt.Uncalled {
			return
		}
		number := i.Index
		if x.opt.Notes != nil {
			number = x.opt.Notes.NoteNumber(i)
		}
		number += x.opt.NotesFrom
		if x.opt.Platform {
			fmt.Fprintf(w, "<sup>%d</sup>", number)
			return
		}
		w.WriteString(x.noteCall(x.noteRefID(i.Index, i.Call), x.NoteID(i.Index), number))
	}
}

func (x *Writer) wrap(tag string, is []doc.Inline) {
	x.w.WriteString("<" + tag + ">")
	x.inlines(is)
	x.w.WriteString("</" + tag + ">")
}

// image writes an image, or its description where the output has no copy.
func (x *Writer) image(img *doc.Image) {
	alt := PlainText(x.hooks, img.Alt)
	src, ok := x.hooks.ImageSrc(img)
	switch {
	case !ok && x.opt.Platform:
		fmt.Fprintf(&x.w, "[%s]", attr(alt))
		return
	case !ok:
		fmt.Fprintf(&x.w, `<span class="image-description">[%s]</span>`, attr(alt))
		return
	}
	fmt.Fprintf(&x.w, `<img src="%s" alt="%s"`, attr(src), attr(alt))
	if img.Title != "" {
		fmt.Fprintf(&x.w, ` title="%s"`, attr(img.Title))
	}
	x.w.WriteString(" />")
}

// captioned is the image of a paragraph that holds only an image with a
// title or a description: a figure, which shows its caption.
func captioned(p *doc.Paragraph) *doc.Image {
	var img *doc.Image
	for _, in := range p.Inlines {
		switch in := in.(type) {
		case *doc.Image:
			if img != nil {
				return nil
			}
			img = in
		case *doc.Text:
			if strings.TrimSpace(in.Text) != "" {
				return nil
			}
		default:
			return nil
		}
	}
	if img == nil || (strings.TrimSpace(img.Title) == "" && len(img.Alt) == 0) {
		return nil
	}
	return img
}

// figure writes an image with its caption: its title, else its
// description, which readers and assistive technology take for the
// figure's caption. What the caption says is not said again: a title is
// not also a title attribute, and a description that is the caption
// leaves the image's alt empty.
func (x *Writer) figure(img *doc.Image) {
	if _, ok := x.hooks.ImageSrc(img); !ok {
		x.w.WriteString("<p>")
		x.image(img) // its description
		x.w.WriteString("</p>")
		x.newline()
		return
	}
	caption := strings.TrimSpace(img.Title)
	shown := *img
	shown.Title = ""
	if caption == "" {
		caption = PlainText(x.hooks, img.Alt)
		shown.Alt = nil
	}
	x.w.WriteString(`<figure class="figure">`)
	x.image(&shown)
	x.w.WriteString("<figcaption>")
	x.words(caption)
	x.w.WriteString("</figcaption></figure>")
	x.newline()
}

// NoteID is the id of note index in this piece.
func (x *Writer) NoteID(index int) string { return fmt.Sprintf("%sfn-%d", x.opt.NotePrefix, index) }

// noteCall is the call of a note: its number, linked to the note.
func (x *Writer) noteCall(id, note string, number int) string {
	epub := ""
	if x.opt.EPUB {
		epub = ` epub:type="noteref"`
	}
	return fmt.Sprintf(`<a class="noteref" id="%s" href="#%s"%s role="doc-noteref">%d</a>`, id, note, epub, number)
}

// CitationCall is the call of note number n, a citation set as a note
// with text t, which the next Notes writes among the footnotes.
func (x *Writer) CitationCall(n int, t cite.Text) string {
	x.citeNotes = append(x.citeNotes, citeNote{n, t})
	return x.noteCall(x.citeRefID(n), x.citeNoteID(n), n)
}

func (x *Writer) citeNoteID(n int) string { return fmt.Sprintf("%scn-%d", x.opt.NotePrefix, n) }
func (x *Writer) citeRefID(n int) string  { return fmt.Sprintf("%scnref-%d", x.opt.NotePrefix, n) }

func (x *Writer) noteRefID(index, call int) string {
	if call == 0 {
		return fmt.Sprintf("%sfnref-%d", x.opt.NotePrefix, index)
	}
	return fmt.Sprintf("%sfnref-%d-%d", x.opt.NotePrefix, index, call+1)
}

// inner writes a note's blocks inside the paragraph that numbers it.
func (x *Writer) inner(bs []doc.Block) {
	for i, b := range bs {
		if i > 0 {
			x.w.WriteByte(' ')
		}
		if p, ok := b.(*doc.Paragraph); ok {
			x.inlines(p.Inlines)
		} else {
			x.block(b, false)
		}
	}
}

// linkedNotes writes the footnotes, each opening with its number, the
// link back to its first call; further calls of the same note get their
// own small links at its end.
func (x *Writer) linkedNotes(notes []*doc.Note) {
	if len(notes) == 0 && len(x.citeNotes) == 0 {
		return
	}
	w := &x.w
	w.WriteString(`<div class="footnotes">` + "\n")
	cites := x.citeNotes
	for _, n := range notes {
		number := n.Index
		if x.opt.Notes != nil {
			number = x.opt.Notes.FootnoteNumber(n)
		}
		number += x.opt.NotesFrom
		for len(cites) > 0 && cites[0].number < number {
			x.citationNote(cites[0])
			cites = cites[1:]
		}
		if x.opt.EPUB {
			fmt.Fprintf(w, `<aside class="footnote" id="%s" epub:type="footnote" role="doc-footnote">`+"\n", x.NoteID(n.Index))
		} else {
			fmt.Fprintf(w, `<aside class="footnote" id="%s" role="doc-footnote">`+"\n", x.NoteID(n.Index))
		}
		blocks := n.Blocks
		if _, ok := firstBlock(blocks).(*doc.Paragraph); !ok {
			w.WriteString("<p>")
			x.noteNumber(x.noteRefID(n.Index, 0), number)
			w.WriteString("</p>\n")
		}
		for i, b := range blocks {
			p, ok := b.(*doc.Paragraph)
			if !ok || (i > 0 && i < len(blocks)-1) {
				x.block(b, i+1 < len(blocks))
				continue
			}
			w.WriteString("<p>")
			if i == 0 {
				x.noteNumber(x.noteRefID(n.Index, 0), number)
			}
			x.inlines(p.Inlines)
			if i == len(blocks)-1 {
				x.backlinks(n)
			}
			w.WriteString("</p>\n")
		}
		if _, ok := lastBlock(blocks).(*doc.Paragraph); !ok {
			x.backlinks(n)
		}
		w.WriteString("</aside>\n")
	}
	for _, c := range cites {
		x.citationNote(c)
	}
	w.WriteString("</div>\n")
}

// citationNote writes a citation set as a note, as linkedNotes a
// footnote.
func (x *Writer) citationNote(c citeNote) {
	epub := ""
	if x.opt.EPUB {
		epub = ` epub:type="footnote"`
	}
	fmt.Fprintf(&x.w, `<aside class="footnote" id="%s"%s role="doc-footnote">`+"\n<p>", x.citeNoteID(c.number), epub)
	x.noteNumber(x.citeRefID(c.number), c.number)
	fmt.Fprintf(&x.w, `<span class="citation">%s</span></p>`+"\n</aside>\n", Citation(c.text))
}

func firstBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[0]
}

func lastBlock(bs []doc.Block) doc.Block {
	if len(bs) == 0 {
		return nil
	}
	return bs[len(bs)-1]
}

// noteNumber opens a note with its number, a link back to the call ref.
func (x *Writer) noteNumber(ref string, number int) {
	fmt.Fprintf(&x.w, `<a class="note-number" href="#%s" role="doc-backlink" title="%s">%d.</a> `,
		ref, attr(x.opt.BackToText), number)
}

func (x *Writer) backlinks(n *doc.Note) {
	for call := 1; call < n.Calls; call++ {
		fmt.Fprintf(&x.w, ` <a class="backlink" href="#%s" role="doc-backlink" title="%s">↑%d</a>`,
			x.noteRefID(n.Index, call), attr(x.opt.BackToText), call+1)
	}
}

// PlainText is the text of inlines as a reader would say it (an image's
// description, a heading in the contents): citations formatted by h,
// markup dropped, spaces collapsed.
func PlainText(h Hooks, is []doc.Inline) string {
	var sb strings.Builder
	var add func(is []doc.Inline)
	add = func(is []doc.Inline) {
		for _, i := range is {
			switch i := i.(type) {
			case *doc.Text:
				sb.WriteString(i.Text)
			case *doc.Break:
				sb.WriteByte(' ')
			case *doc.Code:
				sb.WriteString(i.Text)
			case *doc.AutoLink:
				sb.WriteString(i.URL)
			case *doc.Citation:
				sb.WriteString(h.Cite(i).Plain())
			default:
				add(doc.Children(i))
			}
		}
	}
	add(is)
	return strings.Join(strings.Fields(sb.String()), " ")
}
