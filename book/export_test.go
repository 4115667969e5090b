package book

// SplitFrontMatter exposes splitFrontMatter to the tests.
var SplitFrontMatter = splitFrontMatter
