(function () {
  var folders = {{ site_folders|tojson }}, parts = location.pathname.split("/");
  var base = document.querySelector("base");
  for (var i = 1; i < parts.length - 1; i++) {
    if (folders.indexOf(parts[i]) >= 0) { base.href = parts.slice(0, i).join("/") + "/"; return; }
  }
  if (/\.github\.io$/.test(location.hostname) && parts.length > 2) {
    base.href = "/" + parts[1] + "/";
  }
})();
