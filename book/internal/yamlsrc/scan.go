package yamlsrc

import (
	"fmt"
	"slices"
	"strings"
)

// scan reads a document that yaml refused line by line, as a block-style
// YAML reader would, far enough to find the mistakes people make by hand.
// Mistakes on one line (a tab, a colon in a value, a quote) are all
// reported; of the mistakes in the structure (indentation, a missing colon)
// only the first, since after it every line may seem out of place.
//
// It is no YAML parser: it runs only on a document yaml refused, and finds
// nothing in what it does not model (flow collections spanning lines are
// skipped, for instance), leaving those to yaml's own message.
func scan(lines [][]rune, firstLine int) []Error {
	s := &scanner{lines: lines, first: firstLine, anchors: map[string]bool{}}
	for i := range lines {
		s.line(i)
	}
	if s.open != nil {
		s.add(s.open.line, s.open.col, s.open.message, s.open.hint)
		s.out[len(s.out)-1].unclosed = true
	}
	return s.out
}

const tabHint = "YAML indents with spaces; replace the tab with spaces"

type scanner struct {
	lines [][]rune
	first int // the line number of lines[0] in its file
	out   []Error

	stack      []level
	structural bool // a mistake in the structure was reported; stop looking for more
	anchors    map[string]bool

	nested  *nested      // the line before ended with a key or a dash and no value
	plain   *plainValue  // the line before ended with a plain value, which may go on
	block   *blockScalar // inside a | or > block
	open    *openValue   // inside a quoted value or a [ or { spanning lines
	depth   int          // of [ and { in the open flow value
	quoteIn rune         // the quote the open value is in, 0 if none
}

// level is a block collection: the column its keys or dashes start in.
type level struct {
	col  int
	seq  bool
	key  bool // a mapping (else a plain value on its own, before anything else)
	line int  // its first line, 0-based
}

type nested struct{ col int }

type plainValue struct{ owner, line int } // owner: the column of its key or dash

type blockScalar struct {
	parent  int // content must be indented more than this
	content int // the first content line's indentation, -1 until it is seen
	line    int // of the first content line
}

type openValue struct {
	line, col     int // 1-based, of the opening quote or bracket
	message, hint string
}

// add reports a mistake at line (of lines, from 1) and col.
func (s *scanner) add(line, col int, msg, hint string) {
	s.out = append(s.out, Error{Line: line + s.first - 1, Col: col, Message: msg, Hint: hint})
}

// lineNo is the line number in the file of lines[i].
func (s *scanner) lineNo(i int) int { return i + s.first }

// structure reports a mistake in the structure, the first only.
func (s *scanner) structure(line, col int, msg, hint string) {
	if !s.structural {
		s.structural = true
		s.add(line, col, msg, hint)
	}
}

func (s *scanner) line(i int) {
	r := s.lines[i]
	ind := indentOf(r)
	blank := ind == len(r)
	if s.open != nil {
		s.continueOpen(r)
		return
	}
	if s.block != nil && !blank {
		if s.blockLine(i, r) {
			return
		}
	}
	if blank || r[ind] == '#' {
		return
	}
	if col := slices.Index(r[:ind], '\t'); col >= 0 {
		s.add(i+1, col+1, "this line is indented with a tab", tabHint)
		s.nested, s.plain = nil, nil
		return
	}
	if ind == 0 && (hasPrefixWord(r, "---") || hasPrefixWord(r, "...") || r[0] == '%') {
		s.stack, s.nested, s.plain = nil, nil, nil
		return
	}
	s.content(i, r, ind)
}

func hasPrefixWord(r []rune, w string) bool {
	return strings.HasPrefix(string(r), w) && (len(r) == len(w) || r[len(w)] == ' ')
}

// blockLine handles a line while a | or > block is open; it reports
// whether the line belonged to the block.
func (s *scanner) blockLine(i int, r []rune) bool {
	b := s.block
	ind := 0
	for ind < len(r) && r[ind] == ' ' {
		ind++
	}
	if b.content < 0 {
		if ind > b.parent {
			b.content, b.line = ind, i
			return true
		}
		if ind < len(r) && r[ind] == '\t' {
			s.add(i+1, ind+1, "this line is indented with a tab", tabHint)
			return true
		}
		s.block = nil
		return false
	}
	if ind >= b.content {
		return true
	}
	if ind < len(r) && r[ind] == '\t' {
		s.add(i+1, ind+1, "this line of the block is indented with a tab", fmt.Sprintf("YAML indents with spaces; indent it with %s, like the block's first line (line %d)", spaces(b.content), s.lineNo(b.line)))
		return true
	}
	if ind > b.parent && r[ind] != '#' {
		s.structure(i+1, ind+1, fmt.Sprintf("this line of the block is indented by %s, less than the block's first line (%d)", spaces(ind), b.content),
			fmt.Sprintf("indent every line of a | or > block at least as far as its first line (line %d), or the block ends before it", s.lineNo(b.line)))
		s.block = nil
		return true
	}
	s.block = nil
	return false
}

// item is what one line holds after its indentation.
type item struct {
	dashes []int // columns of its - list indicators
	col    int   // column of the key or value after them
	key    string
	isKey  bool
	empty  bool // nothing after the last dash or colon
}

func (s *scanner) content(i int, r []rune, ind int) {
	it := item{col: ind}
	for it.col < len(r) && r[it.col] == '-' && (it.col+1 == len(r) || r[it.col+1] == ' ') {
		it.dashes = append(it.dashes, it.col)
		it.col++
		for it.col < len(r) && r[it.col] == ' ' {
			it.col++
		}
	}
	if it.col+1 < len(r) && (r[it.col] == '?' || r[it.col] == ':') && r[it.col+1] == ' ' || it.col+1 == len(r) && r[it.col] == '?' {
		// an explicit "? key" / ": value" pair: rare by hand, and beyond
		// this scan's model of the structure
		s.structural = true
		return
	}
	rest := it.col
	if it.col >= len(r) || r[it.col] == '#' {
		it.empty = true
	} else {
		var ok bool
		rest, ok = s.key(i, r, &it)
		if !ok {
			return // an open value; its own mistake, if any, is reported
		}
	}
	if !s.structural && s.place(i, r, it) {
		return // more of the plain value on the line above
	}
	if it.isKey || it.empty {
		if rest >= len(r) || r[rest] == '#' {
			owner := it.col
			if !it.isKey {
				owner = it.dashes[len(it.dashes)-1]
			}
			s.nested = &nested{col: owner}
			return
		}
	}
	owner := it.col
	if !it.isKey && len(it.dashes) > 0 {
		owner = it.dashes[len(it.dashes)-1]
	}
	s.value(i, r, rest, owner, it)
}

// key reads a key and its colon at it.col, if the line has one, and
// returns where the value starts. It reports false when a quoted value
// opens and goes on to later lines.
func (s *scanner) key(i int, r []rune, it *item) (int, bool) {
	c := it.col
	switch r[c] {
	case '"', '\'':
		end, closed := quoteEnd(r, c)
		if !closed {
			return c, s.value(i, r, c, c, *it)
		}
		j := skipSpaces(r, end+1)
		if j < len(r) && r[j] == ':' && (j+1 == len(r) || r[j+1] == ' ') {
			it.isKey, it.key = true, string(r[c+1:end])
			return skipSpaces(r, j+1), true
		}
		return c, true
	case '[', '{', '|', '>', '*', '&', '!', '@', '`':
		return c, true
	}
	for j := c; j < len(r); j++ {
		if r[j] == '#' && j > c && r[j-1] == ' ' {
			break
		}
		if r[j] == ':' && (j+1 == len(r) || r[j+1] == ' ' || r[j+1] == '\t') {
			it.isKey, it.key = true, strings.TrimSpace(string(r[c:j]))
			return skipSpaces(r, j+1), true
		}
	}
	return c, true
}

func skipSpaces(r []rune, j int) int {
	for j < len(r) && (r[j] == ' ' || r[j] == '\t') {
		j++
	}
	return j
}

// quoteEnd finds the quote closing the one at r[c], reading a backslashed
// " in double quotes and a doubled ' in single ones as quotes inside.
func quoteEnd(r []rune, c int) (int, bool) {
	q := r[c]
	for j := c + 1; j < len(r); j++ {
		switch {
		case q == '"' && r[j] == '\\':
			j++
		case r[j] == q && q == '\'' && j+1 < len(r) && r[j+1] == '\'':
			j++
		case r[j] == q:
			return j, true
		}
	}
	return 0, false
}

// place checks the line's indentation against the blocks above it. It
// reports whether the line only goes on with the plain value above it.
func (s *scanner) place(i int, r []rune, it item) bool {
	first := it.col
	if len(it.dashes) > 0 {
		first = it.dashes[0]
	}
	if p := s.plain; p != nil && first > p.owner {
		// more indented than the key of a plain value: the value goes on
		if it.isKey {
			s.structure(i+1, first+1, fmt.Sprintf("this line is indented more than the line above it, so YAML reads it as more of the value on line %d", s.lineNo(p.line)),
				fmt.Sprintf("indent it like the key it follows (%s); if the value holds \": \", quote it", spaces(p.owner)))
		}
		return true
	}
	nest := s.nested
	s.nested, s.plain = nil, nil
	popped := -1
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].col > first {
		popped = s.stack[len(s.stack)-1].col
		s.stack = s.stack[:len(s.stack)-1]
	}
	dash := len(it.dashes) > 0
	switch {
	case len(s.stack) == 0:
		s.push(i, first, it)
		return false
	case s.stack[len(s.stack)-1].col == first:
		top := &s.stack[len(s.stack)-1]
		switch {
		case dash && top.seq, !dash && top.key && it.isKey:
		case dash && top.key && nest != nil && nest.col == first:
			// a list as the value of a key, its dashes under the key
			s.stack = append(s.stack, level{col: first, seq: true, line: i})
		case dash && top.key:
			s.structure(i+1, first+1, "this line is a list item among the keys of a mapping",
				"a list goes under a key: end the line above with `key:`, or remove the -")
		case !dash && top.seq:
			s.structure(i+1, first+1, "this line is not a list item, but the lines around it are",
				fmt.Sprintf("start it with `- ` for a new item, or indent it under the item it belongs to (line %d)", s.lineNo(top.line)))
		case !dash && top.key:
			s.noColon(i, r, first)
		case !dash && it.isKey:
			s.noColon(top.line, s.lines[top.line], top.col)
		}
		s.nestedItems(i, it)
		return false
	}
	if nest != nil && first > nest.col {
		s.push(i, first, it)
		return false
	}
	top := s.stack[len(s.stack)-1]
	if popped >= 0 {
		s.structure(i+1, first+1, fmt.Sprintf("this line is indented by %s, which lines it up with no line above it", spaces(first)),
			fmt.Sprintf("the lines around it are indented by %d or %s; YAML reads the structure from the indentation, so line it up with the ones it belongs with", top.col, spaces(popped)))
		return false
	}
	s.structure(i+1, first+1, "this line is indented more than the line above it",
		fmt.Sprintf("indent it like the line above it (%s), or end the line above with `key:` to give it lines of its own", spaces(top.col)))
	return false
}

func spaces(n int) string {
	switch n {
	case 0:
		return "no spaces"
	case 1:
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// push opens the blocks a line starts.
func (s *scanner) push(i, first int, it item) {
	if len(it.dashes) > 0 {
		s.stack = append(s.stack, level{col: first, seq: true, line: i})
	} else {
		s.stack = append(s.stack, level{col: first, key: it.isKey, line: i})
	}
	s.nestedItems(i, it)
}

// nestedItems opens the blocks after a line's first dash: "- - a" or
// "- id: a" starts a list or a mapping in the item.
func (s *scanner) nestedItems(i int, it item) {
	for k := 1; k < len(it.dashes); k++ {
		s.stack = append(s.stack, level{col: it.dashes[k], seq: true, line: i})
	}
	if len(it.dashes) > 0 && it.isKey {
		s.stack = append(s.stack, level{col: it.col, key: true, line: i})
	}
}

// noColon reports a line among keys that is no key.
func (s *scanner) noColon(i int, r []rune, col int) {
	text := strings.TrimSpace(string(r[col:]))
	if j := strings.Index(text, " #"); j >= 0 {
		text = strings.TrimSpace(text[:j])
	}
	if j := strings.IndexRune(text, ':'); j >= 0 && j+1 < len(text) {
		at := col + len([]rune(text[:j])) + 1
		s.structure(i+1, at+1, fmt.Sprintf("the colon after %q needs a space after it", text[:j]),
			fmt.Sprintf("write `%s: %s`", text[:j], text[j+1:]))
		return
	}
	hint := "write each line as `key: value`, with a colon after the key"
	if k, v, ok := strings.Cut(text, " "); ok {
		hint = fmt.Sprintf("write `%s: %s`, with a colon after the key", k, strings.TrimSpace(v))
	}
	s.structure(i+1, col+1, fmt.Sprintf("the line %q has no colon, so it is not a key and a value", text), hint)
}

// value reads the value starting at r[c], owned by the key or dash in
// column owner: it opens a block, a quoted value or a flow collection,
// or checks a plain value. It reports false if the value goes on to later
// lines as an open quote or bracket.
func (s *scanner) value(i int, r []rune, c, owner int, it item) bool {
	for c < len(r) && (r[c] == '&' || r[c] == '!') {
		j := c + 1
		for j < len(r) && r[j] != ' ' {
			j++
		}
		if r[c] == '&' {
			s.anchors[string(r[c+1:j])] = true
		}
		c = skipSpaces(r, j)
	}
	if c >= len(r) || r[c] == '#' {
		s.nested = &nested{col: owner}
		return true
	}
	switch r[c] {
	case '|', '>':
		s.block = &blockScalar{parent: owner, content: -1}
		return true
	case '"', '\'':
		end, closed := quoteEnd(r, c)
		if !closed {
			s.open = &openValue{line: i + 1, col: c + 1, message: "this quoted value is never closed",
				hint: fmt.Sprintf("end it with a matching %c", r[c])}
			s.quoteIn = r[c]
			s.continueOpen(r[c+1:])
			return false
		}
		j := skipSpaces(r, end+1)
		if j < len(r) && r[j] != '#' {
			hint := `inside "…" write \" for a quotation mark, or put the whole value in single quotes`
			if r[c] == '\'' {
				hint = `inside '…' write '' for an apostrophe (it''s), or put the whole value in double quotes`
			}
			s.add(i+1, j+1, fmt.Sprintf("the quoted value ends with the %c before this, and more text follows it", r[c]), hint)
		}
		return true
	case '[', '{':
		s.open = &openValue{line: i + 1, col: c + 1, message: fmt.Sprintf("this %c is never closed", r[c]),
			hint: fmt.Sprintf("end it with %c", map[rune]rune{'[': ']', '{': '}'}[r[c]])}
		s.depth = 0
		s.continueOpen(r[c:])
		return s.open == nil
	case '*':
		j := c + 1
		for j < len(r) && !strings.ContainsRune(" ,[]{}", r[j]) {
			j++
		}
		if name := string(r[c+1 : j]); !s.anchors[name] {
			s.add(i+1, c+1, fmt.Sprintf("*%s refers to an anchor &%s that is not defined", name, name),
				fmt.Sprintf("YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value: %s", s.suggest(it, r[c:])))
		}
		return true
	case '@', '`':
		s.add(i+1, c+1, fmt.Sprintf("a value cannot start with %c", r[c]), "quote the value: "+s.suggest(it, r[c:]))
		return true
	}
	s.plainValue(i, r, c, owner, it)
	return true
}

// plainValue checks an unquoted value for a colon that would start a key.
func (s *scanner) plainValue(i int, r []rune, c, owner int, it item) {
	s.plain = &plainValue{owner: owner, line: i}
	if !it.isKey {
		return
	}
	end := len(r)
	for j := c + 1; j < len(r); j++ {
		if r[j] == '#' && (r[j-1] == ' ' || r[j-1] == '\t') {
			end = j
			break
		}
	}
	for j := c; j < end; j++ {
		if r[j] == ':' && (j+1 == end || r[j+1] == ' ' || r[j+1] == '\t') {
			value := strings.TrimSpace(string(r[c:end]))
			msg := fmt.Sprintf("the value of %q holds a colon followed by a space, which YAML reads as the start of another key", it.key)
			hint := "quote the value: " + s.suggest(it, []rune(value))
			if CurlyQuoted(value) {
				hint = "curly quotes “ ” from a word processor are not quotes to YAML; " + hint
			}
			s.add(i+1, j+1, msg, hint)
			return
		}
	}
}

// suggest writes the line's key with value quoted, for a hint.
func (s *scanner) suggest(it item, value []rune) string {
	v := strings.TrimSpace(string(value))
	if j := strings.Index(v, " #"); j >= 0 {
		v = strings.TrimSpace(v[:j])
	}
	if !it.isKey {
		return Requoted(v)
	}
	return it.key + ": " + Requoted(v)
}

// continueOpen reads on in a quoted value or a flow collection spanning
// lines, closing it when its end comes.
func (s *scanner) continueOpen(r []rune) {
	for j := 0; j < len(r); j++ {
		if q := s.quoteIn; q != 0 {
			switch {
			case q == '"' && r[j] == '\\':
				j++
			case q == '\'' && r[j] == '\'' && j+1 < len(r) && r[j+1] == '\'':
				j++
			case r[j] == q:
				s.quoteIn = 0
				if s.depth == 0 {
					s.open = nil
					return
				}
			}
			continue
		}
		switch r[j] {
		case '"', '\'':
			s.quoteIn = r[j]
		case '[', '{':
			s.depth++
		case ']', '}':
			s.depth--
			if s.depth == 0 {
				s.open = nil
				return
			}
		case '#':
			if j == 0 || r[j-1] == ' ' {
				return
			}
		}
	}
}
