package cite

// InNotes reports whether the style is a note style (class="note"):
// its citations are footnotes, not part of the running text.
func (p *Processor) InNotes() bool { return p.st.root.class == "note" }
