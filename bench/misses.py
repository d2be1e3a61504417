"""What the pipeline got wrong on synthetic pages: each missed or false removal and join.

    python -m bench.misses [--seeds 1000-1199] [--what copy,join] [--limit 200]

The quality benchmark (``bench.quality``) counts; this lists, so that a heuristic is tuned on its
errors. Use it on tuning seeds only (below 9000): a held-out page looked at is no longer held out.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Sequence

from cleaner.model import Change

from . import quality, synth

SHOW = 40  # characters of text shown per piece


def _short(text: str) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= SHOW else text[: SHOW // 2] + "…" + text[-SHOW // 2 :]


def copy_errors(page: synth.Page, changes: Sequence[Change]) -> Iterator[str]:
    """A line per injected copy no removal covers and per removal that covers no copy."""
    copies = page.log["copies"]
    removals = [c for c in changes if c.action == "remove"]
    covered: set[int] = set()
    for ch in removals:
        ranges = quality._ranges(ch)
        hits = [
            k
            for k, c in enumerate(copies)
            if 2 * quality._overlap(ranges, c["start"], c["end"]) >= c["end"] - c["start"]
        ]
        covered.update(hits)
        if not hits:
            yield f"false  {ch.data.get('kind', '?'):8} {ch.code} {_short(ch.before)}"
    for k, c in enumerate(copies):
        if k not in covered:
            notes = [f"{f.code}:{f.reason}" for f in changes if f.action == "flag" and _hits(f, c)]
            text = page.text[c["start"] : c["end"]]
            yield f"missed {c['kind']:8} {_short(text)}  {'; '.join(notes)}"


def join_errors(page: synth.Page, changes: Sequence[Change]) -> Iterator[str]:
    """A line per injected cut no join mends and per join that mends no cut."""
    cuts = page.log["joins"]
    mended: set[int] = set()
    for ch in (c for c in changes if c.action == "join"):
        a, b = ch.span
        hits = [
            k
            for k, cut in enumerate(cuts)
            if quality._overlap([(a, max(b, a + 1))], cut["tail_start"], cut["tail_end"])
        ]
        mended.update(hits[:1])
        if not hits:
            head = ch.data.get("head_span", (a, a))
            yield (
                f"false  {ch.data.get('distance', 'headline'):8} {ch.code} "
                f"{_short(page.text[max(0, head[1] - 20) : head[1]])} + {_short(page.text[a:b])} "
                f"score={ch.data.get('score')} cues={ch.data.get('cues')}"
            )
    for k, cut in enumerate(cuts):
        if k not in mended:
            head = page.text[max(0, cut["head_end"] - 20) : cut["head_end"]]
            tail = page.text[cut["tail_start"] : cut["tail_end"]]
            notes = [f"{f.code}:{f.reason}" for f in changes if f.action == "flag" and _at(f, cut)]
            yield f"missed {cut['distance']:8} {_short(head)} + {_short(tail)}  {'; '.join(notes)}"


def _hits(flag: Change, copy: dict[str, int]) -> bool:
    return quality._overlap(quality._ranges(flag), copy["start"], copy["end"]) > 0


def _at(flag: Change, cut: dict[str, int]) -> bool:
    a, b = flag.span
    return quality._overlap([(a, max(b, a + 1))], cut["tail_start"], cut["tail_end"]) > 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.misses", description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1000-1199", help="a range FIRST-LAST of tuning seeds")
    ap.add_argument("--what", default="copy,join", help="copy, join or both")
    ap.add_argument("--limit", type=int, default=200, help="at most this many lines")
    args = ap.parse_args(argv)
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    if seeds.stop > quality.HELDOUT.start:
        ap.error("held-out seeds (9000 and up) are for reporting, not for looking at errors")
    kinds = set(args.what.split(","))
    tally: Counter[str] = Counter()
    shown = 0
    for seed in seeds:
        page = synth.make_page(seed)
        _, changes = quality._run(page.text, f"synth_{seed}.txt")
        lines = [*copy_errors(page, changes)] if "copy" in kinds else []
        lines += [*join_errors(page, changes)] if "join" in kinds else []
        for line in lines:
            tally[" ".join(line.split()[:2])] += 1
            if shown < args.limit:
                print(f"{seed} {line}")
                shown += 1
    for key, count in sorted(tally.items()):
        print(f"# {key}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
