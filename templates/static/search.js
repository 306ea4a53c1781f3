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
  var bundle = root + "pagefind/";
  var pageLanguage = (document.documentElement.lang || "en").toLowerCase();
  var otherLanguages = [];
  var ui = null;

  function start(sort, term) {
    var element = document.getElementById("search");
    element.textContent = "";
    var options = {
      element: "#search",
      baseUrl: root,
      bundlePath: bundle,
      // Pagefind keeps one index per language and searches the page's own; merging
      // the others finds articles in every language the archive holds.
      // (The UI skips a merge whose path equals its own, so each names the same
      // folder in another spelling.)
      mergeIndex: otherLanguages.map(function (language, position) {
        return { bundlePath: root + "./".repeat(position + 1) + "pagefind/", language: language };
      }),
      // Result images would be fetched from the articles' original sites.
      showImages: false,
      resetStyles: false,
      autofocus: true
    };
    if (sort === "date") {
      options.sort = { date: "desc" };
    }
    ui = new window.PagefindUI(options);
    if (term) {
      ui.triggerSearch(term);
    }
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

  fetch(bundle + "pagefind-entry.json")
    .then(function (response) { return response.json(); })
    .then(function (entry) {
      otherLanguages = Object.keys(entry.languages || {}).filter(function (language) {
        return language !== pageLanguage;
      });
    })
    .catch(function () { otherLanguages = []; })
    .then(begin);
})();
