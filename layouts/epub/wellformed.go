package epub

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// wellFormed checks that a content document's body is well-formed XML
// inside the <body> go-epub writes around it: every element closed, in
// order; attributes quoted and named once; every & a character reference or
// one of XML's five entities; only characters XML allows. go-epub writes
// bodies as they are, and a malformed one would make the whole EPUB
// unreadable rather than fail the build.
//
// It reads the body once and allocates only for the names of open
// elements: a tenth of encoding/xml's time, which builds every token. A
// body holds only what the XHTML renderer writes, so it refuses some XML
// that the renderer never writes: processing instructions, declarations,
// names outside ASCII.
func wellFormed(body string) error {
	s := xmlScanner{src: body}
	return s.body()
}

type xmlScanner struct {
	src   string
	i     int      // the next byte to read
	open  []string // the open elements' names, innermost last
	attrs []string // the attributes of the start tag being read
}

// plain marks the bytes that stand for themselves in text: printable ASCII
// and the three whitespace controls, but not the markup characters < & and
// ] (which begins the forbidden ]]>).
var plain = func() (t [256]bool) {
	for b := 0x20; b < 0x80; b++ {
		t[b] = true
	}
	t['\t'], t['\n'], t['\r'] = true, true, true
	t['<'], t['&'], t[']'] = false, false, false
	return t
}()

func (s *xmlScanner) fail(format string, args ...any) error {
	line := 1 + strings.Count(s.src[:min(s.i, len(s.src))], "\n")
	return fmt.Errorf("the XHTML is not well-formed: line %d: %s", line, fmt.Sprintf(format, args...))
}

func (s *xmlScanner) body() error {
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case plain[c]:
			s.i++
		case c == '<':
			if err := s.markup(); err != nil {
				return err
			}
		case c == '&':
			if err := s.reference(); err != nil {
				return err
			}
		case c == ']':
			if strings.HasPrefix(s.src[s.i:], "]]>") {
				return s.fail("]]> outside a CDATA section")
			}
			s.i++
		default:
			if err := s.char(); err != nil {
				return err
			}
		}
	}
	if n := len(s.open); n > 0 {
		return s.fail("<%s> is never closed", s.open[n-1])
	}
	return nil
}

// char reads one character that is not plain ASCII.
func (s *xmlScanner) char() error {
	r, n := utf8.DecodeRuneInString(s.src[s.i:])
	if r == utf8.RuneError && n == 1 {
		return s.fail("invalid UTF-8")
	}
	if !xmlChar(r) {
		return s.fail("character %U is not allowed in XML", r)
	}
	s.i += n
	return nil
}

// chars reads characters up to byte end, as in a comment or CDATA section.
func (s *xmlScanner) chars(end int) error {
	for s.i < end {
		if c := s.src[s.i]; c >= 0x20 && c < 0x80 || c == '\t' || c == '\n' || c == '\r' {
			s.i++
		} else if err := s.char(); err != nil {
			return err
		}
	}
	return nil
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune
}

// reference reads &name; or &#…; at s.i.
func (s *xmlScanner) reference() error {
	rest := s.src[s.i+1:]
	end := strings.IndexByte(rest[:min(len(rest), 12)], ';')
	if end < 0 {
		return s.fail("an & begins no reference (write &amp; for the character)")
	}
	switch ref := rest[:end]; ref {
	case "amp", "lt", "gt", "quot", "apos":
	default:
		base, digits := 10, strings.TrimPrefix(ref, "#")
		if len(digits) == len(ref) {
			return s.fail("&%s; is not one of XML's five entities (write the character itself)", ref)
		}
		if d, ok := strings.CutPrefix(digits, "x"); ok {
			base, digits = 16, d
		}
		n, err := strconv.ParseUint(digits, base, 32)
		if err != nil || !xmlChar(rune(n)) {
			return s.fail("&%s; is not a character XML allows", ref)
		}
	}
	s.i += 1 + end + 1
	return nil
}

// markup reads what begins with < at s.i: a tag, a comment or a CDATA
// section.
func (s *xmlScanner) markup() error {
	rest := s.src[s.i:]
	switch {
	case strings.HasPrefix(rest, "</"):
		s.i += 2
		name, err := s.name()
		if err != nil {
			return err
		}
		s.space()
		if !s.next('>') {
			return s.fail("</%s has no >", name)
		}
		n := len(s.open)
		if n == 0 {
			return s.fail("</%s> closes no open element", name)
		}
		if s.open[n-1] != name {
			return s.fail("</%s> closes <%s>", name, s.open[n-1])
		}
		s.open = s.open[:n-1]
	case strings.HasPrefix(rest, "<!--"):
		end := strings.Index(rest[4:], "--")
		if end < 0 {
			return s.fail("a comment is never closed")
		}
		if !strings.HasPrefix(rest[4+end:], "-->") {
			return s.fail("-- inside a comment")
		}
		s.i += 4
		if err := s.chars(s.i + end); err != nil {
			return err
		}
		s.i += 3
	case strings.HasPrefix(rest, "<![CDATA["):
		end := strings.Index(rest[9:], "]]>")
		if end < 0 {
			return s.fail("a CDATA section is never closed")
		}
		s.i += 9
		if err := s.chars(s.i + end); err != nil {
			return err
		}
		s.i += 3
	case strings.HasPrefix(rest, "<?"), strings.HasPrefix(rest, "<!"):
		return s.fail("a body has no processing instructions or declarations")
	default:
		s.i++
		return s.startTag()
	}
	return nil
}

// startTag reads a start tag or empty-element tag after its <.
func (s *xmlScanner) startTag() error {
	name, err := s.name()
	if err != nil {
		return err
	}
	s.attrs = s.attrs[:0]
	for {
		spaced := s.space()
		if s.i >= len(s.src) {
			return s.fail("<%s is never closed with >", name)
		}
		switch s.src[s.i] {
		case '>':
			s.i++
			s.open = append(s.open, name)
			return nil
		case '/':
			if s.i++; !s.next('>') {
				return s.fail("a / in <%s not followed by >", name)
			}
			return nil
		}
		if !spaced {
			return s.fail("no space before an attribute of <%s>", name)
		}
		attr, err := s.name()
		if err != nil {
			return err
		}
		for _, a := range s.attrs {
			if a == attr {
				return s.fail("<%s> has two %s attributes", name, attr)
			}
		}
		s.attrs = append(s.attrs, attr)
		s.space()
		if !s.next('=') {
			return s.fail("attribute %s of <%s> has no value", attr, name)
		}
		s.space()
		if err := s.value(attr); err != nil {
			return err
		}
	}
}

// value reads a quoted attribute value.
func (s *xmlScanner) value(attr string) error {
	if s.i >= len(s.src) || s.src[s.i] != '"' && s.src[s.i] != '\'' {
		return s.fail("the value of %s is not quoted", attr)
	}
	quote := s.src[s.i]
	s.i++
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == quote:
			s.i++
			return nil
		case c == '<':
			return s.fail("a < inside the value of %s", attr)
		case c == '&':
			if err := s.reference(); err != nil {
				return err
			}
		case plain[c] || c == ']':
			s.i++
		default:
			if err := s.char(); err != nil {
				return err
			}
		}
	}
	return s.fail("the value of %s is never closed", attr)
}

// name reads an element or attribute name: ASCII letters, digits and
// _ : . -, not beginning with a digit, dot or hyphen; at most one colon,
// between a prefix and a local name, as namespaces allow.
func (s *xmlScanner) name() (string, error) {
	start := s.i
	for s.i < len(s.src) {
		c := s.src[s.i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' ||
			s.i > start && (c >= '0' && c <= '9' || c == '.' || c == '-') {
			s.i++
			continue
		}
		break
	}
	if s.i == start {
		return "", s.fail("a name was expected")
	}
	name := s.src[start:s.i]
	if prefix, local, ok := strings.Cut(name, ":"); ok && (prefix == "" || local == "" || strings.Contains(local, ":")) {
		return "", s.fail("%s is not a name with a namespace prefix", name)
	}
	return name, nil
}

// space skips whitespace and reports whether there was any.
func (s *xmlScanner) space() bool {
	start := s.i
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
			continue
		}
		break
	}
	return s.i > start
}

// next reads c if it is the next byte.
func (s *xmlScanner) next(c byte) bool {
	if s.i < len(s.src) && s.src[s.i] == c {
		s.i++
		return true
	}
	return false
}
