package pdf

import (
	"bytes"
	"encoding/xml"
)

// xmpPacket is a file's XMP metadata: what the document information
// dictionary says (infoDict), in the same words and with the same dates,
// and the PDF/UA identifier, part 1. The packet id is XMP's fixed one; it
// has no document or instance id, which most writers make at random: the
// build is reproducible.
func xmpPacket(d document) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s)) // a bytes.Buffer does not fail
		return b.String()
	}
	date := d.date.UTC().Format("2006-01-02T15:04:05Z")
	var b bytes.Buffer
	b.WriteString(`<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
`)
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(d.title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if d.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(d.author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if d.subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(d.subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if d.lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(d.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if d.keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(d.keywords) + "</pdf:Keywords>\n")
	}
	if d.creator != "" {
		b.WriteString("<pdf:Producer>" + esc(d.creator) + "</pdf:Producer>\n")
		b.WriteString("<xmp:CreatorTool>" + esc(d.creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString(`</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`)
	return b.Bytes()
}
