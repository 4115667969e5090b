#!/usr/bin/env bash
# Remakes the README's pictures from the bundled companion: a handout's first
# page, standard and in large print (pdftoppm, from poppler-utils), an EPUB chapter as an e-reader-like
# browser shows it, and a chapter of the student site at a phone's 320 px and
# a desktop's 1000 px, light and dark (headless Chromium), and companion
# serve's error overlay. Run from the repository root.
set -euo pipefail
export SOURCE_DATE_EPOCH=1763683200
go run ./cmd/companion build --out dist >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/handouts/03-hailsham-plot.pdf .github/readme/handout-page1
pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/never-let-me-go-teacher.pdf .github/readme/teacher-cover
go run ./cmd/companion build --out dist --format pdf --profile large-print >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/handouts/03-hailsham-plot-large-print.pdf .github/readme/large-print-page1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
unzip -q dist/never-let-me-go.epub -d "$tmp/book"
# shot URL FILE WIDTH [SCHEME]: SCHEME dark sets prefers-color-scheme.
shot() {
  local scheme=1; [[ ${4:-light} == dark ]] && scheme=0
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --blink-settings=preferredColorScheme=$scheme \
    --window-size="$3,900" --screenshot="$PWD/$2" "$1" 2>/dev/null
}
shot "file://$tmp/book/EPUB/xhtml/ch03-hailsham-plot.xhtml" .github/readme/epub-chapter.png 700
shot "file://$tmp/book/EPUB/xhtml/works-cited.xhtml" .github/readme/epub-works-cited.png 700
site="file://$PWD/dist/never-let-me-go-site/chapters/hailsham-plot.html"
shot "$site" .github/readme/site-chapter-320.png 320
shot "$site" .github/readme/site-chapter-1000.png 1000
shot "$site" .github/readme/site-chapter-1000-dark.png 1000 dark
# companion serve's error overlay, as TestBrowser drives it in Chromium.
go test ./serve -run '^TestBrowser$' -count=1 -args -screenshot "$PWD/.github/readme/serve-errors.png" >/dev/null
echo "wrote .github/readme/{handout-page1,large-print-page1,teacher-cover,epub-chapter,epub-works-cited,site-chapter-320,site-chapter-1000,site-chapter-1000-dark,serve-errors}.png"
