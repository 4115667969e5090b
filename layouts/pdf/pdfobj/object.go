package pdfobj

import (
	"bytes"
	"strconv"
	"unicode/utf16"
)

// Object is a PDF value: nil (null), Bool, Integer, Real, Name, String,
// Array, Dict, Ref or *Stream.
type Object any

type (
	// Bool is true or false.
	Bool bool
	// Integer is a whole number.
	Integer int64
	// Real is a number written with a decimal point.
	Real float64
	// Name is a name without its slash, #xx escapes decoded.
	Name string
	// String is a string's bytes, escapes decoded, whether it was written
	// literal or in hex.
	String string
	// Array is a PDF array.
	Array []Object
	// Ref is an indirect reference, "12 0 R".
	Ref struct{ Num, Gen int }
)

// Dict is a dictionary in the order its entries were written: writing it
// back keeps that order, so output does not depend on map iteration.
type Dict []Entry

// Entry is a key of a dictionary and its value.
type Entry struct {
	Key   Name
	Value Object
}

// Stream is a stream's dictionary and its data as stored, still encoded.
type Stream struct {
	Dict Dict
	Data []byte
}

// Get returns the value of key, or nil.
func (d Dict) Get(key Name) Object {
	for _, e := range d {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// Has reports whether d has key.
func (d Dict) Has(key Name) bool {
	for _, e := range d {
		if e.Key == key {
			return true
		}
	}
	return false
}

// Set returns d with key set to v: in place if d has it, else at the end.
func (d Dict) Set(key Name, v Object) Dict {
	for i, e := range d {
		if e.Key == key {
			d[i].Value = v
			return d
		}
	}
	return append(d, Entry{key, v})
}

// Text decodes a text string (§7.9.2.2): UTF-16BE after a byte order
// mark, else PDFDocEncoding, read here as Latin-1, which it equals for
// every letter a title or an alternative text is likely to hold.
func (s String) Text() string {
	b := []byte(s)
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// ReadObject reads the object at the scanner's position: a direct object
// or a reference. Keywords other than true, false and null are an error:
// use NextOperation for content streams.
func (s *Scanner) ReadObject() (Object, error) {
	t, err := s.Next()
	if err != nil {
		return nil, err
	}
	return s.object(t, 0)
}

// maxDepth bounds nesting, so that hostile input cannot exhaust the stack.
const maxDepth = 256

func (s *Scanner) object(t Token, depth int) (Object, error) {
	if depth > maxDepth {
		return nil, s.errorf(t.Start, "arrays and dictionaries nested more than %d deep", maxDepth)
	}
	b := s.Bytes(t)
	switch t.Kind {
	case IntToken:
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			return nil, s.errorf(t.Start, "integer %s out of range", b)
		}
		if r, ok := s.reference(n); ok {
			return r, nil
		}
		return Integer(n), nil
	case RealToken:
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return nil, s.errorf(t.Start, "number %s out of range", b)
		}
		return Real(f), nil
	case NameToken:
		return decodeName(b), nil
	case StringToken:
		return decodeLiteral(b), nil
	case HexToken:
		return decodeHex(b), nil
	case ArrayStart:
		var a Array
		for {
			t, err := s.Next()
			if err != nil {
				return nil, err
			}
			if t.Kind == ArrayEnd {
				return a, nil
			}
			if t.Kind == EOF {
				return nil, s.errorf(t.Start, "an array is not closed")
			}
			v, err := s.object(t, depth+1)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
	case DictStart:
		d := Dict{}
		for {
			t, err := s.Next()
			if err != nil {
				return nil, err
			}
			if t.Kind == DictEnd {
				return d, nil
			}
			if t.Kind != NameToken {
				return nil, s.errorf(t.Start, "a dictionary key is a %s, not a name", t.Kind)
			}
			key := decodeName(s.Bytes(t))
			vt, err := s.Next()
			if err != nil {
				return nil, err
			}
			if vt.Kind == DictEnd || vt.Kind == EOF {
				return nil, s.errorf(vt.Start, "the key /%s has no value", key)
			}
			v, err := s.object(vt, depth+1)
			if err != nil {
				return nil, err
			}
			d = append(d, Entry{key, v})
		}
	case KeywordToken:
		switch string(b) {
		case "true":
			return Bool(true), nil
		case "false":
			return Bool(false), nil
		case "null":
			return nil, nil
		}
		return nil, s.errorf(t.Start, "the keyword %q where an object should be", b)
	case EOF:
		return nil, s.errorf(t.Start, "the data ends where an object should be")
	}
	return nil, s.errorf(t.Start, "%q where an object should be", b)
}

// reference reads "gen R" after the integer num, or leaves the scanner
// where it was.
func (s *Scanner) reference(num int64) (Ref, bool) {
	at := s.pos
	g, err := s.Next()
	if err == nil && g.Kind == IntToken {
		r, err := s.Next()
		if err == nil && r.Kind == KeywordToken && string(s.Bytes(r)) == "R" {
			gen, err := strconv.Atoi(string(s.Bytes(g)))
			if err == nil && num >= 0 && num <= 1<<31 {
				return Ref{int(num), gen}, true
			}
		}
	}
	s.pos = at
	return Ref{}, false
}

func decodeName(b []byte) Name {
	b = b[1:]
	if bytes.IndexByte(b, '#') < 0 {
		return Name(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) && unhex(b[i+1]) >= 0 && unhex(b[i+2]) >= 0 {
			out = append(out, byte(unhex(b[i+1])<<4|unhex(b[i+2])))
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return Name(out)
}

// decodeLiteral decodes a literal string with its parentheses (§7.3.4.2).
func decodeLiteral(b []byte) String {
	b = b[1 : len(b)-1]
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '\r') < 0 {
		return String(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\r' { // an end of line in a string is a line feed
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		}
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch c = b[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r': // a line continued
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			if c >= '0' && c <= '7' {
				v := 0
				for k := 0; k < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; k++ {
					v = v*8 + int(b[i]-'0')
					i++
				}
				i--
				out = append(out, byte(v))
				continue
			}
			out = append(out, c) // \( \) \\ and any other character itself
		}
	}
	return String(out)
}

func decodeHex(b []byte) String {
	out := make([]byte, 0, len(b)/2)
	hi := -1
	for _, c := range b[1 : len(b)-1] {
		v := unhex(c)
		if v < 0 {
			continue // white space
		}
		if hi < 0 {
			hi = v
			continue
		}
		out = append(out, byte(hi<<4|v))
		hi = -1
	}
	if hi >= 0 { // an odd digit count: the last digit is followed by 0
		out = append(out, byte(hi<<4))
	}
	return String(out)
}

// TextString encodes s as a text string (§7.9.2.2): as is when it is
// printable ASCII, else UTF-16BE after a byte order mark, so that any
// title or alternative text survives.
func TextString(s string) String {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			ascii = false
			break
		}
	}
	if ascii {
		return String(s)
	}
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(u))
	b[0], b[1] = 0xFE, 0xFF
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	return String(b)
}
