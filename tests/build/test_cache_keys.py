"""A list page's key changes with anything it is made from, and with nothing else."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from site_builder.build.cache_keys import PageKeys, site_key
from site_builder.core.records import ArticleMeta, ArticleSummary
from site_builder.render.listings import Facet, Group, PageLink


def _link(title: str, tag: str = "boats") -> PageLink:
    return PageLink(
        title=title,
        href=f"articles/{title.lower()}.html",
        site=Facet(name="Harbour News", href="sites/harbour-news.html"),
        published="2021-03-04",
        published_display="4 March 2021",
        year="2021",
        month=3,
        excerpt="The quay reopened.",
        reading_minutes=2,
        thumbnail=None,
        tags=(Facet(name=tag, href=f"tags/{tag}.html"),),
        language="en",
    )


def _group(*links: PageLink) -> Group:
    return Group(name="boats", slug="boats", entries=links)


def test_the_same_inputs_give_the_same_key_in_another_build() -> None:
    context = {"group": _group(_link("Quay"), _link("Storm")), "page_title": "boats"}
    same = {"group": _group(_link("Quay"), _link("Storm")), "page_title": "boats"}
    assert PageKeys("look")("group.html", "tags/boats.html", context) == PageKeys("look")(
        "group.html", "tags/boats.html", same
    )


def test_any_change_in_what_a_page_shows_changes_its_key() -> None:
    keys = PageKeys("look")
    base = {"group": _group(_link("Quay"), _link("Storm")), "page_title": "boats"}
    key = keys("group.html", "tags/boats.html", base)
    changed = [
        {**base, "group": _group(_link("Quay"), _link("Gale"))},  # a title, deep inside
        {**base, "group": _group(_link("Quay"), _link("Storm", tag="ships"))},  # a tag
        {**base, "group": _group(_link("Storm"), _link("Quay"))},  # the order
        {**base, "group": _group(replace(_link("Quay"), thumbnail="media/a.png"))},
        {**base, "page_title": "Boats"},
        {**base, "root": "../"},  # one more value
    ]
    for context in changed:
        assert keys("group.html", "tags/boats.html", context) != key
    assert keys("group.html", "tags/boats/2.html", base) != key
    assert keys("groups.html", "tags/boats.html", base) != key
    assert PageKeys("other look")("group.html", "tags/boats.html", base) != key


def test_a_list_and_a_tuple_of_the_same_items_differ() -> None:
    keys = PageKeys("look")
    assert keys.digest([_link("Quay")]) != keys.digest((_link("Quay"),))


def test_a_function_is_known_by_its_name() -> None:
    assert PageKeys("look").digest(_link) == f"{__name__}._link"


def _summary(title: str, sha256: str = "f" * 64) -> ArticleSummary:
    return ArticleSummary(
        meta=ArticleMeta(title=title), stem=title.lower(), source_file=f"{title.lower()}.md",
        file_sha256=sha256, words=3, text_start="The quay", thumbnail=None,
    )  # fmt: skip


def test_the_site_key_changes_with_each_thing_the_site_is_made_from(tmp_path: Path) -> None:
    image = tmp_path / f"{'ab' * 32}.png"
    image.write_bytes(b"one")
    summaries = [_summary("Quay"), _summary("Storm")]
    originals = [("quay.html", "1" * 64)]
    key = site_key("look", summaries, originals, [image])

    assert site_key("look", [_summary("Quay"), _summary("Storm")], list(originals), [image]) == key
    variants = [
        site_key("another look", summaries, originals, [image]),
        site_key("look", summaries[::-1], originals, [image]),  # render breaks ties in order
        site_key("look", [summaries[0], _summary("Storm", "e" * 64)], originals, [image]),
        site_key("look", [summaries[0], replace(summaries[1], words=4)], originals, [image]),
        site_key("look", summaries, [("quay.html", "2" * 64)], [image]),
        site_key("look", summaries, [], [image]),
        site_key("look", summaries, originals, []),
    ]
    image.write_bytes(b"two!")  # another size
    variants.append(site_key("look", summaries, originals, [image]))
    assert len({key, *variants}) == len(variants) + 1
