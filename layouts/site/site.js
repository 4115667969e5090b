// The site's script: notes that open in place, and the search over the
// index search-index.js carries (a script, so that it loads from file://).
// Nothing here makes a request; without it the notes are links and the
// search page says it needs scripts.
(function () {
  "use strict";

  // A note's call opens the note under its line; a second click closes it.
  document.addEventListener("click", function (ev) {
    var call = ev.target.closest && ev.target.closest("a.noteref");
    if (!call) return;
    var note = document.getElementById(call.getAttribute("href").slice(1));
    if (!note) return;
    ev.preventDefault();
    var open = call.nextElementSibling;
    if (open && open.classList.contains("note-open")) {
      open.remove();
      call.setAttribute("aria-expanded", "false");
      return;
    }
    var box = document.createElement("span");
    box.className = "note-open";
    box.setAttribute("role", "note");
    note.querySelectorAll("p").forEach(function (p) {
      var para = document.createElement("span");
      para.className = "note-para";
      var copy = p.cloneNode(true);
      copy.querySelectorAll(".note-number, .backlink").forEach(function (a) { a.remove(); });
      while (copy.firstChild) para.appendChild(copy.firstChild);
      box.appendChild(para);
    });
    call.after(box);
    call.setAttribute("aria-expanded", "true");
  });

  var results = document.getElementById("search-results");
  var index = window.companionSearch;
  if (!results || !index) return;

  // fold makes "Élodie" match "elodie".
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var query = new URLSearchParams(location.search).get("q") || "";
  document.getElementById("q").value = query;
  var words = fold(query).split(/\s+/).filter(Boolean);
  results.textContent = "";
  if (words.length === 0) return;

  var found = [];
  index.forEach(function (e) {
    var title = fold(e.t), text = fold(e.x || "");
    var score = 0;
    for (var i = 0; i < words.length; i++) {
      if (title.indexOf(words[i]) >= 0) score += 3;
      else if (text.indexOf(words[i]) >= 0) score += 1;
      else return;
    }
    found.push({ e: e, score: score });
  });
  found.sort(function (a, b) { return b.score - a.score; }); // stable: reading order within a score

  var say = document.createElement("p");
  // The page's language says which counts take the singular (French: 0
  // and 1); none found has a message of its own.
  var template = results.dataset.none;
  if (found.length) {
    var one = new Intl.PluralRules(document.documentElement.lang).select(found.length) === "one";
    template = one ? results.dataset.one : results.dataset.some;
  }
  say.textContent = template.replace("{n}", found.length).replace("{query}", query);
  results.appendChild(say);
  if (!found.length) return;
  var list = document.createElement("ol");
  found.slice(0, 50).forEach(function (f) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = f.e.u;
    a.textContent = f.e.t;
    li.appendChild(a);
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = " — " + f.e.w;
    li.appendChild(where);
    var snippet = excerpt(f.e.x || "", words);
    if (snippet) {
      var s = document.createElement("span");
      s.className = "snippet";
      s.textContent = snippet;
      li.appendChild(s);
    }
    list.appendChild(li);
  });
  results.appendChild(list);

  // excerpt is some twenty words of text around the first word found.
  function excerpt(text, words) {
    var folded = fold(text);
    for (var i = 0; i < words.length; i++) {
      var at = folded.indexOf(words[i]);
      if (at < 0) continue;
      var from = text.lastIndexOf(" ", Math.max(0, at - 60)) + 1;
      var to = text.indexOf(" ", Math.min(text.length, at + 90));
      if (to < 0) to = text.length;
      return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
    }
    return "";
  }
})();
