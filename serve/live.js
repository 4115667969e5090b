// companion serve: reloads the page when the site is rebuilt, keeping its
// scroll place, and lays the project's errors over the page while it has any.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = Number(script.dataset.site); // the build this page is from
  var key = "companion-scroll:" + location.pathname;
  // The scroll place is kept here, not left to the browser: browsers
  // differ in whether and when they restore it on reload, and restore it
  // before images and fonts have moved the page.
  history.scrollRestoration = "manual";
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    window.scrollTo(0, y);
    // Images and fonts can move the page once they load.
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }

  var overlay = null;
  function showErrors(errors) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.className = "companion-errors";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-labelledby", "companion-errors-title");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.id = "companion-errors-title";
    h.textContent = errors.length === 1 ? "The project has an error" : "The project has " + errors.length + " errors";
    overlay.appendChild(h);
    var note = document.createElement("p");
    note.textContent = "Below is the last page that built. Save a fix and this page follows.";
    overlay.appendChild(note);
    var list = document.createElement("ul");
    errors.forEach(function (d) {
      var li = document.createElement("li");
      var where = document.createElement("code");
      var p = d.pos || {};
      where.textContent = [p.file || "companion", p.line, p.column].filter(function (x) { return x; }).join(":");
      li.appendChild(where);
      li.appendChild(document.createTextNode(" " + d.message));
      if (d.hint) {
        var hint = document.createElement("p");
        hint.className = "companion-hint";
        hint.textContent = d.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    overlay.appendChild(list);
  }

  var events = new EventSource("/_companion/events");
  events.onmessage = function (e) {
    var state = JSON.parse(e.data);
    if (state.errors.length > 0) {
      showErrors(state.errors);
      return;
    }
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    // Not "greater": a restarted server counts from 1 again.
    if (state.site !== shown) {
      events.close();
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
    }
  };
})();
