package book

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/book/internal/yamlsrc"
)

// decoder reads YAML nodes of one file into the model, keeping positions and
// collecting every problem rather than stopping at the first.
type decoder struct {
	file  string
	line0 int    // line of the YAML's first line in file, minus one (front matter starts after ---)
	src   []byte // the YAML text, for comments after values
	diags *diag.List
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.file}
	}
	return diag.Pos{File: d.file, Line: n.Line + d.line0, Col: n.Column}
}

// parse parses one YAML document, keeping its text for later checks of
// the values; root is nil for an empty document. Each syntax error becomes
// a diagnostic at its place, and parsed is false.
func (d *decoder) parse(data []byte) (root *yaml.Node, parsed bool) {
	root, errs := yamlsrc.Parse(data, d.line0+1)
	return d.parsed(data, root, errs)
}

// parsed is parse for a document yamlsrc.Parse has parsed already (from
// line d.line0+1), into root with errs.
func (d *decoder) parsed(data []byte, root *yaml.Node, errs []yamlsrc.Error) (*yaml.Node, bool) {
	d.src = data
	for _, e := range errs {
		d.diags.Errorf(diag.Pos{File: d.file, Line: e.Line, Col: e.Col}, "%s", e.Message)
		d.diags.Hintf("%s", e.Hint)
	}
	return root, len(errs) == 0
}

// field is one key of a mapping the model knows.
type field struct {
	name     string
	required bool
	decode   func(v *yaml.Node)
}

// mapping decodes a YAML mapping whose keys must be among fields. Unknown
// keys get a "did you mean" hint; duplicate and missing required keys are
// reported too.
func (d *decoder) mapping(n *yaml.Node, what string, fields ...field) bool {
	if n == nil || n.Kind != yaml.MappingNode {
		d.diags.Errorf(d.pos(n), "%s must be a mapping of keys to values, not %s", what, yamlsrc.Describe(n))
		return false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			msg, hint := yamlsrc.DuplicateKey(k.Value, what, d.pos(first).Line)
			d.diags.Errorf(d.pos(k), "%s", msg)
			d.diags.Hintf("%s", hint)
			continue
		}
		seen[k.Value] = k
		var f *field
		for j := range fields {
			if fields[j].name == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			msg, hint, _ := yamlsrc.UnknownKey(k.Value, what, names)
			d.diags.Errorf(d.pos(k), "%s", msg)
			d.diags.Hintf("%s", hint)
			continue
		}
		f.decode(v)
	}
	for _, f := range fields {
		if _, ok := seen[f.name]; f.required && !ok {
			d.diags.Errorf(d.pos(n), "%s has no %q", what, f.name)
			d.diags.Hintf("add a line `%s: …`; it is required", f.name)
		}
	}
	return true
}

// str decodes a text value. Numbers and dates written bare are accepted as
// their text (a title may be "1984").
func (d *decoder) str(n *yaml.Node, what string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.diags.Errorf(d.pos(n), "%s must be text, not %s", what, yamlsrc.Describe(n))
		return
	}
	if _, r, bad := controlChar(n.Value); bad {
		d.diags.Errorf(d.pos(n), "%s contains the invisible control character %U", what, r)
		d.diags.Hintf("remove the escape that writes it; no EPUB or PDF can show it")
		return
	}
	*dst = n.Value
}

// text decodes free text that readers see (a title, a prompt), warning
// when a # cut it short.
func (d *decoder) text(n *yaml.Node, what string, dst *string) {
	d.str(n, what, dst)
	if line, col, msg, hint, ok := yamlsrc.CommentInValue(d.src, n); ok {
		d.diags.Warnf(diag.Pos{File: d.file, Line: line + d.line0, Col: col}, "%s", msg)
		d.diags.Hintf("%s", hint)
	}
}

// markdown is the Markdown text s of the value v, placed where it stands in
// the file, so that its diagnostics have their own line and column: from
// the line after a | or > block's indicator, each line indented as the
// block is, or else where the value starts.
func (d *decoder) markdown(v *yaml.Node, s string) *Markdown {
	p := d.pos(v)
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return newMarkdown(d.file, d.textPos(v), s)
	}
	m := newMarkdown(d.file, diag.Pos{File: d.file, Line: p.Line + 1, Col: 1}, s)
	m.indent = yamlsrc.BlockIndent(d.src, v)
	return m
}

// textPos is where a scalar's text begins: after its opening quote when
// it is quoted, so that a column inside it points at the character.
func (d *decoder) textPos(v *yaml.Node) diag.Pos {
	p := d.pos(v)
	if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		p.Col++
	}
	return p
}

func (d *decoder) integer(n *yaml.Node, what string, lo, hi int, dst *int) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		d.diags.Errorf(d.pos(n), "%s must be a whole number, not %s", what, yamlsrc.Describe(n))
		return
	}
	if v < lo || v > hi {
		d.diags.Errorf(d.pos(n), "%s must be between %d and %d, not %d", what, lo, hi, v)
		return
	}
	*dst = v
}

func (d *decoder) boolean(n *yaml.Node, what string, dst *bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		*dst = strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "yes") || strings.EqualFold(n.Value, "on")
		return
	}
	d.diags.Errorf(d.pos(n), "%s must be true or false, not %s", what, yamlsrc.Describe(n))
}

// list decodes a sequence, calling each for every item. A single scalar is
// taken as a list of one, as a hurried writer expects.
func (d *decoder) list(n *yaml.Node, what string, each func(item *yaml.Node)) {
	switch {
	case n.Kind == yaml.SequenceNode:
		for _, it := range n.Content {
			each(it)
		}
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
	case n.Kind == yaml.ScalarNode:
		each(n)
	default:
		d.diags.Errorf(d.pos(n), "%s must be a list, not %s", what, yamlsrc.Describe(n))
	}
}

// oneOf decodes a value that must be one of the given words.
func (d *decoder) oneOf(n *yaml.Node, what string, words []string, dst *string) {
	var s string
	d.str(n, what, &s)
	if s == "" {
		return
	}
	for _, w := range words {
		if s == w {
			*dst = s
			return
		}
	}
	d.diags.Errorf(d.pos(n), "%s %q is not one of %s", what, s, strings.Join(words, ", "))
	if near, ok := diag.Near(s, words); ok {
		d.diags.Hintf("did you mean %q?", near)
	}
}
