package doc

import (
	"strings"
	"testing"
)

// TestTeacherOnly: a fenced div of teacher-only text is read wherever it
// stands, and the student's document leaves out exactly its text.
func TestTeacherOnly(t *testing.T) {
	for _, tc := range []struct {
		name, src        string
		teacher, student string // the text each edition reads
		diags            []string
	}{
		{name: "top level", src: "Both.\n\n::: teacher\n## Care\n\nOnly teachers.\n:::\n\nBoth again.\n",
			teacher: "Both.CareOnly teachers.Both again.", student: "Both.Both again."},
		{name: "pandoc class", src: "::: {.teacher}\nHidden.\n:::\nShown.\n",
			teacher: "Hidden.Shown.", student: "Shown."},
		{name: "interrupts a paragraph", src: "Shown\n::: teacher\nHidden\n:::\n",
			teacher: "ShownHidden", student: "Shown"},
		{name: "in a list", src: "- One\n\n  ::: teacher\n  Hidden\n  :::\n- Two\n",
			teacher: "OneHiddenTwo", student: "OneTwo"},
		{name: "in a block quote", src: "> Said\n> ::: teacher\n> Hidden\n> :::\n",
			teacher: "SaidHidden", student: "Said"},
		{name: "colons after the name", src: "::::: teacher :::::\nHidden\n:::::\n",
			teacher: "Hidden", student: ""},
		{name: "no teacher text", src: "Just text ::: teacher.\n",
			teacher: "Just text ::: teacher.", student: "Just text ::: teacher."},
		{name: "another name", src: "::: note\nHidden\n:::\n",
			teacher: "Hidden", student: "",
			diags: []string{"a.md:1:1: error: ::: note is not a kind of block companion knows; the only one is ::: teacher"}},
		{name: "never closed", src: "Shown.\n\n::: teacher\nHidden\n",
			teacher: "Shown.Hidden", student: "Shown.",
			diags: []string{"a.md:3:1: error: the ::: teacher block that starts here is never closed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, diags := parse(t, tc.src, Options{})
			var got []string
			for _, x := range diags {
				got = append(got, x.Pos.String()+": "+x.Severity.String()+": "+x.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.diags, "\n") {
				t.Errorf("diagnostics\n got %q\nwant %q", got, tc.diags)
			}
			if got := textOf(d); got != tc.teacher {
				t.Errorf("teacher text = %q, want %q", got, tc.teacher)
			}
			if got := textOf(d.Student()); got != tc.student {
				t.Errorf("student text = %q, want %q", got, tc.student)
			}
		})
	}
}

// A footnote called only from teacher-only text is not in the student's
// document; one the student text calls stays.
func TestTeacherOnlyNotes(t *testing.T) {
	d, _ := parse(t, "Shown.[^a]\n\n::: teacher\nHidden.[^b]\n:::\n\n[^a]: Note A.\n[^b]: Note B.\n", Options{})
	s := d.Student()
	if len(d.Notes) != 2 || len(s.Notes) != 1 || s.Notes[0].Label != "a" {
		t.Fatalf("notes: teacher %d, student %v", len(d.Notes), s.Notes)
	}
}
