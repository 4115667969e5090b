package svg

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// style is an element's computed style: the properties the model reads,
// as declared (inherited ones from the parent unless the element sets
// them), and the font size resolved to user units.
type style struct {
	props    map[string]string
	fontSize float64
	opacity  float64 // the element's and every group's around it
}

// MaxStyleWork bounds the style sheet rules tried against elements (rules
// times elements drawn): 10,000 rules on 2,000 elements. A few kilobytes
// of rules on a drawing of many <use> copies would otherwise take hours.
const MaxStyleWork = 20_000_000

// inherited are the properties an element takes from its parent.
var inherited = map[string]bool{
	"fill": true, "fill-opacity": true, "fill-rule": true, "stroke": true, "stroke-width": true,
	"stroke-opacity": true, "stroke-linecap": true, "stroke-linejoin": true, "stroke-miterlimit": true,
	"stroke-dasharray": true, "stroke-dashoffset": true, "font-size": true, "font-weight": true,
	"font-style": true, "text-anchor": true, "dominant-baseline": true, "color": true, "visibility": true,
}

// properties are the properties the model reads: presentation attributes
// of these names are styles too.
var properties = map[string]bool{
	"opacity": true, "display": true, "clip-path": true, "mask": true, "filter": true,
	"marker": true, "marker-start": true, "marker-mid": true, "marker-end": true,
}

func init() {
	for p := range inherited {
		properties[p] = true
	}
}

func rootStyle() style {
	return style{props: map[string]string{"fill": "black", "stroke": "none", "font-size": "16"}, fontSize: 16, opacity: 1}
}

func (s style) get(p string) string { return s.props[p] }

// computed is e's style under parent: presentation attributes, then the
// style sheet's rules from the least specific, then style="".
func (b *builder) computed(e *element, parent style, path []*element) style {
	declared := map[string]string{}
	for _, a := range e.attrs {
		if a.Name.Space == "" && properties[a.Name.Local] {
			declared[a.Name.Local] = strings.TrimSpace(a.Value)
		}
	}
	if b.work += len(b.sheet); b.work > MaxStyleWork {
		b.miss(e, "a style sheet too large to apply to this many elements")
		b.sheet = nil
	}
	for _, r := range b.sheet {
		if r.sel.matches(e, path) {
			for _, d := range r.decls {
				declared[d.property] = d.value
			}
		}
	}
	for _, d := range declarations(attr(e, "style")) {
		declared[d.property] = d.value
	}
	st := style{props: make(map[string]string, len(parent.props)), fontSize: parent.fontSize, opacity: parent.opacity}
	for p, v := range parent.props {
		if inherited[p] {
			st.props[p] = v
		}
	}
	for p, v := range declared {
		if v == "inherit" {
			v = parent.props[p]
		}
		if properties[p] {
			st.props[p] = v
		}
	}
	if v, ok := declared["font-size"]; ok {
		st.fontSize = fontSize(v, parent.fontSize)
	}
	if v, ok := declared["opacity"]; ok {
		st.opacity *= unit(v)
	}
	return st
}

// sizeKeywords are CSS's absolute font sizes, in CSS pixels.
var sizeKeywords = map[string]float64{"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32}

// fontSize reads a font size in user units: a length, em or a percentage
// of the parent's, or a keyword.
func fontSize(v string, parent float64) float64 {
	v = strings.TrimSpace(v)
	switch {
	case sizeKeywords[v] > 0:
		return sizeKeywords[v]
	case strings.HasSuffix(v, "%"):
		return number(strings.TrimSuffix(v, "%")) / 100 * parent
	case strings.HasSuffix(v, "em"):
		return number(strings.TrimSuffix(v, "em")) * parent
	}
	if l := length(v); l > 0 {
		return l
	}
	return parent
}

// unit reads an opacity: a number or percentage, clamped to 0–1.
func unit(v string) float64 {
	v = strings.TrimSpace(v)
	f := 1.0
	if strings.HasSuffix(v, "%") {
		f = number(strings.TrimSuffix(v, "%")) / 100
	} else if g, ok := parseNumber(v); ok {
		f = g
	}
	return math.Max(0, math.Min(1, f))
}

// paint reads fill or stroke: nil for none. A reference to a gradient or
// pattern is a missing feature, drawn with the fallback colour if any.
func (b *builder) paint(e *element, st style, property string) *Paint {
	v := st.get(property)
	if strings.HasPrefix(v, "url(") {
		ref, fallback, _ := strings.Cut(v[4:], ")")
		ref = strings.Trim(strings.TrimSpace(ref), `"'`)
		// A reference to nothing paints the fallback colour (or none).
		if t := b.img.byID[strings.TrimPrefix(ref, "#")]; t != nil {
			switch t.name.Local {
			case "linearGradient", "radialGradient":
				b.miss(e, "gradients")
			case "pattern":
				b.miss(e, "patterns")
			default:
				b.miss(e, "paint servers")
			}
		}
		v = strings.TrimSpace(fallback)
		if v == "" {
			return nil
		}
	}
	if v == "currentColor" {
		v = st.get("color")
	}
	c, ok := parseColor(v)
	if !ok {
		return nil
	}
	p := &Paint{R: c[0], G: c[1], B: c[2], Opacity: st.opacity * float64(c[3]) / 255}
	if o := st.get(property + "-opacity"); o != "" {
		p.Opacity *= unit(o)
	}
	return p
}

// parseColor reads a CSS colour: a name, #rgb, #rrggbb (with alpha),
// rgb() or rgba(); false for none or anything else.
func parseColor(v string) ([4]uint8, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" || v == "none" || v == "transparent" {
		return [4]uint8{}, false
	}
	if strings.HasPrefix(v, "#") {
		hex := v[1:]
		if len(hex) == 3 || len(hex) == 4 {
			var long strings.Builder
			for _, c := range hex {
				long.WriteString(string([]rune{c, c}))
			}
			hex = long.String()
		}
		if len(hex) == 6 {
			hex += "ff"
		}
		n, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || len(hex) != 8 {
			return [4]uint8{}, false
		}
		return [4]uint8{uint8(n >> 24), uint8(n >> 16), uint8(n >> 8), uint8(n)}, true
	}
	if args, ok := strings.CutPrefix(v, "rgb"); ok {
		args = strings.TrimPrefix(args, "a")
		args = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(args), "("), ")")
		parts := strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 3 {
			return [4]uint8{}, false
		}
		c := [4]uint8{0, 0, 0, 255}
		for i := range 3 {
			p := parts[i]
			f := number(strings.TrimSuffix(p, "%"))
			if strings.HasSuffix(p, "%") {
				f *= 2.55
			}
			c[i] = uint8(math.Round(math.Max(0, math.Min(255, f))))
		}
		if len(parts) > 3 {
			c[3] = uint8(math.Round(unit(parts[3]) * 255))
		}
		return c, true
	}
	if c, ok := colornames.Map[v]; ok {
		return [4]uint8{c.R, c.G, c.B, c.A}, true
	}
	return [4]uint8{}, false
}

// declaration is one property: value of a style sheet or style="".
type declaration struct{ property, value string }

func declarations(css string) []declaration {
	var out []declaration
	for _, d := range strings.Split(stripComments(css), ";") {
		p, v, ok := strings.Cut(d, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "!important"))
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "font" {
			out = append(out, fontShorthand(v)...)
			continue
		}
		out = append(out, declaration{p, v})
	}
	return out
}

// fontShorthand reads font: [style] [weight] size[/line-height] family as
// the longhands the model reads; it sets all three, as CSS does.
func fontShorthand(v string) []declaration {
	style, weight := "normal", "normal"
	for _, f := range strings.Fields(v) {
		switch {
		case f == "italic" || f == "oblique":
			style = f
		case f == "bold" || f == "bolder" || f == "lighter" || len(f) == 3 && f[1:] == "00" && f[0] >= '1' && f[0] <= '9':
			weight = f
		case f[0] >= '0' && f[0] <= '9' || f[0] == '.' || sizeKeywords[f] > 0:
			size, _, _ := strings.Cut(f, "/")
			return []declaration{{"font-style", style}, {"font-weight", weight}, {"font-size", size}}
		}
	}
	return nil // no size: not a font shorthand CSS accepts
}

func stripComments(css string) string {
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			return css
		}
		j := strings.Index(css[i+2:], "*/")
		if j < 0 {
			return css[:i]
		}
		css = css[:i] + " " + css[i+2+j+2:]
	}
}

// rule is one selector of a style sheet rule with its declarations.
type rule struct {
	sel   selector
	decls []declaration
	order int
}

// selector is compound selectors joined by descendant combinators, the
// subject last.
type selector []compound

// compound is a type (or "" for any), classes and an id.
type compound struct {
	tag, id string
	classes []string
}

// styleSheet reads the rules of every <style> element, in the order the
// cascade applies them: by specificity, then as written. A rule the model
// cannot match (combinators other than descendant, attribute selectors,
// pseudo-classes, at-rules) is a missing feature.
func (b *builder) styleSheet(root *element) []rule {
	var rules []rule
	var walk func(e *element)
	walk = func(e *element) {
		if inSVG(e) && e.name.Local == "style" {
			rules = b.parseSheet(e, stripComments(e.text.String()), rules)
		}
		for _, ch := range e.children {
			walk(ch)
		}
	}
	walk(root)
	slices.SortStableFunc(rules, func(x, y rule) int {
		if c := x.sel.specificity() - y.sel.specificity(); c != 0 {
			return c
		}
		return x.order - y.order
	})
	return rules
}

func (b *builder) parseSheet(e *element, css string, rules []rule) []rule {
	for {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return rules
		}
		end := strings.IndexByte(css[open:], '}')
		if end < 0 {
			return rules
		}
		head, body := strings.TrimSpace(css[:open]), css[open+1:open+end]
		css = css[open+end+1:]
		if strings.HasPrefix(head, "@") {
			b.miss(e, fmt.Sprintf("the CSS rule %s", strings.Fields(head)[0]))
			continue
		}
		decls := declarations(body)
		for _, s := range strings.Split(head, ",") {
			sel, ok := parseSelector(s)
			if !ok {
				b.miss(e, fmt.Sprintf("the CSS selector %q", strings.TrimSpace(s)))
				continue
			}
			rules = append(rules, rule{sel: sel, decls: decls, order: len(rules)})
		}
	}
}

func parseSelector(s string) (selector, bool) {
	if strings.ContainsAny(s, ">+~:[()") {
		return nil, false
	}
	var sel selector
	for _, part := range strings.Fields(s) {
		var c compound
		for part != "" {
			i := strings.IndexAny(part[1:], ".#") + 1
			if i == 0 {
				i = len(part)
			}
			tok := part[:i]
			part = part[i:]
			switch tok[0] {
			case '.':
				c.classes = append(c.classes, tok[1:])
			case '#':
				c.id = tok[1:]
			default:
				if tok != "*" {
					c.tag = tok
				}
			}
		}
		sel = append(sel, c)
	}
	return sel, len(sel) > 0
}

// specificity weighs ids, then classes, then types, as CSS does.
func (s selector) specificity() int {
	n := 0
	for _, c := range s {
		if c.id != "" {
			n += 10000
		}
		n += 100 * len(c.classes)
		if c.tag != "" {
			n++
		}
	}
	return n
}

// matches reports whether e, under the ancestors path (the root first),
// is the selector's subject.
func (s selector) matches(e *element, path []*element) bool {
	if !s[len(s)-1].matches(e) {
		return false
	}
	i := len(path) - 1
	for k := len(s) - 2; k >= 0; k-- {
		for i >= 0 && !s[k].matches(path[i]) {
			i--
		}
		if i < 0 {
			return false
		}
		i--
	}
	return true
}

func (c compound) matches(e *element) bool {
	if c.tag != "" && c.tag != e.name.Local || c.id != "" && c.id != attr(e, "id") {
		return false
	}
	classes := strings.Fields(attr(e, "class"))
	for _, want := range c.classes {
		if !slices.Contains(classes, want) {
			return false
		}
	}
	return true
}
