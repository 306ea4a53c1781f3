// The theme toggle: follows the system setting until the reader picks one, then
// remembers the choice. Runs in <head> so the page never flashes the wrong theme.
(function () {
  "use strict";
  var key = "site-builder-theme";
  var root = document.documentElement;
  var stored = null;
  try {
    stored = window.localStorage.getItem(key);
  } catch (error) {
    stored = null; // storage can be off (private windows, file:// in some browsers)
  }
  if (stored === "dark" || stored === "light") {
    root.setAttribute("data-theme", stored);
  }
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) {
      return chosen;
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function label(button) {
    var dark = current() === "dark";
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.textContent = dark ? "Light theme" : "Dark theme";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".theme-toggle");
    if (!button) {
      return;
    }
    button.hidden = false;
    label(button);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try {
        window.localStorage.setItem(key, next);
      } catch (error) {
        // The choice then lasts for this page only.
      }
      label(button);
    });
  });
})();
