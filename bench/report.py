"""The Markdown tables of bench.py's results (a dict of results by page count)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

MIB = 1024 * 1024
# "search" is Whoosh's commit and the browser index written from its cache (since issue
# 19's own index; before, Whoosh beside Pagefind's year bundles).
STAGES = ("gather", "convert", "load", "render", "search", "publish")
SCENARIOS = (("full", "full build"), ("noop", "no-op"), ("added", "one added"),
             ("edited", "one edited"))  # fmt: skip
# The targets, at 10,000 pages on 2 cores.
TARGET_FULL_OVER_READABILITY = 0.75
TARGET_NOOP_SHARE = 0.05
TARGET_INCREMENTAL_SHARE = 0.10
TARGET_RENDER_OVER_PELICAN = 0.5
TARGET_RSS_MB = 1024
# The history of runs and the design notes, written by hand below the tables; kept.
NOTES_HEADING = "## History and design notes"


def render_markdown(results: dict[str, Any]) -> str:
    rows = [results[key] for key in sorted(results, key=int)]
    lines = ["# Benchmark results", ""]
    for row in rows:
        m = row["machine"]
        lines.append(
            f"- {row['pages']:,} pages: {m['date']}, {m['nproc']} cores ({m['cpu']}), "
            f"{m['memory_gb']} GB, Python {m['python']}, jobs={row['jobs'] or 'all cores'}, "
            f"code {m.get('code', 'unknown')}"
        )
    lines += ["", "## Build", "", *_build_table(rows), "", "## Search", "", *_search_table(rows)]
    lines += ["", "## Stages (s, from BuildReport.timings)", "", *_stage_table(rows)]
    cpu_rows = _stage_cpu_table(rows)
    if cpu_rows:
        lines += ["", "## Stages (CPU s, this process and its ended children)", "", *cpu_rows]
    lines += ["", "## Memory", "", *_memory_table(rows)]
    lines += ["", "## Targets (the issue's, for 10,000 pages on 2 cores)", ""]
    lines += _targets(rows)
    return "\n".join(lines) + "\n"


def with_notes(tables: str, previous: Path) -> str:
    """The new tables, followed by the hand-written notes of the file they replace."""
    old = previous.read_text(encoding="utf-8") if previous.exists() else ""
    start = old.find(f"\n{NOTES_HEADING}\n")
    return tables if start < 0 else tables + old[start:]


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cells) + " |" for cells in body]
    return out


def _share(row: dict[str, Any], scenario: str) -> str:
    seconds = row[scenario]["wall"]
    return f"{seconds:.2f} ({seconds / row['full']['wall']:.1%})"


def _render_vs_pelican(row: dict[str, Any]) -> str:
    if not row.get("pelican"):
        return "not run"
    return f"{_stage(row['full'], 'render') / row['pelican']['wall']:.2f}"


def _stage(scenario: dict[str, Any], name: str) -> float:
    timings = scenario["timings"]
    if name == "search" and name not in timings:
        # runs before the stages were named: Whoosh, and Pagefind's bundles after it
        return float(timings.get("whoosh", 0.0) + timings.get("pagefind", 0.0))
    return float(timings.get(name, 0.0))


def _build_table(rows: list[dict[str, Any]]) -> list[str]:
    header = ["pages", "full build (s)", "pages/s", "CPU (s)", "our peak RSS (MB)",
              "all processes peak (MB)", "readability alone (s)", "full / readability",
              "no-op (s, % of full)", "one added (s, %)", "one edited (s, %)",
              "render / Pelican"]  # fmt: skip
    body = []
    for row in rows:
        full = row["full"]
        body.append(
            [
                f"{row['pages']:,}",
                f"{full['wall']:.1f}",
                f"{row['pages'] / full['wall']:.0f}",
                f"{full['cpu_self'] + full['cpu_children']:.1f}",
                f"{full['rss_self_mb']:.0f}",
                _all_processes(full),
                f"{row['floor']['readability']:.1f}",
                f"{full['wall'] / row['floor']['readability']:.2f}",
                _share(row, "noop"),
                _share(row, "added"),
                _share(row, "edited"),
                _render_vs_pelican(row),
            ]
        )
    out = _table(header, body)
    out.append("")
    for row in rows:
        floor = row["floor"]
        pelican = row.get("pelican")
        pelican_text = (
            f"Pelican {pelican['wall']:.1f} s wall ({pelican['html_files']:,} HTML files); "
            f"our render stage {_stage(row['full'], 'render'):.1f} s"
            if pelican
            else "Pelican not installed (`make bench-deps`)"
        )
        full = row["full"]
        cpu = full["cpu_self"] + full["cpu_children"]
        loads = ", ".join(
            f"{label} {row[key]['load_average'][0]:.1f}"
            for key, label in SCENARIOS
            if "load_average" in row[key]
        )
        out.append(
            f"- {row['pages']:,} pages ({floor['bytes'] / MIB:.0f} MB of HTML): lxml parse "
            f"alone {floor['lxml']:.1f} s, readability alone {floor['readability']:.1f} s "
            f"{_floor_runs(floor)}"
            f"({floor['readability'] / floor['pages'] * 1000:.1f} ms a page, "
            f"{floor.get('readability_cpu', 0.0):.1f} s CPU); full build CPU / readability CPU "
            f"{cpu / max(floor.get('readability_cpu', 0.0), 1e-9):.2f}; {pelican_text}. "
            f"Load average (1 min) at the start: {loads}, floor "
            f"{floor.get('load_average', [0.0])[0]:.1f}."
            + _host_cpu_note(full)
            + _devset_note(floor)
        )
    return out


def _host_cpu_note(full: dict[str, Any]) -> str:
    """What the whole machine's cores did during the full build (bench.host_cpu_spent)."""
    host = full.get("host_cpu")
    if not host:
        return ""
    return (
        f" The machine's cores during the full build: busy {host['busy']:.1f} core-s "
        f"({host['busy'] / max(full['wall'], 1e-9):.2f} cores on average), idle "
        f"{host['idle']:.1f}, waiting on the disk {host['iowait']:.1f}, taken by the host "
        f"{host['steal']:.1f}."
    )


def _floor_runs(floor: dict[str, Any]) -> str:
    """The floor's two timings, before and after the full build, when it has them."""
    runs = floor.get("runs")
    if not runs:
        return ""
    before, after = (run["readability"] for run in runs)
    return (
        f"(the mean of {before:.1f} s before the full build and {after:.1f} s after it "
        "and the rebuilds) "
    )


def _devset_note(floor: dict[str, Any]) -> str:
    """How readability's cost on these pages compares with real pages (bench/corpus.py)."""
    if "devset_readability_cpu_ms" not in floor:
        return ""
    ours = floor.get("readability_cpu", 0.0) / max(floor["pages"], 1) * 1000
    return (
        f" Readability CPU a page: {ours:.1f} ms on these pages, "
        f"{floor['devset_readability_cpu_ms']:.1f} ms on {floor['devset_pages']} real "
        "devset pages in the same process."
    )


def _search_table(rows: list[dict[str, Any]]) -> list[str]:
    header = ["pages", "search stage (s)", "Whoosh size (MB)",
              "Whoosh median query (ms)", "browser index (MB, files)", "shards (postings, words)",
              "first query: requests, bytes"]  # fmt: skip
    body = []
    for row in rows:
        search = row["search"]
        first = search.get("first_query")
        first_text = (
            f"{first['requests']}, {first['bytes'] / 1024:.0f} KB" if first else "no chromium"
        )
        body.append(
            [
                f"{row['pages']:,}",
                f"{_stage(row['full'], 'search'):.1f}",
                f"{search['whoosh_bytes'] / MIB:.1f}",
                f"{search['whoosh']['median_ms']:.1f}",
                _browser_index_size(search),
                _browser_shards(search),
                first_text,
            ]
        )
    out = _table(header, body)
    out.append("")
    for row in rows:
        first = row["search"].get("first_query")
        if first:
            kinds = ", ".join(
                f"{kind} {_count_and_kb(value)}"
                for kind, value in _cards_as_one_kind(first["by_kind"]).items()
            )
            out.append(
                f"- {row['pages']:,} pages, search.html?q={first['word']}: "
                f"{first['results_shown']} results shown after {first['seconds']:.1f} s; "
                f"requests (and KB) by kind: {kinds}."
            )
    return out


def _cards_as_one_kind(by_kind: dict[str, Any]) -> dict[str, Any]:
    """Result cards ("387.json?generation"), which runs before the "docs" kind listed
    one by one, summed as one kind."""
    kinds: dict[str, Any] = {}
    for kind, value in by_kind.items():
        name = "docs" if re.fullmatch(r"\d+\.json(\?\w+)?", kind) else kind
        if isinstance(value, list) and isinstance(kinds.get(name), list):
            kinds[name] = [kinds[name][0] + value[0], kinds[name][1] + value[1]]
        else:
            kinds[name] = value
    return dict(sorted(kinds.items()))


def _browser_index_size(search: dict[str, Any]) -> str:
    index = search.get("browser_index")
    return f"{index['bytes'] / MIB:.1f}, {index['files']:,}" if index else "n/a (Pagefind)"


def _browser_shards(search: dict[str, Any]) -> str:
    index = search.get("browser_index")
    return f"{index['posting_shards']}, {index['word_shards']}" if index else "n/a"


def _count_and_kb(value: int | list[int]) -> str:
    if isinstance(value, list):
        return f"{value[0]} ({value[1] / 1024:.0f} KB)"
    return str(value)


def _stage_table(rows: list[dict[str, Any]]) -> list[str]:
    header = ["pages", "scenario", *STAGES, "wall", "CPU"]
    body = []
    for row in rows:
        for key, label in SCENARIOS:
            scenario = row[key]
            body.append(
                [f"{row['pages']:,}", label]
                + [f"{_stage(scenario, stage):.2f}" for stage in STAGES]
                + [
                    f"{scenario['wall']:.2f}",
                    f"{scenario['cpu_self'] + scenario['cpu_children']:.1f}",
                ]
            )
    return _table(header, body)


def _stage_cpu_table(rows: list[dict[str, Any]]) -> list[str]:
    body = []
    for row in rows:
        for key, label in SCENARIOS:
            cpu = row[key].get("stage_cpu")
            if cpu:
                body.append(
                    [f"{row['pages']:,}", label]
                    + [f"{cpu.get(stage, 0.0):.2f}" for stage in STAGES]
                    + [f"{sum(cpu.values()):.1f}"]
                )
    return _table(["pages", "scenario", *STAGES, "total"], body) if body else []


def _memory_table(rows: list[dict[str, Any]]) -> list[str]:
    header = ["pages", "our process (MB)", "largest child (MB)",
              "all processes at once (MB)", "site (MB, files)"]  # fmt: skip
    body = []
    for row in rows:
        full = row["full"]
        body.append(
            [
                f"{row['pages']:,}",
                f"{full['rss_self_mb']:.0f}",
                f"{full['rss_children_mb']:.0f}",
                _all_processes(full),
                _site_size(row),
            ]
        )
    return _table(header, body)


def _all_processes(scenario: dict[str, Any]) -> str:
    """Sampled four times a second (bench/process_tree.py); older runs show n/a."""
    peak = scenario.get("rss_all_peak_mb")
    return f"{peak:.0f}" if peak is not None else "n/a"


def _site_size(row: dict[str, Any]) -> str:
    site = row.get("site")
    return f"{site['bytes'] / MIB:.1f}, {site['files']:,}" if site else "n/a"


def _targets(rows: list[dict[str, Any]]) -> list[str]:
    header = ["pages", "full ≤ 0.75× readability", "no-op < 5%", "one added < 10%",
              "one edited < 10%", "render ≤ 0.5× Pelican", "our peak RSS < 1 GB"]  # fmt: skip
    body = []
    for row in rows:
        full = row["full"]["wall"]

        def verdict(value: float, limit: float, strict: bool = True, fmt: str = "{:.2f}") -> str:
            met = value < limit if strict else value <= limit
            return f"{'met' if met else 'MISSED'} ({fmt.format(value)})"

        pelican = row.get("pelican")
        body.append(
            [
                f"{row['pages']:,}",
                verdict(
                    full / row["floor"]["readability"], TARGET_FULL_OVER_READABILITY, strict=False
                ),
                verdict(row["noop"]["wall"] / full, TARGET_NOOP_SHARE, fmt="{:.1%}"),
                verdict(row["added"]["wall"] / full, TARGET_INCREMENTAL_SHARE, fmt="{:.1%}"),
                verdict(row["edited"]["wall"] / full, TARGET_INCREMENTAL_SHARE, fmt="{:.1%}"),
                (
                    verdict(
                        _stage(row["full"], "render") / pelican["wall"],
                        TARGET_RENDER_OVER_PELICAN,
                        strict=False,
                    )
                    if pelican
                    else "not installed"
                ),
                verdict(row["full"]["rss_self_mb"], TARGET_RSS_MB, fmt="{:.0f} MB"),
            ]
        )
    return _table(header, body)
