package labels

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var placeholder = regexp.MustCompile(`\{[a-z]+\}`)

// TestTables checks every built-in table against the English one: the same
// keys, none empty, and the same placeholders in each label, so that no
// language prints a key, a gap or an unfilled {name}.
func TestTables(t *testing.T) {
	en, _ := Lookup(English)
	for _, tag := range Languages() {
		tb, _ := Lookup(tag)
		for _, k := range Keys() {
			s, ok := tb.words[k]
			if !ok {
				t.Errorf("%s.yaml has no label %q", tag, k)
				continue
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s.yaml: label %q is empty", tag, k)
			}
			want := placeholder.FindAllString(en.words[k], -1)
			got := placeholder.FindAllString(s, -1)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s.yaml: label %q has placeholders %v, want %v", tag, k, got, want)
			}
		}
		for k := range tb.words {
			if _, ok := en.words[k]; !ok {
				t.Errorf("%s.yaml has label %q, which English has not", tag, k)
			}
		}
	}
	want := []string{"de", "en", "en-GB", "es", "fr", "it", "pt"}
	if got := Languages(); !slices.Equal(got, want) {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
}

// TestRenamed: every renamed key points to a label there is, and no old
// key is a label still, so a project's old key is always told its new one.
func TestRenamed(t *testing.T) {
	keys := Keys()
	for old, key := range renamed {
		if slices.Contains(keys, old) {
			t.Errorf("%q was renamed to %q but is a label still", old, key)
		}
		if !slices.Contains(keys, key) {
			t.Errorf("%q was renamed to %q, which is no label", old, key)
		}
	}
	if key, ok := RenamedTo("chapter"); !ok || key != "discussed-in-heading" {
		t.Errorf("RenamedTo(chapter) = %q, %v", key, ok)
	}
}

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		tag, table string
		fellBack   bool
	}{
		{"en", "en", false},
		{"en-US", "en", false},
		{"en-GB", "en-GB", false},
		{"en-gb", "en-GB", false},
		{"en-AU", "en", false},
		{"fr", "fr", false},
		{"fr-CA", "fr", false},
		{"de-AT", "de", false},
		{"pt-BR", "pt", false},
		{"es-419", "es", false},
		{"it-CH", "it", false},
		{"ja", "en", true},
		{"nl-BE", "en", true},
	} {
		tb, fellBack := For(tc.tag)
		if tb.Language != tc.table || fellBack != tc.fellBack {
			t.Errorf("For(%q) = %s, %v; want %s, %v", tc.tag, tb.Language, fellBack, tc.table, tc.fellBack)
		}
	}
}

func TestWords(t *testing.T) {
	en, _ := Lookup("en")
	gb, _ := Lookup("en-GB")
	fr, _ := Lookup("fr")
	de, _ := Lookup("de")
	es, _ := Lookup("es")
	for _, tc := range []struct{ got, want string }{
		{en.Date("2025-11-21"), "November 21, 2025"},
		{gb.Date("2025-11-21"), "21 November 2025"},
		{fr.Date("2025-11-21"), "21 novembre 2025"},
		{de.Date("2025-11-21"), "21. November 2025"},
		{es.Date("2025-11-21"), "21 de noviembre de 2025"},
		{fr.Date("2025-08"), "août 2025"},
		{fr.Date("2025"), "2025"},
		{en.Date(""), ""},
		{en.Format("page-of", "page", "3", "pages", "5"), "Page 3 of 5"},
		{fr.Format("page-of", "page", "3", "pages", "5"), "Page 3 sur 5"},
		{de.Format("page-of", "page", "3", "pages", "5"), "Seite 3 von 5"},
		{en.And([]string{"A"}), "A"},
		{en.And([]string{"A", "B", "C"}), "A, B and C"},
		{fr.And([]string{"A", "B"}), "A et B"},
		{en.Quote("He said “no”."), "“He said ‘no’.”"},
		{fr.Quote("Elle dit “non”."), "«\u202fElle dit “non”.\u202f»"},
		{de.Quote("Er sagte „nein“."), "„Er sagte ‚nein‘.“"},
		{es.Quote("Dijo “no”."), "«Dijo “no”.»"},
		{gb.Of("bloom", "analyze"), "analyse"},
		{en.Of("bloom", "analyze"), "analyze"},
		{fr.Of("phase", "pre"), "Avant la lecture"},
		{fr.Of("phase", ""), ""},
		{fr.Get("standards"), "Compétences\u202f:"},
		{en.With(map[string]string{"key-quotations": "Key Lines"}).Get("key-quotations"), "Key Lines"},
		{en.Get("key-quotations"), "Key quotations"}, // With copies
		{Pseudo().Format("page-of", "page", "3"), "⟦page-of⟧"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestFrenchSpacing checks that French labels set a narrow no-break space,
// never a plain or no space, before ; : ! ? » and after «.
func TestFrenchSpacing(t *testing.T) {
	fr, _ := Lookup("fr")
	for _, k := range Keys() {
		r := []rune(fr.words[k])
		for i, c := range r {
			before := strings.ContainsRune(";:!?»", c) && (i == 0 || r[i-1] != '\u202F')
			after := c == '«' && (i+1 == len(r) || r[i+1] != '\u202F')
			if before || after {
				t.Errorf("fr.yaml: label %q lacks a narrow no-break space at %q in %q", k, c, string(r))
			}
		}
	}
}
