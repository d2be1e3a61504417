"""Speed and memory of the pipeline, per filter, side by side with a naive baseline and data-juicer.

``python -m bench.speed [--quick] [--json FILE]`` (``make bench``) measures, on (a) the seed pages,
(b) synthetic pages (1,000 of about 20 KB, 20 MB in all) and (c) one large page (about 20 MB):

- the whole pipeline through the library API (``clean_text`` then ``render.to_text``): throughput
  in MB/s of UTF-8 input, wall and CPU time, and peak memory (``tracemalloc`` over at most 100
  pages; for the large page, the peak RSS of the child process that runs it);
- each filter alone, timed in a step-by-step run (``model.from_text``, each filter of
  ``Pipeline.from_settings(Settings())`` once, ``render.to_text``), with its share of that run and
  the peak memory it adds; the step-by-step run leaves out what ``Pipeline.run`` adds (dedup.near
  before the joins, reruns of the repeat-and-join block), so it gives shares, not the total;
- the naive baseline (``bench.baseline_naive``) and data-juicer's matching operators
  (``bench.peers``, where available) on the same pages, as ratios from the same run;
- the ``clean`` command as a user runs it: ``clean --help`` and one small file (best of 5),
  and ``-j 1`` against ``-j 2`` on (b); peak memory of a child is its ``ru_maxrss`` (through
  ``getrusage(RUSAGE_CHILDREN)`` in a small launcher; it includes the workers the child reaped).

The synthetic pages are built here, deterministically, from ``fixtures/corpus/clean-sohu-2012``:
articles stitched into pages, paragraphs and blocks repeated, half-width punctuation injected.
``--quick`` uses small sizes (25 pages, a 0.5 MB page) to finish in under 30 seconds on an idle
machine. Targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "fixtures" / "corpus" / "clean-sohu-2012"
SEEDS = REPO / "seeds"
MB = 1_000_000
DATASETS = ("seeds", "synth", "big")
TRACED_PAGES = 100  # the tracemalloc pass runs over at most about this many pages (evenly spread)

# Full-width punctuation that OCR often prints half-width (what the synthetic damage injects).
HALF = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}
TARGETS = {
    "pipeline_mb_s_synth": (">=", 5.0, "whole pipeline on (b), one core, MB/s"),
    "pipeline_cpu_mb_s_synth": (">=", 5.0, "the same in CPU time (other jobs' load left out)"),
    "jobs_speedup": (">=", 1.8, "-j 2 / -j 1 on (b), CLI"),
    "big_seconds": ("<=", 10.0, "whole pipeline on (c), seconds"),
    "big_peak_mb": ("<=", 1000.0, "peak memory on (c), MB (RSS of a child)"),
    "help_seconds": ("<=", 0.3, "clean --help, seconds"),
    "normalization_mb_s_big": (">=", 20.0, "character stage alone (W, U, P, T, O) on (c), MB/s"),
}
STAGE1_CODES = tuple("WUPTO")  # the character filters' code letters (issue 7's stage)


# ---------------------------------------------------------------------------------------------
# Inputs


def corpus_paragraphs() -> list[list[str]]:
    """The clean articles, each as its list of non-blank lines."""
    arts = []
    for path in sorted(CORPUS.glob("*.txt")):
        paras = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        if paras:
            arts.append(paras)
    return arts


def _damage(rng: random.Random, para: str) -> str:
    """Some full-width punctuation printed half-width, as in the seed pages."""
    if rng.random() >= 0.35:
        return para
    return "".join(HALF[c] if c in HALF and rng.random() < 0.6 else c for c in para)


def _mixed(rng: random.Random, sentences: list[str]) -> str:
    """A paragraph made of a few corpus sentences: mostly unique text on a very long page."""
    return "".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))


def synth_page(
    rng: random.Random,
    arts: list[list[str]],
    target_bytes: int,
    sentences: list[str] | None = None,
) -> str:
    """Articles stitched into one page until it has ``target_bytes``, with repeats injected.

    With ``sentences``, most paragraphs are recombined from corpus sentences, so that a page much
    larger than the corpus is not made of the same few hundred paragraphs over and over.
    """
    lines: list[str] = []
    size = 0
    while size < target_bytes:
        art = rng.choice(arts)
        paras = [art[0]] + [
            _mixed(rng, sentences) if sentences and rng.random() < 0.7 else p for p in art[1:]
        ]
        block = [_damage(rng, p) for p in paras]
        if len(block) > 2 and rng.random() < 0.5:  # one paragraph printed many times
            k = rng.randrange(1, len(block))
            block[k + 1 : k + 1] = [block[k]] * rng.randint(2, 12)
        if len(block) > 4 and rng.random() < 0.3:  # a block of paragraphs printed again
            k = rng.randrange(1, len(block) - 3)
            n = rng.randint(2, 3)
            block.extend(block[k : k + n])
        if lines and rng.random() < 0.2:  # a paragraph of an earlier article printed here
            block.insert(rng.randrange(len(block)), rng.choice(lines))
        lines.extend(block)
        lines.append("")
        size += sum(len(p.encode("utf-8")) + 1 for p in block) + 1
    return "\n".join(lines)


def _sentences(arts: list[list[str]]) -> list[str]:
    out: list[str] = []
    for art in arts:
        for para in art[1:]:
            out.extend(s + "。" for s in para.split("。") if len(s) >= 8)
    return out


def build_inputs(
    root: Path, quick: bool, only: Sequence[str] = DATASETS, seed: int = 8
) -> dict[str, Path]:
    """Write the synthetic datasets of ``only`` under ``root``; return each dataset's folder."""
    arts = corpus_paragraphs()
    rng = random.Random(seed)
    n_pages, page_bytes, big_bytes = (25, 18_000, MB // 2) if quick else (1000, 18_000, 20 * MB)
    folders = {"seeds": SEEDS, "synth": root / "synth", "big": root / "big"}
    if "synth" in only:
        folders["synth"].mkdir()
        for k in range(n_pages):
            text = synth_page(rng, arts, page_bytes)
            (folders["synth"] / f"page{k:04d}.txt").write_text(text, encoding="utf-8")
    if "big" in only:
        folders["big"].mkdir()
        text = synth_page(random.Random(seed + 1), arts, big_bytes, _sentences(arts))
        (folders["big"] / "big.txt").write_text(text, encoding="utf-8")
    return {name: folders[name] for name in only}


def read_pages(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def nbytes(texts: Sequence[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


# ---------------------------------------------------------------------------------------------
# In-process measurements


def time_pipeline(texts: Sequence[str]) -> tuple[float, float]:
    """Wall and CPU seconds to clean and render every page through the library API.

    This is the figure of record: the step-by-step timing (:func:`time_steps`) runs each filter
    once, so it leaves out what ``Pipeline.run`` adds (dedup.near before the joins, the rerun of
    the repeat-and-join block) and only gives the shares.
    """
    from cleaner.render import to_text
    from cleaner.runner import clean_text

    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        to_text(clean_text(text).doc)
    return time.perf_counter() - t0, time.process_time() - c0


def steps() -> list[tuple[str, Callable[[Any], Any]]]:
    """The pipeline as timed steps: reading into the model, each filter, rendering."""
    from cleaner.config import Settings
    from cleaner.model import from_text
    from cleaner.pipeline import Pipeline
    from cleaner.render import to_text

    out: list[tuple[str, Callable[[Any], Any]]] = [("(read)", from_text)]
    for flt, options in Pipeline.from_settings(Settings()).steps:
        out.append((f"{flt.code} {flt.name}", _step(flt, options)))
    out.append(("(render)", to_text))
    return out


def steps_in_child(folder: Path, out: Path) -> tuple[dict[str, float], tuple[float, float], float]:
    """:func:`time_steps` and :func:`time_pipeline` over ``folder`` in a child process: seconds
    per step, the pipeline's wall and CPU seconds, and the child's peak RSS in MB."""
    _, rss = run_child([sys.executable, "-m", "bench.speed", "--steps-of", str(folder), str(out)])
    got = json.loads(out.read_text(encoding="utf-8"))
    wall, cpu = got["pipeline"]
    return dict(got["steps"]), (float(wall), float(cpu)), rss


def same_as_library(texts: Sequence[str]) -> bool:
    """Whether running :func:`steps` by hand gives what ``clean_text`` and ``to_text`` give."""
    from cleaner.render import to_text
    from cleaner.runner import clean_text

    for text in texts:
        value: Any = text
        for _, step in steps():
            value = step(value)
        if value != to_text(clean_text(text).doc):
            return False
    return True


def _step(flt: Any, options: Any) -> Callable[[Any], Any]:
    return lambda doc: flt.apply(doc, options).doc


def time_steps(
    texts: Sequence[str], traced: bool = False, cpu: dict[str, float] | None = None
) -> dict[str, float]:
    """Seconds per step over all pages; with ``traced``, the peak bytes each step adds instead.
    With ``cpu``, also the CPU seconds of this process per step, put there (on a shared
    machine, other jobs make wall time noisy; CPU time much less so).

    Each page runs with the garbage collector paused, as ``clean_text`` runs it.
    """
    from cleaner.pipeline import paused_gc

    plan = steps()
    total = dict.fromkeys((name for name, _ in plan), 0.0)
    if cpu is not None:
        cpu.update(dict.fromkeys(total, 0.0))
    base = tracemalloc.get_traced_memory()[0] if traced else 0
    overall = 0
    for text in texts:
        value: Any = text
        with paused_gc():
            for name, step in plan:
                if traced:
                    before = tracemalloc.get_traced_memory()[0]
                    tracemalloc.reset_peak()
                    value = step(value)
                    peak = tracemalloc.get_traced_memory()[1]
                    total[name] = max(total[name], peak - before)
                    overall = max(overall, peak - base)
                elif cpu is not None:
                    c0, t0 = time.process_time(), time.perf_counter()
                    value = step(value)
                    total[name] += time.perf_counter() - t0
                    cpu[name] += time.process_time() - c0
                else:
                    t0 = time.perf_counter()
                    value = step(value)
                    total[name] += time.perf_counter() - t0
    if traced:
        total["(all)"] = overall
    return total


def time_baseline(texts: Sequence[str]) -> dict[str, float]:
    from bench import baseline_naive

    out = dict.fromkeys((name for name, _ in baseline_naive.STEPS), 0.0)
    baseline_naive.t2s("預熱")  # load the dictionaries outside the timing
    for text in texts:
        for name, step in baseline_naive.STEPS:
            t0 = time.perf_counter()
            text = step(text)
            out[name] += time.perf_counter() - t0
    return out


def run_peers(datasets: dict[str, list[str]], folders: dict[str, Path]) -> dict[str, Any]:
    """data-juicer in ``CLEANER_PEERS_PYTHON`` or ``.venv-peers`` if there is one, else here."""
    from bench import peers

    python = os.environ.get("CLEANER_PEERS_PYTHON") or str(REPO / ".venv-peers" / "bin" / "python")
    if not Path(python).exists():
        ops, notes = peers.load_ops()
        if ops:
            return peers.measure(datasets)
        note = next(iter(notes.values()), "data_juicer not importable")
        return {"version": "", "times": {}, "notes": {"all": f"skipped: {note}"}}
    args = [python, "-m", "bench.peers", *(f"{k}={v}" for k, v in folders.items())]
    proc = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"version": "", "times": {}, "notes": {"all": f"failed in {python}: {tail[0]}"}}
    return dict(json.loads(proc.stdout))


# ---------------------------------------------------------------------------------------------
# The command, in child processes


# Children are started from this small launcher, not from the benchmark process: a child's
# ru_maxrss keeps the peak of the process it was forked from (Linux carries it across exec), and
# the benchmark process is large by then. What the launcher prints: exit status, wall seconds,
# peak resident KB of its children (the command and the workers the command reaped).
LAUNCHER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - t
sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-300:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([proc.returncode, seconds, peak]))
"""


def run_child(args: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a command (and of the workers it reaped)."""
    proc = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, check=True
    )
    status, seconds, kb = json.loads(proc.stdout)
    if status not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {status}: {proc.stderr.strip()}")
    return float(seconds), kb * 1024 / MB


def clean_command() -> list[str]:
    script = Path(sys.executable).parent / "clean"
    return [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]


def measure_cli(root: Path, synth: Path) -> dict[str, float]:
    clean = clean_command()
    small = sorted(SEEDS.glob("*.txt"))[0]
    help_runs = [run_child([*clean, "--help"]) for _ in range(5)]
    small_runs = [
        run_child([*clean, str(small), "-o", str(root / f"small{k}"), "-q", "--no-cache"])
        for k in range(5)
    ]
    j1 = run_child([*clean, str(synth), "-o", str(root / "j1"), "-j", "1", "-q", "--no-cache"])
    j2 = run_child([*clean, str(synth), "-o", str(root / "j2"), "-j", "2", "-q", "--no-cache"])
    return {
        "help_seconds": min(s for s, _ in help_runs),
        "help_peak_mb": min(m for _, m in help_runs),
        "small_file_seconds": min(s for s, _ in small_runs),
        "small_file_peak_mb": min(m for _, m in small_runs),
        "j1_seconds": j1[0],
        "j1_peak_mb": j1[1],
        "j2_seconds": j2[0],
        "j2_peak_mb": j2[1],
        "jobs_speedup": j1[0] / j2[0] if j2[0] else 0.0,
    }


# ---------------------------------------------------------------------------------------------
# The run


def measure(
    quick: bool, only: Sequence[str] = DATASETS, cli: bool = True, inprocess: bool = True
) -> dict[str, Any]:
    from cleaner import __version__

    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        folders = build_inputs(root, quick, only)
        built = time.perf_counter() - t0
        data = {name: read_pages(folder) for name, folder in folders.items()}
        t0 = time.perf_counter()
        time_pipeline(read_pages(SEEDS)[:1])  # one-time set-up (tables, lazy imports): not timed
        warmup = time.perf_counter() - t0
        if not same_as_library(read_pages(SEEDS)):
            raise SystemExit("the step-by-step run differs from clean_text: fix steps()")
        report: dict[str, Any] = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "quick": quick,
            "cleaner": __version__,
            "python": platform.python_version(),
            "machine": {"cpus": os.cpu_count(), "load": [round(x, 2) for x in os.getloadavg()]},
            "build_seconds": round(built, 2),
            "warmup_seconds": round(warmup, 2),
            "steps": [name for name, _ in steps()],
            "datasets": {},
            "pipeline": {},
            "filters": {},
            "baseline": {},
        }
        for name, texts in data.items() if inprocess else ():
            size = nbytes(texts)
            report["datasets"][name] = {
                "pages": len(texts),
                "mb": size / MB,
                "lines": sum(t.count("\n") + 1 for t in texts),
            }
            cpu: dict[str, float] = {}
            whole = (0.0, 0.0)
            if name == "big":  # one page: timed in a child, whose peak RSS is the peak memory
                per_step, whole, rss = steps_in_child(folders[name], root / "steps.json")
                step_peak = dict.fromkeys(per_step, float("nan"))
                peak, how = rss * MB, "RSS of a child process"
            else:
                per_step = time_steps(texts, cpu=cpu)
                sample = texts[:: max(1, len(texts) // TRACED_PAGES)]
                tracemalloc.start()
                try:
                    step_peak = time_steps(sample, traced=True)
                finally:
                    tracemalloc.stop()
                peak, how = step_peak.pop("(all)"), "tracemalloc"
            steps_seconds = sum(per_step.values())
            # The figure of record is the whole pipeline as clean_text runs it (time_pipeline).
            seconds, cpu_seconds = whole if name == "big" else time_pipeline(texts)
            report["pipeline"][name] = {
                "seconds": seconds,
                "mb_s": size / MB / seconds,
                "cpu_seconds": cpu_seconds or None,  # None: timed in a child (wall time only)
                "cpu_mb_s": size / MB / cpu_seconds if cpu_seconds else None,
                "peak_mb": peak / MB,
                "peak_is": how,
                "normalization_mb_s": size / MB / stage1 if (stage1 := _stage1(per_step)) else None,
            }
            report["filters"][name] = {
                step: {
                    "seconds": s,
                    "mb_s": size / MB / s if s else float("inf"),
                    "share": s / steps_seconds,
                    "peak_mb": step_peak[step] / MB,
                    "cpu_seconds": cpu.get(step),
                }
                for step, s in per_step.items()
            }
            base = time_baseline(texts)
            total = sum(base.values())
            report["baseline"][name] = {
                "seconds": total,
                "mb_s": size / MB / total,
                "steps": base,
                "ours_over_baseline": (size / MB / seconds) / (size / MB / total),
            }
        report["peers"] = run_peers(data, folders) if inprocess else {"times": {}, "notes": {}}
        report["peers"]["ratios"] = {}
        for name, ops in report["peers"].get("times", {}).items():
            if ops:
                theirs = sum(ops.values())
                report["peers"]["ratios"][name] = theirs / report["pipeline"][name]["seconds"]
        if cli and "synth" in folders:
            report["cli"] = measure_cli(root, folders["synth"])
    report["targets"] = targets(report)
    return report


def _stage1(per_step: dict[str, float]) -> float:
    """Seconds of the character filters among the timed steps (``"P01 punct.halfwidth"``)."""
    return sum(s for step, s in per_step.items() if step.startswith(STAGE1_CODES))


def targets(report: dict[str, Any]) -> dict[str, Any]:
    pipe, cli = report["pipeline"], report.get("cli", {})
    values = {
        "pipeline_mb_s_synth": pipe.get("synth", {}).get("mb_s"),
        "pipeline_cpu_mb_s_synth": pipe.get("synth", {}).get("cpu_mb_s"),
        "jobs_speedup": cli.get("jobs_speedup"),
        "big_seconds": pipe.get("big", {}).get("seconds"),
        "big_peak_mb": pipe.get("big", {}).get("peak_mb"),
        "help_seconds": cli.get("help_seconds"),
        "normalization_mb_s_big": pipe.get("big", {}).get("normalization_mb_s"),
    }
    out = {}
    for key, (op, goal, what) in TARGETS.items():
        v = values[key]
        if v is None:
            continue
        ok = v >= goal if op == ">=" else v <= goal
        out[key] = {"value": v, "target": f"{op} {goal:g}", "met": ok, "what": what}
    return out


# ---------------------------------------------------------------------------------------------
# Output


def _cpu(pipe: dict[str, Any]) -> str:
    """MB/s in CPU time of the benchmark process (``–`` when it was timed in a child)."""
    return f"{pipe['cpu_mb_s']:.2f}" if pipe.get("cpu_mb_s") else "–"


def tables(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as (title, header, rows) tables, for the terminal and for the README."""
    names = list(report["datasets"])
    ds = report["datasets"]
    out = []
    head = ["", *(f"{n} ({ds[n]['pages']} p, {ds[n]['mb']:.1f} MB)" for n in names)]
    rows = [
        ["pipeline MB/s", *(f"{report['pipeline'][n]['mb_s']:.2f}" for n in names)],
        ["pipeline seconds", *(f"{report['pipeline'][n]['seconds']:.2f}" for n in names)],
        ["pipeline MB/s, CPU time", *(_cpu(report["pipeline"][n]) for n in names)],
        ["pipeline peak MB", *(_peak(report["pipeline"][n]) for n in names)],
        ["baseline MB/s", *(f"{report['baseline'][n]['mb_s']:.2f}" for n in names)],
        [
            "ours ÷ baseline (speed)",
            *(f"{report['baseline'][n]['ours_over_baseline']:.2f}×" for n in names),
        ],
    ]
    peers = report.get("peers", {})
    ptimes = peers.get("times", {})
    if any(ptimes.values()):
        rows.append(
            [
                "data-juicer 3 ops MB/s",
                *(
                    f"{ds[n]['mb'] / sum(ptimes[n].values()):.2f}" if ptimes.get(n) else "–"
                    for n in names
                ),
            ]
        )
        rows.append(
            [
                "ours ÷ data-juicer (speed)",
                *(f"{peers['ratios'][n]:.2f}×" if n in peers["ratios"] else "–" for n in names),
            ]
        )
    out.append(("Whole pipeline (library API, one core)", head, rows))

    frows = []
    for step in report["steps"]:
        row = [step]
        for n in names:
            f = report["filters"][n][step]
            traced = f["peak_mb"] == f["peak_mb"]  # NaN: not traced (the large page)
            mem = f"{f['peak_mb']:.1f} MB" if traced else "–"
            row.append(f"{f['mb_s']:.1f} MB/s · {f['share']:.0%} · {mem}")
        frows.append(row)
    out.append(("Per step (throughput · share of time · peak memory)", head, frows))

    orows = []
    for n in names:
        for step, s in report["baseline"][n]["steps"].items():
            orows.append([n, f"baseline {step}", f"{ds[n]['mb'] / s:.1f}" if s else "–"])
        for op, s in ptimes.get(n, {}).items():
            orows.append([n, f"data-juicer {op}", f"{ds[n]['mb'] / s:.1f}" if s else "–"])
    out.append(("Others, per step (MB/s)", ["dataset", "step", "MB/s"], orows))

    cli = report.get("cli")
    if cli is not None:
        out.append(("The command (child processes)", ["run", "time", "peak RSS MB"], cli_rows(cli)))
    trows = [
        [t["what"], f"{t['value']:.3g}", t["target"], "yes" if t["met"] else "NO"]
        for t in report["targets"].values()
    ]
    out.append(("Targets (reported, not asserted)", ["target", "value", "goal", "met"], trows))
    return out


def cli_rows(cli: dict[str, float]) -> list[list[str]]:
    return [
        ["clean --help (best of 5)", f"{cli['help_seconds']:.3f} s", f"{cli['help_peak_mb']:.0f}"],
        [
            "clean one seed page (best of 5)",
            f"{cli['small_file_seconds']:.3f} s",
            f"{cli['small_file_peak_mb']:.0f}",
        ],
        ["clean (b) -j 1", f"{cli['j1_seconds']:.2f} s", f"{cli['j1_peak_mb']:.0f}"],
        ["clean (b) -j 2", f"{cli['j2_seconds']:.2f} s", f"{cli['j2_peak_mb']:.0f}"],
        ["speed-up -j 2 / -j 1", f"{cli['jobs_speedup']:.2f}×", ""],
    ]


def _peak(p: dict[str, Any]) -> str:
    return f"{p['peak_mb']:.1f}" + (" (RSS)" if p["peak_is"].startswith("RSS") else "")


def print_tables(report: dict[str, Any]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency of cleaner
        for title, head, rows in tables(report):
            print(f"\n{title}\n" + "\n".join(" | ".join(r) for r in [head, *rows]))
        return
    console = Console(width=None if sys.stdout.isatty() else 132)
    for title, head, rows in tables(report):
        table = Table(title=title, title_justify="left")
        for k, h in enumerate(head):
            table.add_column(h, justify="left" if k == 0 else "right")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    notes = report.get("peers", {}).get("notes", {})
    for op, note in notes.items():
        console.print(f"data-juicer {op}: {note}")
    console.print(
        f"{report['when']} · python {report['python']} · {report['machine']['cpus']} cpus, "
        f"load {report['machine']['load']} · quick={report['quick']} · "
        f"first page in-process (set-up, not timed) {report['warmup_seconds']} s"
    )


def markdown(report: dict[str, Any]) -> str:
    """The tables in GitHub Markdown."""
    parts = []
    for title, head, rows in tables(report):
        parts.append(f"**{title}**\n")
        parts.append("| " + " | ".join(head) + " |")
        parts.append("|" + "|".join("---" for _ in head) + "|")
        parts.extend("| " + " | ".join(r) + " |" for r in rows)
        parts.append("")
    return "\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs (about 0.5 MB each)")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    ap.add_argument("--markdown", metavar="FILE", help="write the tables as Markdown")
    ap.add_argument("--datasets", metavar="A,B", help="only these of seeds,synth,big")
    ap.add_argument("--no-cli", action="store_true", help="skip the command-line runs")
    ap.add_argument("--cli-only", action="store_true", help="only the command-line runs")
    ap.add_argument("--steps-of", nargs=2, metavar=("DIR", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.steps_of:  # the child of steps_in_child
        folder, out = args.steps_of
        time_steps(read_pages(SEEDS)[:1])  # set-up, not timed, as in the parent
        texts = read_pages(Path(folder))
        per_step = time_steps(texts)
        got = {"steps": per_step, "pipeline": time_pipeline(texts)}
        Path(out).write_text(json.dumps(got), encoding="utf-8")
        return 0
    only = tuple(args.datasets.split(",")) if args.datasets else DATASETS
    unknown = set(only) - set(DATASETS)
    if unknown:
        ap.error(f"unknown dataset(s): {', '.join(sorted(unknown))}")
    report = measure(args.quick, only, cli=not args.no_cli, inprocess=not args.cli_only)
    print_tables(report)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    if args.markdown:
        Path(args.markdown).write_text(markdown(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
