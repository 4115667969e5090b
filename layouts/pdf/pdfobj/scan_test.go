package pdfobj

import (
	"bytes"
	"errors"
	"reflect"
	"testing"
)

func TestScannerTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // kind:text
	}{
		{"", nil},
		{"  % a comment\n", nil},
		{"12 -3 +4 0.5 -.25 4. 1.2.3", []string{"integer:12", "integer:-3", "integer:+4", "real number:0.5", "real number:-.25", "real number:4.", "keyword:1.2.3"}},
		{"/Name/Other /A#20B /", []string{"name:/Name", "name:/Other", "name:/A#20B", "name:/"}},
		{"(a (nested) string) (esc\\) paren)", []string{"string:(a (nested) string)", "string:(esc\\) paren)"}},
		{"<48 65> <<>>", []string{"hex string:<48 65>", "<<:<<", ">>:>>"}},
		{"[1 0 R]", []string{"[:[", "integer:1", "integer:0", "keyword:R", "]:]"}},
		{"<</Type/Page>>", []string{"<<:<<", "name:/Type", "name:/Page", ">>:>>"}},
		{"BT /F1 12 Tf (Hi) Tj ET", []string{"keyword:BT", "name:/F1", "integer:12", "keyword:Tf", "string:(Hi)", "keyword:Tj", "keyword:ET"}},
		{"{ 1 add } %c\r\ntrue", []string{"{:{", "integer:1", "keyword:add", "}:}", "keyword:true"}},
	} {
		s := NewScanner([]byte(tc.in))
		var got []string
		for {
			tok, err := s.Next()
			if err != nil {
				t.Fatalf("%q: %v", tc.in, err)
			}
			if tok.Kind == EOF {
				break
			}
			got = append(got, tok.Kind.String()+":"+string(s.Bytes(tok)))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestScannerErrors(t *testing.T) {
	for _, tc := range []struct {
		in     string
		offset int
	}{
		{"(unclosed", 0},
		{"  <4142", 2},
		{"<41 zz>", 4},
		{"a > b", 2},
		{"x )", 2},
	} {
		s := NewScanner([]byte(tc.in))
		var err error
		for err == nil {
			var tok Token
			if tok, err = s.Next(); tok.Kind == EOF && err == nil {
				break
			}
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want a SyntaxError", tc.in, err)
			continue
		}
		if se.Offset != tc.offset {
			t.Errorf("%q: error at %d, want %d (%v)", tc.in, se.Offset, tc.offset, err)
		}
	}
}

func TestReadObject(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Object
	}{
		{"null", nil},
		{"true", Bool(true)},
		{"-17", Integer(-17)},
		{"3.25", Real(3.25)},
		{"/A#42C", Name("ABC")},
		{"(a\\(b\\)c\\\\ \\n\\101\\7x)", String("a(b)c\\ \nA\ax")},
		{"(line\\\ncontinued)", String("linecontinued")},
		{"(cr\r\nlf)", String("cr\nlf")},
		{"<FEFF 0041>", String("\xfe\xff\x00A")},
		{"<414>", String("A@")},
		{"12 0 R", Ref{12, 0}},
		{"[1 2 R 3 0 R 4 /X]", Array{Ref{1, 2}, Ref{3, 0}, Integer(4), Name("X")}},
		{"<< /Type /Page /Kids [4 0 R] /Count 1 /Sub << /K null >> >>", Dict{
			{"Type", Name("Page")}, {"Kids", Array{Ref{4, 0}}}, {"Count", Integer(1)},
			{"Sub", Dict{{"K", nil}}}}},
	} {
		got, err := NewScanner([]byte(tc.in)).ReadObject()
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

func TestReadObjectErrors(t *testing.T) {
	// A lone R is a keyword, not a reference: no object holds one.
	for _, in := range []string{"", "[1 R]", "[1 2", "<< /A >>", "<< 1 2 >>", "BT", "]", "99999999999999999999",
		string(bytes.Repeat([]byte("["), 300))} {
		if o, err := NewScanner([]byte(in)).ReadObject(); err == nil {
			t.Errorf("%q: read %#v, want an error", in, o)
		}
	}
}

func TestTextString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\xfe\xff\x00A\x20\x14\x00B", "A—B"},
		{"caf\xe9", "café"},
	} {
		if got := String(tc.in).Text(); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		o    Object
		want string
	}{
		{nil, "null"},
		{Real(612), "612.0"},
		{Real(-0.125), "-0.125"},
		{Name("A B#"), "/A#20B#23"},
		{String("a(b)\\"), `(a\(b\)\\)`},
		{String("\xfe\xff\x00A"), "<FEFF0041>"},
		{Array{Name("PDF"), Name("Text")}, "[/PDF /Text]"},
		{Dict{{"Font", Dict{{"F1", Ref{9, 0}}}}, {"XObject", Dict{}}}, "<<\n/Font <<\n/F1 9 0 R\n>>\n/XObject <<\n>>\n>>"},
		{&Stream{Dict: Dict{{"Length", Integer(99)}}, Data: []byte("abc")}, "<<\n/Length 3\n>>\nstream\nabc\nendstream"},
	} {
		got := string(Append(nil, tc.o))
		if got != tc.want {
			t.Errorf("%#v: %q, want %q", tc.o, got, tc.want)
		}
		if _, ok := tc.o.(*Stream); ok {
			continue
		}
		back, err := NewScanner([]byte(got)).ReadObject()
		if err != nil {
			t.Errorf("%q does not read back: %v", got, err)
			continue
		}
		if !reflect.DeepEqual(back, tc.o) {
			t.Errorf("%q reads back as %#v, want %#v", got, back, tc.o)
		}
	}
}

func TestNextOperation(t *testing.T) {
	content := "q 1 0 0 1 72 700 cm /Span <</MCID 3>> BDC BT /F1 12 Tf [(A) -20 (B)] TJ ET EMC\n" +
		"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q"
	s := NewScanner([]byte(content))
	var ops []string
	for {
		op, ok, err := s.NextOperation()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		ops = append(ops, op.Operator)
		if op.Operator == "BDC" && !reflect.DeepEqual(op.Operands, []Object{Name("Span"), Dict{{"MCID", Integer(3)}}}) {
			t.Errorf("BDC operands %#v", op.Operands)
		}
		if op.Operator == "BI" && !reflect.DeepEqual(op.Operands[0].(Dict).Get("W"), Integer(2)) {
			t.Errorf("BI operands %#v", op.Operands)
		}
	}
	want := []string{"q", "cm", "BDC", "BT", "Tf", "TJ", "ET", "EMC", "BI", "Q"}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("operators %q, want %q", ops, want)
	}
}

// The tokenizer meets hostile files through the PDF/UA checker: whatever
// the bytes, it returns tokens or an error, always moves forward, and a
// value it reads writes out as text that reads back the same.
func FuzzScanner(f *testing.F) {
	for _, seed := range []string{"<< /A [1 2 0 R (s\\)) <4142>] /B 3.5 >>", "BT (x) Tj ET", "BI /W 1 ID \x00 EI",
		"1 0 obj << /Length 3 >> stream\nabc\nendstream endobj", "(((", "<<<<>>", "/#41#"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewScanner(data)
		for {
			at := s.Pos()
			tok, err := s.Next()
			if err != nil || tok.Kind == EOF {
				break
			}
			if s.Pos() <= at || tok.Start < at || tok.End > len(data) {
				t.Fatalf("token %v at %d does not move forward", tok, at)
			}
		}
		o, err := NewScanner(data).ReadObject()
		if err != nil {
			return
		}
		text := Append(nil, o)
		back, err := NewScanner(text).ReadObject()
		if err != nil {
			t.Fatalf("%q written as %q does not read back: %v", data, text, err)
		}
		if again := Append(nil, back); !bytes.Equal(again, text) {
			t.Fatalf("%q written as %q, then as %q", data, text, again)
		}
		ops := NewScanner(data)
		for range len(data) + 1 {
			if _, ok, err := ops.NextOperation(); !ok || err != nil {
				break
			}
		}
	})
}

// TestHead: the walk gives an object's tokens up to its stream, whose data
// it never reads as tokens, stops when told, and reports a malformed token.
func TestHead(t *testing.T) {
	walk := func(in string, stopAt string) ([]string, error) {
		var got []string
		err := Head([]byte(in), func(s *Scanner, tok Token) bool {
			got = append(got, string(s.Bytes(tok)))
			return string(s.Bytes(tok)) != stopAt
		})
		return got, err
	}
	for _, tc := range []struct {
		in, stopAt string
		want       []string
	}{
		{"<</Length 5>>\nstream\n) ( <<\nendstream", "", []string{"<<", "/Length", "5", ">>"}},
		{"<</A 1 0 R /B 2 0 R>>", "R", []string{"<<", "/A", "1", "0", "R"}},
		{"[1 2]", "", []string{"[", "1", "2", "]"}},
		{"", "", nil},
	} {
		got, err := walk(tc.in, tc.stopAt)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Head(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := walk("<</A (unclosed>>", ""); err == nil {
		t.Error("an unclosed string walked without an error")
	}
}
