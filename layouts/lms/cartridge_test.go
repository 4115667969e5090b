package lms

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest"
	"github.com/companion-dev/companion/book/diag"
	"github.com/companion-dev/companion/layouts/xhtml"
)

// The cartridge as a platform's importer reads it: the manifest, its
// resources, and each assessment's items with their choices, correct
// responses and feedback. Only the parts companion writes are read, each
// by the path the CC 1.1 and QTI 1.2 specifications give it.

type ccManifest struct {
	XMLName       xml.Name `xml:"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1 manifest"`
	Schema        string   `xml:"metadata>schema"`
	SchemaVersion string   `xml:"metadata>schemaversion"`
	Title         string   `xml:"metadata>lom>general>title>string"`
	Classes       []struct {
		Purpose     string `xml:"purpose>value"`
		Description string `xml:"description>string"`
		Paths       []struct {
			ID    string `xml:"taxon>id"`
			Entry string `xml:"taxon>entry>string"`
		} `xml:"taxonPath"`
	} `xml:"metadata>lom>classification"`
	Items     []ccItem     `xml:"organizations>organization>item>item"`
	Resources []ccResource `xml:"resources>resource"`
}

type ccItem struct {
	Identifier string   `xml:"identifier,attr"`
	Ref        string   `xml:"identifierref,attr"`
	Title      string   `xml:"title"`
	Items      []ccItem `xml:"item"`
}

type ccResource struct {
	Identifier string   `xml:"identifier,attr"`
	Type       string   `xml:"type,attr"`
	Href       string   `xml:"href,attr"`
	Roles      []string `xml:"metadata>lom>educational>intendedEndUserRole>value"`
	Files      []ccFile `xml:"file"`
}

type ccFile struct {
	Href string `xml:"href,attr"`
}

type qtiAssessment struct {
	Assessment struct {
		Ident string    `xml:"ident,attr"`
		Title string    `xml:"title,attr"`
		Items []qtiItem `xml:"section>item"`
	} `xml:"assessment"`
}

type qtiItem struct {
	Ident  string `xml:"ident,attr"`
	Title  string `xml:"title,attr"`
	Fields []struct {
		Label string `xml:"fieldlabel"`
		Entry string `xml:"fieldentry"`
	} `xml:"itemmetadata>qtimetadata>qtimetadatafield"`
	Prompt string `xml:"presentation>material>mattext"`
	Lid    *struct {
		Cardinality string `xml:"rcardinality,attr"`
		Labels      []struct {
			Ident string `xml:"ident,attr"`
			Text  string `xml:"material>mattext"`
		} `xml:"render_choice>response_label"`
	} `xml:"presentation>response_lid"`
	Str *struct {
		Fib struct {
			Rows string `xml:"rows,attr"`
		} `xml:"render_fib"`
	} `xml:"presentation>response_str"`
	Conditions []struct {
		Continue string   `xml:"continue,attr"`
		Equal    []string `xml:"conditionvar>varequal"`
		And      *struct {
			Equal []string `xml:"varequal"`
			Not   []string `xml:"not>varequal"`
		} `xml:"conditionvar>and"`
		Score    string `xml:"setvar"`
		Feedback []struct {
			Ref string `xml:"linkrefid,attr"`
		} `xml:"displayfeedback"`
	} `xml:"resprocessing>respcondition"`
	Feedback []struct {
		Ident string `xml:"ident,attr"`
		Text  string `xml:"flow_mat>material>mattext"`
	} `xml:"itemfeedback"`
}

func (it qtiItem) field(label string) string {
	for _, f := range it.Fields {
		if f.Label == label {
			return f.Entry
		}
	}
	return ""
}

// readCartridge unzips a cartridge and reads its manifest and every file
// a resource names, failing on a resource whose file is missing.
func readCartridge(t *testing.T, data []byte) (ccManifest, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	var m ccManifest
	if err := xml.Unmarshal(files["imsmanifest.xml"], &m); err != nil {
		t.Fatalf("imsmanifest.xml: %v", err)
	}
	for _, r := range m.Resources {
		for _, f := range r.Files {
			if _, ok := files[f.Href]; !ok {
				t.Errorf("resource %s names %s, which the cartridge does not hold", r.Identifier, f.Href)
			}
		}
	}
	return m, files
}

func (m ccManifest) resource(id string) (ccResource, bool) {
	i := slices.IndexFunc(m.Resources, func(r ccResource) bool { return r.Identifier == id })
	if i < 0 {
		return ccResource{}, false
	}
	return m.Resources[i], true
}

func renderCartridge(t *testing.T) (*book.Book, []byte) {
	t.Helper()
	b, files := render(t)
	cc, ok := files[b.Slug()+".imscc"]
	if !ok {
		t.Fatalf("no cartridge among the files")
	}
	return b, []byte(cc)
}

// TestCartridgeRoundTrip reads the cartridge back as an importer does and
// finds every chapter and question of the book again: an organization item
// per chapter leading to its page, assessment and teacher's notes; in each
// assessment an item per question with its type, weight, prompt, choices,
// the responses that score it and each choice's feedback; the standards.
func TestCartridgeRoundTrip(t *testing.T) {
	b, data := renderCartridge(t)
	m, files := readCartridge(t, data)
	if m.Schema != "IMS Common Cartridge" || m.SchemaVersion != "1.1.0" || m.Title != b.Title {
		t.Errorf("manifest metadata: %q %q %q", m.Schema, m.SchemaVersion, m.Title)
	}
	if len(m.Items) != len(b.Chapters) {
		t.Fatalf("%d organization items, want one per chapter (%d)", len(m.Items), len(b.Chapters))
	}
	var got, want []string
	for i, c := range b.Chapters {
		item := m.Items[i]
		want = append(want, "chapter "+b.Labels.Format("chapter-and-title", "n", fmt.Sprint(c.Number), "title", c.Title))
		got = append(got, "chapter "+item.Title)
		for _, sub := range item.Items {
			r, ok := m.resource(sub.Ref)
			if !ok {
				t.Errorf("item %s refers to resource %q, which the manifest does not have", sub.Identifier, sub.Ref)
				continue
			}
			got = append(got, fmt.Sprintf("  %s %s %s roles=%v", sub.Title, r.Type, r.Files[0].Href, r.Roles))
			if r.Type == assessmentType {
				var a qtiAssessment
				if err := xml.Unmarshal(files[r.Files[0].Href], &a); err != nil {
					t.Fatalf("%s: %v", r.Files[0].Href, err)
				}
				got = append(got, "    assessment "+a.Assessment.Title)
				for _, it := range a.Assessment.Items {
					got = append(got, qtiGot(it)...)
				}
			}
		}
		dir := chapterDir(c)
		want = append(want, fmt.Sprintf("  %s webcontent %s/chapter.html roles=[]", c.Title, dir))
		if len(c.Questions) == 0 {
			continue
		}
		want = append(want, fmt.Sprintf("  %s %s %s/assessment.xml roles=[]", b.Labels.Get("discussion-questions"), assessmentType, dir),
			fmt.Sprintf("    assessment %s: %s", b.Labels.Format("handout-number", "n", fmt.Sprint(c.Number)), c.Title))
		for _, q := range c.Questions {
			want = append(want, qtiExpect(b, q)...)
		}
		want = append(want, fmt.Sprintf("  %s webcontent %s/teacher.html roles=[Instructor]", teacherTitle(b, c), dir))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the cartridge holds\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	// Every standard a question names is a classification entry.
	var std, wantStd []string
	for _, cl := range m.Classes {
		for _, p := range cl.Paths {
			std = append(std, cl.Purpose+" | "+cl.Description+" | "+p.ID+" | "+p.Entry)
		}
	}
	for _, f := range servedStandards(b) {
		for _, s := range f.standards {
			wantStd = append(wantStd, "educational objective | "+f.framework.Title+" | "+s.Code+" | "+s.Text)
		}
	}
	if len(wantStd) == 0 {
		t.Fatal("the fixture names no standards")
	}
	if !slices.Equal(std, wantStd) {
		t.Errorf("standards in the manifest:\n  %s\nwant\n  %s", strings.Join(std, "\n  "), strings.Join(wantStd, "\n  "))
	}
}

// qtiGot is what an importer reads of one item: its type and weight, its
// prompt, its choices, the answers that score 100 and each feedback with
// the choice that shows it.
func qtiGot(it qtiItem) []string {
	lines := []string{fmt.Sprintf("    %s %s weight=%s computerscored=%s %s", it.Title, it.field("cc_profile"), it.field("cc_weighting"), it.field("qmd_computerscored"), it.Prompt)}
	if it.Str != nil {
		lines = append(lines, "      text box rows="+it.Str.Fib.Rows)
	}
	choice := map[string]string{}
	if it.Lid != nil {
		for _, l := range it.Lid.Labels {
			choice[l.Ident] = l.Text
			lines = append(lines, "      choice "+it.Lid.Cardinality+" "+l.Text)
		}
	}
	feedback := map[string]string{}
	for _, f := range it.Feedback {
		feedback[f.Ident] = f.Text
	}
	name := func(v string) string {
		if s, ok := choice[v]; ok {
			return s
		}
		return v // a short answer
	}
	for _, c := range it.Conditions {
		if c.Score == "100" {
			if c.And != nil {
				var on, off []string
				for _, v := range c.And.Equal {
					on = append(on, name(v))
				}
				for _, v := range c.And.Not {
					off = append(off, name(v))
				}
				lines = append(lines, fmt.Sprintf("      right: %s and not %s", strings.Join(on, " + "), strings.Join(off, " + ")))
			} else {
				lines = append(lines, "      right: "+name(c.Equal[0]))
			}
		}
		for _, f := range c.Feedback {
			lines = append(lines, "      feedback on "+name(c.Equal[0])+": "+feedback[f.Ref])
		}
	}
	return lines
}

// qtiExpect is what qtiGot must read of question q.
func qtiExpect(b *book.Book, q *book.Question) []string {
	weight := fmt.Sprint(max(1, min(99, int(q.Points+0.5))))
	computer := ""
	if q.Format == book.AnswerOpen {
		computer = "No"
	}
	lines := []string{fmt.Sprintf("    %s %s weight=%s computerscored=%s %s", q.ID, profile(q), weight, computer, html(b, q.Prompt))}
	switch q.Format {
	case book.AnswerOpen:
		lines = append(lines, fmt.Sprintf("      text box rows=%d", q.Lines))
	case book.AnswerShort:
		lines = append(lines, "      text box rows=")
		for _, a := range q.Accept {
			lines = append(lines, "      right: "+a)
		}
	case book.AnswerTrueFalse:
		lines = append(lines, "      choice Single "+truth(b, true), "      choice Single "+truth(b, false), "      right: "+truth(b, q.True))
	case book.AnswerMultipleChoice:
		card := "Single"
		if q.CorrectChoices() > 1 {
			card = "Multiple"
		}
		var on, off, fb []string
		for _, c := range q.Choices {
			text := inlineHTML(b, c.Text)
			lines = append(lines, "      choice "+card+" "+text)
			if c.Correct {
				on = append(on, text)
			} else {
				off = append(off, text)
			}
			if c.Feedback != nil {
				fb = append(fb, "      feedback on "+text+": "+inlineHTML(b, c.Feedback))
			}
		}
		if card == "Single" {
			// One condition per choice: the right one scores, any one
			// shows its feedback.
			for _, c := range q.Choices {
				text := inlineHTML(b, c.Text)
				if c.Correct {
					lines = append(lines, "      right: "+text)
				}
				if c.Feedback != nil {
					lines = append(lines, "      feedback on "+text+": "+inlineHTML(b, c.Feedback))
				}
			}
		} else {
			lines = append(lines, fb...)
			lines = append(lines, fmt.Sprintf("      right: %s and not %s", strings.Join(on, " + "), strings.Join(off, " + ")))
		}
	}
	return lines
}

// xmllint finds xmllint, or skips the test saying how to run it; under CI
// (CI=true), where .ci/run installs it, a missing xmllint fails the test.
func xmllint(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint is not installed, but CI validates every XML output with it: %v (apt-get install libxml2-utils)", err)
		}
		t.Skip("xmllint is not installed, so the XML outputs are not validated (CI does it; or: apt-get install libxml2-utils)")
	}
	return path
}

// validate runs xmllint --schema on data, failing with what it says.
func validate(t *testing.T, lint, schema, name string, data []byte) {
	t.Helper()
	f := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--noout", "--nonet", "--schema", schema, f).CombinedOutput()
	if err != nil {
		t.Errorf("%s does not validate against %s: %v\n%s", name, filepath.Base(schema), err, out)
	}
}

// cartridges are the fixture's cartridge and the bundled companion's, whose
// chapters hold every kind of Markdown block.
func cartridges(t *testing.T) map[string][]byte {
	t.Helper()
	_, fixture := renderCartridge(t)
	b := booktest.Bundled(t, book.Options{})
	bundled, d := cartridge(b, booktest.Date)
	if len(d) > 0 {
		t.Fatalf("the bundled companion's cartridge: %v", d)
	}
	return map[string][]byte{"fixture": fixture, "bundled": bundled}
}

// TestCartridgeValidates validates the manifest and every assessment with
// xmllint against IMS's own CC 1.1 schemas (testdata/schemas).
func TestCartridgeValidates(t *testing.T) {
	lint := xmllint(t)
	schemas := filepath.Join("testdata", "schemas", "cc1p1")
	for name, data := range cartridges(t) {
		t.Run(name, func(t *testing.T) {
			m, files := readCartridge(t, data)
			validate(t, lint, filepath.Join(schemas, "ccv1p1_imscp_v1p2_v1p0.xsd"), "imsmanifest.xml", files["imsmanifest.xml"])
			n := 0
			for _, r := range m.Resources {
				if r.Type == assessmentType {
					n++
					validate(t, lint, filepath.Join(schemas, "ccv1p1_qtiasiv1p2p1_v1p0.xsd"), r.Files[0].Href, files[r.Files[0].Href])
				}
			}
			if n == 0 {
				t.Fatal("no assessment validated")
			}
		})
	}
}

// A cartridge that breaks the schema is caught: the check can fail.
func TestCartridgeValidationFails(t *testing.T) {
	lint := xmllint(t)
	_, data := renderCartridge(t)
	_, files := readCartridge(t, data)
	bad := bytes.Replace(files["imsmanifest.xml"], []byte("<schemaversion>1.1.0<"), []byte("<schemaversion>9.9<"), 1)
	f := filepath.Join(t.TempDir(), "imsmanifest.xml")
	if err := os.WriteFile(f, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(lint, "--noout", "--nonet", "--schema", filepath.Join("testdata", "schemas", "cc1p1", "ccv1p1_imscp_v1p2_v1p0.xsd"), f).CombinedOutput(); err == nil {
		t.Errorf("a manifest of schema version 9.9 validates:\n%s", out)
	}
}

// TestCartridgeDeterministic: the zip's entries are in name order, each
// dated with the build's date, and two renders give the same bytes.
func TestCartridgeDeterministic(t *testing.T) {
	b, data := renderCartridge(t)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if got := f.Modified.UTC(); !got.Equal(booktest.Date) {
			t.Errorf("%s is dated %v, want the build's date", f.Name, got)
		}
	}
	if !slices.IsSorted(names) || len(names) == 0 {
		t.Errorf("entries not in name order: %v", names)
	}
	again, _ := cartridge(b, booktest.Date)
	if !bytes.Equal(again, data) {
		t.Error("two renders of the cartridge differ")
	}
}

// TestCartridgeGolden compares the manifest and each assessment and page
// with its golden copy.
func TestCartridgeGolden(t *testing.T) {
	_, data := renderCartridge(t)
	_, files := readCartridge(t, data)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		booktest.Golden(t, filepath.Join("testdata", "golden", "imscc", filepath.FromSlash(name)), string(files[name]))
	}
}

// TestCartridgeProfile checks the Schematron rules of the CC 1.1 profiles
// (in the schemas' appinfo, which xmllint cannot run) that the cartridge's
// resources and questions touch, each named by its rule number.
func TestCartridgeProfile(t *testing.T) {
	for name, data := range cartridges(t) {
		t.Run(name, func(t *testing.T) { checkProfile(t, data) })
	}
}

func checkProfile(t *testing.T, data []byte) {
	m, files := readCartridge(t, data)
	for _, r := range m.Resources {
		switch {
		case r.Type == assessmentType && (r.Href != "" || len(r.Files) != 1):
			t.Errorf("CP rule 3a–c: assessment %s has href %q and %d files, want no href and one file", r.Identifier, r.Href, len(r.Files))
		case r.Href != "" && !slices.Contains(r.Files, ccFile{r.Href}):
			t.Errorf("CP rule 10b: resource %s has href %s but no file of it", r.Identifier, r.Href)
		}
		if r.Type != assessmentType {
			continue
		}
		var a qtiAssessment
		if err := xml.Unmarshal(files[r.Files[0].Href], &a); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, it := range a.Assessment.Items {
			where := r.Files[0].Href + " item " + it.Ident
			if seen[it.Ident] {
				t.Errorf("QTI rule 13a: %s: ident given twice", where)
			}
			seen[it.Ident] = true
			profiles := 0
			for _, f := range it.Fields {
				switch f.Label {
				case "cc_profile":
					profiles++
				case "cc_weighting":
					if n, err := strconv.Atoi(f.Entry); err != nil || n < 1 || n > 99 {
						t.Errorf("QTI rule 2c: %s: cc_weighting %q is not a whole number from 1 to 99", where, f.Entry)
					}
				case "qmd_computerscored", "qmd_scoringpermitted":
				default:
					t.Errorf("QTI rule 2a: %s: field label %q is not one the profile allows", where, f.Label)
				}
			}
			if profiles != 1 {
				t.Errorf("QTI rules 2f–g: %s: %d cc_profile fields, want 1", where, profiles)
			}
			labels := 0
			if it.Lid != nil {
				labels = len(it.Lid.Labels)
			}
			switch p := it.field("cc_profile"); p {
			case "cc.essay.v0p1":
				if it.Lid != nil || it.Str == nil || it.field("qmd_computerscored") != "No" {
					t.Errorf("QTI rule 8: %s: an essay has a text response only and is not computer scored", where)
				}
			case "cc.true_false.v0p1", "cc.multiple_choice.v0p1", "cc.multiple_response.v0p1":
				card, least := map[string]string{"cc.multiple_response.v0p1": "Multiple"}[p], map[string]int{"cc.true_false.v0p1": 2, "cc.multiple_choice.v0p1": 3, "cc.multiple_response.v0p1": 2}[p]
				if card == "" {
					card = "Single"
				}
				if it.Lid == nil || it.Str != nil || it.Lid.Cardinality != card || labels < least || (p == "cc.true_false.v0p1" && labels != 2) {
					t.Errorf("QTI rules 3–5: %s (%s): want one %s choice response of at least %d labels", where, p, card, least)
				}
			case "cc.fib.v0p1":
				if it.Lid != nil || it.Str == nil {
					t.Errorf("QTI rule 6: %s: a fill-in-the-blank question has a text response only", where)
				}
			default:
				t.Errorf("QTI rule 2b: %s: cc_profile %q", where, p)
			}
			fb := map[string]bool{}
			for _, f := range it.Feedback {
				fb[f.Ident] = false
			}
			for _, c := range it.Conditions {
				for _, f := range c.Feedback {
					if _, ok := fb[f.Ref]; !ok {
						t.Errorf("QTI rule 12c: %s: feedback %s is shown but not given", where, f.Ref)
					}
					fb[f.Ref] = true
				}
			}
			for id, shown := range fb {
				if !shown {
					t.Errorf("QTI rule 12d: %s: feedback %s is given but never shown", where, id)
				}
			}
		}
	}
}

// TestCartridgeStudentsNeverSeeGuidance: guidance and model answers are
// only on the teacher's pages, which the manifest gives the Instructor
// role alone; no page, prompt, choice or feedback a student is shown holds
// them.
func TestCartridgeStudentsNeverSeeGuidance(t *testing.T) {
	b, data := renderCartridge(t)
	m, files := readCartridge(t, data)
	var shown, teacher strings.Builder
	for _, r := range m.Resources {
		for _, f := range r.Files {
			switch {
			case slices.Equal(r.Roles, []string{"Instructor"}):
				teacher.Write(files[f.Href])
			case r.Type == assessmentType:
				var a qtiAssessment
				if err := xml.Unmarshal(files[f.Href], &a); err != nil {
					t.Fatal(err)
				}
				for _, it := range a.Assessment.Items {
					shown.WriteString(it.Prompt)
					if it.Lid != nil {
						for _, l := range it.Lid.Labels {
							shown.WriteString(l.Text)
						}
					}
					for _, fb := range it.Feedback {
						shown.WriteString(fb.Text)
					}
				}
				// Everything else of an assessment is what the platform
				// scores with, never text it shows.
				for _, s := range []string{"solution", "hint", "rubric", "objectives"} {
					if bytes.Contains(files[f.Href], []byte("<"+s)) {
						t.Errorf("%s has a %s, which a platform shows", f.Href, s)
					}
				}
			default:
				shown.Write(files[f.Href])
			}
		}
	}
	checked := 0
	for _, c := range b.Chapters {
		for _, q := range c.Questions {
			for _, piece := range []*book.Markdown{q.Guidance, q.Answer} {
				if piece == nil {
					continue
				}
				checked++
				probe := xhtml.Escape(strings.Join(strings.Fields(piece.Source)[:3], " "))
				if strings.Contains(shown.String(), probe) {
					t.Errorf("students are shown %s's %q", q.ID, probe)
				}
				if !strings.Contains(teacher.String(), probe) {
					t.Errorf("the teacher's notes lack %s's %q", q.ID, probe)
				}
			}
		}
	}
	if checked < 3 {
		t.Fatalf("only %d pieces of guidance and model answers checked", checked)
	}
}

// TestWeighting: a question's points are its cc_weighting when they are a
// whole number from 1 to 99; others are rounded into that range, with a
// warning at the question.
func TestWeighting(t *testing.T) {
	for _, tc := range []struct {
		points float64
		want   string
		warns  bool
	}{
		{0, "1", false}, // no points given: 1, as every platform counts it
		{1, "1", false},
		{4, "4", false},
		{99, "99", false},
		{1.5, "2", true},
		{0.25, "1", true},
		{250, "99", true},
	} {
		var d diag.List
		q := &book.Question{ID: "q", Points: tc.points, Pos: diag.Pos{File: "chapters/a.md", Line: 3, Col: 5}}
		got := weighting(q, &d)
		if got != tc.want || (len(d) == 1) != tc.warns || len(d) > 1 {
			t.Errorf("%g points: weighting %s, %v; want %s, a warning: %t", tc.points, got, d, tc.want, tc.warns)
		}
		if tc.warns && (d[0].Pos != q.Pos || d[0].Severity != diag.Warning || d[0].Hint == "") {
			t.Errorf("%g points: %+v, want a warning with a hint at the question", tc.points, d[0])
		}
	}
}
