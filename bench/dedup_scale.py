"""Repeat removal at scale: one ~20 MB page of ~100,000 paragraphs, timed per filter.

The page is built from the clean Sohu articles in ``fixtures/corpus``: each paragraph is a corpus
paragraph cut to 20-120 characters with every third Han character replaced at random, so that no
two are alike by chance, and
then copies of every kind are injected (exact, runs of several paragraphs, near copies with a
few changed characters, tails of paragraphs). The three repeat filters run in pipeline order;
the script prints the time of each (wall clock and CPU time of the process), the peak memory,
and the share of injected copies removed.

    python -m bench.dedup_scale                 # the 20 MB page
    python -m bench.dedup_scale --paragraphs 20000 --tracemalloc --json out/dedup_scale.json

Peak memory is the process's maximum resident set size (``resource.getrusage``), which includes
the page itself; ``--tracemalloc`` also reports the peak of Python allocations inside the filters
(slower: tracing costs time, so the timings of that run are not the ones to quote).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from cleaner.filters import FILTERS
from cleaner.filters.dedup_near import FIELD
from cleaner.model import from_text
from cleaner.pipeline import paused_gc

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus" / "clean-sohu-2012"
FILTER_NAMES = ("dedup.exact", "dedup.near", "dedup.fragment")


def build_page(paragraphs: int, seed: int) -> tuple[str, dict[int, str]]:
    """The page text and, by paragraph index, the kind of each injected copy."""
    rng = random.Random(seed)
    source = [  # paragraphs of running text (list items and form fields are kept as lists)
        line
        for f in sorted(CORPUS.glob("*.txt"))
        for line in f.read_text(encoding="utf-8").split("\n")
        if len(line.strip()) >= 20
        and sum("\u4e00" <= c <= "\u9fff" for c in line) > 0.7 * len(line)
        and not FIELD.match(line)
    ]
    pool = sorted({c for line in source for c in line if "\u4e00" <= c <= "\u9fff"})
    lines: list[str] = []
    kinds: dict[int, str] = {}
    while len(lines) < paragraphs:
        roll = rng.random()
        if roll < 0.02 and lines:  # an exact copy of an earlier paragraph
            kinds[len(lines)] = "exact"
            lines.append(lines[rng.randrange(len(lines))])
        elif roll < 0.025 and len(lines) > 10:  # a run of 3 to 5 paragraphs printed again
            start = rng.randrange(len(lines) - 5)
            for k in range(rng.randint(3, 5)):
                kinds[len(lines)] = "block"
                lines.append(lines[start + k])
        elif roll < 0.03 and lines:  # a near copy: one character in 40 changed
            chars = list(lines[rng.randrange(len(lines))])
            han = [k for k, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
            for pos in rng.sample(han, min(len(han), max(1, len(chars) // 40))):
                chars[pos] = pool[rng.randrange(len(pool))]
            kinds[len(lines)] = "near"
            lines.append("".join(chars))
        elif roll < 0.035 and lines:  # the tail of an earlier paragraph printed again
            text = lines[rng.randrange(len(lines))]
            piece = text[len(text) // 2 :]
            if len(piece) >= 20 and any(c in piece for c in "。！？；"):
                kinds[len(lines)] = "fragment"
                lines.append(piece)
        else:
            text = source[rng.randrange(len(source))]
            chars = list(text[: rng.randint(20, 140)])
            for pos in range(rng.randrange(3), len(chars), 3):
                if "\u4e00" <= chars[pos] <= "\u9fff":  # punctuation stays
                    chars[pos] = pool[rng.randrange(len(pool))]
            if chars[-1] not in "。！？；":
                chars.append("。")  # a paragraph, not a heading-like line
            lines.append("".join(chars))
    return "\n\n".join(lines[:paragraphs]), {k: v for k, v in kinds.items() if k < paragraphs}


def measure(paragraphs: int, seed: int, trace: bool) -> dict[str, Any]:
    t0 = time.perf_counter()
    text, kinds = build_page(paragraphs, seed)
    built = time.perf_counter() - t0
    if trace:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    doc = from_text(text)
    times = {"read": time.perf_counter() - t0}
    cpu = {"read": time.process_time() - c0}
    starts = {p.start: i for i, p in enumerate(doc.paragraphs)}
    removed: dict[int, str] = {}
    for name in FILTER_NAMES:
        t0, c0 = time.perf_counter(), time.process_time()
        with paused_gc():  # as in Pipeline.run
            result = FILTERS[name].apply(doc)
        times[name] = time.perf_counter() - t0
        cpu[name] = time.process_time() - c0
        doc = result.doc
        for c in result.changes:
            if c.action == "remove":
                removed[starts[c.span[0]]] = str(c.data.get("kind"))
    traced = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mb = rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024
    recall: dict[str, float] = {}
    for kind in sorted(set(kinds.values())):
        injected = [i for i, k in kinds.items() if k == kind]
        recall[kind] = round(sum(i in removed for i in injected) / len(injected), 4)
    false = sum(i not in kinds for i in removed)
    return {
        "paragraphs": len(from_text(text).paragraphs),
        "megabytes": round(len(text.encode("utf-8")) / 1e6, 2),
        "build_s": round(built, 2),
        "seconds": {k: round(v, 2) for k, v in times.items()},
        "dedup_total_s": round(sum(v for k, v in times.items() if k != "read"), 2),
        "cpu_seconds": {k: round(v, 2) for k, v in cpu.items()},
        "dedup_total_cpu_s": round(sum(v for k, v in cpu.items() if k != "read"), 2),
        "peak_rss_mb": round(rss_mb, 1),
        "traced_peak_mb": round(traced / 1e6, 1) if traced is not None else None,
        "injected": len(kinds),
        "removed": len(removed),
        "recall": recall,
        "false_removals": false,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paragraphs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    ap.add_argument("--json", help="write the figures to this file too")
    args = ap.parse_args(argv)
    figures = measure(args.paragraphs, args.seed, args.tracemalloc)
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
