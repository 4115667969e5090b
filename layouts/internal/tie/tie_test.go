package tie

import "testing"

func TestSpaces(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// a word and the number that ends its phrase
		{"The frame (chapter 1)", "The frame (chapter\u00A01)"},
		{"Endings (chapters 8–9), then", "Endings (chapters\u00A08–9), then"},
		{"as in chapter 7: “You’ve", "as in chapter\u00A07: “You’ve"},
		{"Lesson 3", "Lesson\u00A03"},
		{"Chapitre 12.", "Chapitre\u00A012."},
		// abbreviations before any number, and initials
		{"on p. 12 and in ch. 5 of it", "on p.\u00A012 and in ch.\u00A05 of it"},
		{"J. K. Rowling", "J.\u00A0K.\u00A0Rowling"},
		// a number that goes on, a number that is not one, no word before
		{"in 2005 the novel", "in 2005 the novel"},
		{"late 1990s England", "late 1990s England"},
		{"The 2010 Film", "The 2010 Film"},
		{"— 12)", "— 12)"},
		{"end. Then it goes on.", "end. Then it goes on."},
		{"", ""},
		// a date's day, month and year stand together (review13 #15)
		{"The Guardian, 21 Sept. 2019.", "The Guardian, 21\u00A0Sept.\u00A02019."},
		{"on 5 July 1996 in", "on 5\u00A0July\u00A01996 in"},
		{"The Pioneer, Mar. 1843.", "The Pioneer, Mar.\u00A01843."},
		{"in March 2005 the", "in March\u00A02005 the"},
		{"Mar. 25, 2006,", "Mar.\u00A025,\u00A02006,"},
		{"le 25 mars 2006", "le 25\u00A0mars\u00A02006"},
		{"am 25. März 2006", "am\u00A025.\u00A0März\u00A02006"},
		{"el 25 de marzo de 2006", "el 25\u00A0de\u00A0marzo\u00A0de\u00A02006"},
		// a month word that is not one, a number that is not a day
		{"it may 2 ways", "it may 2 ways"},
		{"all 100 March", "all 100 March"},
		{"Part 2 Characters", "Part 2 Characters"},
	} {
		if got := Spaces(tc.in); got != tc.want {
			t.Errorf("Spaces(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAttribution(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Tommy", "—\u00A0Tommy"},
		{" Miss Lucy ", "—\u00A0Miss\u00A0Lucy"},
		{"Miss Emily and Madame", "—\u00A0Miss Emily and Madame"},
		// the name and a one-word role stand together
		{"Kathy H., narrator", "—\u00A0Kathy\u00A0H.,\u00A0narrator"},
		{"Kathy, narrator", "—\u00A0Kathy,\u00A0narrator"},
		{"Kathy H., a carer now", "—\u00A0Kathy\u00A0H., a carer now"},
	} {
		if got := Attribution(tc.in); got != tc.want {
			t.Errorf("Attribution(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRanges(t *testing.T) {
	const wj = "\u2060"
	for _, tc := range []struct{ in, want string }{
		{"ch. 10–14", "ch. 10" + wj + "–" + wj + "14"},
		{"Handout 3: Q1–4, Q10–18", "Handout 3: Q1" + wj + "–" + wj + "4, Q10" + wj + "–" + wj + "18"},
		{"Level 5 (21–25)", "Level 5 (21" + wj + "–" + wj + "25)"},
		// a dash between words, or at either end, is not a range's
		{"Kathy – Tommy", "Kathy – Tommy"},
		{"1990s–", "1990s–"},
		{"–5", "–5"},
		{"no dash", "no dash"},
	} {
		if got := Ranges(tc.in); got != tc.want {
			t.Errorf("Ranges(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLast(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// a short last word stands with the word before it
		{"each with the handout that introduces it.", "each with the handout that introduces\u00A0it."},
		{"the world they act in.", "the world they act\u00A0in."},
		{"as you see.", "as you\u00A0see."},
		// a long last word is no runt; a pair too long for a narrow
		// column is left free; one word, no space
		{"the handout that introduces everything.", "the handout that introduces everything."},
		{"all the incomprehensibilities it", "all the incomprehensibilities it"},
		{"word", "word"},
		{"", ""},
		{"ends with a space ", "ends with a space "},
	} {
		if got := Last(tc.in); got != tc.want {
			t.Errorf("Last(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
