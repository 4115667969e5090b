package companion

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest/synthetic"
	"github.com/companion-dev/companion/layouts"
)

func mustLoad(b *testing.B, fsys fstest.MapFS) *book.Book {
	bk, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		b.Fatal(d)
	}
	return bk
}

var benchSizes = []int{10, 100, 1000}

// BenchmarkLoad measures reading a project: the manifest, the chapters
// parsed as Markdown, the references and the frameworks (-bench Load).
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			fsys, size := synthetic.Project(n, 1500)
			b.SetBytes(size)
			// Open's stages are timed through Lap: the clock stops when
			// loading ends.
			opt := book.Options{Lap: func(stage string) {
				if stage == "load" {
					b.StopTimer()
				}
			}}
			for b.Loop() {
				if _, d := book.Open(fsys, opt); d.HasErrors() {
					b.Fatal(d)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkCheck measures checking a loaded project (ids, links,
// citations, standards, coverage): the clock runs from the end of loading
// to the end of checking.
func BenchmarkCheck(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			fsys, size := synthetic.Project(n, 1500)
			b.SetBytes(size)
			opt := book.Options{Lap: func(stage string) {
				switch stage {
				case "load":
					b.StartTimer()
				case "check":
					b.StopTimer()
				}
			}}
			for b.Loop() {
				b.StopTimer()
				if _, d := book.Open(fsys, opt); d.HasErrors() {
					b.Fatal(d)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkBuild measures what a user waits for: load, check, every format
// and edition, written to a folder.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chapters=%d", n), func(b *testing.B) {
			fsys, size := synthetic.Project(n, 1500)
			out := b.TempDir()
			b.SetBytes(size)
			peak := watchHeap()
			for b.Loop() {
				if _, err := Build(context.Background(), &Project{FS: fsys}, Options{OutDir: out}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		})
	}
}

// watchHeap samples the heap every few milliseconds until the returned
// function is called, which reports the most it saw: the memory of the
// objects allocated and not yet freed, garbage included, the part of a
// process's peak RSS the program decides. (/usr/bin/time -f %M on the CLI
// gives the RSS itself; the README's figures are that.)
func watchHeap() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak.Load()
	}
}

// BenchmarkRender measures each format, both editions, on a book loaded
// afresh for each run (outside the timer): a book keeps the citations it
// has formatted, and a build renders a book once per format.
func BenchmarkRender(b *testing.B) {
	opt := layouts.Options{Edition: layouts.All, Paper: "letter", Date: time.Unix(0, 0).UTC()}
	for _, n := range benchSizes {
		fsys, size := synthetic.Project(n, 1500)
		for _, newLayout := range Formats {
			l := newLayout()
			b.Run(fmt.Sprintf("%s/chapters=%d", l.Name(), n), func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					b.StopTimer()
					bk := mustLoad(b, fsys)
					b.StartTimer()
					if _, _, err := layouts.Collect(context.Background(), l, bk, opt); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkBuildBundled measures the whole build of the bundled companion,
// every output, written to a temporary folder.
func BenchmarkBuildBundled(b *testing.B) {
	out := b.TempDir()
	for b.Loop() {
		if _, err := Build(context.Background(), Bundled(), Options{OutDir: out}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildBundledFormat is BenchmarkBuildBundled one format at a
// time, alone on the cores, rebuilding into the same folder: what each
// format costs of the whole (-bench BuildBundledFormat/format=html
// -cpuprofile, to profile one).
func BenchmarkBuildBundledFormat(b *testing.B) {
	for _, name := range FormatNames() {
		b.Run("format="+name, func(b *testing.B) {
			out := b.TempDir()
			for b.Loop() {
				if _, err := Build(context.Background(), Bundled(), Options{OutDir: out, Formats: []string{name}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The synthetic project is itself valid, so the benchmarks measure real work.
func TestSyntheticProjectIsValid(t *testing.T) {
	fsys, _ := synthetic.Project(3, 300)
	if _, d := book.Open(fsys, book.Options{}); len(d) > 0 {
		t.Fatal(d)
	}
}

func TestRichProjectIsValid(t *testing.T) {
	fsys, _ := synthetic.RichProject(3, 300)
	if _, d := book.Open(fsys, book.Options{}); len(d) > 0 {
		t.Fatal(d)
	}
}

// BenchmarkEPUBRich measures what the README compares with pandoc: a build
// of 100 rich chapters to EPUB, the student edition and both editions.
func BenchmarkEPUBRich(b *testing.B) {
	fsys, size := synthetic.RichProject(100, 1570)
	for _, ed := range []layouts.Edition{layouts.Student, layouts.All} {
		b.Run("edition="+string(ed), func(b *testing.B) {
			out := b.TempDir()
			b.SetBytes(size)
			for b.Loop() {
				if _, err := Build(context.Background(), &Project{FS: fsys}, Options{OutDir: out, Formats: []string{"epub"}, Edition: ed}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
