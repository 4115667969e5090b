package book

// SplitFrontMatter exposes splitFrontMatter to the tests.
var SplitFrontMatter = splitFrontMatter

// CitationsFormatted reports whether any chapter's citations have been
// formatted, in either edition.
func CitationsFormatted(b *Book) bool {
	for i := range b.chapterCites {
		for _, cs := range b.chapterCites[i].cites {
			if cs != nil {
				return true
			}
		}
	}
	return false
}

// CitesKept is how many formatted cites the book keeps.
func CitesKept(b *Book) int {
	b.citer.mu.Lock()
	defer b.citer.mu.Unlock()
	return len(b.citer.cites)
}

// The spoiler and placement rules' cheap scans, and the expressions they
// spare, for the tests that hold the scans to never missing a match.
var (
	MayNameChapter, MayPlace      = mayNameChapter, mayPlace
	ChapterMentionRE, PlacementRE = chapterMentionRE, placementRE
)

// Normal exposes the giveaway rule's normal form to the tests.
var Normal = normal
