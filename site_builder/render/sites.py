"""Which site each article is from, and that site's name: one site per registered domain.

Pages name their site in many ways: "https://www.hawaiinewsnow.com", a tagline such as
"Autoracing | F1 | Indy | MotoGP | StockCar | NASCAR", a word such as "Hosted", or one
publisher under several spellings. So the site is the registered domain of the article's
address (`www.`, the scheme and other subdomains folded: news.bbc.co.uk is bbc.co.uk),
and its name is the one its pages agree on, else the domain. This module is the only one
that reads the public suffix list (the `tld` package, which trafilatura brings).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Final
from urllib.parse import urlsplit

from tld import get_fld

from site_builder.core.records import ArticleSummary
from site_builder.render.tag_filter import fold_key

# Words some pages give as their site's name, which name no site: "Hosted", "Experience".
GENERIC_SITE_NAMES: Final = frozenset(
    {
        "hosted",
        "experience",
        "home",
        "homepage",
        "news",
        "blog",
        "website",
        "web site",
        "site",
        "article",
        "articles",
        "online",
        "index",
    }
)
# A name that is a web address: "https://www.hawaiinewsnow.com", "www.example.com".
ADDRESS_NAME: Final = re.compile(r"://|^www\.|^[\w-]+(?:\.[\w-]+)+/?$", re.I)
# Longer than this is a tagline or a headline, not a name.
MAX_SITE_NAME_CHARS: Final = 60
# More than half of a domain's named pages must give the name for it to be the site's:
# one page's odd og:site_name does not rename a site of twenty.
AGREEING_SHARE: Final = 0.5


def registered_domain(url: str | None) -> str | None:
    """ "bbc.co.uk" for https://www.news.bbc.co.uk/x; the host itself where the public
    suffix list has no answer (localhost, an IP address); None without a web address."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    found = get_fld(f"http://{host}/", fail_silently=True)
    return str(found) if found else host.removeprefix("www.")


def usable_site_name(name: str | None) -> str | None:
    """The name, spacing squashed, unless it is an address, a tagline or a generic word."""
    squashed = " ".join((name or "").split())
    if (
        not squashed
        or "|" in squashed
        or len(squashed) > MAX_SITE_NAME_CHARS
        or ADDRESS_NAME.search(squashed)
        or fold_key(squashed) in GENERIC_SITE_NAMES
    ):
        return None
    return squashed


def article_sites(
    summaries: Sequence[ArticleSummary], names: Mapping[str, str]
) -> dict[str, str | None]:
    """Each article's site name by its stem; names from site.toml (by domain) first.

    An article without a web address is filed under the site name it gives, if usable.
    """
    by_domain: dict[str, Counter[str]] = defaultdict(Counter)
    domains: dict[str, str | None] = {}
    for summary in summaries:
        domain = registered_domain(summary.meta.url)
        domains[summary.stem] = domain
        if domain is not None:
            name = usable_site_name(summary.meta.site_name)
            by_domain[domain][name or ""] += 1
    chosen = {domain: _agreed_name(counts) or domain for domain, counts in by_domain.items()}
    chosen.update({_folded_domain(domain): name for domain, name in names.items()})
    return {
        summary.stem: chosen[domain]
        if (domain := domains[summary.stem]) is not None
        else usable_site_name(summary.meta.site_name)
        for summary in summaries
    }


def _agreed_name(counts: Counter[str]) -> str | None:
    """The name more than AGREEING_SHARE of the pages give, in its commonest spelling.

    Spellings that fold alike count as one name ("The Verge", "THE VERGE"); pages that
    give no usable name have no say.
    """
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in counts.items():
        if name:
            by_key[fold_key(name)][name] += count
    total = sum(count for name, count in counts.items() if name)
    for spellings in by_key.values():
        if sum(spellings.values()) > total * AGREEING_SHARE:
            return min(spellings, key=lambda name: (-spellings[name], name))
    return None


def _folded_domain(domain: str) -> str:
    """site.toml's "www.nytimes.com" or "https://nytimes.com" means nytimes.com too."""
    text = domain.strip().lower()
    return registered_domain(text if "://" in text else f"https://{text}") or text
