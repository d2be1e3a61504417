"""Speed of the character stage alone (W01, U.., P.., T01, O..) on one core, on a 20 MB file.

    .venv/bin/python -m bench.normalize_speed [--mb 20] [--kind page|clean|dirty] [--gc]

The file is built from the repository's own text: ``page`` (the default) is the 20 MB page (c) of
``bench.speed`` (``--mb`` sets its size): Sohu articles stitched into one page with repeats and a
third of the paragraphs printed with half-width punctuation (about one edit per 280 bytes);
``clean`` repeats the clean Sohu articles of ``fixtures/corpus/clean-sohu-2012`` (few candidates:
the fast paths); ``dirty`` repeats the seed pages of ``seeds/``, a worst case: half-width
punctuation on almost every line (one edit per 80 bytes), every rule edits. It is read as
one page, as the CLI would read it, and every stage-1 filter that runs by default is timed in
pipeline order, with the cyclic garbage collector paused as ``Pipeline.run`` pauses it (``--gc``:
with the collector on, as before it was paused). Target (issue 7): at least 20 MB/s for the stage.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import time
from pathlib import Path

from cleaner.filters import FILTERS, ORDER
from cleaner.model import from_text
from cleaner.pipeline import paused_gc

ROOT = Path(__file__).resolve().parent.parent
STAGE1 = tuple(
    n
    for n in ORDER
    if n.split(".")[0] in ("whitespace", "unicode", "punct", "script", "ocr") and FILTERS[n].enabled
)


def build(kind: str, mb: float) -> str:
    if kind == "page":
        from . import speed

        arts = speed.corpus_paragraphs()
        # the page (c) of bench.speed at 20 MB (build_inputs: seed 8 + 1)
        return speed.synth_page(random.Random(9), arts, round(mb * 1e6), speed._sentences(arts))
    folder = ROOT / ("seeds" if kind == "dirty" else "fixtures/corpus/clean-sohu-2012")
    sample = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    size = len(sample.encode("utf-8"))
    return "\n\n".join([sample] * max(1, round(mb * 1e6 / size)))


def measure(text: str, collector: bool = False) -> dict[str, float]:
    megabytes = len(text.encode("utf-8")) / 1e6
    FILTERS["script.simplify"].apply(from_text("級"))  # load OpenCC outside the timing
    doc = from_text(text)
    times: dict[str, float] = {}
    cpu: dict[str, float] = {}
    changes = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    with contextlib.nullcontext() if collector else paused_gc():
        for name in STAGE1:
            t0, c0 = time.perf_counter(), time.process_time()
            result = FILTERS[name].apply(doc)
            times[name] = time.perf_counter() - t0
            cpu[name] = time.process_time() - c0
            doc, changes = result.doc, changes + len(result.changes)
    total = time.perf_counter() - start
    cpu_total = time.process_time() - cpu_start
    ours = total - times.get("whitespace.normalize", 0.0)
    return {
        "megabytes": round(megabytes, 2),
        "seconds": round(total, 3),
        "mb_per_s": round(megabytes / total, 1),
        "mb_per_s_without_W01": round(megabytes / ours, 1),  # issue 7's filters alone
        # CPU time of this process: what a shared, busy machine distorts least
        "cpu_seconds": round(cpu_total, 3),
        "cpu_mb_per_s": round(megabytes / cpu_total, 1),
        "changes": changes,
        **{f"s:{k}": round(v, 3) for k, v in times.items()},
        **{f"cpu:{k}": round(v, 3) for k, v in cpu.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--kind", choices=("page", "clean", "dirty"), default="page")
    parser.add_argument("--gc", action="store_true", help="keep the garbage collector on")
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    figures = measure(build(args.kind, args.mb), collector=args.gc)
    report = {"kind": args.kind, "gc": args.gc, **figures}
    for key, value in report.items():
        print(f"{key:28} {value}")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
