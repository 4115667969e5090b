package marotofpdf

import (
	"strings"
	"testing"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
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
