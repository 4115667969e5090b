package doc

// tooDeep finds where lists and block quotes first nest deeper than
// MaxNesting, reading only the container markers at the start of each
// line, in time linear in the source: goldmark's time and memory grow
// with the square of the depth (a list nested 3,000 deep takes it 45 s
// and 645 MB), so a document that deep must be refused before it is
// parsed. It returns the byte offset of the first marker too deep, or -1.
//
// It follows CommonMark's container rules closely enough for real text:
// a line continues a list item when it is indented to the item's content
// and a block quote when it repeats its ">"; a fenced code block's lines
// open nothing; a thematic break (- - -) is not a list. What it misses,
// the converter still counts on the parsed tree (converter.nest).
func tooDeep(src []byte) int {
	type container struct {
		quote bool
		col   int // a list item's content column
	}
	var stack []container
	var fence byte // the fence character while inside a fenced code block
	fenceLen, fenceDepth := 0, 0
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		i, col := 0, 0
		// indent reads spaces and tabs from i up to column limit.
		indent := func(limit int) {
			for i < len(line) && col < limit {
				switch line[i] {
				case ' ':
					col++
				case '\t':
					col += 4 - col%4
				default:
					return
				}
				i++
			}
		}
		blank := true
		for _, c := range line {
			if c != ' ' && c != '\t' && c != '\r' {
				blank = false
				break
			}
		}
		matched := 0
		for _, c := range stack {
			if c.quote {
				j, jc := i, col
				indent(col + 3)
				if i < len(line) && line[i] == '>' {
					i++
					col++
					if i < len(line) && line[i] == ' ' {
						i++
						col++
					}
					matched++
					continue
				}
				i, col = j, jc
				break
			}
			if blank {
				matched++
				continue
			}
			j, jc := i, col
			indent(c.col)
			if col < c.col {
				i, col = j, jc
				break
			}
			matched++
		}
		if fence != 0 {
			j, jc := i, col
			indent(col + 3)
			if matched < fenceDepth || fenceRun(line[i:], fence) >= fenceLen {
				fence = 0
			}
			i, col = j, jc
			if fence != 0 || matched >= fenceDepth {
				start = end + 1
				continue
			}
		}
		if !blank {
			stack = stack[:matched]
		}
		for !blank {
			j, jc := i, col
			indent(col + 3)
			if i >= len(line) {
				break
			}
			if thematicBreak(line[i:]) {
				break
			}
			if n := fenceRun(line[i:], '`'); n >= 3 {
				fence, fenceLen, fenceDepth = '`', n, len(stack)
				break
			}
			if n := fenceRun(line[i:], '~'); n >= 3 {
				fence, fenceLen, fenceDepth = '~', n, len(stack)
				break
			}
			marker := i
			if line[i] == '>' {
				i++
				col++
				if i < len(line) && line[i] == ' ' {
					i++
					col++
				}
				stack = append(stack, container{quote: true})
			} else if w := listMarker(line[i:]); w > 0 {
				i += w
				col += w
				markerEnd := col
				indent(col + 5)
				if i >= len(line) || line[i] == '\r' || col-markerEnd >= 5 {
					// no text after the marker, or indented code: the
					// content starts one column after the marker
					i, col = marker+w, markerEnd
					indent(col + 1)
				}
				stack = append(stack, container{col: col})
			} else {
				i, col = j, jc
				break
			}
			if len(stack) > MaxNesting {
				return start + marker
			}
		}
		start = end + 1
	}
	return -1
}

// listMarker is the width of a list marker at the start of s ("-", "*",
// "+", or up to nine digits and "." or ")") followed by a space, a tab or
// the line's end; 0 when there is none.
func listMarker(s []byte) int {
	w := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		w = 1
	default:
		for w < len(s) && w < 9 && s[w] >= '0' && s[w] <= '9' {
			w++
		}
		if w == 0 || w >= len(s) || (s[w] != '.' && s[w] != ')') {
			return 0
		}
		w++
	}
	if w < len(s) && s[w] != ' ' && s[w] != '\t' && s[w] != '\r' {
		return 0
	}
	return w
}

// thematicBreak reports whether s is a thematic break: three or more of
// one of - * _, with only spaces between.
func thematicBreak(s []byte) bool {
	var c byte
	n := 0
	for _, b := range s {
		switch {
		case b == ' ' || b == '\t' || b == '\r':
		case (b == '-' || b == '*' || b == '_') && (c == 0 || c == b):
			c = b
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// fenceRun is how many c start s.
func fenceRun(s []byte, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}
