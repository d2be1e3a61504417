"""The quality benchmark and its regression gate.

    python -m bench.quality [--quick] [--json FILE] [--baseline FILE] [--update-baseline]

Runs the library pipeline (``cleaner.runner.clean_text``, then ``render.to_jsonl``) over:

- ``gold``: the seed pages that have gold (``fixtures/gold/*.json``, pages in ``seeds/``);
- ``dev``: the other seed pages, with draft gold made by the team (``fixtures/gold-dev/``);
- ``tune`` and ``heldout``: synthetic pages (``bench.synth``) of two disjoint seed ranges: tune the
  heuristics on ``tune``, report on ``heldout``;
- ``clean``: the clean articles of ``fixtures/corpus/``, each alone and five at a time on one page.

It prints a row per page and the totals, writes every figure as JSON (``--json``) and, with
``--baseline``, exits 1 when a total is worse than the baseline's beyond the tolerance
(see :func:`worse`). ``--update-baseline`` writes the current totals into the baseline instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cleaner import render
from cleaner.model import Change
from cleaner.runner import clean_text

from . import metrics, synth

ROOT = Path(__file__).resolve().parents[1]
TUNE = range(1000, 1060)
HELDOUT = range(9000, 9060)
QUICK = 3  # synthetic pages per split in --quick
CONCAT = 5  # clean articles per concatenated page

# Tolerance of the gate: a rate (0..1) may get worse by RATE_TOL (RATE_TOL_QUICK in a --quick run,
# whose means are over 3 pages); a precision or recall by that or by one item of its support,
# whichever is larger; a count by max(COUNT_MIN, COUNT_SHARE × baseline). On clean text only the
# counts are gated (its cer and group_f1 say the same as split and merged, with more noise).
RATE_TOL = 0.02
RATE_TOL_QUICK = 0.05
COUNT_MIN = 2
COUNT_SHARE = 0.10
LOWER_IS_BETTER = ("cer", "lost")  # and every count
COUNTS = ("dup_left", "halfwidth", "removed", "joined", "split", "merged", "chars", "trad_chars")


def _run(text: str, source: str) -> tuple[metrics.Page, tuple[Change, ...]]:
    result = clean_text(text, source=source)
    return metrics.jsonl_page(render.to_jsonl(result.doc, source)), result.changes


def _ranges(change: Change) -> list[tuple[int, int]]:
    pieces = change.data.get("pieces")
    if pieces:
        return [(int(a), int(b)) for a, b in pieces]
    return [change.span]


def _overlap(ranges: Iterable[tuple[int, int]], a: int, b: int) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in ranges)


def match(log: Mapping[str, Any], changes: Sequence[Change], output: str = "") -> dict[str, int]:
    """Counts of injected, predicted and matched copies (per kind), joins (per distance) and
    corrections (per reason: made when the output has the corrected text and not the damaged one).

    A removal matches an injected copy when it covers at least half of it; a join matches an
    injected cut when its tail span overlaps the cut's tail. Recall is per injected kind, precision
    per kind the audit gives (``data["kind"]``, ``data["distance"]``; a headline join is a join of
    an H.. filter).
    """
    n: Counter[str] = Counter()
    copies = list(log["copies"])
    used: set[int] = set()
    for ch in (c for c in changes if c.action == "remove"):
        label = str(ch.data.get("kind", "other"))
        n[f"copy.{label}.pred"] += 1
        ranges = _ranges(ch)
        hits = [
            k
            for k, c in enumerate(copies)
            if k not in used and 2 * _overlap(ranges, c["start"], c["end"]) >= c["end"] - c["start"]
        ]
        if hits:
            n[f"copy.{label}.pred_ok"] += 1
            for k in hits:
                used.add(k)
                n[f"copy.{copies[k]['kind']}.found"] += 1
    for c in copies:
        n[f"copy.{c['kind']}.injected"] += 1
    cuts = list(log["joins"])
    taken: set[int] = set()
    for ch in (c for c in changes if c.action == "join"):
        label = "headline" if ch.code.startswith("H") else str(ch.data.get("distance", "adjacent"))
        n[f"join.{label}.pred"] += 1
        a, b = ch.span
        for k, cut in enumerate(cuts):
            if k not in taken and _overlap(
                [(a, max(b, a + 1))], cut["tail_start"], cut["tail_end"]
            ):
                taken.add(k)
                n[f"join.{label}.pred_ok"] += 1
                n[f"join.{cut['distance']}.found"] += 1
                break
    for cut in cuts:
        n[f"join.{cut['distance']}.injected"] += 1
    flat = metrics.squeeze(output)
    for fix in log.get("corrections", ()) if output else ():
        n[f"fix.{fix['why']}.injected"] += 1
        before, after = metrics.squeeze(fix["from"]), metrics.squeeze(fix["to"])
        n[f"fix.{fix['why']}.found"] += after in flat and before not in flat
    return dict(n)


def rates(counts: Mapping[str, int]) -> dict[str, float | None]:
    """Precision and recall per kind (and over all kinds) from :func:`match` counts."""
    out: dict[str, float | None] = {}
    table: Counter[tuple[str, str, str]] = Counter()
    for key, value in counts.items():
        what, kind, field = key.split(".")
        table[what, kind, field] += value
        table[what, "all", field] += value
    for what in ("copy", "join", "fix"):
        kinds = sorted({k for w, k, _ in table if w == what and k != "all"})
        for kind in [*kinds, "all"]:
            pred, inj = table[what, kind, "pred"], table[what, kind, "injected"]
            out[f"{what}.{kind}.P"] = table[what, kind, "pred_ok"] / pred if pred else None
            out[f"{what}.{kind}.R"] = table[what, kind, "found"] / inj if inj else None
            out[f"n.{what}.{kind}.P"], out[f"n.{what}.{kind}.R"] = pred, inj
    return out


def _row(name: str, scores: metrics.Scores) -> dict[str, Any]:
    return {"page": name, **scores.as_dict()}


def gold_section(folder: str = "gold") -> list[dict[str, Any]]:
    rows = []
    for path in sorted((ROOT / "fixtures" / folder).glob("*.json")):
        page = ROOT / "seeds" / f"{path.stem}.txt"
        out, _ = _run(page.read_text(encoding="utf-8"), page.name)
        rows.append(_row(path.stem[:12], metrics.score(metrics.load_gold(path), out)))
    return rows


def synth_section(seeds: Iterable[int]) -> list[dict[str, Any]]:
    rows = []
    for seed in seeds:
        page = synth.make_page(seed)
        out, changes = _run(page.text, f"synth_{seed}.txt")
        row = _row(f"synth_{seed}", metrics.score(metrics.gold_page(page.gold), out))
        row["counts"] = match(page.log, changes, "".join(p for a in out for p in a))
        rows.append(row)
    return rows


def _clean_pages(quick: bool) -> list[tuple[str, list[str], bool]]:
    """(name, articles' texts, traditional) for each clean test page."""
    pages = []
    for folder in sorted((ROOT / "fixtures" / "corpus").iterdir()):
        if not folder.is_dir():
            continue
        files = sorted(folder.glob("*.txt"))[: 3 if quick else None]
        texts = [f.read_text(encoding="utf-8") for f in files]
        trad = folder.name.startswith("traditional")
        pages += [
            (f"{folder.name[:5]}/{f.stem}", [t], trad) for f, t in zip(files, texts, strict=True)
        ]
        for k in range(0, len(texts), CONCAT):
            group = texts[k : k + CONCAT]
            if len(group) > 1:
                pages.append((f"{folder.name[:5]}/cat{k // CONCAT}", group, trad))
    return pages


def clean_section(quick: bool) -> list[dict[str, Any]]:
    rows = []
    for name, texts, trad in _clean_pages(quick):
        gold = [metrics.raw_page(t)[0] for t in texts]
        out, changes = _run("\n\n".join(t.strip("\n") for t in texts) + "\n", f"{name}.txt")
        scores = metrics.score(gold, out)
        pairs = metrics._align(gold, out)
        acts = Counter(c.action for c in changes)
        chars = sum(max(len(c.before), len(c.after)) for c in changes if c.action == "edit")
        row = _row(name, scores)
        row.update(
            paras=sum(map(len, gold)),
            removed=acts["remove"],
            joined=acts["join"],
            split=sum(len({o for g2, o in pairs if g2 == g}) - 1 for g in {g for g, _ in pairs}),
            merged=sum(len({g for g, o2 in pairs if o2 == o}) - 1 for o in {o for _, o in pairs}),
            chars=chars,
            trad_chars=chars if trad else 0,
        )
        rows.append(row)
    return rows


def totals(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Means of the rates, sums of the counts, the worst ``lost``, pooled precision and recall."""
    if not rows:
        return {}
    tot: dict[str, Any] = {"pages": len(rows)}
    for key in ("cer", "para_f1", "group_f1"):
        tot[key] = sum(r[key] for r in rows) / len(rows)
    tot["lost"] = max(r["lost"] for r in rows)
    for key in (*COUNTS, "paras"):
        if key in rows[0]:
            tot[key] = sum(r[key] for r in rows)
    if "counts" in rows[0]:
        pooled: Counter[str] = Counter()
        for r in rows:
            pooled.update(r["counts"])
        tot.update(rates(pooled))
    return tot


def worse(
    metric: str, now: float | None, base: float | None, support: int = 0, rate_tol: float = RATE_TOL
) -> bool:
    """Whether ``now`` is worse than ``base`` beyond the tolerance (see the module constants).

    ``support`` is the number of items a precision or recall was counted over in the baseline.
    """
    if now is None or base is None:
        return False
    lower = metric in LOWER_IS_BETTER or metric in COUNTS
    tol = max(COUNT_MIN, COUNT_SHARE * abs(base)) if metric in COUNTS else rate_tol
    if support:
        tol = max(tol, 1 / support)
    delta = now - base if lower else base - now
    return delta > tol + 1e-9


def gate(
    current: Mapping[str, Any], baseline: Mapping[str, Any], rate_tol: float = RATE_TOL
) -> list[str]:
    """The figures of ``current`` that are worse than ``baseline``, as messages."""
    out = []
    for section, figures in baseline.items():
        for metric, base in figures.items():
            if metric in ("pages", "paras") or metric.startswith("n."):
                continue
            if section == "clean" and metric not in COUNTS:
                continue
            now = current.get(section, {}).get(metric)
            support = int(figures.get(f"n.{metric}") or 0)
            if worse(metric, now, base, support, rate_tol):
                out.append(f"{section}.{metric}: {_fmt(now)} (baseline {_fmt(base)})")
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def table(name: str, rows: Sequence[dict[str, Any]], tot: Mapping[str, Any]) -> str:
    cols = ["cer", "para_f1", "group_f1", "dup_left", "lost", "halfwidth", "out_articles"]
    if rows and "removed" in rows[0]:
        cols = ["cer", "group_f1", "removed", "joined", "split", "merged", "chars"]
    lines = [f"== {name} ==", f"{'page':<16}" + "".join(f"{c:>13}" for c in cols)]
    for r in rows:
        lines.append(f"{r['page']:<16}" + "".join(f"{_fmt(r.get(c)):>13}" for c in cols))
    lines.append(f"{'TOTAL':<16}" + "".join(f"{_fmt(tot.get(c)):>13}" for c in cols))
    extra = [f"{k} {_fmt(v)}" for k, v in tot.items() if k.count(".") == 2]
    for k in range(0, len(extra), 6):
        lines.append("  " + "   ".join(extra[k : k + 6]))
    return "\n".join(lines)


def summary(tots: Mapping[str, Mapping[str, Any]]) -> str:
    """The totals of every section as a Markdown table (the one the README shows)."""
    keys = [
        "pages", "cer", "para_f1", "group_f1", "dup_left", "lost", "halfwidth",
        "copy.all.P", "copy.all.R", "join.adjacent.P", "join.adjacent.R",
        "join.distant.P", "join.distant.R", "join.headline.R", "fix.all.R",
        "removed", "joined", "split", "merged", "chars",
    ]  # fmt: skip
    lines = ["| figure | " + " | ".join(tots) + " |", "|---" * (len(tots) + 1) + "|"]
    for key in keys:
        if any(key in t for t in tots.values()):
            cells = [_fmt(t.get(key)) if key in t else "" for t in tots.values()]
            lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(quick: bool) -> dict[str, Any]:
    sections = {
        "gold": gold_section(),
        "dev": gold_section("gold-dev"),
        "tune": synth_section(TUNE[:QUICK] if quick else TUNE),
        "heldout": synth_section(HELDOUT[:QUICK] if quick else HELDOUT),
        "clean": clean_section(quick),
    }
    return {
        "mode": "quick" if quick else "full",
        "pages": sections,
        "totals": {k: totals(v) for k, v in sections.items()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="a few pages of each kind (the test)")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    ap.add_argument("--baseline", type=Path, help="compare the totals with this baseline")
    ap.add_argument("--update-baseline", action="store_true", help="write the totals into it")
    args = ap.parse_args(argv)
    report = run(args.quick)
    for name, rows in report["pages"].items():
        print(table(name, rows, report["totals"][name]), end="\n\n")
    print(summary(report["totals"]), end="\n\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.baseline is None:
        return 0
    stored = json.loads(args.baseline.read_text("utf-8")) if args.baseline.exists() else {}
    if args.update_baseline:
        stored[report["mode"]] = report["totals"]
        args.baseline.write_text(json.dumps(stored, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"baseline updated: {args.baseline} ({report['mode']})")
        return 0
    if report["mode"] not in stored:
        print(f"no {report['mode']} figures in {args.baseline}", file=sys.stderr)
        return 1
    tol = RATE_TOL_QUICK if args.quick else RATE_TOL
    failures = gate(report["totals"], stored[report["mode"]], tol)
    for line in failures:
        print(f"worse than baseline: {line}", file=sys.stderr)
    if failures:
        print(
            "(if intended: python -m bench.quality [--quick] --baseline FILE --update-baseline)",
            file=sys.stderr,
        )
        return 1
    print(f"gate passed against {args.baseline} ({report['mode']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
