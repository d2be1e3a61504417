"""Held-out clean-text segmentation: the shared clean articles that are NOT in ``fixtures/corpus``.

    python -m bench.clean_heldout [--corpus DIR] [--json FILE] [--verbose]

The clean section of :mod:`bench.quality` runs on ``fixtures/corpus`` (tuned on). This runs the same
measure (each article alone, and five at a time concatenated into one page; counts of articles
split and merged) on the other articles of ``../shared/corpus``, which nobody tuned on: report only,
never tune on it. ``--verbose`` prints, for each wrong page, where the output's articles begin.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import metrics
from .quality import CONCAT, ROOT, _fmt, _run

SHARED = ROOT.parent / "shared" / "corpus"
TUNED = ROOT / "fixtures" / "corpus"


def heldout_pages(corpus: Path = SHARED) -> list[tuple[str, list[str]]]:
    """(name, articles' texts) for each held-out article alone and each run of ``CONCAT``."""
    pages: list[tuple[str, list[str]]] = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        tuned = {f.name for f in (TUNED / folder.name).glob("*.txt")}
        files = [f for f in sorted(folder.glob("*.txt")) if f.name not in tuned]
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
                "group_f1": metrics.score(gold, out).group_f1,
                "split": split,
                "merged": merged,
                "removed": acts["remove"],
                "joined": acts["join"],
            }
        )
        if verbose and (split or merged):
            print(f"-- {name}: split {split} merged {merged}")
            for a in out:
                print(f"   | {a[0][:40]!r} ({len(a)} paras)")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.clean_heldout", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=SHARED)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    rows = measure(heldout_pages(args.corpus), args.verbose)
    cat = [r for r in rows if "/cat" in r["page"]]
    alone = [r for r in rows if "/cat" not in r["page"]]
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
    for r in cat:
        print(f"{r['page']:<14} split {r['split']} merged {r['merged']} f1 {r['group_f1']:.4f}")
    print("  ".join(f"{k} {_fmt(v)}" for k, v in tot.items()))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "totals": tot}, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
