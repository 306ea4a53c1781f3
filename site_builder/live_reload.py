"""What `serve --watch` adds to the pages it serves: a script that reloads them after a
rebuild and shows a failed one in a banner.

The script is added to each response, never to the files in output/site: the published
site stays byte for byte what `build` wrote. Its Content-Security-Policy (a <meta> in
each page) allows no inline script and no fetch, so the served copy's policy also allows
this one script, by its hash, and a fetch of this server's status; nothing else changes.

The page asks the server for the status every POLL_MS rather than holding a connection
open: the standard library's threading server waits for every open request when it
stops, and a poll leaves it nothing to wait for.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import string
import threading
from dataclasses import dataclass

STATUS_PATH = "/__site-builder/status"
# Half a second between polls: a rebuild of one article takes about a second, so the
# reload follows it closely, and a loopback request this often costs nothing.
POLL_MS = 500
BANNER_ID = "site-builder-build-error"

RELOAD_SCRIPT = string.Template(
    """
(function () {
  var script = document.currentScript;
  var shown = script.getAttribute("data-generation");
  function banner(error) {
    var box = document.getElementById("$banner");
    if (!error) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "$banner";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
        padding: "0.75em 1em", background: "#8b0000", color: "#fff",
        font: "16px/1.4 system-ui, sans-serif", whiteSpace: "pre-wrap"
      });
      document.body.appendChild(box);
    }
    box.textContent = "The rebuild failed; this is the last good site. " + error;
  }
  function poll() {
    fetch("$status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (String(status.generation) !== shown) {
          location.reload();
          return;
        }
        banner(status.error);
        setTimeout(poll, $poll);
      })
      .catch(function () { setTimeout(poll, $poll); });
  }
  setTimeout(poll, $poll);
})();
"""
).substitute(banner=BANNER_ID, status=STATUS_PATH, poll=POLL_MS)
RELOAD_SCRIPT_HASH = (
    "'sha256-"
    + base64.b64encode(hashlib.sha256(RELOAD_SCRIPT.encode("utf-8")).digest()).decode("ascii")
    + "'"
)

_CSP_META = re.compile(
    rb'(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")', re.IGNORECASE
)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    """generation: how many builds have changed the site; error: the last build's failure."""

    generation: int = 0
    error: str | None = None


class BuildStatus:
    """The watcher's news for the pages: shared by the build thread and the server's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = Status()

    def now(self) -> Status:
        with self._lock:
            return self._status

    def built(self, *, site_changed: bool) -> None:
        with self._lock:
            generation = self._status.generation + (1 if site_changed else 0)
            self._status = Status(generation=generation)

    def failed(self, error: str) -> None:
        with self._lock:
            self._status = Status(generation=self._status.generation, error=error)


def with_reload(page: bytes, generation: int) -> bytes:
    """The page with the reload script before </body>, and its policy allowing it."""
    page = _CSP_META.sub(
        lambda m: m.group(1) + _allow_reload(m.group(2)) + m.group(3), page, count=1
    )
    tag = f'<script data-generation="{generation}">{RELOAD_SCRIPT}</script>'.encode()
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


def _allow_reload(escaped_policy: bytes) -> bytes:
    """The policy, as written in the content attribute, that also runs the reload script
    and lets it fetch the status from this server."""
    directives = [d.strip() for d in html.unescape(escaped_policy.decode()).split(";")]
    names = [d.split(maxsplit=1)[0].lower() if d else "" for d in directives]
    for wanted, source in (("script-src", RELOAD_SCRIPT_HASH), ("connect-src", "'self'")):
        if wanted in names:
            at = names.index(wanted)
            if source not in directives[at].split():
                directives[at] = f"{directives[at]} {source}"
        else:
            directives.append(f"{wanted} {source}")
    policy = "; ".join(d for d in directives if d)
    return html.escape(policy, quote=False).replace('"', "&quot;").encode()
