package doc

import "strings"

// CallsApart is is made ready for two note calls side by side, which
// would otherwise print as one number ("disagrees.³⁴"): the spaces (and
// soft line breaks) between two calls are dropped, and apart[k] reports
// whether out[k] is a call that follows another call directly, which a
// writer separates from it with a superscript comma ("³,⁴"), as
// publishers do. isCall says which inlines are note calls: a footnote's,
// and in a note style a citation's. Where no two calls meet, out is is
// itself and apart is nil.
func CallsApart(is []Inline, isCall func(Inline) bool) (out []Inline, apart []bool) {
	last := -1 // the index in is of the last call, while only blanks follow it
	for k, in := range is {
		switch {
		case isCall(in):
			if last >= 0 {
				if apart == nil {
					out = append(make([]Inline, 0, len(is)), is[:last+1]...)
					apart = make([]bool, len(out), len(is))
				}
				out, apart = append(out, in), append(apart, true)
				last = k
				continue
			}
			last = k
		case last >= 0 && blank(in):
			continue // kept below if no call follows
		default:
			if apart != nil && last >= 0 {
				for _, b := range is[last+1 : k] { // blanks after a call, before text
					out, apart = append(out, b), append(apart, false)
				}
			}
			last = -1
		}
		if apart != nil {
			out, apart = append(out, in), append(apart, false)
		}
	}
	if apart == nil {
		return is, nil
	}
	if last >= 0 {
		for _, b := range is[last+1:] {
			out, apart = append(out, b), append(apart, false)
		}
	}
	return out, apart
}

// blank reports whether an inline is only space between two calls.
func blank(in Inline) bool {
	switch in := in.(type) {
	case *Text:
		return strings.Trim(in.Text, " \t") == ""
	case *Break:
		return !in.Hard
	}
	return false
}
