package doc

// Parses counts the calls of Parse in this process.
var Parses = &parses
