package pdfua

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/companion-dev/companion/layouts/pdf/pdfobj"
)

const (
	nsPDFUAID = "http://www.aiim.org/pdfua/ns/id/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
)

// metadata checks the catalog's XMP stream for the PDF/UA identifier
// (pdfuaid:part 1) and a title (dc:title).
func (c *checker) metadata() {
	st, ok := c.f.Get(c.catalog, "Metadata").(*pdfobj.Stream)
	if !ok {
		c.report("06-001", 0, "The catalog has no XMP metadata stream (/Metadata); add one with dc:title and pdfuaid:part 1.")
		return
	}
	data, err := c.f.Decode(st)
	if err != nil {
		c.report("06-001", 0, "The XMP metadata stream cannot be read (%v); write it uncompressed or with FlateDecode.", err)
		return
	}
	part, title, err := readXMP(data)
	if err != nil {
		c.report("06-001", 0, "The XMP metadata is not well-formed XML (%v); write it as an XMP packet.", err)
		return
	}
	switch part {
	case "1":
	case "":
		c.report("06-002", 0, "The XMP metadata has no PDF/UA identifier; add pdfuaid:part 1 in the namespace %s.", nsPDFUAID)
	default:
		c.report("06-002", 0, "The XMP metadata says pdfuaid:part %s; a PDF/UA-1 file says 1.", part)
	}
	if title == "" {
		c.report("06-003", 0, "The XMP metadata has no dc:title; add the document's title as dc:title.")
	}
}

// readXMP returns the text of pdfuaid:part and of the first dc:title
// (through its rdf:Alt), written as elements or as attributes.
func readXMP(data []byte) (part, title string, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var stack []xml.Name
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				return part, title, nil
			}
			return part, title, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name)
			for _, a := range t.Attr {
				switch a.Name {
				case xml.Name{Space: nsPDFUAID, Local: "part"}:
					part = strings.TrimSpace(a.Value)
				case xml.Name{Space: nsDC, Local: "title"}:
					if title == "" {
						title = strings.TrimSpace(a.Value)
					}
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			text := strings.TrimSpace(string(t))
			if text == "" {
				continue
			}
			for i := len(stack) - 1; i >= 0; i-- {
				switch stack[i] {
				case xml.Name{Space: nsPDFUAID, Local: "part"}:
					part = text
				case xml.Name{Space: nsDC, Local: "title"}:
					if title == "" {
						title = text
					}
				default:
					continue
				}
				break
			}
		}
	}
}
