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
from urllib.parse import urlsplit

from jinja2 import Environment

from site_builder.render.pages import ARTICLES_SUBDIR

# The folders at the top of the site: the first of them in a missing page's address
# marks where the site starts ("/repo/articles/gone.html": the site is at /repo/).
SITE_FOLDERS = (
    ARTICLES_SUBDIR,
    *("sites", "tags", "years", "page", "static", "media", "originals", "pagefind"),
)
# The script that finds the root (where no such folder is in the address, a GitHub Pages
# project site still starts at its first folder, https://user.github.io/repo/gone.html;
# any other site at the server's root). A template, so it is never marked safe in code.
FIND_ROOT_TEMPLATE = "_find_root.js"


def find_root_script(env: Environment) -> str:
    """The script exactly as 404.html holds it, for its hash."""
    return env.get_template(FIND_ROOT_TEMPLATE).render(site_folders=list(SITE_FOLDERS))


def not_found_context(base_url: str, env: Environment) -> dict[str, object]:
    """What 404.html is rendered with: root, or, when base_url does not say it, the
    folders that mark it (site_folders) and the CSP hash of the script that finds it
    (root_script_hash, empty when base_url is known)."""
    root = site_path(base_url)
    if root:
        return {"root": root, "site_folders": [], "root_script_hash": ""}
    script = find_root_script(env).encode("utf-8")
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode("ascii")
    return {
        "root": "",
        "site_folders": list(SITE_FOLDERS),
        "root_script_hash": f"sha256-{digest}",
    }


def site_path(base_url: str) -> str:
    """ "/repo/" for https://user.github.io/repo/; "" (relative) when unknown."""
    path = urlsplit(base_url).path if base_url else ""
    if not path:
        return ""
    return path if path.endswith("/") else path + "/"
