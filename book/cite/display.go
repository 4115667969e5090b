package cite

import "strings"

// A part of an entry displayed apart is marked in the flattened text
// (private-use characters, which no reference holds): blockStart, the
// display value, blockText, the part, blockEnd.
const (
	blockStart = '\uE003'
	blockText  = '\uE004'
	blockEnd   = '\uE005'
)

// splitBlocks cuts a flattened entry at its display marks. Parts may nest
// (a block inside a block): the outermost counts. Text after the last
// part displayed apart, the layout's closing period, joins that part, as
// citeproc-js writes it.
func splitBlocks(t Text) []Block {
	var blocks []Block
	cur := Block{}
	depth := 0
	flush := func() {
		if len(cur.Text) > 0 {
			cur.Text = cur.Text.mergedBy(true)
			blocks = append(blocks, cur)
		}
		cur = Block{}
	}
	for _, sp := range t {
		s := sp.Text
		for s != "" {
			i := strings.IndexAny(s, string([]rune{blockStart, blockEnd}))
			if i < 0 {
				cur.Text = appendSpan(cur.Text, sp, s)
				break
			}
			cur.Text = appendSpan(cur.Text, sp, s[:i])
			r := []rune(s[i:])[0]
			s = s[i+len(string(r)):]
			if r == blockStart {
				display, rest, _ := strings.Cut(s, string(blockText))
				s = rest
				if depth == 0 {
					flush()
					cur.Display = display
				}
				depth++
				continue
			}
			if depth--; depth == 0 {
				flush()
			}
		}
	}
	if len(cur.Text) > 0 && len(blocks) > 0 && blocks[len(blocks)-1].Display != "" && cur.Display == "" {
		last := &blocks[len(blocks)-1]
		last.Text = append(last.Text, cur.Text...).mergedBy(true)
		cur = Block{}
	}
	flush()
	return blocks
}

// displaysApart reports whether any of the blocks is displayed apart.
func displaysApart(blocks []Block) bool {
	for _, b := range blocks {
		if b.Display != "" {
			return true
		}
	}
	return false
}

func appendSpan(t Text, sp Span, s string) Text {
	if s == "" {
		return t
	}
	sp.Text = s
	return append(t, sp)
}

// blockHTML writes an entry's blocks as citeproc-js does, each display in
// its div, with its line breaks and indentation.
func blockHTML(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		s := bl.Text.CiteprocHTML()
		switch bl.Display {
		case "block":
			b.WriteString("\n\n    <div class=\"csl-block\">" + s + "</div>\n")
		case "left-margin":
			b.WriteString("\n    <div class=\"csl-left-margin\">" + s + "</div>")
		case "right-inline":
			b.WriteString("<div class=\"csl-right-inline\">" + s + "</div>\n  ")
		case "indent":
			b.WriteString("<div class=\"csl-indent\">" + s + "</div>\n  ")
		default:
			b.WriteString(s)
		}
	}
	return b.String()
}
