"""data-juicer's operators that match ours, timed on the same pages (``bench`` extra).

Runs in-process when ``data_juicer`` imports here, or as ``python -m bench.peers DIR...`` in
another interpreter (``CLEANER_PEERS_PYTHON``): data-juicer's ``chinese_convert_mapper`` needs the
OpenCC C++ binding (PyPI ``opencc``), whose module name ``opencc`` is the same as that of
``opencc-python-reimplemented``, which ``cleaner`` uses, so the two cannot share one environment.
Only the standard library and data-juicer are imported here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

OPS = (
    "punctuation_normalization_mapper",
    "chinese_convert_mapper",
    "remove_repeat_sentences_mapper",
)
BATCH = 100  # samples per process_batched call, like a dataset map with batch_size=100


def load_ops() -> tuple[dict[str, Callable[[list[str]], list[str]]], dict[str, str]]:
    """The operators that could be built, and a note for each one that could not."""
    ops: dict[str, Callable[[list[str]], list[str]]] = {}
    notes: dict[str, str] = {}
    try:
        from data_juicer.ops.mapper import chinese_convert_mapper as ccm
        from data_juicer.ops.mapper import punctuation_normalization_mapper as pnm
        from data_juicer.ops.mapper import remove_repeat_sentences_mapper as rrm
    except Exception as e:  # any failure means "not available"
        return {}, {op: f"data_juicer not importable ({type(e).__name__}: {e})" for op in OPS}
    makers: dict[str, Callable[[], Any]] = {
        "punctuation_normalization_mapper": pnm.PunctuationNormalizationMapper,
        "chinese_convert_mapper": lambda: ccm.ChineseConvertMapper("t2s"),
        "remove_repeat_sentences_mapper": rrm.RemoveRepeatSentencesMapper,
    }
    for name, make in makers.items():
        try:
            op = make()
            op.process_batched({op.text_key: ["測試，。"]})
        except Exception as e:
            notes[name] = f"unavailable here ({type(e).__name__}: {e})"
            continue
        ops[name] = _batched(op)
    return ops, notes


def _batched(op: Any) -> Callable[[list[str]], list[str]]:
    def run(texts: list[str]) -> list[str]:
        out: list[str] = []
        for k in range(0, len(texts), BATCH):
            out.extend(op.process_batched({op.text_key: list(texts[k : k + BATCH])})[op.text_key])
        return out

    return run


def version() -> str:
    try:
        import data_juicer

        return str(getattr(data_juicer, "__version__", "?"))
    except Exception:
        return ""


def measure(datasets: dict[str, list[str]], repeat: int = 1) -> dict[str, Any]:
    """Seconds per operator and dataset (best of ``repeat``), each op on the raw pages."""
    ops, notes = load_ops()
    times: dict[str, dict[str, float]] = {}
    for dname, texts in datasets.items():
        times[dname] = {}
        for name, run in ops.items():
            best = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                run(texts)
                best = min(best, time.perf_counter() - t0)
            times[dname][name] = best
    return {"version": version(), "times": times, "notes": notes, "python": sys.executable}


def read_dir(path: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(path.rglob("*.txt"))]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", help="NAME=DIR: pages (*.txt) of one dataset")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    datasets = {}
    for spec in args.dirs:
        name, _, path = spec.partition("=")
        datasets[name] = read_dir(Path(path))
    json.dump(measure(datasets, args.repeat), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
