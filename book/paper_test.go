package book

import "testing"

func TestPaperFor(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "letter", "en-US": "letter", "en-CA": "letter", "fr-CA": "letter", "es-MX": "letter",
		"en-GB": "a4", "en-AU": "a4", "en-IN": "a4", "fr": "a4", "de": "a4", "es": "a4",
		"es-CO": "letter", "pt": "a4", "pt-BR": "a4", "it": "a4", "el": "a4", "ru": "a4",
	} {
		if got := PaperFor(lang); got != want {
			t.Errorf("PaperFor(%q) = %s, want %s", lang, got, want)
		}
	}
}
