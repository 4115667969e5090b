// Package marotofpdf reaches the gofpdf document under maroto v2, which
// keeps it in unexported fields and offers no path, fill, stroke or raw
// content calls of its own: the PDF layout draws vector figures with it
// and package tagged writes marked-content operators into the page through
// it. This is the one place that depends on maroto's private layout; the
// version is pinned in go.mod, and TestReachesGofpdf fails the moment a new
// maroto moves either field.
//
// It also makes maroto documents whose fonts the caller registers in
// gofpdf itself (New), where maroto would parse them again for every
// document.
package marotofpdf

import (
	"fmt"
	"reflect"
	"strings"
	"unsafe"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
)

// New makes a maroto document of cfg, which names no custom fonts, whose
// fonts addFonts registers in its gofpdf document; cfg's default font must
// be one of them. maroto selects cfg's
// default font as it makes the document, before anyone but maroto could
// register a font: gofpdf records that the font is undefined and ignores
// every later call. New clears that error once addFonts has registered
// the fonts and selects the default font again, as maroto did, so the
// document is the one maroto would have made with the same fonts given
// in cfg (TestNewWithFonts).
func New(cfg *entity.Config, addFonts func(*gofpdf.Fpdf)) (core.Maroto, error) {
	if len(cfg.CustomFonts) > 0 {
		return nil, fmt.Errorf("marotofpdf: the configuration names custom fonts, which maroto would register itself")
	}
	m := maroto.New(cfg)
	f := Document(m)
	font := cfg.DefaultFont
	if err := f.Error(); err == nil {
		return nil, fmt.Errorf("marotofpdf: gofpdf has the default font %q without the fonts to add: it is not one of them", font.Family)
	} else if !strings.HasPrefix(err.Error(), "undefined font") {
		return nil, err
	}
	f.ClearError()
	addFonts(f)
	f.SetFont(font.Family, string(font.Style), font.Size)
	return m, f.Error()
}

// Provider is the gofpdf document a maroto provider draws into: what a
// component's Render is handed.
func Provider(p core.Provider) *gofpdf.Fpdf {
	f, ok := field(p, "fpdf").(*gofpdf.Fpdf)
	if !ok {
		panic(fmt.Sprintf("marotofpdf: maroto's provider %T no longer holds a *gofpdf.Fpdf in its field fpdf", p))
	}
	return f
}

// Document is the gofpdf document of a maroto document, before it is
// generated: its first page is already begun.
func Document(m core.Maroto) *gofpdf.Fpdf {
	p, ok := field(m, "provider").(core.Provider)
	if !ok {
		panic(fmt.Sprintf("marotofpdf: maroto's document %T no longer holds a core.Provider in its field provider", m))
	}
	return Provider(p)
}

// field is the unexported field name of the struct x points to, or nil.
func field(x any, name string) any {
	v := reflect.ValueOf(x)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	fv := v.FieldByName(name)
	if !fv.IsValid() || !fv.CanAddr() {
		return nil
	}
	return reflect.NewAt(fv.Type(), unsafe.Pointer(fv.UnsafeAddr())).Elem().Interface()
}
