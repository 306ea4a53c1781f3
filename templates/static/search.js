// Starts the Pagefind search UI. Kept in a file, not inline, so the pages can forbid
// inline scripts.
(function () {
  "use strict";
  var unavailable = document.getElementById("search-unavailable");
  if (window.location.protocol === "file:") {
    unavailable.hidden = false;
    return;
  }
  if (typeof window.PagefindUI !== "function") {
    unavailable.textContent = "The search index is missing. Run `make build` to create it.";
    unavailable.hidden = false;
    return;
  }
  // search.html sits at the site root, so its folder is the root, wherever the site is
  // hosted: "/" on a custom domain, "/repo/" on GitHub Pages.
  var root = new URL("./", window.location.href).pathname;
  var base = root + "pagefind/";
  var pageLanguage = (document.documentElement.lang || "en").toLowerCase();
  var primary = null; // the newest year's bundle, searched in the page's language
  var merged = []; // every other (year, language) index, merged into the results
  var ui = null;

  function start(sort, term) {
    var element = document.getElementById("search");
    element.textContent = "";
    var options = {
      element: "#search",
      baseUrl: root,
      bundlePath: primary.bundlePath,
      mergeIndex: merged,
      // Result images would be fetched from the articles' original sites.
      showImages: false,
      // Pagefind shows excerpts as HTML, and the words come from archived pages: a
      // page quoting "<img onerror=...>" as text would become markup. Everything is
      // escaped except the <mark> tags Pagefind adds around matched words.
      processResult: quiet,
      resetStyles: false,
      autofocus: true
    };
    if (sort === "date") {
      options.sort = { date: "desc" };
    }
    ui = new window.PagefindUI(options);
    labelInput();
    if (term) {
      ui.triggerSearch(term);
    }
  }

  // Pagefind names its box only with a tooltip; the page's visible heading names it.
  function labelInput() {
    var input = document.querySelector(".pagefind-ui__search-input");
    if (input) {
      input.setAttribute("aria-labelledby", "search-title");
    }
  }

  // Pagefind escapes < and > in excerpts but not &, and wraps matches in <mark>. Its
  // text is taken back to plain text, then escaped whole, then the marks restored,
  // so no markup from an archived page can reach the results list.
  function escapeExceptMarks(html) {
    var plain = String(html)
      .replace(/<mark>/g, "\u0001")
      .replace(/<\/mark>/g, "\u0002")
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
    return plain
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/\u0001/g, "<mark>")
      .replace(/\u0002/g, "</mark>");
  }

  function quiet(result) {
    result.excerpt = escapeExceptMarks(result.excerpt);
    (result.sub_results || []).forEach(function (sub) {
      sub.excerpt = escapeExceptMarks(sub.excerpt);
      sub.title = String(sub.title);
    });
    return result;
  }

  function currentTerm() {
    var input = document.querySelector(".pagefind-ui__search-input");
    return input ? input.value : "";
  }

  function begin() {
    var sorter = document.querySelector(".search-sort");
    sorter.hidden = false;
    sorter.addEventListener("change", function (event) {
      start(event.target.value, currentTerm());
    });
    start("relevance", new URLSearchParams(window.location.search).get("q"));
  }

  // The archive has one Pagefind index per year (bounding the memory each build needs),
  // and each holds one index per language. The newest year, in the page's language if
  // it has one, is searched first; all the others are merged in. The UI skips a merge
  // whose path equals one it has, so repeats of a folder are spelled apart with "./";
  // the first index is chosen before any path is spelled, as the UI reads the first
  // index's folder without its "./" and would take an index spelled plain for a repeat.
  function plan(manifest) {
    var indexes = [];
    manifest.bundles.forEach(function (bundle) {
      bundle.languages.forEach(function (language) {
        indexes.push({ path: base + bundle.path + "/", language: language });
      });
    });
    var first = indexes.findIndex(function (index) {
      return index.language === pageLanguage || index.language.indexOf(pageLanguage + "-") === 0;
    });
    if (first > 0) {
      indexes.unshift(indexes.splice(first, 1)[0]);
    }
    var seen = {};
    indexes.forEach(function (index) {
      seen[index.path] = (seen[index.path] || 0) + 1;
      var spelled = index.path + "./".repeat(seen[index.path] - 1);
      var entry = { bundlePath: spelled, language: index.language };
      if (primary === null) {
        primary = entry;
      } else {
        merged.push(entry);
      }
    });
  }

  fetch(base + "bundles.json")
    .then(function (response) { return response.json(); })
    .then(function (manifest) {
      plan(manifest);
      if (primary === null) {
        unavailable.textContent = "The archive has no articles to search yet.";
        unavailable.hidden = false;
        return;
      }
      begin();
    })
    .catch(function () {
      unavailable.textContent = "The search index is missing. Run `make build` to create it.";
      unavailable.hidden = false;
    });
})();
