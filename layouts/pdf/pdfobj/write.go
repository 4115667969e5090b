package pdfobj

import (
	"bytes"
	"fmt"
	"strconv"
)

// Append writes o after dst in PDF syntax and returns the result.
// Dictionaries have an entry a line, as gofpdf writes its resources:
//
//	<<
//	/Font <<
//	/F1 9 0 R
//	>>
//	>>
//
// Strings of printable ASCII are written literal, others in hex; reals
// with as few digits as read back the same, and a decimal point.
func Append(dst []byte, o Object) []byte {
	switch v := o.(type) {
	case nil:
		return append(dst, "null"...)
	case Bool:
		return strconv.AppendBool(dst, bool(v))
	case Integer:
		return strconv.AppendInt(dst, int64(v), 10)
	case Real:
		n := len(dst)
		dst = strconv.AppendFloat(dst, float64(v), 'f', -1, 64)
		if bytes.IndexByte(dst[n:], '.') < 0 { // still a real when read back
			dst = append(dst, ".0"...)
		}
		return dst
	case Name:
		return appendName(dst, v)
	case String:
		return appendString(dst, v)
	case Ref:
		return fmt.Appendf(dst, "%d %d R", v.Num, v.Gen)
	case Array:
		dst = append(dst, '[')
		for i, e := range v {
			if i > 0 {
				dst = append(dst, ' ')
			}
			dst = Append(dst, e)
		}
		return append(dst, ']')
	case Dict:
		dst = append(dst, "<<\n"...)
		for _, e := range v {
			dst = appendName(dst, e.Key)
			dst = append(dst, ' ')
			dst = Append(dst, e.Value)
			dst = append(dst, '\n')
		}
		return append(dst, ">>"...)
	case *Stream:
		d := append(Dict(nil), v.Dict...)
		d = d.Set("Length", Integer(len(v.Data)))
		dst = Append(dst, d)
		dst = append(dst, "\nstream\n"...)
		dst = append(dst, v.Data...)
		return append(dst, "\nendstream"...)
	}
	panic(fmt.Sprintf("pdfobj: %T is not a PDF object", o))
}

func appendName(dst []byte, n Name) []byte {
	dst = append(dst, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < '!' || c > '~' || c == '#' || isDelimiter(c) {
			dst = fmt.Appendf(dst, "#%02X", c)
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func appendString(dst []byte, s String) []byte {
	printable := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			printable = false
			break
		}
	}
	if !printable {
		return fmt.Appendf(dst, "<%X>", string(s))
	}
	dst = append(dst, '(')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '(' || c == ')' || c == '\\' {
			dst = append(dst, '\\')
		}
		dst = append(dst, s[i])
	}
	return append(dst, ')')
}
