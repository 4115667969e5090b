package epub

import (
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/companion-dev/companion/layouts"
)

// wellFormed reports whether an XML document is well-formed, as
// encoding/xml reads it in strict mode, with each element's attributes
// named once (which encoding/xml lets pass). The layout does not check its
// documents as it writes them: every byte of markup in them is the
// renderer's (raw HTML in Markdown is an error), which escapes all text;
// these tests, FuzzRender and EPUBCheck hold it to that.
func wellFormed(doc string) error {
	dec := xml.NewDecoder(strings.NewReader(doc))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			seen := map[xml.Name]bool{}
			for _, a := range el.Attr {
				if seen[a.Name] {
					line, _ := dec.InputPos()
					return fmt.Errorf("line %d: <%s> has the attribute %s twice", line, el.Name.Local, a.Name.Local)
				}
				seen[a.Name] = true
			}
		}
	}
}

// Every XML file of every fixture's editions is well-formed: the content
// documents with go-epub's frames, the package, the NCX, the SVGs.
func TestEveryDocumentIsWellFormed(t *testing.T) {
	for _, fx := range fixtures {
		for _, ed := range []layouts.Edition{layouts.Student, layouts.Teacher} {
			n := 0
			for name, data := range unzipped(t, buildFixture(t, fx.name, fx.draft, ed)) {
				switch path.Ext(name) {
				case ".xhtml", ".opf", ".ncx", ".svg", ".xml":
					n++
					if err := wellFormed(data); err != nil {
						t.Errorf("%s (%s, %s): %v\n%s", name, fx.name, ed, err, data)
					}
				}
			}
			if n < 5 {
				t.Errorf("%s, %s: only %d XML files", fx.name, ed, n)
			}
		}
	}
}

// A document that is not well-formed is caught.
func TestWellFormedRefuses(t *testing.T) {
	for _, bad := range []string{
		`<p>a & b</p>`,
		`<p><em>crossed</p></em>`,
		`<p class="x" class="y"/>`,
		`<p>unclosed`,
	} {
		if wellFormed(bad) == nil {
			t.Errorf("wellFormed(%q) accepts it", bad)
		}
	}
}
