package book

import (
	"io/fs"
	"testing"

	"github.com/companion-dev/companion/assets"
)

// Each built-in framework is parsed only when a book asks for it, so a
// broken one would surface only in a project that uses it: every one is
// parsed here, and found under the id its file is named by.
func TestBuiltinFrameworksParse(t *testing.T) {
	names, _ := fs.Glob(assets.Frameworks(), "*.yaml")
	if len(names) == 0 || len(names) != len(builtinFrameworks()) {
		t.Fatalf("%d built-in framework files, %d frameworks", len(names), len(builtinFrameworks()))
	}
	for id := range builtinFrameworks() {
		f, ok := builtinFrameworks().get(id)
		if !ok || f.ID != id || !f.Builtin || len(f.Standards) == 0 {
			t.Errorf("built-in framework %s: %+v", id, f)
		}
	}
}

// A standard reads beside a question by its own label where the framework
// gives one (the IB's concepts and areas of exploration), else by the
// framework's short name and its code.
func TestStandardLabels(t *testing.T) {
	ib, _ := builtinFrameworks().get("ib-lit")
	gcse, _ := builtinFrameworks().get("uk-gcse")
	find := func(f *Framework, code string) *Standard {
		for _, s := range f.Standards {
			if s.Code == code {
				return s
			}
		}
		t.Fatalf("%s has no %s", f.ID, code)
		return nil
	}
	for _, tc := range []struct {
		ref  *StandardRef
		want string
	}{
		{&StandardRef{Framework: "ib-lit", Code: "communication", Standard: find(ib, "communication")}, "IB concept: communication"},
		{&StandardRef{Framework: "ib-lit", Code: "time-space", Standard: find(ib, "time-space")}, "IB area of exploration: time and space"},
		{&StandardRef{Framework: "ib-lit", Code: "AO1", Standard: find(ib, "AO1")}, "IB Literature AO1"},
		{&StandardRef{Framework: "uk-gcse", Code: "AO2", Standard: find(gcse, "AO2")}, "GCSE English Literature AO2"},
		{&StandardRef{Framework: "district", Code: "D.1"}, "district D.1"}, // unresolved: as written
	} {
		if got := tc.ref.Label(); got != tc.want {
			t.Errorf("%s: label %q, want %q", tc.ref, got, tc.want)
		}
	}
}
