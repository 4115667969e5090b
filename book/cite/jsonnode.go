package cite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// jsonNode reads JSON into the same yaml.Node tree the YAML reader gives,
// with line and column of every value, so one reader serves CSL-JSON and
// CSL-YAML. (YAML parsers reject some valid JSON, such as the "\/" escape
// Zotero may write, so JSON is decoded as JSON.)
func jsonNode(data []byte) (*yaml.Node, error) {
	var lines []int // offsets of line starts
	lines = append(lines, 0)
	for i, b := range data {
		if b == '\n' {
			lines = append(lines, i+1)
		}
	}
	pos := func(off int) (int, int) {
		l := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
		return l + 1, utf8.RuneCount(data[lines[l]:off]) + 1
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	start := func() int {
		off := int(dec.InputOffset())
		for off < len(data) {
			switch data[off] {
			case ' ', '\t', '\r', '\n', ',', ':':
				off++
				continue
			}
			break
		}
		return off
	}
	var value func() (*yaml.Node, error)
	value = func() (*yaml.Node, error) {
		at := start()
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		line, col := pos(min(at, len(data)))
		n := &yaml.Node{Line: line, Column: col}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n.Kind, n.Tag = yaml.MappingNode, "!!map"
				for dec.More() {
					kat := start()
					ktok, err := dec.Token()
					if err != nil {
						return nil, err
					}
					kl, kc := pos(kat)
					key, _ := ktok.(string)
					n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: kl, Column: kc})
					v, err := value()
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			case '[':
				n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
				for dec.More() {
					v, err := value()
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			default:
				return nil, fmt.Errorf("unexpected %v", t)
			}
		case string:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", t
		case json.Number:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", t.String()
			if _, err := t.Int64(); err != nil {
				n.Tag = "!!float"
			}
		case bool:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", fmt.Sprint(t)
		case nil:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
		}
		return n, nil
	}
	root, err := value()
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the top-level value")
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}, nil
}
