// Package marotofpdf reaches the gofpdf document under maroto v2, which
// keeps it in unexported fields and offers no path, fill, stroke or raw
// content calls of its own: the PDF layout draws vector figures with it
// and package tagged writes marked-content operators into the page through
// it. This is the one place that depends on maroto's private layout; the
// version is pinned in go.mod, and TestReachesGofpdf fails the moment a new
// maroto moves either field.
package marotofpdf

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/phpdave11/gofpdf"
)

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
