"""The 404 page: hosts show it at whatever address was missing, at any depth.

GitHub Pages answers /repo/articles/gone.html with the project site's 404.html, so links
relative to the page itself would lead nowhere and the page would be unstyled. With
base_url known, its links start from the site's own path ("/repo/"). Without it, they
are written relative to the site's root, under a <base> that a small inline script (its
hash allowed by the page's CSP, and nothing else) points at the root it finds in the
address; where scripts do not run, the base is the server's root.
"""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import urlsplit

from markupsafe import Markup

from site_builder.render.pages import ARTICLES_SUBDIR

# The folders at the top of the site: the first of them in a missing page's address
# marks where the site starts ("/repo/articles/gone.html": the site is at /repo/).
SITE_FOLDERS = (
    ARTICLES_SUBDIR,
    *("sites", "tags", "years", "page", "static", "media", "originals", "pagefind"),
)
# Where no such folder is in the address, a GitHub Pages project site still starts at
# its first folder (https://user.github.io/repo/gone.html); a site of its own domain, or
# served by `site-builder serve`, at the server's root.
_FIND_ROOT = """(function () {
  var folders = %s, parts = location.pathname.split("/"), base = document.querySelector("base");
  for (var i = 1; i < parts.length - 1; i++) {
    if (folders.indexOf(parts[i]) >= 0) { base.href = parts.slice(0, i).join("/") + "/"; return; }
  }
  if (/\\.github\\.io$/.test(location.hostname) && parts.length > 2) {
    base.href = "/" + parts[1] + "/";
  }
})();"""


def not_found_context(base_url: str) -> dict[str, object]:
    """What 404.html is rendered with: root, and the script that finds it when unknown
    (root_script, None when base_url is known) with its CSP hash (root_script_hash)."""
    root = site_path(base_url)
    if root:
        return {"root": root, "root_script": None, "root_script_hash": ""}
    script = _FIND_ROOT % json.dumps(list(SITE_FOLDERS))
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    # Our own constant, never anything from a page or a setting.
    return {"root": "", "root_script": Markup(script), "root_script_hash": f"sha256-{digest}"}  # noqa: S704


def site_path(base_url: str) -> str:
    """ "/repo/" for https://user.github.io/repo/; "" (relative) when unknown."""
    path = urlsplit(base_url).path if base_url else ""
    if not path:
        return ""
    return path if path.endswith("/") else path + "/"
