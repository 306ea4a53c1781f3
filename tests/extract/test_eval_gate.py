"""The quality gate over the devset (`python -m tests.eval_gate`), and its parts."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests import eval_gate
from tests.eval_gate import PageScore
from tests.textsave import text_save

# --- the metric -----------------------------------------------------------------------------


def test_identical_and_disjoint_texts() -> None:
    text = "The harbour reopened on Thursday after a week of repairs."
    assert eval_gate.precision_recall(text, text) == (1.0, 1.0)
    assert eval_gate.precision_recall(text, "Completely different words here today") == (0.0, 0.0)
    assert eval_gate.precision_recall("", "") == (1.0, 1.0)
    assert eval_gate.precision_recall("", text) == (0.0, 0.0)


def test_shingles_are_four_tokens_and_short_texts_are_one() -> None:
    assert sum(eval_gate.shingles("a b c d e").values()) == 2
    assert eval_gate.shingles("Hi, there!") == {("hi", "there"): 1}
    assert not eval_gate.shingles("   ")


def test_half_the_text_found() -> None:
    truth = "one two three four five six seven eight nine"  # six shingles
    precision, recall = eval_gate.precision_recall("one two three four five six", truth)
    assert (precision, round(recall, 3)) == (1.0, 0.5)
    assert eval_gate.f1(1.0, 0.5) == pytest.approx(2 / 3)


def test_f1_from_the_means_not_the_mean_of_f1() -> None:
    scores = [
        PageScore("dragnet", "1", (1.0, 0.0), (1.0, 1.0), None, 0.0),
        PageScore("dragnet", "2", (0.0, 1.0), (1.0, 1.0), None, 0.0),
    ]
    summary = eval_gate.summarise(scores)["dragnet"]
    assert summary.ours == (0.5, 0.5)
    assert summary.ours_f1 == 0.5


def test_a_truth_saved_as_utf16_is_read_as_its_text(tmp_path: Path) -> None:
    # What the devset's dragnet/gt/27.txt holds: UTF-16LE bytes decoded as UTF-8.
    text = "Vacations!\nby Paulo Coelho on July 17, 2012"
    mangled = (b"\xff\xfe" + text.encode("utf-16-le")).decode("utf-8", errors="replace")
    path = tmp_path / "27.txt"
    path.write_text(mangled, encoding="utf-8")
    assert eval_gate.read_truth(path) == text
    assert eval_gate.precision_recall(text, eval_gate.read_truth(path)) == (1.0, 1.0)
    plain = tmp_path / "1.txt"
    plain.write_text("Caf\u00e9 \ufffd as saved\n", encoding="utf-8")
    assert eval_gate.read_truth(plain) == "Caf\u00e9 \ufffd as saved\n"


def test_cleanevals_file_header_is_no_part_of_the_truth(tmp_path: Path) -> None:
    path = tmp_path / "412.txt"
    path.write_text("\ufeffURL: http://www.everything2.com/index.pl?node=union\n\nUnion\n", "utf-8")
    assert eval_gate.read_truth(path) == "\nUnion\n"
    content = tmp_path / "638.txt"
    content.write_text("Contact us\nURL: www.macromedia.com.au \n", "utf-8")
    assert eval_gate.read_truth(content) == "Contact us\nURL: www.macromedia.com.au \n"


# --- floors and failures --------------------------------------------------------------------


def test_floors_only_rise_unless_lowering_is_asked_for() -> None:
    floors = {"dragnet": 0.9}
    assert eval_gate.new_floors({"dragnet": 0.95}, floors, lower=False) == {"dragnet": 0.95}
    assert eval_gate.new_floors({"dragnet": 0.85}, floors, lower=False) == {"dragnet": 0.9}
    assert eval_gate.new_floors({"dragnet": 0.85}, floors, lower=True) == {"dragnet": 0.85}


def _page(page_id: str, ours: float, *, held_out: bool) -> PageScore:
    pair = (ours, ours)
    return PageScore("dragnet", page_id, pair, (0.5, 0.5), None, 0.0, held_out=held_out)


def test_the_held_out_part_is_fixed_by_the_id_and_about_thirty_percent() -> None:
    ids = [str(n) for n in range(2000)]
    aside = [page_id for page_id in ids if eval_gate.held_out("dragnet", page_id)]
    assert 0.27 < len(aside) / len(ids) < 0.33
    assert aside == [page_id for page_id in ids if eval_gate.held_out("dragnet", page_id)]
    assert aside != [page_id for page_id in ids if eval_gate.held_out("cleaneval", page_id)]


def test_a_floor_holds_on_the_whole_and_on_each_part() -> None:
    scores = [_page("1", 0.95, held_out=False), _page("2", 0.85, held_out=True)]
    assert eval_gate.part_scores(scores) == {
        "dragnet": pytest.approx(0.9),
        "dragnet/tuned": pytest.approx(0.95),
        "dragnet/held-out": pytest.approx(0.85),
    }
    floors = {"dragnet": 0.9, "dragnet/tuned": 0.9, "dragnet/held-out": 0.9}
    problems = eval_gate.failures(scores, floors)
    assert problems == ["dragnet/held-out: F1 0.8500 is under the floor 0.9000"]


def test_the_table_shows_each_part_and_each_engine() -> None:
    scores = [_page("1", 0.95, held_out=False), _page("2", 0.85, held_out=True)]
    rows = eval_gate.table(scores).splitlines()
    assert "trafila F1" in rows[0]
    assert [row.split()[1] for row in rows[1:]] == ["all", "tuned", "held-out"]


def test_the_table_marks_an_engine_not_scored_on_every_page() -> None:
    scores = [
        _page("1", 0.95, held_out=False),
        PageScore("dragnet", "2", (0.3, 0.3), None, None, 0.0, trafilatura=None),
    ]
    whole = eval_gate.table(scores).splitlines()[1].split()
    assert whole[:6] == ["dragnet", "all", "2", "0.625", "0.625", "0.625"]
    assert whole[6:] == ["-", "-", "-"]
    assert eval_gate.regressions(scores) == []


@pytest.mark.skipif(not eval_gate.DEVSET.is_dir(), reason=f"no devset at {eval_gate.DEVSET}")
def test_the_suites_run_scores_each_engine_only_where_ours_is_low() -> None:
    chosen = {
        (task.collection, task.page_id): task
        for task in eval_gate.tasks(eval_gate.DEVSET, 40, engines_everywhere=False)
    }
    # dragnet 9: ours 0.97; R229: ours 0, where both engines alone score 0 too.
    high = eval_gate.score_page(chosen[("dragnet", "9")])
    low = eval_gate.score_page(replace(chosen[("dragnet", "9")], page_id="R229"))
    assert eval_gate.f1(*high.ours) > 0.9 and (high.readability, high.trafilatura) == (None, None)
    assert eval_gate.f1(*low.ours) < 0.5
    assert low.readability is not None and low.trafilatura is not None


def test_pinned_floor_rounds_down() -> None:
    assert eval_gate.pinned(0.91239) == 0.9123
    assert eval_gate.pinned(0.9) == 0.9


def test_floor_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "floor.json"
    eval_gate.write_floors({"wcxb_test": 0.8, "dragnet": 0.9}, path)
    assert eval_gate.read_floors(path) == {"dragnet": 0.9, "wcxb_test": 0.8}
    assert list(json.loads(path.read_text())["f1_floor"]) == ["dragnet", "wcxb_test"]


def test_the_pinned_floors_cover_every_collection_and_part() -> None:
    assert set(eval_gate.read_floors()) == {
        eval_gate.floor_key(name, part)
        for name in eval_gate.COLLECTIONS
        for part in (None, *eval_gate.PARTS)
    }


def test_failures_name_the_floor_the_pages_and_the_text_gap() -> None:
    scores = [
        PageScore("dragnet", "7", (0.2, 0.2), (0.9, 0.9), (0.1, 0.1), 0.0),
        PageScore("dragnet", "8", (1.0, 1.0), (0.9, 0.9), None, 0.0),
        PageScore("dragnet", "9", (0.0, 0.0), (1.0, 1.0), None, 0.0, empty_truth=True),
    ]
    problems = eval_gate.failures(scores, {"dragnet": 0.99})
    assert any("under the floor 0.9900" in p for p in problems)
    assert any("dragnet/7" in p and "dragnet/9" not in p for p in problems)
    assert any(p.startswith("text saves") for p in problems)


# --- the text saves -------------------------------------------------------------------------


def test_text_save_writes_blocks_lists_and_drops_scripts() -> None:
    html = """<html><head><title>A page</title><script>x()</script></head><body>
    <nav><ul><li><a href="/">Home</a></li><li>News<ul><li>World</li></ul></li></ul></nav>
    <h1>Headline</h1><p>First   paragraph with a <a href="/x">link</a>.</p>
    <div>A div line</div><pre>  code
    kept</pre><p hidden>hidden</p><style>p{}</style>
    <table><tr><td>a</td><td>b</td></tr></table></body></html>"""
    assert text_save(html) == (
        "A page\n"
        "\n"
        "  • Home\n"
        "  • News\n"
        "    • World\n"
        "\n"
        "Headline\n"
        "\n"
        "First paragraph with a link.\n"
        "\n"
        "A div line\n"
        "\n"
        "  code\n"
        "    kept\n"
        "\n"
        "a\tb\n"
    )


# --- the gate itself ------------------------------------------------------------------------


@pytest.mark.skipif(not eval_gate.DEVSET.is_dir(), reason=f"no devset at {eval_gate.DEVSET}")
def test_quality_gate() -> None:
    """Every devset page through our path, and readability's where ours is low (all the
    checks need); see tests/eval_gate.py."""
    cache = eval_gate.ENGINE_CACHE / eval_gate.engine_cache_key()
    chosen = eval_gate.tasks(eval_gate.DEVSET, engine_cache=cache, engines_everywhere=False)
    scores = eval_gate.run(chosen)
    report = eval_gate.report(scores, seconds=0.0)
    problems = eval_gate.failures(scores, eval_gate.read_floors())
    assert not problems, "\n".join([report, *problems])
