package book_test

import (
	"io/fs"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/companion-dev/companion/book"
	"github.com/companion-dev/companion/book/booktest/synthetic"
)

// keptBook keeps the last book alive for -memprofile, written after the
// benchmark.
var keptBook *book.Book

// openFormatted opens fsys as every build does: the book loaded and its
// citations formatted in both editions.
func openFormatted(b *testing.B, fsys fs.FS) *book.Book {
	bk, d := book.Open(fsys, book.Options{})
	if d.HasErrors() {
		b.Fatal(d)
	}
	for _, c := range bk.Chapters {
		bk.Citations(c, false)
		bk.Citations(c, true)
	}
	return bk
}

// BenchmarkRichBookHeap reports what a book of 1,000 rich chapters keeps
// alive once loaded and its citations formatted in both editions, as
// every build does: the part of a long build's live heap the book is
// (-bench RichBookHeap -memprofile to see where it goes).
func BenchmarkRichBookHeap(b *testing.B) {
	fsys, _ := synthetic.RichProject(1000, 1570)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var live uint64
	for b.Loop() {
		runtime.GC()
		metrics.Read(sample)
		before := sample[0].Value.Uint64()
		bk := openFormatted(b, fsys)
		runtime.GC()
		metrics.Read(sample)
		live = sample[0].Value.Uint64() - before
		keptBook = bk
	}
	b.ReportMetric(float64(live)/(1<<20), "live-MiB")
}

// BenchmarkBookCollection times one full collection with a book of 1,000
// light chapters alive, its citations formatted: what each of a long
// build's collections pays for the book before anything a layout holds
// (issue #14). The doc package's slabs took a quarter to a half off it
// (118 ms a collection against 64-92, GOMAXPROCS=1, loaded host); run it
// with GOMAXPROCS=1 for a steadier figure on a shared machine.
func BenchmarkBookCollection(b *testing.B) {
	fsys, _ := synthetic.Project(1000, 1500)
	keptBook = openFormatted(b, fsys)
	runtime.GC()
	for b.Loop() {
		runtime.GC()
	}
}
