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
