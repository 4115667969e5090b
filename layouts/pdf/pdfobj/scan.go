// Package pdfobj reads and writes the objects a PDF file is made of (ISO
// 32000-1 §7.3): a Scanner splits bytes into tokens, Parse builds values
// from them, Append writes values back, and Open finds a file's objects
// through its cross-reference tables or streams and its object streams.
//
// It serves two readers: the PDF layout, which rewrites gofpdf's output
// (numbering objects afresh, cutting a packet into handouts) and must do
// so byte for byte, and the PDF/UA checker, which must read any PDF. Both
// need the same thing regular expressions cannot give: to know where a
// string, a stream or a dictionary ends.
package pdfobj

import (
	"fmt"
)

// Kind is what a token is.
type Kind uint8

// The kinds of token. KeywordToken covers the words of the file layout (obj,
// endobj, stream, R, true, false, null, xref, trailer) and the operators
// of content streams (BT, Tj, BDC, …).
const (
	EOF Kind = iota
	IntToken
	RealToken
	NameToken
	StringToken // literal string, (…)
	HexToken    // <…>
	KeywordToken
	ArrayStart // [
	ArrayEnd   // ]
	DictStart  // <<
	DictEnd    // >>
	ProcStart  // { of a PostScript calculator function
	ProcEnd    // }
)

var kindNames = [...]string{"end of data", "integer", "real number", "name", "string", "hex string",
	"keyword", "[", "]", "<<", ">>", "{", "}"}

func (k Kind) String() string { return kindNames[k] }

// Token is one token: its kind and where its bytes are.
type Token struct {
	Kind       Kind
	Start, End int // offsets in the scanned data, End exclusive
}

// Scanner splits PDF bytes into tokens, skipping white space and comments.
type Scanner struct {
	data []byte
	pos  int
}

// NewScanner scans data from its first byte.
func NewScanner(data []byte) *Scanner { return &Scanner{data: data} }

// Pos is the offset of the next byte to scan.
func (s *Scanner) Pos() int { return s.pos }

// Seek moves the scanner to offset pos, kept within the data: an offset
// read from a damaged file may point anywhere.
func (s *Scanner) Seek(pos int) { s.pos = min(max(pos, 0), len(s.data)) }

// Bytes is the text of token t.
func (s *Scanner) Bytes(t Token) []byte { return s.data[t.Start:t.End] }

// SyntaxError is a malformed token or object, at a byte offset.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("pdf syntax at byte %d: %s", e.Offset, e.Msg)
}

func (s *Scanner) errorf(at int, format string, args ...any) error {
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

// isSpace reports a PDF white-space character (§7.2.2).
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// isDelimiter reports a PDF delimiter character (§7.2.2).
func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelimiter(c) }

// skip passes white space and comments.
func (s *Scanner) skip() {
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if isSpace(c) {
			s.pos++
			continue
		}
		if c != '%' {
			return
		}
		for s.pos < len(s.data) && s.data[s.pos] != '\n' && s.data[s.pos] != '\r' {
			s.pos++
		}
	}
}

// Next returns the next token; at the end of the data, a token of kind EOF.
func (s *Scanner) Next() (Token, error) {
	s.skip()
	start := s.pos
	if start >= len(s.data) {
		return Token{Kind: EOF, Start: start, End: start}, nil
	}
	tok := func(k Kind) (Token, error) { return Token{Kind: k, Start: start, End: s.pos}, nil }
	switch c := s.data[start]; c {
	case '[':
		s.pos++
		return tok(ArrayStart)
	case ']':
		s.pos++
		return tok(ArrayEnd)
	case '{':
		s.pos++
		return tok(ProcStart)
	case '}':
		s.pos++
		return tok(ProcEnd)
	case '/':
		s.pos++
		for s.pos < len(s.data) && isRegular(s.data[s.pos]) {
			s.pos++
		}
		return tok(NameToken)
	case '(':
		if err := s.literal(); err != nil {
			return Token{}, err
		}
		return tok(StringToken)
	case '<':
		if s.pos+1 < len(s.data) && s.data[s.pos+1] == '<' {
			s.pos += 2
			return tok(DictStart)
		}
		for s.pos++; s.pos < len(s.data) && s.data[s.pos] != '>'; s.pos++ {
			if c := s.data[s.pos]; !isSpace(c) && unhex(c) < 0 {
				return Token{}, s.errorf(s.pos, "%q in a hex string", c)
			}
		}
		if s.pos >= len(s.data) {
			return Token{}, s.errorf(start, "a hex string is not closed")
		}
		s.pos++
		return tok(HexToken)
	case '>':
		if s.pos+1 < len(s.data) && s.data[s.pos+1] == '>' {
			s.pos += 2
			return tok(DictEnd)
		}
		return Token{}, s.errorf(start, "a lone '>'")
	case ')':
		return Token{}, s.errorf(start, "a ')' that closes no string")
	}
	for s.pos < len(s.data) && isRegular(s.data[s.pos]) {
		s.pos++
	}
	return tok(numberKind(s.data[start:s.pos]))
}

// literal passes a literal string, balanced parentheses and escapes
// included, from its opening parenthesis.
func (s *Scanner) literal() error {
	start := s.pos
	depth := 0
	for ; s.pos < len(s.data); s.pos++ {
		switch s.data[s.pos] {
		case '\\':
			s.pos++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				s.pos++
				return nil
			}
		}
	}
	return s.errorf(start, "a string is not closed")
}

// numberKind tells an integer (+17, -3) or a real number (3.14, -.5, 4.)
// from a keyword.
func numberKind(b []byte) Kind {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return KeywordToken
		}
	}
	switch {
	case digits == 0:
		return KeywordToken
	case dot:
		return RealToken
	}
	return IntToken
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// Head calls fn with each token of an object's text (the bytes after
// "n 0 obj") up to the keyword stream, whose data are bytes rather than
// tokens, or the end: the tokens of its dictionary, or of its value. fn
// reads a token's text with s.Bytes and ends the walk early by returning
// false.
func Head(text []byte, fn func(s *Scanner, t Token) bool) error {
	s := NewScanner(text)
	for {
		t, err := s.Next()
		if err != nil {
			return err
		}
		if t.Kind == EOF || t.Kind == KeywordToken && string(s.Bytes(t)) == "stream" || !fn(s, t) {
			return nil
		}
	}
}
