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
  var ui = new window.PagefindUI({
    element: "#search",
    baseUrl: root,
    bundlePath: root + "pagefind/",
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
