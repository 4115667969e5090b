package marotofpdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/fontrepository"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/companion-dev/companion/assets"
)

// probe is a component that writes a marker through the gofpdf document
// it reaches from the provider.
type probe struct{}

func (probe) Render(p core.Provider, _ *entity.Cell) {
	Provider(p).RawWriteStr("% reached from the provider\n")
}
func (probe) GetHeight(core.Provider, *entity.Cell) float64 { return 10 }
func (probe) SetConfig(*entity.Config)                      {}
func (probe) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "probe"})
}

// TestReachesGofpdf: both ways in lead to the document maroto writes, so a
// maroto that renames or retypes its fields fails here, not in a figure.
func TestReachesGofpdf(t *testing.T) {
	m := maroto.New(config.NewBuilder().WithCompression(false).Build())
	f := Document(m)
	if f.PageNo() != 1 {
		t.Fatalf("the document's page is %d, want 1: maroto begins its first page when it is made", f.PageNo())
	}
	f.RawWriteStr("% reached from the document\n")
	m.AddRows(row.New(10).Add(col.New(12).Add(probe{})))
	doc, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	out := string(doc.GetBytes())
	for _, want := range []string{"% reached from the document", "% reached from the provider"} {
		if !strings.Contains(out, want) {
			t.Errorf("the PDF lacks %q: the gofpdf document reached is not the one maroto writes", want)
		}
	}
}

func TestPanicsOnAnotherType(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Provider of a value without the field did not panic")
		}
	}()
	Provider(nil)
}

// TestNewWithFonts: a document whose fonts New's caller registers is the
// document maroto makes when it is given the same fonts to register.
func TestNewWithFonts(t *testing.T) {
	ttf := assets.Font(assets.Regular)
	gofpdf.SetDefaultCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	gofpdf.SetDefaultModificationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	draw := func(m core.Maroto) []byte {
		m.AddRows(row.New(10).Add(col.New(12).Add(text.New("Hailsham", props.Text{Family: "serif"}))))
		doc, err := m.Generate()
		if err != nil {
			t.Fatal(err)
		}
		return doc.GetBytes()
	}
	cfg := func() config.Builder {
		return config.NewBuilder().WithCompression(false).WithDefaultFont(&props.Font{Family: "serif", Size: 10})
	}
	fonts, err := fontrepository.New().AddUTF8FontFromBytes("serif", fontstyle.Normal, ttf).Load()
	if err != nil {
		t.Fatal(err)
	}
	want := draw(maroto.New(cfg().WithCustomFonts(fonts).Build()))
	m, err := New(cfg().Build(), func(f *gofpdf.Fpdf) { f.AddUTF8FontFromBytes("serif", "", ttf) })
	if err != nil {
		t.Fatal(err)
	}
	if got := draw(m); !bytes.Equal(got, want) {
		t.Errorf("the document New made (%d bytes) differs from maroto's own (%d bytes)", len(got), len(want))
	}

	if _, err := New(cfg().Build(), func(*gofpdf.Fpdf) {}); err == nil {
		t.Error("New without the default font registered returned no error")
	}
	if _, err := New(cfg().WithCustomFonts(fonts).Build(), func(*gofpdf.Fpdf) {}); err == nil {
		t.Error("New of a configuration with custom fonts returned no error")
	}
	arial := config.NewBuilder().Build()
	if _, err := New(arial, func(*gofpdf.Fpdf) {}); err == nil {
		t.Error("New with a default font gofpdf has built in returned no error")
	}
}
