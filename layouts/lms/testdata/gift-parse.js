// Parses a GIFT file (stdin) with gift-pegjs, whose folder is argv[2], and
// prints what it read as JSON, for TestGIFTParses to compare question for
// question with the book.
const { parse } = require(process.argv[2]);
const src = require("fs").readFileSync(0, "utf8");
const text = (t) => (t == null ? null : t.text);
const out = parse(src).map((q) => ({
  type: q.type,
  title: q.title,
  stem: q.stem ? q.stem.text : null,
  format: q.stem ? q.stem.format : null,
  isTrue: q.isTrue,
  choices: (q.choices || []).map((c) => ({
    correct: !!c.isCorrect,
    weight: c.weight,
    text: text(c.text),
    feedback: text(c.feedback),
  })),
}));
process.stdout.write(JSON.stringify(out, null, 1));
