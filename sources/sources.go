// Package sources embeds the bundled Never Let Me Go companion: a project
// like any other, which `companion build` builds when no project is given.
package sources

import (
	"embed"
	"io/fs"
)

//go:embed companion.yaml references.yaml themes.yaml characters.yaml timeline.yaml chapters rubrics schedules
var files embed.FS

// FS returns the bundled project, rooted at its companion.yaml.
func FS() fs.FS { return files }
