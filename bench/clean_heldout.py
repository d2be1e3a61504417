"""Held-out clean-text segmentation: the shared clean articles that are NOT in ``fixtures/corpus``.

    python -m bench.clean_heldout [--corpus DIR] [--json FILE]
    python -m bench.clean_heldout --tune [--half a|b] [--verbose]

The clean section of :mod:`bench.quality` runs on ``fixtures/corpus`` (tuned on). This runs the same
measure (each article alone, and five at a time concatenated into one page; counts of articles
split and merged) on the other articles of ``../shared/corpus``, which nobody tuned on: report only,
never tune on it (so it has no ``--verbose``).

``--tune`` measures the same on tuning material instead: the ``fixtures/corpus`` articles in many
random groupings and orders (fixed seeds), and the articles of the seed pages' gold and draft gold
(``fixtures/gold``, ``fixtures/gold-dev``) rendered as clean text (headline lines, byline lines,
body paragraphs, a blank line between each), each alone, in page order five at a time, and in random
groupings. ``--half a`` / ``--half b`` keeps one half of the tuning articles (split by a hash of
the article's name: the fixture file, or the gold page and article number) and groups only those:
tune a rule on one half, check it on the other, keep it only if it helps on both.
``--verbose`` (tuning material only) prints, for each wrong page, where the output's
articles begin and which gold articles were split or merged.

A line printed identically in two articles of a page (a credit line, common in the Apple Daily
stories) counts with the article it stands in (``metrics._align``; since 2026-11-23 17:50: before,
a right output counted one split and one merged for it).

Since 2026-11-23 16:15 half of those shared articles are tuning material too (``promoted``: the
tuning articles had no article that is split when alone, the held-out ones had five): ``--tune``
adds them (tag ``share``), and the held-out measure runs on the other half only (``--all``: on
both halves, as before that day, for comparison).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import metrics
from .quality import CONCAT, ROOT, _fmt, _run

SHARED = ROOT.parent / "shared" / "corpus"
TUNED = ROOT / "fixtures" / "corpus"
GOLDS = (ROOT / "fixtures" / "gold", ROOT / "fixtures" / "gold-dev")
SHUFFLED = 200  # random pages of CONCAT fixture articles (seeds 0..SHUFFLED-1)
GOLD_SHUFFLED = 60  # random pages of CONCAT gold articles
_GOLD_KINDS = ("article", "brief", "photo", "sidebar")  # the kinds that have a headline


def in_half(name: str, half: str | None) -> bool:
    """Whether the article ``name`` is in tuning half ``half`` (``a`` or ``b``; None: both).

    >>> [in_half("0001.txt", h) for h in ("a", "b", None)].count(True)
    2
    """
    return half is None or "ab"[zlib.crc32(name.encode("utf-8")) % 2] == half


def gold_articles() -> list[tuple[str, str]]:
    """(name, clean text) of each headed article of the seed pages' gold and draft gold."""
    out = []
    for folder in GOLDS:
        for f in sorted(folder.glob("*.json")):
            for k, a in enumerate(json.loads(f.read_text(encoding="utf-8"))["articles"]):
                if a["kind"] not in _GOLD_KINDS or not a["headline"]:
                    continue
                lines = [*a["headline"], *a["byline"], *a["body"]]
                out.append((f"{f.stem[:3]}#{k}", "\n\n".join(lines) + "\n"))
    return out


def tune_pages(half: str | None = None) -> list[tuple[str, list[str]]]:
    """(name, articles' texts) of the tuning material (see the module's docstring), of one half
    of its articles only if ``half`` is given."""
    pages: list[tuple[str, list[str]]] = []
    share = 1 if half is None else 2  # (a half: half as many random pages, same cost each)
    for folder in sorted(p for p in TUNED.iterdir() if p.is_dir()):
        files = [f for f in sorted(folder.glob("*.txt")) if in_half(f.name, half)]
        texts = [f.read_text(encoding="utf-8") for f in files]
        tag = folder.name[:5]
        for k in range(0, len(texts), CONCAT):  # as bench.quality groups them
            pages.append((f"{tag}/cat{k // CONCAT}", texts[k : k + CONCAT]))
        for seed in range((SHUFFLED if tag == "clean" else SHUFFLED // 5) // share):
            picks = random.Random(seed).sample(range(len(texts)), CONCAT)
            pages.append(
                (
                    f"{tag}/r{seed}:" + ",".join(files[p].stem for p in picks),
                    [texts[p] for p in picks],
                )
            )
    if SHARED.is_dir():  # the promoted shared articles: alone, in order and in random groups
        for folder, found in shared_articles(SHARED, True):
            files = [f for f in found if in_half(f.name, half)]
            texts = [f.read_text(encoding="utf-8") for f in files]
            tag = "share" if folder.name.startswith("clean") else f"share-{folder.name[:5]}"
            pages += [(f"{tag}/{f.stem}", [t]) for f, t in zip(files, texts, strict=True)]
            for k in range(0, len(texts) - 1, CONCAT):
                pages.append((f"{tag}/cat{k // CONCAT}", texts[k : k + CONCAT]))
            for seed in range(40 // share if len(texts) >= CONCAT else 0):
                picks = random.Random(500 + seed).sample(range(len(texts)), CONCAT)
                name = f"{tag}/r{seed}:" + ",".join(files[p].stem for p in picks)
                pages.append((name, [texts[p] for p in picks]))
    golds = [(n, t) for n, t in gold_articles() if in_half(n, half)]
    pages += [(f"gold/{n}", [t]) for n, t in golds]
    for k in range(0, len(golds), CONCAT):
        group = golds[k : k + CONCAT]
        pages.append((f"gold/cat{k // CONCAT}", [t for _, t in group]))
    for seed in range(GOLD_SHUFFLED // share):
        picks = random.Random(1000 + seed).sample(range(len(golds)), CONCAT)
        name = f"gold/r{seed}:" + ",".join(golds[p][0] for p in picks)
        pages.append((name, [golds[p][1] for p in picks]))
    return pages


def promoted(name: str) -> bool:
    """Whether the shared article ``name`` (not in fixtures) is tuning material (half of them).

    >>> sum(promoted(f"{k:04d}.txt") for k in range(100)) in range(35, 66)
    True
    """
    return zlib.crc32(b"promoted:" + name.encode("utf-8")) % 2 == 0


def shared_articles(corpus: Path, tuning: bool | None) -> list[tuple[Path, list[Path]]]:
    """Each corpus folder's articles that are not in fixtures: the promoted half (``tuning``
    True), the held-out half (False) or both (None)."""
    out = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        tuned = {f.name for f in (TUNED / folder.name).glob("*.txt")}
        files = [f for f in sorted(folder.glob("*.txt")) if f.name not in tuned]
        out.append((folder, [f for f in files if tuning is None or promoted(f.name) == tuning]))
    return out


def heldout_pages(corpus: Path = SHARED, everything: bool = False) -> list[tuple[str, list[str]]]:
    """(name, articles' texts) for each held-out article alone and each run of ``CONCAT``
    (``everything``: the promoted articles too)."""
    pages: list[tuple[str, list[str]]] = []
    for folder, files in shared_articles(corpus, None if everything else False):
        texts = [f.read_text(encoding="utf-8") for f in files]
        pages += [(f"{folder.name[:5]}/{f.stem}", [t]) for f, t in zip(files, texts, strict=True)]
        for k in range(0, len(texts), CONCAT):
            group = texts[k : k + CONCAT]
            if len(group) > 1:
                pages.append((f"{folder.name[:5]}/cat{k // CONCAT}", group))
    return pages


def measure(pages: Sequence[tuple[str, list[str]]], verbose: bool = False) -> list[dict[str, Any]]:
    rows = []
    for name, texts in pages:
        gold = [metrics.raw_page(t)[0] for t in texts]
        out, changes = _run("\n\n".join(t.strip("\n") for t in texts) + "\n", f"{name}.txt")
        pairs = metrics._align(gold, out)
        acts = Counter(c.action for c in changes)
        split = sum(len({o for g2, o in pairs if g2 == g}) - 1 for g in {g for g, _ in pairs})
        merged = sum(len({g for g, o2 in pairs if o2 == o}) - 1 for o in {o for _, o in pairs})
        rows.append(
            {
                "page": name,
                "articles": len(texts),
                "paras": sum(map(len, gold)),
                "group_f1": metrics.group_f1(gold, out, by_article=True),
                "split": split,
                "merged": merged,
                "removed": acts["remove"],
                "joined": acts["join"],
            }
        )
        if verbose and (split or merged):
            _explain(name, gold, out, pairs, split, merged)
    return rows


def _explain(
    name: str,
    gold: metrics.Page,
    out: metrics.Page,
    pairs: Sequence[tuple[int, int]],
    split: int,
    merged: int,
) -> None:
    print(f"-- {name}: split {split} merged {merged}")
    for g in sorted({g for g, _ in pairs}):
        outs = sorted({o for g2, o in pairs if g2 == g})
        if len(outs) > 1:  # where each further piece starts
            for o in outs[1:]:
                print(f"   SPLIT gold {g} at {out[o][0][:50]!r}")
    for o in sorted({o for _, o in pairs}):
        golds = sorted({g for g, o2 in pairs if o2 == o})
        if len(golds) > 1:
            heads = ", ".join(repr(gold[g][0][:30]) for g in golds[1:])
            print(f"   MERGED into {out[o][0][:30]!r}: {heads}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.clean_heldout", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=SHARED)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--tune", action="store_true", help="measure the tuning material instead")
    ap.add_argument("--half", choices=("a", "b"), help="one half of the tuning articles only")
    ap.add_argument("--verbose", action="store_true", help="list the errors (with --tune only)")
    ap.add_argument("--all", action="store_true", help="held-out and promoted articles together")
    args = ap.parse_args(argv)
    if (args.verbose or args.half) and not args.tune:
        ap.error("--verbose/--half: tuning material only (--tune); held-out is report-only")
    pages = tune_pages(args.half) if args.tune else heldout_pages(args.corpus, args.all)
    rows = measure(pages, args.verbose)
    cat = [r for r in rows if r["articles"] > 1]
    alone = [r for r in rows if r["articles"] == 1]
    tot = {
        "pages": len(rows),
        "articles_alone": len(alone),
        "split_alone": sum(r["split"] for r in alone),
        "articles_cat": sum(r["articles"] for r in cat),
        "split_cat": sum(r["split"] for r in cat),
        "merged_cat": sum(r["merged"] for r in cat),
        "removed": sum(r["removed"] for r in rows),
        "joined": sum(r["joined"] for r in rows),
        "group_f1": sum(r["group_f1"] for r in rows) / max(len(rows), 1),
    }
    wrong = tot["split_cat"] + tot["merged_cat"]
    tot["wrong_share_cat"] = wrong / max(tot["articles_cat"], 1)
    if not args.tune:
        for r in cat:
            print(f"{r['page']:<14} split {r['split']} merged {r['merged']} f1 {r['group_f1']:.4f}")
    else:
        _by_source(rows)
    print("  ".join(f"{k} {_fmt(v)}" for k, v in tot.items()))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "totals": tot}, indent=1) + "\n", "utf-8")
    return 0


def _by_source(rows: Sequence[dict[str, Any]]) -> None:
    """Totals per source of the tuning material (fixture corpus folder, gold)."""
    for tag in sorted({r["page"].split("/")[0] for r in rows}):
        mine = [r for r in rows if r["page"].startswith(tag + "/")]
        cat = [r for r in mine if r["articles"] > 1]
        alone = [r for r in mine if r["articles"] == 1]
        n = sum(r["articles"] for r in cat)
        wrong = sum(r["split"] + r["merged"] for r in cat)
        print(
            f"{tag:<6} alone {len(alone)} split {sum(r['split'] for r in alone)} | "
            f"cat pages {len(cat)} articles {n} split {sum(r['split'] for r in cat)} "
            f"merged {sum(r['merged'] for r in cat)} wrong {wrong / max(n, 1):.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
