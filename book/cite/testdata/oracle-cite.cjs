// Formats in-text citations with citeproc-js (npm citeproc 2.4.63, which
// ../../../../shared/tools/csl-reference installs) and the CSL styles in
// ../styles, each citation on its own with every reference registered, as
// cite.New disambiguates over all of them.
// Usage:
//   cp book/cite/testdata/oracle-cite.cjs ~/.cache/companion-validators/citeproc-js/ &&
//   node ~/.cache/companion-validators/citeproc-js/oracle-cite.cjs STYLE.csl refs.json cites.txt LOCALES_DIR [LOCALE] > cite-STYLE.golden
// cites.txt holds one citation a line, as companion writes it inside [ ]:
//   @key, ch. 7; -@other, pp. 3-5
// Output: one line per input line, "input<TAB>formatted", italics as _x_.
// With CLUSTERS.json for cites.txt (an array of clusters, as
// ../../../../shared/tools/csl-reference takes them): one citation per
// cluster, each in note i+1, with positions (ibid, subsequent) as a note
// style prints them, and the formatting marked as csl-reference marks it.
const fs = require("fs"), path = require("path");
const CSL = require("./node_modules/citeproc/citeproc_commonjs.js");
const [stylePath, refsFile, citesFile, localesDir, localeArg] = process.argv.slice(2);
const style = fs.readFileSync(stylePath, "utf8");
const list = JSON.parse(fs.readFileSync(refsFile, "utf8"));
const items = Object.fromEntries(list.map(r => [r.id, r]));
const labels = { "p.": "page", "pp.": "page", "ch.": "chapter", "chap.": "chapter", "pt.": "part",
  "sec.": "section", "§": "section", "para.": "paragraph", "l.": "line", "ll.": "line" };
// parseItem mirrors cite.ParseCitation for the forms cites files use:
// [prefix ][-]@key[, [term ]locator][suffix]
function parseItem(s) {
  s = s.trim();
  const it = {};
  const m = s.match(/^(.*?)(-?)@([^\s,;]+)(.*)$/);
  if (m[1].trim()) it.prefix = m[1].trim();
  if (m[2]) it["suppress-author"] = true;
  it.id = m[3];
  let rest = m[4];
  if (!rest.trim()) return it;
  if (!rest.startsWith(",")) { it.suffix = rest.trim(); return it; }
  rest = rest.slice(1).trim();
  const terms = Object.keys(labels).map(t => t.replace(/[.§]/g, c => "\\" + c)).join("|");
  const lm = rest.match(new RegExp("^(?:(" + terms + ")\\s*)?((?:\\d+[a-z]?|[ivxlc]+)(?:\\s*[-–.:]\\s*(?:\\d+[a-z]?|[ivxlc]+))*(?:,\\s*(?:\\d+|[ivxlc]+)(?:\\s*[-–]\\s*(?:\\d+|[ivxlc]+))?)*)(.*)$"));
  if (!lm) { it.suffix = ", " + rest; return it; }
  it.label = lm[1] ? labels[lm[1]] : "page";
  it.locator = lm[2];
  const suf = lm[3].trim();
  if (suf) it.suffix = suf.startsWith(",") ? ", " + suf.slice(1).trim() : " " + suf;
  return it;
}
const sys = {
  retrieveItem: id => items[id],
  retrieveLocale: lang => {
    const f = path.join(localesDir, "locales-" + (lang.includes("-") ? lang : "en-US") + ".xml");
    return fs.readFileSync(fs.existsSync(f) ? f : path.join(localesDir, "locales-en-US.xml"), "utf8");
  },
};
const engine = new CSL.Engine(sys, style, localeArg || undefined, !!localeArg);
engine.setOutputFormat("html");
engine.updateItems(Object.keys(items));
const plain = s => s.replace(/<\/?i>/g, "_").replace(/<\/?b>/g, "**")
  .replace(/<span style="font-variant:\s*small-caps;?">(.*?)<\/span>/g, "<sc>$1</sc>")
  .replace(/<(?!\/?sc>)[^>]+>/g, "").replace(/&#38;/g, "&").replace(/&amp;/g, "&")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#160;/g, "\u00a0")
  .replace(/[ \t\r\n]+/g, " ").trim();
if (citesFile.endsWith(".json")) {
  // each citation as the finished document prints it: citeproc-js
  // updates earlier citations as later ones change what tells works apart
  const pre = [], text = [];
  JSON.parse(fs.readFileSync(citesFile, "utf8")).forEach((cites, i) => {
    const citation = { citationItems: cites.map(c => ({ ...c, id: String(c.id) })), properties: { noteIndex: i + 1 } };
    const [, out] = engine.processCitationCluster(citation, pre, []);
    pre.push([citation.citationID, i + 1]);
    for (const [index, s] of out) text[index] = s;
  });
  for (const s of text) console.log(plain(s));
  process.exit(0);
}
for (const line of fs.readFileSync(citesFile, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const cites = line.split(";").map(parseItem);
  let s = engine.makeCitationCluster(cites);
  s = s.replace(/<\/?i>/g, "_").replace(/<[^>]+>/g, "").replace(/&#38;/g, "&").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  console.log(line + "\t" + s);
}
