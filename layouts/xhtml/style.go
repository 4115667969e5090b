package xhtml

import _ "embed"

// ReadingStyle is the style sheet of what this package writes and of the
// pages around it, shared by the EPUB and the site: structure, typography
// and spacing, no colour. An output links it before its own layer.
//
//go:embed reading.css
var ReadingStyle []byte
