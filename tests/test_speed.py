"""The speed benchmark's parts (bench/speed.py, baseline_naive.py, peers.py) and the fast paths
that were added to the core for speed: they must give exactly what the plain code gives."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

from bench import baseline_naive, peers, speed
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.filters.whitespace import _edits, _reason
from cleaner.model import Origin, Paragraph
from cleaner.resources import EDGE, INVISIBLE


def test_synthetic_pages_are_deterministic_and_damaged() -> None:
    arts = speed.corpus_paragraphs()
    one = [speed.synth_page(random.Random(3), arts, 18_000) for _ in range(2)]
    assert one[0] == one[1]
    page = one[0]
    assert 18_000 <= len(page.encode("utf-8")) < 40_000
    lines = [ln for ln in page.split("\n") if ln]
    assert len(set(lines)) < len(lines)  # repeats injected
    assert any(c in page for c in speed.HALF.values())  # half-width punctuation injected


def test_large_page_is_mostly_unique_text() -> None:
    arts = speed.corpus_paragraphs()
    page = speed.synth_page(random.Random(4), arts, 300_000, speed._sentences(arts))
    lines = [ln for ln in page.split("\n") if ln]
    assert len(set(lines)) > 0.6 * len(lines)


def test_baseline_is_naive() -> None:
    assert baseline_naive.dedup_lines("甲\n乙\n 甲\n\n\n乙") == "甲\n乙\n\n"
    assert baseline_naive.punctuation("3.2万,好!") == "3。2万，好！"  # wrong on purpose
    assert baseline_naive.clean("這裡,這裡") == "这里，这里"


def test_step_by_step_run_is_the_library_run() -> None:
    assert speed.same_as_library(speed.read_pages(speed.SEEDS)[:2])


def test_peers_missing_is_a_note_not_an_error() -> None:
    ops, notes = peers.load_ops()
    if not ops:
        assert set(notes) == set(peers.OPS)


def test_child_peak_memory_is_the_childs_own() -> None:
    big = b"x" * 150_000_000  # this process is large: the child's figure must not show it
    seconds, small = speed.run_child([sys.executable, "-c", "pass"])
    _, large = speed.run_child([sys.executable, "-c", "x = b'x' * 100_000_000"])
    assert seconds > 0 and small < 100 < large < 140
    del big


def test_targets_are_reported_for_what_was_measured() -> None:
    report = {"pipeline": {"synth": {"mb_s": 6.0}}, "cli": {}}
    assert speed.targets(report) == {
        "pipeline_mb_s_synth": {
            "value": 6.0,
            "target": ">= 5",
            "met": True,
            "what": "whole pipeline on (b), one core, MB/s",
        }
    }


def test_cpu_time_is_measured_beside_wall_time() -> None:
    cpu: dict[str, float] = {}
    wall = speed.time_steps(speed.read_pages(speed.SEEDS)[:1], cpu=cpu)
    assert set(cpu) == set(wall) and sum(cpu.values()) > 0
    report = {"pipeline": {"synth": {"mb_s": 2.0, "cpu_mb_s": 5.5}}, "cli": {}}
    found = speed.targets(report)
    assert found["pipeline_cpu_mb_s_synth"]["met"] and not found["pipeline_mb_s_synth"]["met"]
    assert speed._cpu({"cpu_mb_s": None}) == "–" and speed._cpu({"cpu_mb_s": 5.5}) == "5.50"


# --- fast paths in the core give what the plain code gives ------------------------------------


def _plain_whitespace_edits(para: Paragraph) -> Iterator[tuple[int, int, str, str]]:
    """W01's edits without the printable-line fast path (the code before it)."""
    text = para.text
    edges = [m.span() for m in EDGE.finditer(text)]
    for m in INVISIBLE.finditer(text):
        if not any(a <= m.start() < b for a, b in edges):
            yield m.start(), m.end(), "", _reason(m.group(), "")
    for a, b in edges:
        where = "line start" if a == 0 else "line end"
        run = a
        for k in range(a + 1, b + 1):
            if k == b or _reason(text[k], where) != _reason(text[run], where):
                yield run, k, "", _reason(text[run], where)
                run = k


LINE = st.text(alphabet=st.sampled_from("甲乙 \t\u3000\xa0\r\ufeff\u200b\x01\x85a,"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(LINE)
def test_whitespace_fast_path_changes_nothing(text: str) -> None:
    para = Paragraph(text, Origin.linear(0, len(text)))
    fast = [e[:4] for e in _edits(para)]
    assert fast == list(_plain_whitespace_edits(para))
