package neardup

// Paragraphs splits a text as Diff does, for the external tests (which
// build on the bench corpus, and bench imports the store, which imports
// this package).
var Paragraphs = paragraphs
