package companion

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/companion-dev/companion/layouts"
	"github.com/companion-dev/companion/layouts/outdir"
)

// OptionsError is a mistake in the Options of a build rather than in the
// project or on disk (an output folder inside the sources); the command
// line reports it as a usage error.
type OptionsError struct{ Err error }

func (e *OptionsError) Error() string { return e.Err.Error() }
func (e *OptionsError) Unwrap() error { return e.Err }

func optionsErrorf(format string, args ...any) error {
	return &OptionsError{fmt.Errorf(format, args...)}
}

// checkOutDir refuses an output folder that would mix outputs with the
// project's sources: the project folder itself, or a folder within its
// source folders, reached directly or through symbolic links; and an output
// path that is empty or names a file.
func checkOutDir(p *Project, out string) error {
	if out == "" {
		return optionsErrorf("--out is empty; give the folder to write the outputs into (it is made if missing), e.g. --out dist")
	}
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		return optionsErrorf("--out %s is a file, not a folder; give a folder to write the outputs into (it is made if missing), e.g. --out dist", out)
	}
	if p.Dir == "" {
		return nil
	}
	realOut, err1 := realPath(out)
	realProj, err2 := realPath(p.Dir)
	if err := cmp.Or(err1, err2); err != nil {
		return fmt.Errorf("cannot tell whether --out %s is inside the project: %w", out, err)
	}
	if realOut == realProj {
		return optionsErrorf("--out %s is the project folder; outputs would mix with the sources (use e.g. --out %s)", out, filepath.Join(out, "dist"))
	}
	for _, src := range []string{"chapters", "images", "curricula"} {
		dir, err := realPath(filepath.Join(realProj, src))
		if err != nil {
			return fmt.Errorf("cannot tell whether --out %s is inside the project: %w", out, err)
		}
		if realOut == dir || strings.HasPrefix(realOut, dir+string(filepath.Separator)) {
			return optionsErrorf("--out %s is inside the project's %s folder; choose a folder outside the sources, e.g. --out %s", out, src, filepath.Join(p.Dir, "dist"))
		}
	}
	return nil
}

// realPath is the absolute path p names once every symbolic link in it is
// followed, as the system will follow them when writing. Of a path that
// does not exist yet, the part that exists is resolved and the rest, which
// companion will make as plain folders, appended.
func realPath(p string) (string, error) {
	if !filepath.IsAbs(p) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		p = wd + string(filepath.Separator) + p // not Join: a ".." after a link must go up from the link's target
	}
	parts := strings.Split(p, string(filepath.Separator))
	for i := len(parts); i > 0; i-- {
		prefix := strings.Join(parts[:i], string(filepath.Separator))
		if prefix == "" {
			prefix = string(filepath.Separator)
		}
		if real, err := filepath.EvalSymlinks(prefix); err == nil {
			return filepath.Join(append([]string{real}, parts[i:]...)...), nil
		}
	}
	return filepath.Clean(p), nil
}

// writeAll writes the rendered files into outDir as one set (see package
// outdir) and removes the earlier outputs of the formats and editions built
// that this build no longer produces; what it did goes into res.
func writeAll(ctx context.Context, outDir string, files []rendered, formats []layouts.Layout, ed layouts.Edition, res *Result) error {
	var scope outdir.Scope
	for _, l := range formats {
		scope.Formats = append(scope.Formats, l.Name())
	}
	for _, e := range []layouts.Edition{layouts.Student, layouts.Teacher} {
		if ed.Includes(e) {
			scope.Editions = append(scope.Editions, string(e))
		}
	}
	set := make([]outdir.File, len(files))
	for i, f := range files {
		set[i] = outdir.File{Path: f.Path, Data: f.Data, Format: f.format, Edition: string(f.Edition)}
	}
	rep, err := outdir.Write(ctx, outDir, set, scope)
	if err != nil {
		return err
	}
	for _, f := range files {
		res.Files = append(res.Files, Written{Path: filepath.Join(outDir, filepath.FromSlash(f.Path)), Size: len(f.Data), Pages: f.Pages})
	}
	for _, p := range rep.Removed {
		res.Removed = append(res.Removed, filepath.Join(outDir, filepath.FromSlash(p)))
	}
	res.Diagnostics = append(res.Diagnostics, rep.Warnings...).Sort()
	return nil
}
