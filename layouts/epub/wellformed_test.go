package epub

import (
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/layouts"
)

// strictXML is the reference wellFormed stands in for: encoding/xml reading
// the body inside go-epub's <body>, in strict mode.
func strictXML(body string) error {
	dec := xml.NewDecoder(strings.NewReader(`<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">` + body + `</body>`))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestWellFormed(t *testing.T) {
	for _, ok := range []string{
		``,
		`<p>a &amp; b<br /></p>`,
		`<a epub:type="noteref" href="#x">1</a>`,
		`“plain” text, tabs	and ] brackets ]]`,
		`<p class='single' id="x-1.2">&lt;&gt;&quot;&apos;&#233;&#xE9;&#x1F600;</p>`,
		"<td\n  style=\"text-align:left\"\n>cell</td >",
		`<!-- a note - one dash --><![CDATA[ <raw> & ]]>`,
		`<svg:rect xml:lang="en"/>`,
	} {
		if err := wellFormed(ok); err != nil {
			t.Errorf("wellFormed(%q): %v", ok, err)
		}
		if err := strictXML(ok); err != nil {
			t.Errorf("encoding/xml rejects %q, which wellFormed accepts: %v", ok, err)
		}
	}
	for _, tc := range []struct{ bad, want string }{
		{`<p>a & b</p>`, "line 1: an & begins no reference"},
		{`<br>`, "<br> is never closed"},
		{`&nbsp;`, "&nbsp; is not one of XML's five entities"},
		{"<p>\n<em>unclosed</p>", "line 2: </p> closes <em>"},
		{`</p>`, "</p> closes no open element"},
		{`<p class=x>`, "the value of class is not quoted"},
		{`<p class="a" class="b">`, "<p> has two class attributes"},
		{`<p class="a"id="b">`, "no space before an attribute of <p>"},
		{`<p class>`, "attribute class of <p> has no value"},
		{`<a title="1 < 2">`, "a < inside the value of title"},
		{`<a title="open>`, "the value of title is never closed"},
		{`<p`, "<p is never closed with >"},
		{`<p/ >`, "a / in <p not followed by >"},
		{`< p>`, "a name was expected"},
		{`<1p>`, "a name was expected"},
		{`</p`, "</p has no >"},
		{"a\x00b", "character U+0000 is not allowed"},
		{"a\xffb", "invalid UTF-8"},
		{"&#0;", "&#0; is not a character XML allows"},
		{"&#xD800;", "&#xD800; is not a character XML allows"},
		{"&#x;", "&#x; is not a character XML allows"},
		{"a ]]> b", "]]> outside a CDATA section"},
		{"<!-- a -- b -->", "-- inside a comment"},
		{"<!-- open", "a comment is never closed"},
		{"<![CDATA[ open", "a CDATA section is never closed"},
		{"<?pi x?>", "no processing instructions or declarations"},
		{"<!DOCTYPE x>", "no processing instructions or declarations"},
		{"<p title='&bogus;'/>", "&bogus; is not one of XML's five entities"},
		{`<nav a::b="">`, "a::b is not a name with a namespace prefix"},
		{`<a:b:c/>`, "a:b:c is not a name with a namespace prefix"},
		{`<p :x="1"/>`, ":x is not a name with a namespace prefix"},
	} {
		err := wellFormed(tc.bad)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("wellFormed(%q) = %v, want an error with %q", tc.bad, err, tc.want)
		}
	}
}

// renderedBodies are the content documents' bodies of the full fixture's
// teacher edition, the richest the tests render.
func renderedBodies(t testing.TB) []string {
	b := booktest.OpenFixture(t, "full", true)
	e := newEdition(b, true, layouts.Options{Edition: layouts.Teacher, Draft: true})
	docs, err := e.documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		out = append(out, d.Body)
	}
	return out
}

// Every document the layout writes passes both checks: wellFormed is not
// stricter than the renderer.
func TestWellFormedAcceptsRenderedDocuments(t *testing.T) {
	for _, body := range renderedBodies(t) {
		if err := strictXML(body); err != nil {
			t.Fatalf("encoding/xml rejects a rendered document: %v\n%s", err, body)
		}
		if err := wellFormed(body); err != nil {
			t.Fatalf("%v\n%s", err, body)
		}
	}
}

// FuzzWellFormed: whatever wellFormed accepts, encoding/xml accepts too.
func FuzzWellFormed(f *testing.F) {
	for _, body := range renderedBodies(f) {
		f.Add(body)
	}
	f.Add(`<p title='&#x41;'>a<!-- c --><![CDATA[&]]></p>`)
	f.Fuzz(func(t *testing.T, body string) {
		if wellFormed(body) == nil {
			if err := strictXML(body); err != nil {
				t.Errorf("wellFormed accepts what encoding/xml rejects (%v): %q", err, body)
			}
		}
	})
}

// BenchmarkWellFormed compares the scanner with encoding/xml on the full
// fixture's documents.
func BenchmarkWellFormed(b *testing.B) {
	bodies := renderedBodies(b)
	size := 0
	for _, body := range bodies {
		size += len(body)
	}
	for _, check := range []struct {
		name string
		f    func(string) error
	}{{"scanner", wellFormed}, {"encoding-xml", strictXML}} {
		b.Run(check.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, body := range bodies {
					if err := check.f(body); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
