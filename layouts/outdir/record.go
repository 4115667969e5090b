package outdir

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// RecordFile is the record of what companion wrote into an output folder.
// It is JSON, sorted by path and free of dates, so that two builds of the
// same project give the same bytes.
const RecordFile = ".companion-outputs.json"

// maxRecord bounds what is read of a record: one of a 2,000-chapter build
// is about 300 kB.
const maxRecord = 16 << 20

// record is the content of RecordFile.
type record struct {
	About   string   `json:"about"`
	Folders []string `json:"folders,omitempty"` // folders companion made, slash-separated
	Outputs []output `json:"outputs"`
}

// output is one file companion wrote, with what it was built as and a
// digest of its bytes: a file whose bytes changed since is no longer
// companion's to remove.
type output struct {
	Path    string `json:"path"`
	Format  string `json:"format"`
	Edition string `json:"edition,omitempty"`
	Profile string `json:"profile,omitempty"`
	SHA256  string `json:"sha256"`
}

const about = "Written by companion: the outputs it wrote into this folder, so that a later build removes the ones it no longer produces and nothing else. Do not edit; if it is lost, nothing is removed."

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readRecord reads the folder's record. A missing record is an empty one;
// so is one that cannot be read, which is also returned as an error saying
// why, so that the caller can warn that nothing will be removed.
func readRecord(root *os.Root) (rec record, missing bool, err error) {
	st, err := root.Lstat(RecordFile)
	if errors.Is(err, fs.ErrNotExist) {
		return record{}, true, nil
	}
	if err != nil {
		return record{}, false, err
	}
	if !st.Mode().IsRegular() {
		return record{}, false, errors.New("it is not a regular file")
	}
	f, err := root.Open(RecordFile)
	if err != nil {
		return record{}, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxRecord+1))
	if err != nil {
		return record{}, false, err
	}
	if len(data) > maxRecord {
		return record{}, false, fmt.Errorf("it is larger than %d MiB", maxRecord>>20)
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		return record{}, false, err
	}
	if err := rec.valid(); err != nil {
		return record{}, false, err
	}
	return rec, false, nil
}

// valid refuses a record that could make companion touch anything outside
// the folder, or the record itself.
func (r record) valid() error {
	local := func(p string) bool {
		return p != "" && !strings.Contains(p, `\`) && fs.ValidPath(p) && p != "." && p != RecordFile
	}
	for _, o := range r.Outputs {
		if !local(o.Path) {
			return fmt.Errorf("it lists the path %q, which is not a file inside the folder", o.Path)
		}
		if _, err := hex.DecodeString(o.SHA256); err != nil || len(o.SHA256) != 2*sha256.Size {
			return fmt.Errorf("the digest of %s is not a SHA-256", o.Path)
		}
	}
	for _, d := range r.Folders {
		if !local(d) {
			return fmt.Errorf("it lists the folder %q, which is not inside the folder", d)
		}
	}
	return nil
}

// encode writes the record deterministically: outputs and folders sorted.
func (r record) encode() []byte {
	r.About = about
	slices.SortFunc(r.Outputs, func(a, b output) int { return strings.Compare(a.Path, b.Path) })
	slices.Sort(r.Folders)
	r.Folders = slices.Compact(r.Folders)
	if r.Outputs == nil {
		r.Outputs = []output{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		panic(err) // strings only: cannot fail
	}
	return b.Bytes()
}

// holds reports whether some output of r lies inside folder dir.
func (r record) holds(dir string) bool {
	return slices.ContainsFunc(r.Outputs, func(o output) bool { return strings.HasPrefix(o.Path, dir+"/") })
}

// parents returns the folders that hold p, outermost first: a/b/c.pdf gives
// a, a/b.
func parents(p string) []string {
	var out []string
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		out = append(out, d)
	}
	slices.Reverse(out)
	return out
}
