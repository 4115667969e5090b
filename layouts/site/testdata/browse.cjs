// Opens a built site from file:// in Chromium (puppeteer-core, with the
// browser PUPPETEER_EXECUTABLE_PATH names) and reports, as JSON on stdout:
//   violations  axe-core's WCAG 2.1 A/AA violations on each page given,
//               in light and in dark mode
//   blocked     requests that left the site, policy violations and script
//               errors, seen while the pages load with their own policy
//   fonts       the faces of the site's own @font-face rules each page has
//               loaded once its fonts are ready ("Gentium Book Plus italic
//               normal"), and any that failed
//   search      what search.html?q=QUERY lists
//   say         what it says it found
//   sideways    at 320 px, the pages, or curriculum maps and rubrics, that
//               scroll sideways, with how far
//   narrow      at 320 px, the pages whose text comes closer than 1.1 em
//               to the screen's edge
//   cramped     at 1000 px, a curriculum map's handout number broken over
//               two lines, or a map that still scrolls sideways
//   weights     at 1000 px, a lesson's row header of a scheme of work not
//               in bold, or its focus not in the text's weight (as the PDF
//               sets them)
//   small       at 320 and 1000 px, a line saying how much of the story a
//               page gives away set smaller than 0.9 of the body's size
//   note        the text a note's call opens in place on NOTEPAGE (- for none)
//   break       on NOTEPAGE, the smallest break between two paragraphs of
//               a teacher's box: the space between them and the second's
//               first-line indent, in px
//   print       on NOTEPAGE printed: the header's and the pager's display,
//               and the height of the first question's answer space
// Usage: node browse.cjs AXE_JS SITE_DIR QUERY NOTEPAGE PAGE...
const path = require("path");
const puppeteer = require(process.env.PUPPETEER_CORE || "puppeteer-core");

async function main() {
  const [axePath, site, query, notePage, ...pages] = process.argv.slice(2);
  const url = (p) => "file://" + path.join(path.resolve(site), p);
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
  });
  const out = { violations: [], blocked: [], fonts: {}, search: [], say: "", sideways: [], narrow: [], cramped: [], weights: [], small: [], note: "", break: null, print: null };
  try {
    // With the page's own policy: nothing leaves the site, nothing is refused.
    const page = await browser.newPage();
    page.on("request", (r) => { if (!r.url().startsWith("file://")) out.blocked.push("request " + r.url()); });
    page.on("console", (m) => { if (m.type() === "error") out.blocked.push("console " + m.text()); });
    page.on("pageerror", (e) => out.blocked.push("script error " + e.message));
    for (const p of pages) {
      await page.goto(url(p), { waitUntil: "load" });
      out.fonts[p] = await page.evaluate(async () => {
        await document.fonts.ready;
        return Array.from(document.fonts).filter((f) => f.status === "loaded" || f.status === "error")
          .map((f) => (f.status === "error" ? "failed: " : "") + f.family.replace(/"/g, "") + " " + f.style + " " + f.weight).sort();
      });
    }
    await page.goto(url("search.html") + "?q=" + encodeURIComponent(query), { waitUntil: "load" });
    out.search = await page.$$eval("#search-results li a", (as) => as.map((a) => a.getAttribute("href")));
    out.say = await page.$eval("#search-results > p", (p) => p.textContent).catch(() => "");
    if (notePage !== "-") {
      await page.goto(url(notePage), { waitUntil: "load" });
      await page.click("a.noteref");
      out.note = await page.$eval(".note-open", (n) => n.textContent).catch(() => "");
      out.break = await page.evaluate(() => {
        let least = null;
        for (const p of document.querySelectorAll("div.teacher-only p + p")) {
          const first = document.createRange();
          first.setStart(p.firstChild, 0);
          first.setEnd(p.firstChild, 1);
          const box = p.getBoundingClientRect();
          const gap = box.top - p.previousElementSibling.getBoundingClientRect().bottom;
          const indent = first.getClientRects()[0].left - box.left - parseFloat(getComputedStyle(p).paddingLeft);
          if (!least || gap + indent < least.gap + least.indent) least = { gap, indent };
        }
        return least;
      });
      await page.emulateMediaType("print");
      await page.goto(url(notePage), { waitUntil: "load" });
      out.print = await page.evaluate(() => ({
        header: getComputedStyle(document.querySelector(".site-head")).display,
        pager: getComputedStyle(document.querySelector(".pager")).display,
        space: document.querySelector(".answer-space").getBoundingClientRect().height,
      }));
      await page.emulateMediaType(null);
    }
    await page.close();

    // axe-core, injected past the policy.
    const axe = await browser.newPage();
    await axe.setBypassCSP(true);
    for (const scheme of ["light", "dark"]) {
      await axe.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      for (const p of pages) {
        for (const width of [320, 1000]) {
          await axe.setViewport({ width, height: 900 });
          await axe.goto(url(p), { waitUntil: "load" });
          if (width === 320 && scheme === "light") {
            const over = await axe.evaluate(() => {
              const wide = (e) => e.scrollWidth - e.clientWidth;
              const map = Math.max(0, ...Array.from(document.querySelectorAll("table.curriculum, table.rubric"), (t) => wide(t.closest(".table-scroll"))));
              const main = getComputedStyle(document.querySelector("main"));
              return { page: wide(document.documentElement), map, margin: parseFloat(main.paddingLeft) / parseFloat(main.fontSize) };
            });
            if (over.margin < 1.1) out.narrow.push(p + " keeps its text " + over.margin.toFixed(2) + " em from the edge");
            if (over.page > 0) out.sideways.push(p + " by " + over.page + " px");
            if (over.map > 0) out.sideways.push(p + "'s curriculum map or rubric by " + over.map + " px");
          }
          if (scheme === "light") {
            out.small.push(...await axe.evaluate((p, width) => {
              const size = (e) => parseFloat(getComputedStyle(e).fontSize);
              const body = size(document.querySelector("main"));
              return Array.from(document.querySelectorAll("p.spoiler-level"), (e) => size(e) < 0.9 * body ?
                p + " at " + width + " px: “" + e.textContent + "” is " + size(e) + " px under text of " + body + " px" : "").filter(Boolean);
            }, p, width));
          }
          if (width === 1000 && scheme === "light") {
            out.cramped.push(...await axe.evaluate((p) => {
              const found = [];
              for (const a of document.querySelectorAll("table.curriculum thead th a")) {
                if (a.getClientRects().length > 1) found.push(p + ": the header " + a.textContent + " breaks over two lines");
              }
              for (const r of document.querySelectorAll(".table-scroll")) {
                if (r.querySelector("table.curriculum") && r.scrollWidth > r.clientWidth) found.push(p + ": the curriculum map scrolls by " + (r.scrollWidth - r.clientWidth) + " px");
              }
              return found;
            }, p));
            out.weights.push(...await axe.evaluate((p) => {
              const found = [];
              for (const th of document.querySelectorAll("table.pacing tbody th[scope=row]")) {
                const focus = th.querySelector("br")?.nextSibling; // a text node takes the header's weight
                if (getComputedStyle(th).fontWeight < 600) found.push(p + ": " + th.firstChild.textContent + " is not bold");
                if (focus && getComputedStyle(focus.nodeType === 1 ? focus : th).fontWeight >= 600) found.push(p + ": " + focus.textContent + " is bold");
              }
              return found;
            }, p));
          }
          await axe.addScriptTag({ path: axePath });
          const r = await axe.evaluate(() =>
            axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }));
          for (const v of r.violations) {
            out.violations.push({ page: p, scheme, width, id: v.id, help: v.help,
              nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary) });
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
