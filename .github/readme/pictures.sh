#!/usr/bin/env bash
# Remakes the README's pictures from the bundled companion: a handout's first
# page (pdftoppm, from poppler-utils) and an EPUB chapter as an e-reader-like
# browser shows it (headless Chromium), and companion serve's error overlay.
# Run from the repository root.
set -euo pipefail
export SOURCE_DATE_EPOCH=1763683200
go run ./cmd/companion build --out dist >/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/handouts/03-hailsham-plot.pdf .github/readme/handout-page1
pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/never-let-me-go-teacher.pdf .github/readme/teacher-cover
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
unzip -q dist/never-let-me-go.epub -d "$tmp/book"
shot() {
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --window-size=700,900 --screenshot="$PWD/$2" "file://$tmp/book/EPUB/xhtml/$1" 2>/dev/null
}
shot ch03-hailsham-plot.xhtml .github/readme/epub-chapter.png
shot works-cited.xhtml .github/readme/epub-works-cited.png
# companion serve's error overlay, as TestBrowser drives it in Chromium.
go test ./serve -run '^TestBrowser$' -count=1 -args -screenshot "$PWD/.github/readme/serve-errors.png" >/dev/null
echo "wrote .github/readme/handout-page1.png .github/readme/teacher-cover.png .github/readme/epub-chapter.png .github/readme/epub-works-cited.png .github/readme/serve-errors.png"
