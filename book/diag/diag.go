// Package diag holds the diagnostics every stage of companion reports: a
// message about the user's project, tied to a file, line and column, with a
// hint on what to do. Stages collect diagnostics instead of stopping at the
// first problem, so a user sees every mistake in one run.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pos is a place in a project file. Line and Col count from 1; a zero Line
// means the whole file, a zero File the project as a whole.
type Pos struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"column,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "companion"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
	// Note adds to an error reported at the same place (what it kept
	// from being checked); it is neither an error nor a warning.
	Note
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "error"
}

// MarshalJSON writes the severity as its word.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Diagnostic is one problem found in a project.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
	if d.Hint != "" {
		s += "\n\t" + strings.ReplaceAll(d.Hint, "\n", "\n\t")
	}
	return s
}

// List collects diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Error, fmt.Sprintf(format, args...))
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Warning, fmt.Sprintf(format, args...))
}

func (l *List) add(pos Pos, sev Severity, msg string) *Diagnostic {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Message: msg})
	return &(*l)[len(*l)-1]
}

// Notef records a note at pos; give it the position of the error it adds
// to, so that it is printed right after it.
func (l *List) Notef(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Note, fmt.Sprintf(format, args...))
}

// Hintf sets the hint of the last diagnostic added; it reads well after
// Errorf: l.Errorf(...); l.Hintf("did you mean %q?", near).
func (l *List) Hintf(format string, args ...any) {
	if len(*l) > 0 {
		(*l)[len(*l)-1].Hint = fmt.Sprintf(format, args...)
	}
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Count returns the number of errors and warnings; notes count as
// neither.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}

// Sort orders diagnostics by file, line, column, then message, and drops
// exact duplicates, so output is stable whatever order stages ran in.
func (l List) Sort() List {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// Write prints each diagnostic as `path:line:col: error: message` with the
// hint indented below it.
func (l List) Write(w io.Writer) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// Error makes a List usable as an error value.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Near returns the candidate closest to word by edit distance, if it is close
// enough to be a likely typo; it feeds "did you mean" hints.
func Near(word string, candidates []string) (string, bool) {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	limit := 1
	switch n := len([]rune(word)); {
	case n > 7:
		limit = 3
	case n > 3:
		limit = 2
	}
	if bestDist < 0 || bestDist > limit {
		return "", false
	}
	return best, true
}

// distance is the edit distance between a and b, by runes, counting a
// swap of two neighbours as one edit (the commonest typo: "titel").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
