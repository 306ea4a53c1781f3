(function () {
  var folders = {{ site_folders|tojson }}, parts = location.pathname.split("/");
  var base = document.querySelector("base"), last = parts.length - 1;
  if (parts[last] === "404.html") { base.href = parts.slice(0, last).join("/") + "/"; return; }
  for (var i = 1; i < last; i++) {
    if (folders.indexOf(parts[i]) >= 0) { base.href = parts.slice(0, i).join("/") + "/"; return; }
  }
  if (/\.github\.io$/.test(location.hostname) && parts.length > 2) {
    base.href = "/" + parts[1] + "/";
  }
})();
