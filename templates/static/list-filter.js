// The filter box of a long list (Sites, Tags): hides the entries whose name does not
// hold what the reader typed. No server: the whole list is in the page.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function wire(input) {
    // One box may filter several lists (the most used tags, then the rest): their ids.
    var ids = input.getAttribute("data-filter-list").split(" ").filter(Boolean);
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    var items = [];
    ids.forEach(function (id) {
      var list = document.getElementById(id);
      Array.prototype.forEach.call(list ? list.children : [], function (item) {
        var link = item.querySelector("a");
        items.push({ item: item, name: fold(link ? link.textContent : item.textContent) });
      });
    });
    if (!items.length) {
      return;
    }
    function apply() {
      var wanted = fold(input.value);
      var shown = 0;
      items.forEach(function (entry) {
        var match = entry.name.indexOf(wanted) !== -1;
        entry.item.hidden = !match;
        shown += match ? 1 : 0;
      });
      if (status) {
        status.textContent = wanted ? shown + " of " + items.length + " shown" : "";
      }
    }
    input.addEventListener("input", apply);
    input.parentNode.hidden = false;
    if (input.value) {
      apply(); // a value the browser kept from an earlier visit
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter-list]").forEach(wire);
  });
})();
