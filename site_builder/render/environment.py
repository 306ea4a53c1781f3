"""The Jinja environment: the user's templates first, the stock ones behind them.

A user file replaces its stock namesake, or extends it as "default:NAME". Autoescaping is
on and undefined names are errors, so a template can neither publish unescaped text by
accident nor show a misspelt value as nothing.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    select_autoescape,
)

from site_builder.core.config import SiteConfig
from site_builder.core.errors import SiteBuilderError

STOCK_TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"


class RenderError(SiteBuilderError):
    """A template is missing or broken."""


def make_environment(config: SiteConfig) -> Environment:
    """User templates first; stock ones also reachable as "default:NAME" for {% extends %}."""
    stock = FileSystemLoader(str(STOCK_TEMPLATES))
    loaders: list[FileSystemLoader | PrefixLoader] = []
    if config.templates_dir.resolve() != STOCK_TEMPLATES:
        loaders.append(FileSystemLoader(str(config.templates_dir)))
    loaders += [PrefixLoader({"default": stock}, delimiter=":"), stock]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env


def render_template(env: Environment, template: str, **context: object) -> str:
    """The template filled in; raises RenderError naming the broken file."""
    try:
        return env.get_template(template).render(**context)
    except TemplateError as err:
        name = getattr(err, "filename", None) or getattr(err, "name", None) or template
        raise RenderError(name, f"template error: {err}") from None


def script_integrity(config: SiteConfig, name: str) -> str:
    """ "sha256-…" of a published static script, for its integrity attribute and the CSP.

    Pages allow exactly that script by its hash rather than any script of the origin,
    which on user.github.io would include every other project site of the account.
    """
    for folder in (config.templates_dir.resolve() / "static", STOCK_TEMPLATES / "static"):
        if (folder / name).is_file():
            digest = hashlib.sha256((folder / name).read_bytes()).digest()
            return "sha256-" + base64.b64encode(digest).decode("ascii")
    raise RenderError(STOCK_TEMPLATES / "static" / name, "missing static script")
