"""A synthetic archive of saved web pages, deterministic for a seed.

Each page looks like what "Save Page As" writes from a news or blog site: a saved-from
mark, OpenGraph and JSON-LD metadata, an inline stylesheet and scripts, layout wrappers,
a header with a mega menu, social icons (inline SVG) and a trending bar, a cookie banner,
breadcrumbs, an ~800-word article with a lead photo, a subheading, a list, a figure, a
few links, ads and a "read more" box between its paragraphs, share bars, an author box,
a grid of story cards, comments, a "most read" sidebar, a newsletter box, a footer of
link columns and the JSON state a JavaScript front end embeds.

How heavy the markup is was set against the devset's real pages (/work/shared/devset,
400 pages drawn at random), because readability's cost grows with the markup, not the
article; generator version 1, with only a nav, a related box and a footer around the
article, cost readability 4 ms a page, a quarter of a real page:

                       devset median   these pages
    characters                56,000        59,000
    elements                     615           734
    links                        121           161
    nesting depth                 15            15
    readability ms/page         14.8          14.8   (CPU, same run, 2-core machine)

`python bench/floor.py SAVED_DIR --devset 400` measures both again.

Page i depends only on the seed and i, so the first 1,000 pages of a 10,000-page archive
are the 1,000-page archive. Words follow a Zipf law over a few hundred English words and
a long tail of made-up ones (names, jargon), so the search indexes see a realistic number
of distinct terms.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

SEED = 20240611
# Bump when the pages change, so a cached archive is generated again.
GENERATOR_VERSION = "2"
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 3652  # ten years of publication dates
WORDS_PER_ARTICLE = (650, 950)
# Zipf exponent of the word ranks; 1.0 is the textbook value for English prose.
ZIPF_EXPONENT = 1.0
TAIL_WORDS = 6000

_COMMON_TEXT = """the of and to in a is that for it as was with be by on not he i this are or his
from at which but have an they you were her she there been one all we their has would
when if so no will more can who said them some could him into its then two time only new
years people also like first after over way many year out made where most now city water
well before through back much down should because each those world while still same
river harbour council street bridge school market station island coast village valley
forest winter summer night morning evening week month weather storm rain wind snow
light power energy engineers workers families children parents teachers doctors nurses
students writers readers musicians farmers fishermen drivers residents visitors owners
plan report study survey project budget contract policy decision election vote debate
question answer problem change growth system network service program record history
museum library archive garden park square tower hall church theatre gallery kitchen
road railway tunnel canal port airport ferry tram bus train car bicycle boat ship
building house apartment office factory workshop shop restaurant hospital clinic
small large long short old young early late high low open closed public private local
national quiet busy heavy careful simple strange common rare modern ancient northern
southern eastern western central green bright dark warm cold dry wet slow fast cheap
says told asked found built opened closed moved started finished changed kept left
brought showed called wrote read heard watched carried measured tested checked counted
repaired replaced planted painted designed launched returned reopened recorded reported
although however because meanwhile instead perhaps almost nearly already finally
recently suddenly slowly quickly together around between against during without
across behind beyond toward within under above below along among despite"""
_COMMON = _COMMON_TEXT.split()

_SYLLABLE_TEXT = """ka lo ren mi sta vor el an tis bra ques dun fel ga hol ip jor kel lun mar
nor ost pel quin ras sel tor ul vin wes yar zel bel cor dra fin gor hen ith kal lem mon
nis oth pra ril sor tam und vel wil xan yol zor"""
_SYLLABLES = _SYLLABLE_TEXT.split()

SITES = (
    ("The Harbour Times", "harbourtimes.co.uk"),
    ("TinkerLab", "blog.tinkerlab.dev"),
    ("The Understory", "understory.org"),
    ("Le Courrier du Lac", "courrierdulac.fr"),
    ("Northern Ledger", "northernledger.com"),
    ("Field Notes", "fieldnotes.blog"),
    ("Open Rivers", "openrivers.net"),
    ("Quiet Machines", "quietmachines.io"),
    ("Signal and Noise", "signalnoise.news"),
    ("The Long Table", "thelongtable.com"),
    ("Paper Trails", "papertrails.org"),
    ("Slow Journal", "slowjournal.net"),
    ("Urban Almanac", "urbanalmanac.com"),
    ("Weekend Essays", "weekendessays.com"),
    ("Byte Sized", "bytesized.dev"),
    ("The Commons", "thecommons.news"),
    ("Coastline Weekly", "coastlineweekly.com"),
    ("Night Owl Review", "nightowlreview.com"),
    ("Ridge and Valley", "ridgeandvalley.org"),
    ("The Daily Lantern", "dailylantern.com"),
)
TAGS = (
    "Climate", "Cities", "Transport", "Energy", "Oceans", "Birds", "Bats", "History",
    "Maps", "Food", "Books", "Music", "Health", "Housing", "Schools", "Science", "Python",
    "Rust", "Long reads", "Politics", "Economy", "Farming", "Rivers", "Weather", "Design",
    "Art", "Travel", "Sport", "Law", "Technology",
)  # fmt: skip
FIRST_NAMES = ("Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jun",
               "Kofi", "Lena", "Marta", "Nils", "Omar", "Priya")  # fmt: skip
LAST_NAMES = ("Achebe", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
              "Ito", "Jensen", "Kowalski")  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Vocabulary:
    words: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)

    def rank(self, word: str) -> int:
        return self.words.index(word)


def vocabulary(seed: int = SEED) -> Vocabulary:
    rng = random.Random(seed)
    tail: list[str] = []
    seen = set(_COMMON)
    while len(tail) < TAIL_WORDS:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            tail.append(word)
    words = tuple(_COMMON + tail)
    weights = [1.0 / (rank + 2.7) ** ZIPF_EXPONENT for rank in range(len(words))]
    return Vocabulary(words=words, cum_weights=tuple(accumulate(weights)))


@dataclass(frozen=True, slots=True, kw_only=True)
class SavedFile:
    name: str
    html: str
    published: dt.datetime


def generate(root: Path, count: int, *, seed: int = SEED) -> list[Path]:
    """Write pages 0..count-1 into root (content/saved/), named as a browser names them."""
    root.mkdir(parents=True, exist_ok=True)
    words = vocabulary(seed)
    taken: set[str] = set()
    paths = []
    for number in range(count):
        page = make_page(number, words, seed=seed)
        name = page.name
        counter = 2
        while name in taken:
            name = page.name.replace(".html", f" ({counter}).html")
            counter += 1
        taken.add(name)
        path = root / name
        path.write_text(page.html, encoding="utf-8")
        paths.append(path)
    return paths


def make_page(
    number: int, words: Vocabulary, *, seed: int = SEED, published: dt.datetime | None = None
) -> SavedFile:
    rng = random.Random(f"{seed}:{number}")
    site_index = rng.randrange(len(SITES))
    site, domain = SITES[site_index]
    style = site_index % 4
    when = published or (
        dt.datetime.combine(FIRST_DAY, dt.time())
        + dt.timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(24 * 60))
    )
    title = _sentence(rng, words, rng.randint(5, 10), end="")
    slug = "-".join(title.lower().split()[:6]) + f"-{number}"
    url = f"https://www.{domain}/{when:%Y/%m}/{slug}"
    tags = sorted(rng.sample(TAGS, rng.randint(1, 4)))
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    description = _sentence(rng, words, rng.randint(14, 24))
    image = f"https://cdn.{domain}/images/{when:%Y}/{number}-lead.jpg"
    body = _article_body(rng, words, domain)
    head = _head(rng, site, domain, url, title, description, author, when, tags, image, style)
    page = _page(rng, words, site, domain, title, author, when, body, image, style)
    html = f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n{head}{page}"
    name = f"{title} _ {site}.html".replace("/", "_").replace(":", "_")
    return SavedFile(name=name, html=html, published=when)


def _sentence(rng: random.Random, words: Vocabulary, length: int, end: str = ".") -> str:
    chosen = words.sample(rng, length)
    if length > 10 and rng.random() < 0.5:
        chosen[rng.randrange(3, length - 3)] += ","
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + end


def _paragraph(rng: random.Random, words: Vocabulary, domain: str) -> tuple[str, int]:
    sentences = [_sentence(rng, words, rng.randint(8, 26)) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.3:
        at = rng.randrange(len(sentences))
        anchor = " ".join(words.sample(rng, rng.randint(2, 4)))
        link = f'<a href="https://www.{domain}/{rng.randrange(10**6)}">{anchor}</a>'
        sentences[at] = f"{sentences[at][:-1]} ({link})."
    text = " ".join(sentences)
    return f"<p>{text}</p>", len(text.split())


def _article_body(rng: random.Random, words: Vocabulary, domain: str) -> str:
    target = rng.randint(*WORDS_PER_ARTICLE)
    parts: list[str] = []
    count = 0
    heading_done = list_done = figure_done = False
    while count < target:
        paragraph, n = _paragraph(rng, words, domain)
        parts.append(paragraph)
        count += n
        if not figure_done:
            caption = _sentence(rng, words, rng.randint(6, 12))
            parts.append(
                f'<figure><img src="https://cdn.{domain}/images/{rng.randrange(10**6)}.jpg"'
                f' alt="{caption[:-1]}" width="1200" height="800" loading="lazy">'
                f"<figcaption>{caption}</figcaption></figure>"
            )
            figure_done = True
        elif not heading_done and count > target * 0.4:
            parts.append(f"<h2>{_sentence(rng, words, rng.randint(3, 7), end='')}</h2>")
            heading_done = True
        elif not list_done and count > target * 0.6:
            items = [_sentence(rng, words, rng.randint(5, 14)) for _ in range(rng.randint(3, 5))]
            parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
            count += sum(len(item.split()) for item in items)
            list_done = True
        elif rng.random() < 0.08:
            parts.append(f"<blockquote><p>{_sentence(rng, words, 18)}</p></blockquote>")
    return "\n".join(parts)


def _head(
    rng: random.Random,
    site: str,
    domain: str,
    url: str,
    title: str,
    description: str,
    author: str,
    when: dt.datetime,
    tags: Sequence[str],
    image: str,
    style: int,
) -> str:
    iso = when.isoformat() + "+00:00"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle" if style % 2 else "BlogPosting",
        "headline": title,
        "description": description,
        "image": [image],
        "datePublished": iso,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": site},
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "keywords": list(tags),
    }
    # Half the sites list tags as article:tag, the others only in JSON-LD keywords.
    tag_meta = "".join(f'<meta property="article:tag" content="{t}">\n' for t in tags)
    return f"""<html lang="en"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title} | {site}</title>
<meta name="description" content="{description}">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{image}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{iso}">
{tag_meta if style < 2 else ""}<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">{json.dumps(ld)}</script>
<link rel="stylesheet" href="https://www.{domain}/assets/main.{rng.randrange(16**8):08x}.css">
<style>{_stylesheet(random.Random(domain))}</style>
<script>{_script_blob(rng)}</script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-{rng.randrange(10**8)}"></script>
</head>
"""


def _page(
    rng: random.Random,
    words: Vocabulary,
    site: str,
    domain: str,
    title: str,
    author: str,
    when: dt.datetime,
    body: str,
    image: str,
    style: int,
) -> str:
    byline = (
        f'<div class="byline"><div class="byline-author"><img class="avatar" '
        f'src="https://cdn.{domain}/authors/{rng.randrange(10**4)}.jpg" alt="" width="40">'
        f'<span>By <a rel="author" href="https://www.{domain}/authors/'
        f'{author.lower().replace(" ", "-")}">{author}</a></span></div>'
        f'<div class="byline-date"><time datetime="{when.isoformat()}">{when:%d %B %Y}</time>'
        f'<span class="read-time">{rng.randint(3, 9)} min read</span></div></div>'
    )
    lead = (
        f'<figure class="lead"><div class="media-wrapper"><picture>'
        f'<source srcset="{image}?w=800 800w, {image}?w=1600 1600w" type="image/webp">'
        f'<img src="{image}" alt="" width="1600" height="900"></picture></div>'
        f'<figcaption><span class="caption">{_sentence(rng, words, rng.randint(6, 12))}</span>'
        f'<span class="credit">Photo: {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}'
        "</span></figcaption></figure>"
    )
    containers = (
        (
            '<main><article class="post"><header class="post-header">',
            "</header>",
            '<div class="post-content">',
            "</div></article></main>",
        ),
        ('<div id="content"><div class="story">', "", '<div class="story-body">',
         "</div></div></div>"),
        ('<main id="main"><div class="entry">', "", '<div class="entry-content">',
         "</div></div></main>"),
        ('<section class="article-wrapper"><article>', "", '<div itemprop="articleBody">',
         "</div></article></section>"),
    )  # fmt: skip
    open_, close_header, open_body, close_ = containers[style]
    title_class = ("post-title", "headline", "entry-title", "article-title")[style]
    breadcrumbs = (
        '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
        f'<li><a href="https://www.{domain}/">Home</a></li>'
        f'<li><a href="https://www.{domain}/news/">News</a></li>'
        f'<li><a href="https://www.{domain}/news/local/">Local</a></li></ol></nav>'
    )
    return f"""<body class="article-page">
<div id="app"><div class="page-wrapper">
{_cookie_banner(domain)}
{_site_header(rng, words, site, domain, style)}
<div class="ad ad-leaderboard" data-slot="top"><div class="ad-inner"><div class="ad-label">
Advertisement</div><div class="ad-slot" id="ad-top-{rng.randrange(10**4)}">
<img src="https://ads.example.net/{rng.randrange(10**6)}.gif" alt="Advertisement"></div>
</div></div>
<div class="layout"><div class="container"><div class="row">
<div class="col col-main">
{breadcrumbs}
{open_}<h1 class="{title_class}">{title}</h1>{byline}{close_header}
{lead}{_share_bar(domain)}{open_body}
{_with_inserts(rng, words, domain, body)}
{close_}
<div class="tags-row">{_topic_links(rng, domain)}</div>
{_share_bar(domain)}
{_author_box(rng, words, domain, author)}
{_card_grid(rng, words, domain, "More stories", rng.randint(8, 12))}
{_comments(rng, words)}
</div>
<div class="col col-side">{_sidebar(rng, words, domain)}</div>
</div></div></div>
{_card_grid(rng, words, domain, "Around the web", rng.randint(4, 6))}
{_newsletter(site, domain)}
{_site_footer(rng, site, domain, when)}
</div></div>
<script src="https://www.{domain}/assets/app.{rng.randrange(16**8):08x}.js" defer></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}
gtag("js",new Date());gtag("config","G-{rng.randrange(10**8)}");</script>
<script id="__STATE__" type="application/json">{_page_state(rng, words, title, body)}</script>
</body></html>
"""


_ICON_PATH = (
    "M12 2C6.48 2 2 6.48 2 12c0 4.84 3.44 8.87 8 9.8V15H8v-3h2V9.5C10 7.57 11.57 6 13.5 "
    "6H16v3h-2c-.55 0-1 .45-1 1v2h3v3h-3v6.95c5.05-.5 9-4.76 9-9.95 0-5.52-4.48-10-10-10z"
)


def _icon(name: str) -> str:
    return (
        f'<svg class="icon icon-{name}" viewBox="0 0 24 24" width="20" height="20" '
        f'aria-hidden="true"><path d="{_ICON_PATH}"></path></svg>'
    )


def _cookie_banner(domain: str) -> str:
    return f"""<div class="cookie-banner" role="dialog" aria-label="Cookie consent">
<div class="cookie-inner"><div class="cookie-text"><p>We use cookies and similar technologies
to improve your experience, measure our audience and show you personalised ads. You can
change your choices at any time in Cookie settings.</p></div>
<div class="cookie-actions"><button class="accept">Accept all</button>
<button class="reject">Reject all</button>
<a href="https://www.{domain}/cookies">Manage preferences</a></div></div></div>"""


def _site_header(rng: random.Random, words: Vocabulary, site: str, domain: str, style: int) -> str:
    sections = ("News", "World", "Business", "Culture", "Science", "Opinion", "Sport",
                "Travel")  # fmt: skip
    columns = []
    for number, section in enumerate(sections):
        topics = [TAGS[(style * 5 + number * 3 + k) % len(TAGS)] for k in range(6)]
        links = "".join(
            f'<li class="menu-item"><a href="https://www.{domain}/{section.lower()}/'
            f'{topic.lower().replace(" ", "-")}/">{topic}</a></li>'
            for topic in topics
        )
        columns.append(
            f'<li class="menu-section"><a class="menu-top" href="https://www.{domain}/'
            f'{section.lower()}/">{section}</a><div class="submenu"><div class="submenu-inner">'
            f'<ul class="submenu-list">{links}</ul></div></div></li>'
        )
    trending = "".join(
        f'<li><a href="https://www.{domain}/{rng.randrange(10**6)}">'
        f"{_sentence(rng, words, rng.randint(3, 6), end='')}</a></li>"
        for _ in range(5)
    )
    social = "".join(
        f'<a class="social" href="https://{name}.com/{domain}">{_icon(name)}'
        f'<span class="visually-hidden">{name}</span></a>'
        for name in ("facebook", "x", "instagram", "youtube")
    )
    return f"""<header class="site-header"><div class="header-top"><div class="container">
<a class="brand" href="https://www.{domain}/"><img src="https://www.{domain}/logo.svg"
alt="{site}" width="180" height="40"></a><div class="header-social">{social}</div>
<form class="search" action="https://www.{domain}/search"><input name="q" placeholder="Search">
<button>{_icon("search")}<span>Search</span></button></form>
<a class="subscribe" href="https://www.{domain}/subscribe">Subscribe</a>
<a class="login" href="https://www.{domain}/login">Sign in</a></div></div>
<nav class="site-nav" aria-label="Main"><div class="container"><ul class="menu">
{"".join(columns)}</ul></div></nav>
<div class="trending"><div class="container"><span class="trending-label">Trending</span>
<ul>{trending}</ul></div></div></header>"""


def _share_bar(domain: str) -> str:
    buttons = "".join(
        f'<li><a class="share-{name}" href="https://{name}.com/share?u={domain}">'
        f"{_icon(name)}<span>Share on {name}</span></a></li>"
        for name in ("facebook", "x", "linkedin", "whatsapp", "email")
    )
    return (
        f'<div class="share"><ul class="share-list">{buttons}</ul><button>Copy link</button></div>'
    )


def _with_inserts(rng: random.Random, words: Vocabulary, domain: str, body: str) -> str:
    """The article with what sites put between its paragraphs: ads and "read more" boxes."""
    paragraphs = body.split("\n")
    out = []
    for number, block in enumerate(paragraphs):
        out.append(block)
        if number in (3, 9):
            out.append(
                '<div class="inline-ad"><div class="ad-label">Advertisement</div>'
                f'<div class="ad-slot" id="ad-inline-{number}"></div></div>'
            )
        elif number == 6:
            out.append(
                f'<aside class="read-more"><span class="label">Read more</span><a href="https:'
                f'//www.{domain}/{rng.randrange(10**6)}">'
                f"{_sentence(rng, words, rng.randint(5, 9), end='')}</a></aside>"
            )
    return "\n".join(out)


def _topic_links(rng: random.Random, domain: str) -> str:
    return "".join(
        f'<a class="topic" href="https://www.{domain}/topics/{tag.lower().replace(" ", "-")}">'
        f"{tag}</a>"
        for tag in rng.sample(TAGS, 5)
    )


def _author_box(rng: random.Random, words: Vocabulary, domain: str, author: str) -> str:
    return (
        f'<div class="author-box"><div class="author-media"><img src="https://cdn.{domain}/'
        f'authors/{rng.randrange(10**4)}.jpg" alt="" width="80"></div><div class="author-info">'
        f'<h4><a href="https://www.{domain}/authors/">{author}</a></h4>'
        f"<p>{_sentence(rng, words, rng.randint(12, 20))}</p></div></div>"
    )


def _card_grid(rng: random.Random, words: Vocabulary, domain: str, heading: str, count: int) -> str:
    cards = []
    for _ in range(count):
        link = f"https://www.{domain}/{rng.randrange(10**6)}"
        cards.append(
            f'<div class="card"><a class="card-link" href="{link}"><div class="card-media">'
            f'<img src="https://cdn.{domain}/thumbs/{rng.randrange(10**6)}.jpg" alt="" '
            f'width="320" loading="lazy"></div></a><div class="card-body">'
            f'<span class="kicker">{rng.choice(TAGS)}</span>'
            f'<h3 class="card-title"><a href="{link}">'
            f"{_sentence(rng, words, rng.randint(5, 10), end='')}</a></h3>"
            f'<p class="card-teaser">{_sentence(rng, words, rng.randint(10, 18))}</p>'
            f'<div class="card-meta"><span>{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}'
            f"</span><span>{rng.randint(2, 59)} min ago</span></div></div></div>"
        )
    return (
        f'<section class="card-grid"><div class="section-header"><h2>{heading}</h2></div>'
        f'<div class="grid">{"".join(cards)}</div></section>'
    )


def _comments(rng: random.Random, words: Vocabulary) -> str:
    comments = []
    for _ in range(rng.randint(3, 8)):
        name = f"{rng.choice(FIRST_NAMES)}{rng.randrange(100)}"
        text = " ".join(_sentence(rng, words, rng.randint(6, 16)) for _ in range(rng.randint(1, 3)))
        comments.append(
            f'<div class="comment"><div class="comment-meta"><span class="comment-author">{name}'
            f'</span><span class="comment-time">{rng.randint(1, 23)} hours ago</span></div>'
            f'<div class="comment-body"><p>{text}</p></div><div class="comment-actions">'
            f"<button>Reply</button><button>Like ({rng.randrange(40)})</button></div></div>"
        )
    return (
        f'<section class="comments" id="comments"><h3>Comments ({len(comments)})</h3>'
        f'<div class="comment-list">{"".join(comments)}</div></section>'
    )


def _sidebar(rng: random.Random, words: Vocabulary, domain: str) -> str:
    most_read = "".join(
        f'<li><a href="https://www.{domain}/{rng.randrange(10**6)}"><span class="rank">'
        f'{rank}</span><span class="title">{_sentence(rng, words, rng.randint(5, 9), end="")}'
        "</span></a></li>"
        for rank in range(1, 11)
    )
    return (
        '<aside class="sidebar"><div class="widget most-read"><h3>Most read</h3>'
        f'<ol>{most_read}</ol></div><div class="widget ad-widget"><div class="ad-label">'
        f'Advertisement</div><div class="ad-slot"><img src="https://ads.example.net/'
        f'{rng.randrange(10**6)}.gif" alt="Advertisement"></div></div>'
        f'<div class="widget podcast"><h3>Listen</h3><p>'
        f"{_sentence(rng, words, rng.randint(8, 14))}</p></div></aside>"
    )


def _newsletter(site: str, domain: str) -> str:
    return f"""<aside class="newsletter"><div class="container"><h3>Get the {site} newsletter</h3>
<p>The best of our reporting, every weekday morning, straight to your inbox.</p>
<form action="https://www.{domain}/subscribe"><input type="email" name="email"
placeholder="you@example.com"><button>Sign up</button></form></div></aside>"""


def _site_footer(rng: random.Random, site: str, domain: str, when: dt.datetime) -> str:
    groups = (
        ("About", ("About us", "Contact", "Advertise", "Jobs", "Corrections", "Ethics")),
        ("Sections", ("News", "World", "Business", "Culture", "Science", "Sport", "Travel")),
        ("Services", ("Newsletters", "Podcasts", "Events", "Archive", "RSS", "Apps")),
        ("Legal", ("Privacy policy", "Terms of use", "Cookie settings", "Accessibility")),
    )
    columns = "".join(
        f'<div class="footer-col"><h4>{heading}</h4><ul>'
        + "".join(
            f'<li><a href="https://www.{domain}/{name.lower().replace(" ", "-")}">{name}</a></li>'
            for name in names
        )
        + "</ul></div>"
        for heading, names in groups
    )
    social = "".join(
        f'<a href="https://{name}.com/{domain}">{_icon(name)}</a>'
        for name in ("facebook", "x", "instagram", "youtube", "linkedin")
    )
    return f"""<footer class="site-footer"><div class="container"><div class="footer-columns">
{columns}</div><div class="footer-social">{social}</div>
<p>© {when.year} {site}. All rights reserved. Registered in England and Wales.</p>
</div></footer>"""


def _page_state(rng: random.Random, words: Vocabulary, title: str, body: str) -> str:
    """The JSON state a JavaScript front end embeds: the story again, and more."""
    state = {
        "page": {"type": "article", "title": title, "id": rng.randrange(10**9)},
        "article": {"html": body},
        "recirculation": [_sentence(rng, words, 8) for _ in range(10)],
    }
    return json.dumps(state, separators=(",", ":")).replace("</", "<\\/")


def _stylesheet(rng: random.Random) -> str:
    props = ("margin", "padding", "color", "background", "font-size", "line-height", "border")
    values = ("0", "1rem", "#333", "#fafafa", "14px", "1.5", "1px solid #ddd", "auto", "2em")
    rules = []
    for k in range(rng.randint(60, 120)):
        selector = f".{rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES)}-{k}"
        decls = ";".join(f"{rng.choice(props)}:{rng.choice(values)}" for _ in range(4))
        rules.append(f"{selector}{{{decls}}}")
    return "".join(rules)


def _script_blob(rng: random.Random) -> str:
    config = {
        f"{rng.choice(_SYLLABLES)}{k}": rng.choice(
            [rng.randrange(10**6), f"{rng.randrange(16**12):012x}", True, None]
        )
        for k in range(rng.randint(60, 160))
    }
    return (
        f"window.__APP_CONFIG__={json.dumps(config, separators=(',', ':'))};"
        "(function(w,d){var s=d.createElement('script');s.async=true;"
        "s.src='https://cdn.example.net/consent.js';d.head.appendChild(s)})(window,document);"
    )
