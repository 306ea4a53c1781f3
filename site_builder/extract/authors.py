"""Authors as a reader wants them: the display names of people or organisations.

Pages name their authors in many ways a reader can't use. Each rule below was met on
real news and blog pages (issue 26, 181 pages from about 120 sites):
- a Twitter handle, "@usatoday" (`twitter:creator` read as the author);
- a profile or author-page address, "https://www.washingtonexaminer.com/author/tom-rogan";
- a CMS account, "admin", "jdadmin";
- furniture around the name: "by India Post News Weekly", "Victor Tangermann, Futurism";
- several people in one string: "Jane Doe and John Roe".

A handle or an address becomes a name only where the page itself says whose it is (a
JSON-LD person's `url` or `sameAs`, a link whose text is the name); otherwise it goes:
a wrong author is worse than none. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from site_builder.core.urls import is_web_url

# "By Jane Doe", "Written by Jane Doe", "Posted by: admin", "Author: Jane Doe". Only
# English: "von", "di" and "door" begin surnames too.
BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|words|story|reported)\s+)?by\b\s*:?\s*|^author\s*:\s*",
    re.IGNORECASE,
)
# "@usatoday", "@9to5mac": a Twitter or Mastodon handle, not a name.
HANDLE = re.compile(r"^@[\w.]+(?:@[\w.-]+)?$")
# "jane@example.com", "newsroom@site.example (Newsroom)": an address, not a name.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Accounts a CMS names its authors by, met as bylines: "admin", "jdadmin", "wpadmin".
CMS_ACCOUNT = re.compile(
    r"^(?:\w*admin\w*|administrator|webmaster|root|user\d*|guest|editor|unknown|anonymous"
    r"|null|none|author|default)$",
    re.IGNORECASE,
)
# Between the names of several authors: "A, B and C", "A & B", "A; B", "A | B".
AUTHOR_SEPARATOR = re.compile(r"\s*(?:;|\||,\s*(?:and\s+)?|\s+and\s+|\s+&\s+|\s+und\s+)\s*")
# Link and label text met where a name should be (devset, dragnet): "View Profile",
# "Name", "Website", "Other Articles", "X" (the service's link).
NOT_A_NAME = frozenset(
    {"view profile", "name", "website", "other articles", "more articles", "x", "twitter",
     "facebook", "linkedin", "instagram", "email", "e-mail", "contact", "follow", "rss",
     "rss feed", "profile", "bio", "posts", "all posts", "more", "read more", "about us",
     "about", "home"}
)  # fmt: skip
# "View my complete profile", "See all posts", "Read more articles": a link to a profile.
PROFILE_LINK = re.compile(
    r"^(?:view|see|read|visit|more)\b.*\b(?:profile|posts|articles|bio)$", re.I
)
# Words a name carries after it that are not part of it: "Sebastian Blanco RSS feed",
# "Jane Doe on Twitter".
TRAILING_FURNITURE = re.compile(
    r"\s+(?:rss\s+feed|on\s+twitter|follow(?:\s+on\s+\w+)?|email|e-mail)$", re.IGNORECASE
)
# A dateline glued to the name: "Ian LYNAM October 4", "Jane Doe, 12 March 2021".
TRAILING_DATE = re.compile(
    r",?\s+(?:on\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?$",
    re.IGNORECASE,
)
# "Hungry says:": a comment's author, taken for the article's by a byline search.
COMMENTER = re.compile(r"\s(?:says|said|wrote):?$", re.IGNORECASE)
# Job titles that a split byline gives as parts of their own: "Rudy Galfi, Product
# Manager", "Jarrett Renshaw, Statehouse Bureau". Such a part goes when a name remains.
ROLE_WORDS = frozenset(
    {"editor", "correspondent", "reporter", "writer", "manager", "bureau", "contributor",
     "columnist", "staff", "director", "producer", "analyst", "photographer", "intern",
     "desk", "senior", "chief", "founder", "ceo", "engineer", "scientist", "designer",
     "developer", "officer", "president", "head", "team", "lead"}
)  # fmt: skip
# A single word in lower case, or in CamelCase, is a login, not a display name:
# "thegrangehall", "kimberstreams", "TarasFitWorld", "LucyRuthnum".
LOGIN = re.compile(r"^(?:[a-z0-9_.-]+|[A-Z][a-z]+(?:[A-Z][a-z]+)+)$")
# "Follow @DavidCarnoy": a handle inside the text (an e-mail address is taken out first).
HANDLE_INSIDE = re.compile(r"(?<![\w@])@\w")
# A name is a few words: "India Post News Weekly" is four; a sentence is no byline.
NAME_MAX_WORDS = 6
NAME_MAX_CHARS = 80
# A part of a split byline must look like a full name, two words or more, or the split
# was wrong: "Simon & Schuster" and "Smith, John" stay one name.
SPLIT_PART_MIN_WORDS = 2
# Hosts whose addresses name a profile, so a link there with a name for text says whose
# handle it is: "@janedoe" is "Jane Doe" where the page links twitter.com/janedoe so.
HANDLE_HOSTS = ("twitter.com", "x.com")


def clean_authors(
    candidates: Iterable[str],
    *,
    site_name: str | None = None,
    host: str | None = None,
    names_by_address: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The display names among candidates (one source's values), in order, each once.

    site_name and host: the outlet, taken off a name's end ("Jane Doe, Futurism").
    names_by_address: whose each address or handle is, as the page itself says
    (see identity_key), so a handle or a profile address can become a name.
    """
    known = names_by_address or {}
    names: dict[str, str] = {}
    for candidate in candidates:
        for name in _names_in(candidate, site_name=site_name, host=host, known=known):
            names.setdefault(name.casefold(), name)
    return tuple(names.values())


def identity_key(address: str) -> str:
    """How an author's address or handle is compared: host and path, no scheme or "www".

    "@janedoe", "https://twitter.com/janedoe" and "http://www.x.com/JaneDoe/" meet.
    """
    text = address.strip()
    if HANDLE.match(text):
        return "@" + text[1:].split("@")[0].casefold()
    parts = urlsplit(text)
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    if host in HANDLE_HOSTS and path.count("/") == 1:
        return "@" + path[1:].casefold()
    return f"{host}{path}".casefold()


def _names_in(
    candidate: str, *, site_name: str | None, host: str | None, known: Mapping[str, str]
) -> list[str]:
    text = " ".join(candidate.split())
    if HANDLE.match(text) or is_web_url(text):
        resolved = known.get(identity_key(text))
        # What the page says the address is must itself be a name, not "@janedoe".
        return _names_in(resolved, site_name=site_name, host=host, known={}) if resolved else []
    text = EMAIL.sub(" ", text).strip(" ()<>[]")
    if COMMENTER.search(text):
        return []
    text = BYLINE_PREFIX.sub("", text, count=1).strip()
    text = TRAILING_FURNITURE.sub("", _without_outlet(text, site_name=site_name, host=host))
    text = TRAILING_DATE.sub("", text) if any(c.isdigit() for c in text) else text
    return [name for name in _split(text) if _is_name(name)]


def _without_outlet(text: str, *, site_name: str | None, host: str | None) -> str:
    """ "Victor Tangermann, Futurism" without ", Futurism" when Futurism is the site."""
    head, separator, tail = text.rpartition(",")
    if not separator:
        head, separator, tail = _split_last(text, (" | ", " - ", " – ", " — "))
    if separator and head.strip() and _is_outlet(tail, site_name=site_name, host=host):
        return head.strip()
    return text


def _split_last(text: str, separators: tuple[str, ...]) -> tuple[str, str, str]:
    for separator in separators:
        head, found, tail = text.rpartition(separator)
        if found:
            return head, found, tail
    return "", "", text


def _is_outlet(text: str, *, site_name: str | None, host: str | None) -> bool:
    letters = _letters(text.removeprefix("the ").removeprefix("The "))
    if len(letters) < 3:
        return False
    if site_name and letters in (_letters(site_name), _letters(site_name.removeprefix("The "))):
        return True
    return bool(host) and letters in _letters(host or "")


def _split(text: str) -> list[str]:
    parts = [part.strip(" ,;") for part in AUTHOR_SEPARATOR.split(text)]
    parts = [part for part in parts if part and not _is_furniture(part)]
    names = [part for part in parts if not _is_role(part)]
    parts = names or parts
    if len(parts) > 1 and not all(len(part.split()) >= SPLIT_PART_MIN_WORDS for part in parts):
        return [text.strip(" ,;")]  # "Simon & Schuster", "Smith, John": one name
    return parts


def _is_furniture(text: str) -> bool:
    return text.casefold() in NOT_A_NAME or PROFILE_LINK.match(text) is not None


def _is_role(text: str) -> bool:
    return any(word in ROLE_WORDS for word in re.findall(r"\w+", text.casefold()))


def _is_name(text: str) -> bool:
    if not text or len(text) > NAME_MAX_CHARS or len(text.split()) > NAME_MAX_WORDS:
        return False
    if HANDLE.match(text) or is_web_url(text) or "://" in text or CMS_ACCOUNT.match(text):
        return False
    if LOGIN.match(text) or HANDLE_INSIDE.search(text) or _is_furniture(text):
        return False
    return any(character.isalpha() for character in text)


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.casefold())
