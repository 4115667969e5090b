// Command companion compiles a study-companion project (a folder of Markdown
// notes about one literary work) into a chaptered EPUB 3 and printable PDF
// handouts. See README.md and the project format for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"

	"github.com/spf13/cobra"
)

// Exit statuses, as the project format defines them.
const (
	exitOK      = 0
	exitProject = 1 // the project has errors; nothing written
	exitUsage   = 2 // bad command line
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// tuneGC paces the garbage collector for a short-lived process that
// allocates many times what it keeps (syntax trees, pages, compression
// buffers): it collects when the heap has grown to five times what
// survived the last collection, not twice, which takes about a sixth off
// the CPU time of a build, and at the latest when the heap reaches 224 MiB,
// which keeps a thousand rich chapters (a live heap peaking at about
// 165 MiB) under 275 MB of resident memory, the binary's own included;
// the collector marks about what it did at 256 MiB before the book's
// documents and citations shrank.
// GOGC and GOMEMLIMIT in the environment still decide, as for any Go
// program.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
		watchOnce.Do(watchLiveHeap)
	}
}

const memoryLimit = 224 << 20

// moveAbove is the least live heap that moves the limit (nextMemoryLimit):
// where it moved before memoryLimit came down from 256 MiB, so that a
// thousand rich chapters keep the limit.
const moveAbove = 192 << 20

// collectOnlyAtLimit turns off the collector's pacing when a soft memory
// limit is in force (tuneGC's, or GOMEMLIMIT) and GOGC is not set: for
// `check`, which allocates a few tens of megabytes and exits, so that
// collecting them is wasted work (a tenth of its CPU on the bundled
// companion). The limit still collects a large project's check, and
// nextMemoryLimit still moves it.
func collectOnlyAtLimit() {
	if os.Getenv("GOGC") == "" && debug.SetMemoryLimit(-1) != math.MaxInt64 {
		debug.SetGCPercent(-1)
	}
}

// nextMemoryLimit is the soft memory limit after a collection that left
// live bytes alive. A limit the live heap nearly fills makes the collector
// run almost without pause (a project with a 30 MB bibliography took three
// times as long), so once the live heap passes three quarters of the
// limit (and moveAbove), the limit moves to twice the live heap: the pace
// of GOGC=100 for a book that large, never a collector that cannot stop.
// Once the live heap shrinks again (a brief peak: one large PDF packet),
// the limit comes back down with it, to twice the live heap and never
// below memoryLimit, rather than letting the heap grow to a peak's limit
// for the rest of the build.
func nextMemoryLimit(live, limit int64) int64 {
	switch {
	case live > max(limit/4*3, moveAbove):
		return 2 * live
	case limit > memoryLimit && 2*live < limit:
		return max(memoryLimit, 2*live)
	}
	return limit
}

var watchOnce sync.Once

// gcSentinel is an object kept only by its finalizer, which the runtime
// runs after each collection and which sets itself again.
type gcSentinel struct{ _ [16]byte }

// watchLiveHeap applies nextMemoryLimit after every collection.
func watchLiveHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var after func(*gcSentinel)
	after = func(s *gcSentinel) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			limit := debug.SetMemoryLimit(-1)
			if next := nextMemoryLimit(int64(sample[0].Value.Uint64()), limit); next != limit {
				debug.SetMemoryLimit(next)
			}
		}
		runtime.SetFinalizer(s, after)
	}
	runtime.SetFinalizer(&gcSentinel{}, after)
}

// usageError marks an error in how the command was called.
type usageError struct{ error }

// exitError carries an exit status whose message was already printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// env is what a command needs from its process; tests pass their own.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	getwd          func() (string, error)
}

// run executes one command line and returns its exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, getwd: os.Getwd}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue), isCobraUsage(err):
		fmt.Fprintf(stderr, "companion: %v\n", err)
		fmt.Fprintln(stderr, "Run 'companion --help' for usage.")
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "companion: interrupted; nothing was written")
		return exitProject
	default:
		fmt.Fprintf(stderr, "companion: %v\n", err)
		return exitProject
	}
}

// isCobraUsage recognises cobra's own errors about flags, arguments and
// commands, which are usage errors too.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires ", "bad flag syntax"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "companion",
		Short: "Compile a study companion into an EPUB and printable PDF handouts",
		Long: `companion turns a folder of Markdown notes about one literary work into a
chaptered EPUB 3 and a printable PDF handout set for classrooms.

Without a project, it builds the bundled Never Let Me Go companion.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newBuildCmd(e), newCheckCmd(e), newRefsCmd(e), newServeCmd(e), newInitCmd(e), newVersionCmd(e))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	return root
}
