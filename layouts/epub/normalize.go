package epub

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/companion-dev/companion/book/parallel"
	"github.com/companion-dev/companion/internal/deflate"
	"github.com/companion-dev/companion/layouts/internal/zipfile"
)

// packageInfo is what normalize writes into go-epub's book.
type packageInfo struct {
	Lang       string       // BCP 47, for the package and every XHTML document
	Modified   time.Time    // dcterms:modified is written in Metadata; this dates the zip entries
	Metadata   string       // the whole <metadata> element
	Nav        string       // the navigation document, relative to the package: xhtml/contents.xhtml
	CoverImage string       // the cover image, relative to the package
	NCX        []byte       // the EPUB 2 table of contents
	Packed     []packedFile // files to add as they are, already compressed
	// Documents are the content documents in reading order, the spine.
	// normalize writes each (writeDocument) and compresses it, so that
	// the text, most of the book, is compressed once: it calls each body's
	// function once, as it packs the document, in parallel, and lets the
	// text go once it is deflated, so that a long book's chapters are
	// rendered as they are packed, not all held at once.
	Documents []packageDoc
	Style     string // the style sheet, from a content document
}

// packageDoc is one content document.
type packageDoc struct {
	Href  string // relative to the package: xhtml/ch01.xhtml
	Title string
	Body  func() string
}

const mimetype = "application/epub+zip"

// mediaTypes fixes each file's media type by its extension, the way the
// project format defines them, rather than by go-epub's content sniffing
// (which can call an SVG text/xml).
var mediaTypes = map[string]string{
	".xhtml": "application/xhtml+xml",
	".css":   "text/css",
	".ttf":   "font/ttf",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".svg":   "image/svg+xml",
	".ncx":   "application/x-dtbncx+xml",
}

// opfPackage is the part of go-epub's package document normalize keeps:
// the manifest.
type opfPackage struct {
	Items []opfItem `xml:"manifest>item"`
}

type opfItem struct {
	ID         string `xml:"id,attr"`
	Href       string `xml:"href,attr"`
	MediaType  string `xml:"media-type,attr"`
	Properties string `xml:"properties,attr"`
}

// normalize is the one step between go-epub's output and a publishable,
// reproducible EPUB. It
//   - replaces the package metadata (go-epub's has a wall-clock
//     dcterms:modified and lacks what a publisher and Ace need), adds
//     xml:lang to the package and the EPUB 2 cover meta;
//   - adds info.Documents to the manifest and writes the spine, their
//     reading order;
//   - sorts the manifest (go-epub's follows map order), sets media types by
//     extension and the nav, cover-image and svg properties;
//   - drops go-epub's own navigation document (fixed heading, no fragments,
//     no landmarks, no doc-toc role): the contents page is the nav;
//   - replaces the NCX (go-epub's swaps dtb:uid and dtb:depth and shuffles
//     ids) with info.NCX;
//   - writes each content document, with lang and xml:lang on its root;
//   - writes the zip again: mimetype first and stored with no extra field,
//     the other entries sorted by name, all dated info.Modified through the
//     legacy MS-DOS fields (the extended timestamp field makes EPUBCheck
//     reject the mimetype entry).
func normalize(ctx context.Context, raw []byte, info packageInfo) ([]byte, error) {
	files, err := unzip(raw)
	if err != nil {
		return nil, fmt.Errorf("epub: reading go-epub's output: %w", err)
	}
	opfPath, err := rootfile(files.text["META-INF/container.xml"])
	if err != nil {
		return nil, err
	}
	var pkg opfPackage
	if err := xml.Unmarshal(files.text[opfPath], &pkg); err != nil {
		return nil, fmt.Errorf("epub: go-epub's package document: %w", err)
	}
	dir := path.Dir(opfPath)
	var items []opfItem
	ncxID, coverID := "", ""
	for _, it := range pkg.Items {
		full := path.Join(dir, it.Href)
		if !files.has(full) {
			return nil, fmt.Errorf("epub: the manifest lists %s, which go-epub did not write", full)
		}
		if strings.Contains(" "+it.Properties+" ", " nav ") && it.Href != info.Nav {
			files.remove(full)
			continue
		}
		if mt, ok := mediaTypes[strings.ToLower(path.Ext(it.Href))]; ok {
			it.MediaType = mt
		}
		if it.MediaType == "application/xhtml+xml" {
			return nil, fmt.Errorf("epub: go-epub wrote the content document %s, which normalize writes", full)
		}
		it.Properties = "" // cover-image, or svg once a document is written
		if it.Href == info.CoverImage {
			it.Properties = "cover-image"
			coverID = it.ID
		}
		if it.MediaType == "application/x-dtbncx+xml" {
			ncxID = it.ID
			files.text[full] = info.NCX
		}
		items = append(items, it)
	}
	for _, d := range info.Documents {
		full := path.Join(dir, d.Href)
		if files.has(full) {
			return nil, fmt.Errorf("epub: go-epub wrote %s, which normalize writes", full)
		}
		files.document[full] = d
		it := opfItem{ID: path.Base(d.Href), Href: d.Href, MediaType: "application/xhtml+xml"}
		if d.Href == info.Nav {
			it.Properties = "nav"
		}
		items = append(items, it)
	}
	if !slices.ContainsFunc(items, func(it opfItem) bool { return it.Href == info.Nav }) {
		return nil, fmt.Errorf("epub: the navigation document %s is not in the manifest", info.Nav)
	}
	if ncxID == "" || coverID == "" {
		return nil, fmt.Errorf("epub: go-epub's manifest has no NCX or no cover image %s", info.CoverImage)
	}
	for _, f := range info.Packed {
		full := path.Join(dir, f.Href)
		if files.has(full) {
			return nil, fmt.Errorf("epub: go-epub wrote %s, which normalize adds", full)
		}
		files.packed[full] = f
		items = append(items, opfItem{ID: f.ID, Href: f.Href, MediaType: f.MediaType})
	}
	listed := map[string]bool{opfPath: true, "mimetype": true, "META-INF/container.xml": true}
	for _, it := range items {
		listed[path.Join(dir, it.Href)] = true
	}
	for _, name := range files.names() {
		if !listed[name] {
			return nil, fmt.Errorf("epub: go-epub wrote %s but left it out of the manifest", name)
		}
	}
	slices.SortFunc(items, func(a, b opfItem) int { return strings.Compare(a.Href, b.Href) })

	files.lang, files.style = info.Lang, info.Style
	if err := files.packDocuments(ctx); err != nil {
		return nil, err
	}
	for i, it := range items {
		if files.packedDocs[path.Join(dir, it.Href)].svg {
			items[i].Properties = strings.TrimSpace(it.Properties + " svg")
		}
	}

	var opf bytes.Buffer
	opf.WriteString(xml.Header)
	fmt.Fprintf(&opf, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"%s\">\n", esc(info.Lang))
	metadata := strings.TrimRight(info.Metadata, "\n")
	end := strings.LastIndex(metadata, "</metadata>")
	if end < 0 {
		return nil, fmt.Errorf("epub: the metadata has no </metadata>")
	}
	opf.WriteString(metadata[:end])
	fmt.Fprintf(&opf, "  <meta name=\"cover\" content=\"%s\"/>\n", esc(coverID))
	opf.WriteString("  </metadata>\n  <manifest>\n")
	for _, it := range items {
		fmt.Fprintf(&opf, "    <item id=\"%s\" href=\"%s\" media-type=\"%s\"", esc(it.ID), esc(it.Href), esc(it.MediaType))
		if it.Properties != "" {
			fmt.Fprintf(&opf, " properties=\"%s\"", it.Properties)
		}
		opf.WriteString("/>\n")
	}
	fmt.Fprintf(&opf, "  </manifest>\n  <spine toc=\"%s\">\n", esc(ncxID))
	for _, d := range info.Documents {
		fmt.Fprintf(&opf, "    <itemref idref=\"%s\"/>\n", esc(path.Base(d.Href)))
	}
	opf.WriteString("  </spine>\n</package>\n")
	files.text[opfPath] = opf.Bytes()
	files.text["mimetype"] = []byte(mimetype)
	return files.write(info.Modified)
}

// container is go-epub's zip opened: the parts normalize reads or rewrites
// are decoded in text; images and the style sheet stay compressed and are
// copied as they are (go-epub's compression is deterministic). Content
// documents are written (writeDocument) and compressed, in parallel
// (packDocuments): the text is written when its document is packed,
// deflated once, and let go.
type container struct {
	text     map[string][]byte
	raw      map[string]*zip.File
	packed   map[string]packedFile
	document map[string]packageDoc // the content documents, to write
	lang     string                // for every content document
	style    string                // the style sheet, from a content document
	// packedDocs are the content documents compressed, written with the
	// header zip.Writer.CreateHeader would give them.
	packedDocs map[string]packedDoc
}

// packedDoc is a content document compressed, and whether it holds an
// inline SVG (the manifest's svg property).
type packedDoc struct {
	packedFile
	svg bool
}

// textParts are the files normalize reads or rewrites.
var textParts = map[string]bool{".xml": true, ".opf": true, ".ncx": true, "": true}

func unzip(data []byte) (*container, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	c := &container{text: map[string][]byte{}, raw: map[string]*zip.File{}, packed: map[string]packedFile{}, document: map[string]packageDoc{},
		packedDocs: map[string]packedDoc{}}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if !textParts[path.Ext(f.Name)] && (f.Method == zip.Deflate || f.Method == zip.Store) {
			c.raw[f.Name] = f
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		c.text[f.Name] = b
	}
	return c, nil
}

func (c *container) has(name string) bool {
	_, t := c.text[name]
	_, r := c.raw[name]
	_, p := c.packed[name]
	_, d := c.document[name]
	return t || r || p || d
}

func (c *container) remove(name string) {
	delete(c.text, name)
	delete(c.raw, name)
	delete(c.packed, name)
	delete(c.document, name)
}

// packDocuments writes, fills in and compresses every content document,
// at once, and lets go of its body.
func (c *container) packDocuments(ctx context.Context) error {
	names := make([]string, 0, len(c.document))
	for n := range c.document {
		names = append(names, n)
	}
	slices.Sort(names)
	docs := make([]packageDoc, len(names))
	for i, n := range names {
		docs[i] = c.document[n]
		c.document[n] = packageDoc{Href: docs[i].Href} // the body is let go as it is packed
	}
	packed := make([]packedDoc, len(names))
	err := parallel.ForEach(ctx, len(names), func(i int) error {
		d := docs[i]
		docs[i] = packageDoc{}
		body := d.Body()
		var doc bytes.Buffer
		doc.Grow(len(body) + len(d.Title) + 512)
		writeDocument(&doc, d.Title, c.style, c.lang, body)
		packed[i] = packedDoc{packedFile{CRC32: crc32.ChecksumIEEE(doc.Bytes()), Size: uint64(doc.Len()), Deflated: deflate.Raw(doc.Bytes())}, strings.Contains(body, "<svg")}
		return nil
	})
	if err != nil {
		return err
	}
	for i, n := range names {
		c.packedDocs[n] = packed[i]
	}
	return nil
}

func (c *container) names() []string {
	var out []string
	for n := range c.text {
		out = append(out, n)
	}
	for n := range c.raw {
		out = append(out, n)
	}
	for n := range c.packed {
		out = append(out, n)
	}
	for n := range c.document {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// rootfile reads the package document's path from container.xml.
func rootfile(container []byte) (string, error) {
	var c struct {
		Rootfiles []struct {
			FullPath string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal(container, &c); err != nil || len(c.Rootfiles) == 0 {
		return "", fmt.Errorf("epub: go-epub's container.xml names no package document (%v)", err)
	}
	return c.Rootfiles[0].FullPath, nil
}

// writeDocument writes a content document: the frame go-epub wrote for
// its sections, byte for byte (the title escaped as encoding/xml escapes
// it), with lang and xml:lang on the root element, and body on a line of
// its own in the body element.
func writeDocument(w *bytes.Buffer, title, style, lang, body string) {
	w.WriteString(xml.Header + "<!DOCTYPE html>\n")
	fmt.Fprintf(w, `<html xmlns="http://www.w3.org/1999/xhtml" lang="%s" xml:lang="%s" xmlns:epub="http://www.idpf.org/2007/ops">`, esc(lang), esc(lang))
	w.WriteString("\n  <head>\n    <title dir=\"auto\">")
	xml.EscapeText(w, []byte(title))
	w.WriteString("</title>\n    <link rel=\"stylesheet\" type=\"text/css\" href=\"")
	xml.EscapeText(w, []byte(style))
	w.WriteString("\"></link>\n  </head>\n  <body dir=\"auto\">\n")
	w.WriteString(body)
	w.WriteString("\n</body>\n</html>\n")
}

// write writes the EPUB container: mimetype first, stored, without a
// data descriptor or extra field; then every other file in name order;
// every entry dated t.
func (c *container) write(t time.Time) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(c.size())
	zw := zip.NewWriter(&buf)
	deflate.Zip(zw)
	date, clock := zipfile.DOSTime(t)
	mt := c.text["mimetype"]
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "mimetype", Method: zip.Store, ModifiedDate: date, ModifiedTime: clock,
		CRC32: crc32.ChecksumIEEE(mt), CompressedSize64: uint64(len(mt)), UncompressedSize64: uint64(len(mt)),
	})
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(mt); err != nil {
		return nil, err
	}
	for _, name := range c.names() {
		if name == "mimetype" {
			continue
		}
		if f, ok := c.packed[name]; ok {
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name: name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock,
				CRC32: f.CRC32, CompressedSize64: uint64(len(f.Deflated)), UncompressedSize64: f.Size,
			})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(f.Deflated); err != nil {
				return nil, err
			}
			continue
		}
		if f, ok := c.raw[name]; ok {
			if err := copyRaw(zw, f, date, clock); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		if f, ok := c.packedDocs[name]; ok {
			// the header and data descriptor CreateHeader would write
			w, err := zw.CreateRaw(&zip.FileHeader{
				Name: name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock,
				Flags: 0x8, CreatorVersion: 20, ReaderVersion: 20,
				CRC32: f.CRC32, CompressedSize64: uint64(len(f.Deflated)), UncompressedSize64: f.Size,
			})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(f.Deflated); err != nil {
				return nil, err
			}
			delete(c.packedDocs, name)
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(c.text[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// size is about what write writes, a little more, so that its buffer is
// made once rather than grown from nothing, a copy and a fresh zeroed
// block each time, to the size of the book.
func (c *container) size() int {
	const entry = 30 + 16 + 46 // local header, data descriptor, directory header
	n := 22                    // the end of the central directory
	add := func(name string, data int) { n += entry + 2*len(name) + data }
	for name, b := range c.text {
		add(name, len(b)+len(b)/100+16) // stored blocks at worst
	}
	for name, f := range c.raw {
		add(name, int(f.CompressedSize64))
	}
	for name, f := range c.packed {
		add(name, len(f.Deflated))
	}
	for name, f := range c.packedDocs {
		add(name, len(f.Deflated))
	}
	return n
}

// copyRaw copies an entry without recompressing it, with a new date and
// no extra field.
func copyRaw(zw *zip.Writer, f *zip.File, date, clock uint16) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: f.Name, Method: f.Method, ModifiedDate: date, ModifiedTime: clock,
		CRC32: f.CRC32, CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
	})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}
