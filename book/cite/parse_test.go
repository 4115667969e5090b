package cite

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book/diag"
	"go.yaml.in/yaml/v3"
)

func TestParseYAML(t *testing.T) {
	src := `references:
- id: ishiguro2005
  type: book
  title: Never Let Me Go
  author:
    - family: Ishiguro
      given: Kazuo
  issued: 2005-03-03
  publisher: Faber and Faber
  publisher-place: London
- id: vangogh
  type: book
  title: Letters
  author: [{family: van Gogh, given: Vincent}, {given: "Simone de", family: Beauvoir}, {literal: BBC}]
  issued: {date-parts: [[1996, 4]]}
  edition: 2
  accessed: "2024-01"
- id: raw
  type: webpage
  title: Raw
  URL: https://example.org
  issued: {raw: "April 4, 2005"}
  accessed: {literal: "Spring 2024"}
`
	refs, l := Parse("references.yaml", []byte(src))
	if len(l) != 0 {
		t.Fatalf("diagnostics:\n%v", l)
	}
	if len(refs) != 3 {
		t.Fatalf("%d references", len(refs))
	}
	r := refs[0]
	if r.ID != "ishiguro2005" || r.Type != "book" || r.Title != "Never Let Me Go" || r.PublisherPlace != "London" {
		t.Errorf("ref 0: %+v", r)
	}
	if !reflect.DeepEqual(r.Author, []Name{{Family: "Ishiguro", Given: "Kazuo"}}) {
		t.Errorf("author: %+v", r.Author)
	}
	if r.Issued != (Date{Year: 2005, Month: 3, Day: 3}) {
		t.Errorf("issued: %+v", r.Issued)
	}
	if r.Pos.Line != 2 || r.Pos.Col != 3 || r.FieldPos["title"].Line != 4 {
		t.Errorf("positions: %v %v", r.Pos, r.FieldPos["title"])
	}
	v := refs[1]
	want := []Name{{Family: "Gogh", NonDroppingParticle: "van", Given: "Vincent"},
		{Family: "Beauvoir", Given: "Simone", DroppingParticle: "de"}, {Literal: "BBC"}}
	if !reflect.DeepEqual(v.Author, want) {
		t.Errorf("particles: %+v", v.Author)
	}
	if v.Edition != "2" || v.Issued != (Date{Year: 1996, Month: 4}) || v.Accessed != (Date{Year: 2024, Month: 1}) {
		t.Errorf("ref 1: %+v", v)
	}
	if refs[2].Issued != (Date{Year: 2005, Month: 4, Day: 4}) || refs[2].Accessed.Literal != "Spring 2024" {
		t.Errorf("raw/literal dates: %+v %+v", refs[2].Issued, refs[2].Accessed)
	}
}

func TestParseJSON(t *testing.T) {
	// as Zotero exports it: tabs, escaped slashes, numbers as strings
	src := "[\n\t{\n\t\t\"id\": \"k\",\n\t\t\"type\": \"article-journal\",\n\t\t\"title\": \"A \\/ B\",\n" +
		"\t\t\"container-title\": \"J\",\n\t\t\"author\": [{\"family\": \"Doe\", \"given\": \"Jane\"}],\n" +
		"\t\t\"issued\": {\"date-parts\": [[\"2011\", 3]]},\n\t\t\"volume\": 52\n\t}\n]\n"
	refs, l := Parse("references.json", []byte(src))
	if len(l) != 0 {
		t.Fatalf("diagnostics:\n%v", l)
	}
	r := refs[0]
	if r.Title != "A / B" || r.Volume != "52" || r.Issued != (Date{Year: 2011, Month: 3}) || r.Pos.Line != 2 || r.Pos.Col != 2 {
		t.Errorf("got %+v at %v", r, r.Pos)
	}
}

// TestParseZoteroForms reads the forms of names and dates that Zotero and
// citeproc-js write in CSL-JSON and that a style must see as citeproc-js
// does (the CSL suite's input).
func TestParseZoteroForms(t *testing.T) {
	open := Date{Year: 1987, End: &Date{}}
	tests := []struct {
		name, field string // field: a name or date key of the reference
		want        any
	}{
		{`"author": [{"family": "Doe Co.", "isInstitution": true}]`, "author", []Name{{Literal: "Doe Co."}}},
		{`"author": [{"family": "Doe", "given": "Jeffrey", "suffix": "Jr.", "comma-suffix": true}]`, "author",
			[]Name{{Family: "Doe", Given: "Jeffrey", Suffix: "!Jr."}}},
		{`"author": [{"family": "al-One", "given": "Alan"}]`, "author", []Name{{Family: "One", NonDroppingParticle: "al-", Given: "Alan"}}},
		{`"reviewed-author": [{"family": "Burtle", "given": "Beaver"}]`, "reviewed-author", []Name{{Family: "Burtle", Given: "Beaver"}}},
		{`"issued": {"date-parts": [], "literal": "(in press)"}`, "issued", Date{Literal: "(in press)"}},
		{`"issued": {"date-parts": [], "raw": "Bogus Date"}`, "issued", Date{Literal: "Bogus Date"}},
		{`"issued": {"date-parts": [["1999", "21"]], "raw": "Spring 1999"}`, "issued", Date{Year: 1999, Season: 1}},
		{`"issued": {"date-parts": [["2000", "", ""]]}`, "issued", Date{Year: 2000}},
		{`"issued": {"date-parts": [[1987], [0]]}`, "issued", open},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, _ := Parse("r.json", []byte(`[{"id": "a", "type": "book", "title": "T", `+tt.name+`}]`))
			if len(refs) != 1 {
				t.Fatalf("%d references", len(refs))
			}
			var got any = refs[0].Issued
			switch tt.field {
			case "author":
				got = refs[0].Author
			case "reviewed-author":
				got = refs[0].OtherNames["reviewed-author"]
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseDiagnostics(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            []string // "line:col: severity: message" then optionally " | hint"
	}{
		{"typo in a key", "r.yaml", "- id: a\n  type: book\n  title: T\n  auther: [{family: X}]\n",
			[]string{`4:3: error: unknown key "auther" in a reference | did you mean "author"?`}},
		{"unknown but unrelated key", "r.yaml", "- id: a\n  type: book\n  title: T\n  zotero-collection: x\n",
			[]string{`4:3: warning: unknown key "zotero-collection" in a reference; it is ignored`}},
		{"missing id", "r.yaml", "- type: book\n  title: T\n",
			[]string{`1:3: error: reference without an id | add id: a short key such as ishiguro2005, used to cite it as [@ishiguro2005]`}},
		{"duplicate id", "r.yaml", "- id: a\n  type: book\n  title: T\n- id: a\n  type: book\n  title: U\n",
			[]string{`4:7: error: duplicate id "a" | the first "a" is at line 1; ids must be unique`}},
		{"unknown type", "r.yaml", "- id: a\n  type: boook\n  title: T\n",
			[]string{`2:9: error: unknown type "boook" | did you mean "book"?`}},
		{"missing type", "r.yaml", "- id: a\n  title: T\n",
			[]string{`1:7: error: reference "a" has no type | add type: book, chapter, article-journal, article-newspaper, article-magazine, motion_picture, webpage or interview`}},
		{"book without title", "r.yaml", "- id: a\n  type: book\n",
			[]string{`2:3: error: book "a" has no title`}},
		{"chapter without container", "r.yaml", "- id: a\n  type: chapter\n  title: T\n",
			[]string{`2:3: error: chapter "a" has no container-title | container-title names the book it appears in`}},
		{"month 13", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: {date-parts: [[2005, 13]]}\n",
			[]string{`4:32: error: issued: month 13 does not exist (1-12) | write a season as 21-24 (spring to winter) or as season: spring`}},
		{"malformed date string", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: 2005-4x\n",
			[]string{`4:11: error: issued: malformed date "2005-4x" | write "2005-04-04", "2005-04" or "2005", or {literal: 2005-4x} to print it as it is`}},
		{"day out of range", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: 2005-02-30\n",
			[]string{`4:11: error: issued: day 30 does not exist in month 2`}},
		{"date of the wrong shape", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: [2005]\n",
			[]string{`4:11: error: issued must be a date such as "2005-04-04" or {date-parts: [[2005, 4, 4]]}, found a list`}},
		{"date-parts not numbers", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: {date-parts: [[twenty]]}\n",
			[]string{`4:26: error: date-parts must hold numbers, found "twenty"`}},
		{"name as a string", "r.yaml", "- id: a\n  type: book\n  title: T\n  author: Kazuo Ishiguro\n",
			[]string{`4:11: error: author must be a list of names, found the value "Kazuo Ishiguro" | write - {family: Ishiguro, given: Kazuo}, or - {literal: British Film Institute} for an organisation`}},
		{"name part typo", "r.yaml", "- id: a\n  type: book\n  title: T\n  author: [{famly: X}]\n",
			[]string{`4:13: error: unknown key "famly" in a name | did you mean "family"?`, `4:12: error: empty name: give family and given, or literal`}},
		{"text field given a list", "r.yaml", "- id: a\n  type: book\n  title: [T]\n",
			[]string{`3:10: error: title must be text, found a list`, `2:3: error: book "a" has no title`}},
		{"not a list", "r.yaml", "id: a\n",
			[]string{`1:1: warning: "id" ignored: a bibliography file holds a list of references, or a references: key`,
				`1:1: error: expected a list of references, or a references: key holding the list`}},
		{"YAML syntax", "r.yaml", "- id: a\n  type: book\n title: x\n",
			[]string{`3:2: error: this line is indented by 1 space, which lines it up with no line above it | the lines around it are indented by 0 or 2 spaces; YAML reads the structure from the indentation, so line it up with the ones it belongs with`}},
		{"colon in a title", "r.yaml", "- id: a\n  type: book\n  title: Never Let Me Go: A Novel\n",
			[]string{`3:25: error: the value of "title" holds a colon followed by a space, which YAML reads as the start of another key | quote the value: title: "Never Let Me Go: A Novel"`}},
		{"colon on the first line", "r.yaml", "- {id: a, type: book, title: T}\n- id: b: c\n",
			[]string{`2:8: error: the value of "id" holds a colon followed by a space, which YAML reads as the start of another key | quote the value: id: "b: c"`}},
		{"emphasis read as an alias", "r.yaml", "- id: a\n  type: book\n  title: *Klara and the Sun*\n",
			[]string{`3:10: error: *Klara refers to an anchor &Klara that is not defined | YAML reads a value that starts with * as a reference to an anchor; if the * is Markdown emphasis, quote the value: title: "*Klara and the Sun*"`}},
		{"comment cutting a title short", "r.yaml", "- id: a\n  type: book\n  title: Never Let Me Go #1 in the series\n  publisher: Faber # London\n",
			[]string{`3:26: warning: YAML reads this # and the rest of the line as a comment, not as part of the value | if it belongs to the value, quote the value: "Never Let Me Go #1 in the series"; if it is a comment, put two spaces before the #`}},
		{"unknown date key", "r.yaml", "- id: a\n  type: book\n  title: T\n  issued: {yeer: 2005}\n",
			[]string{`4:12: error: unknown key "yeer" in a date | did you mean "year"?`}},
		{"JSON trailing comma", "r.json", "[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": \"T\",}\n]",
			[]string{`2:44: error: invalid JSON: invalid character '}' looking for beginning of object key string | export the references from Zotero again (Export Library…, format CSL JSON), or fix the JSON here: a comma before } or ] and a missing comma are the usual slips`}},
		{"JSON missing comma", "r.json", "[\n  {\"id\": \"a\", \"type\": \"book\" \"title\": \"T\"}\n]",
			[]string{`2:30: error: invalid JSON: invalid character '"' after object key:value pair | export the references from Zotero again (Export Library…, format CSL JSON), or fix the JSON here: a comma before } or ] and a missing comma are the usual slips`}},
		{"JSON unknown key", "r.json", "[{\"id\": \"a\", \"type\": \"book\", \"title\": \"T\", \"tittle\": \"x\"}]",
			[]string{`1:44: error: unknown key "tittle" in a reference | did you mean "title"?`}},
		{"JSON month 13", "r.json", "[{\"id\": \"a\", \"type\": \"book\", \"title\": \"T\",\n  \"issued\": {\"date-parts\": [[2005, 13]]}}]",
			[]string{`2:36: error: issued: month 13 does not exist (1-12) | write a season as 21-24 (spring to winter) or as season: spring`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, l := Parse(tt.file, []byte(tt.src))
			var got []string
			for _, d := range l {
				s := strings.TrimPrefix(d.Pos.String(), tt.file+":") + ": " + d.Severity.String() + ": " + d.Message
				if d.Hint != "" {
					s += " | " + d.Hint
				}
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestParsePandocForms(t *testing.T) {
	src := "- id: a\n  type: chapter\n  title: Reading *Never Let Me Go* as _Pastoral_\n  container-title: Essays on *Klara*\n" +
		"  issued:\n    - year: 2005\n      month: 4\n"
	refs, l := Parse("references.yaml", []byte(src))
	if len(l) != 0 {
		t.Fatalf("diagnostics:\n%v", l)
	}
	r := refs[0]
	if r.Title != "Reading <i>Never Let Me Go</i> as <i>Pastoral</i>" || r.ContainerTitle != "Essays on <i>Klara</i>" {
		t.Errorf("italics: %q / %q", r.Title, r.ContainerTitle)
	}
	if r.Issued != (Date{Year: 2005, Month: 4}) {
		t.Errorf("issued: %+v", r.Issued)
	}
	// the italics reach the output, flipped inside an italic title
	p := New(MLA, refs)
	if got := p.WorksCited()[0].Text.Markdown(); got != "“Reading *Never Let Me Go* as *Pastoral*.” *Essays on* Klara, 2005." {
		t.Errorf("entry: %s", got)
	}
}

// The same references read from CSL-JSON and from CSL-YAML are the same.
func TestParseYAMLMatchesJSON(t *testing.T) {
	for _, f := range []string{"refs.json", "heldout.json", "probe.json", "probe2.json", "disamb.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		y, err := yaml.Marshal(map[string]any{"references": v})
		if err != nil {
			t.Fatal(err)
		}
		fromJSON, l1 := Parse(f, data)
		fromYAML, l2 := Parse("references.yaml", y)
		if l1.HasErrors() || l2.HasErrors() {
			t.Fatalf("%s: %v %v", f, l1, l2)
		}
		if len(fromJSON) != len(fromYAML) {
			t.Fatalf("%s: %d vs %d", f, len(fromJSON), len(fromYAML))
		}
		for i := range fromJSON {
			a, b := *fromJSON[i], *fromYAML[i]
			a.Pos, b.Pos, a.FieldPos, b.FieldPos = diag.Pos{}, diag.Pos{}, nil, nil
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: %s differs:\n%+v\n%+v", f, a.ID, a, b)
			}
		}
	}
}

// Variables written in a note, one "name: value" a line, as Zotero users
// write them in Extra and citeproc-js reads them; the reference's own
// fields win, and a line that cannot be read is only note.
func TestParseNoteFields(t *testing.T) {
	src := `[{"id": "a", "type": "post-weblog", "title": "T", "genre": "Own",
  "note": "reviewed-title: Decrease of Deaf potential\ngenre: Peer commentary\nreviewed-author: Hall||W.C.\nevent-date: 2004-10-01/2004-10-14\nissued: sometime\nSee also: the sequel"}]`
	refs, l := Parse("r.json", []byte(src))
	if len(l) != 0 || len(refs) != 1 {
		t.Fatalf("%d references, diagnostics:\n%v", len(refs), l)
	}
	r := refs[0]
	if r.Other["reviewed-title"] != "Decrease of Deaf potential" || r.Genre != "Own" {
		t.Errorf("text: reviewed-title %q, genre %q", r.Other["reviewed-title"], r.Genre)
	}
	if got := r.OtherNames["reviewed-author"]; !reflect.DeepEqual(got, []Name{{Family: "Hall", Given: "W.C."}}) {
		t.Errorf("reviewed-author: %+v", got)
	}
	if r.EventDate.Year != 2004 || r.EventDate.End == nil || r.EventDate.End.Day != 14 || !r.Issued.IsZero() {
		t.Errorf("dates: event-date %+v, issued %+v", r.EventDate, r.Issued)
	}
}
