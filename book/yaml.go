package book

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/companion-dev/companion/book/diag"
)

// decoder reads YAML nodes of one file into the model, keeping positions and
// collecting every problem rather than stopping at the first.
type decoder struct {
	file  string
	line0 int // line of the YAML's first line in file, minus one (front matter starts after ---)
	diags *diag.List
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.file}
	}
	return diag.Pos{File: d.file, Line: n.Line + d.line0, Col: n.Column}
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parse parses one YAML document. A syntax error becomes a diagnostic with
// the line yaml reports.
func (d *decoder) parse(data []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		p := diag.Pos{File: d.file}
		if line > 0 {
			p.Line = line + d.line0
		}
		d.diags.Errorf(p, "YAML syntax error: %s", msg)
		d.diags.Hintf("check the indentation and quoting near this line; a value containing \": \" or \"#\" needs quotes")
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
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
		d.diags.Errorf(d.pos(n), "%s must be a mapping of keys to values, not %s", what, kindName(n))
		return false
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.diags.Errorf(d.pos(k), "%s has the key %q twice", what, k.Value)
			d.diags.Hintf("remove one of them")
			continue
		}
		seen[k.Value] = true
		var f *field
		for j := range fields {
			if fields[j].name == k.Value {
				f = &fields[j]
			}
		}
		if f == nil {
			d.diags.Errorf(d.pos(k), "unknown key %q in %s", k.Value, what)
			if near, ok := diag.Near(k.Value, names); ok {
				d.diags.Hintf("did you mean %q?", near)
			} else {
				d.diags.Hintf("the keys %s knows are: %s", what, strings.Join(names, ", "))
			}
			continue
		}
		f.decode(v)
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			d.diags.Errorf(d.pos(n), "%s has no %q", what, f.name)
			d.diags.Hintf("add a line `%s: …`; it is required", f.name)
		}
	}
	return true
}

func kindName(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

// str decodes a text value. Numbers and dates written bare are accepted as
// their text (a title may be "1984").
func (d *decoder) str(n *yaml.Node, what string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.diags.Errorf(d.pos(n), "%s must be text, not %s", what, kindName(n))
		return
	}
	if _, r, bad := controlChar(n.Value); bad {
		d.diags.Errorf(d.pos(n), "%s contains the invisible control character %U", what, r)
		d.diags.Hintf("remove the escape that writes it; no EPUB or PDF can show it")
		return
	}
	*dst = n.Value
}

func (d *decoder) integer(n *yaml.Node, what string, lo, hi int, dst *int) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		d.diags.Errorf(d.pos(n), "%s must be a whole number, not %s", what, kindName(n))
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
	d.diags.Errorf(d.pos(n), "%s must be true or false, not %s", what, kindName(n))
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
		d.diags.Errorf(d.pos(n), "%s must be a list, not %s", what, kindName(n))
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
