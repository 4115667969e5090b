#!/usr/bin/env bash
# bench.sh measures what the README's "Performance" table shows, on this
# machine: companion against pandoc on 100 rich synthetic chapters, side by
# side in one hyperfine run; the bundled companion's build and check from a
# cold process; 1,000 light chapters against 100, with peak RSS; every PDF
# of 100 and 1,000 rich chapters. It needs
# pandoc, hyperfine and GNU time (apt-get install pandoc hyperfine time),
# writes everything under $WORK (a new temporary folder by default) and
# prints the tables hyperfine exports.
#
#   bash .github/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-$(mktemp -d)}
c=$work/companion
go build -o "$c" ./cmd/companion
go run ./cmd/synthetic -rich -chapters 100 -out "$work/rich100" -pandoc "$work/rich100-md"
go run ./cmd/synthetic -chapters 100 -out "$work/light100"
go run ./cmd/synthetic -chapters 1000 -out "$work/light1000"
go run ./cmd/synthetic -rich -chapters 1000 -out "$work/rich1000"
pandoc --version | head -1

# pandoc reads the same Markdown: each chapter's body under its title.
(cd "$work/rich100-md" && hyperfine -w 2 -r 10 --export-markdown "$work/epub.md" \
	-n 'pandoc -f markdown --toc --toc-depth=2 -t epub3 --epub-chapter-level=1' \
	"pandoc -f markdown --toc --toc-depth=2 -t epub3 --epub-chapter-level=1 --metadata title=Synthetic -o $work/pandoc.epub chapters/*.md" \
	-n 'companion build --format epub --edition student' "$c build $work/rich100 --format epub --edition student --out $work/out-student" \
	-n 'companion build --format epub' "$c build $work/rich100 --format epub --out $work/out-epub")

# Without a project, companion builds and checks the bundled companion.
(cd "$work" && SOURCE_DATE_EPOCH=1763683200 hyperfine -N -w 5 -r 40 --export-markdown "$work/bundled.md" \
	-n 'companion build (bundled, every output)' "$c build --out $work/out-bundled" \
	-n 'companion check (bundled)' "$c check")

for n in 100 1000; do
	for run in 1 2 3; do
		/usr/bin/time -a -o "$work/scale.txt" -f "$n light chapters, every output: %e s, %U+%S s CPU, %M kB peak RSS" \
			"$c" build "$work/light$n" --out "$work/out-light$n" >/dev/null 2>&1
	done
done
# Every PDF of 100 and of 1,000 rich chapters (issue #15's figures).
hyperfine -N -w 1 -r 5 --export-markdown "$work/pdf.md" \
	-n 'companion build --format pdf (100 rich chapters)' "$c build $work/rich100 --format pdf --out $work/out-pdf100"
for run in 1 2 3; do
	/usr/bin/time -a -o "$work/scale.txt" -f "1000 rich chapters, every PDF: %e s, %U+%S s CPU, %M kB peak RSS" \
		"$c" build "$work/rich1000" --format pdf --out "$work/out-pdf1000" >/dev/null 2>&1
done
uptime
cat "$work/epub.md" "$work/bundled.md" "$work/pdf.md" "$work/scale.txt"
