"""Speed-ups of the repeat filters that must change nothing: each against the plain version."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from cleaner.filters import FILTERS, Filter, dedup_fragment
from cleaner.filters.dedup_exact import _diagonal_starts, _key_clauses, _recent_key_clauses
from cleaner.filters.shingles import ShingleIndex, remembered, shingles
from cleaner.model import Change, Document, Result, from_text
from cleaner.pipeline import Pipeline
from cleaner.runner import clean_text


def _starts_plainly(ids: list[int], i: int, j: int, stepping: bool) -> bool:
    """What repeated_runs did for each earlier copy ``j``: skip it when the keys before both
    agree, walk the diagonal, and go on only with a run of two or a copy to step over."""
    n = len(ids)
    if i > 0 and j > 0 and ids[i - 1] == ids[j - 1]:
        return False
    length = 1
    while i + length < n and ids[i + length] == ids[j + length]:
        length += 1
    if length >= 2:
        return True
    a, b = i + 1, j + 1
    return (
        stepping
        and a < n
        and ((a + 1 < n and ids[a + 1] == ids[b]) or (b + 1 < i and ids[a] == ids[b + 1]))
    )


@given(st.lists(st.integers(min_value=0, max_value=3), max_size=30), st.booleans())
def test_diagonal_starts_are_the_partners_the_plain_walk_keeps(ids: list[int], step: bool) -> None:
    for i in range(len(ids)):
        partners = [j for j in range(i) if ids[j] == ids[i]]
        want = [j for j in partners if _starts_plainly(ids, i, j, step)]
        assert _diagonal_starts(ids, i, partners, step) == want


_TEXT = st.text(alphabet="甲乙丙丁戊己，。", max_size=30)


@given(_TEXT, _TEXT, st.sampled_from([0.0, 80.0, 97.0]))
def test_remembered_scores_are_the_scorers(a: str, b: str, cutoff: float) -> None:
    for scorer in (fuzz.ratio, fuzz.partial_ratio):
        want = scorer(a, b, score_cutoff=cutoff)
        assert remembered(scorer, a, b, cutoff) == want
        assert remembered(scorer, a, b, cutoff) == want  # from the memo
    assert remembered(fuzz.partial_ratio_alignment, a, b, cutoff) == (
        fuzz.partial_ratio_alignment(a, b, score_cutoff=cutoff)
    )


class _PlainIndex:
    """ShingleIndex as it was: a Python loop over the shared shingles, a Counter to rank."""

    def __init__(self, max_df: int) -> None:
        self.max_df = max_df
        self.latest: dict[str, int] = {}
        self.df: dict[str, int] = {}

    def add(self, ident: int, grams: Collection[str]) -> None:
        for key in self.latest.keys() & grams:
            if self.latest[key] != ident:
                self.df[key] = self.df.get(key, 1) + 1
        self.latest.update(dict.fromkeys(grams, ident))

    def candidates(self, grams: Collection[str], limit: int) -> list[int]:
        shared = self.latest.keys() & grams
        found = [self.latest[k] for k in shared if self.df.get(k, 1) < self.max_df]
        if len(found) <= 1:
            return found
        ranked = sorted(Counter(found).items(), key=lambda kv: (-kv[1], kv[0]))
        return [ident for ident, _ in ranked[:limit]]


_CLAUSES = st.lists(
    st.sampled_from(["甲乙丙丁戊己", "庚辛壬癸子丑", "寅卯辰巳午未", "申酉戌亥甲乙"])
)


@given(
    st.lists(st.tuples(_CLAUSES, st.booleans()), max_size=16),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=3),
)
def test_index_ranks_as_the_plain_one(
    pages: list[tuple[list[str], bool]], max_df: int, limit: int
) -> None:
    fast, plain = ShingleIndex(max_df=max_df), _PlainIndex(max_df)
    tracked = ShingleIndex(max_df=max_df, track=True)  # keeps ``before`` too: same answers
    for ident, (clauses, again) in enumerate(pages):
        grams = shingles("，".join(clauses))
        ids, shared = fast.probe(grams, limit)
        assert ids == plain.candidates(grams, limit) == tracked.probe(grams, limit)[0]
        at = max(0, ident - 1) if again else ident  # sometimes a text that grew, indexed again
        fast.add(at, "", grams, shared if at == ident else None)
        tracked.add(at, "", grams)
        plain.add(at, grams)
        assert plain.df == tracked.df and tracked.latest == plain.latest
        # The fast index stops counting a shingle once it has max_df ids (it never counts again).
        assert all(plain.df.get(key, 1) >= max_df for key in fast.dead)
        alive = {key: n for key, n in plain.df.items() if key not in fast.dead}
        assert {key: n for key, n in fast.df.items() if key not in fast.dead} == alive
        assert {k: at for k, at in fast.latest.items() if k not in fast.dead} == {
            k: at for k, at in plain.latest.items() if k not in fast.dead
        }


def test_rerun_of_the_repeat_stage_gives_a_fixed_point() -> None:
    """Cleaning the text output again changes nothing (the memo of scores included)."""
    line = "工会组织职工开展技能竞赛，帮助困难职工提升技能，助其增加收入。"
    page = f"{line}\n\n{line[:20]}\n\n{line}\n\n组织职工开展技能竞赛，帮助困难职工提升技能"
    first = clean_text(page)
    text = "\n\n".join(p.text for p in first.doc.paragraphs)
    assert [c for c in clean_text(text).changes if c.action != "flag"] == []


_FEW = st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=40)
_MANY = st.text(alphabet="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未", min_size=1, max_size=80)


@given(st.one_of(_FEW, _MANY), st.one_of(_FEW, _MANY), st.sampled_from([50.0, 90.0, 97.0]))
def test_fragment_scores_with_the_bound_are_rapidfuzz_scores(a: str, b: str, cut: float) -> None:
    """The bound only skips what rapidfuzz would score below the cutoff."""
    assert dedup_fragment._partial_ratio(a, b, cut) == fuzz.partial_ratio(a, b, score_cutoff=cut)
    assert dedup_fragment._partial_alignment(a, b, cut) == fuzz.partial_ratio_alignment(
        a, b, score_cutoff=cut
    )
    short, long = sorted((a, b), key=len)
    if dedup_fragment._surely_below(short, long, cut):
        assert fuzz.partial_ratio(short, long) < cut


@given(st.one_of(_FEW, _MANY), st.one_of(_FEW, _MANY), st.sampled_from([0.0, 50.0, 90.0, 97.0]))
def test_bound_counts_the_missing_characters_as_a_set_difference(
    short: str, long: str, cut: float
) -> None:
    """The early-stopping count of the characters ``long`` lacks decides as the whole count."""
    missing = len(set(short).difference(long))
    want = missing > (1 - cut / 100) * 2 * len(short) + 1
    assert dedup_fragment._surely_below(short, long, cut) == want


@pytest.mark.parametrize("seed", [1005, 1017])
def test_a_rerun_does_not_flag_a_paragraph_twice(seed: int) -> None:
    """The rerun of the repeat stage met a paragraph D03 had flagged in the first pass and
    added its flag again (synthetic tune pages 1005, 1017)."""
    from bench import synth

    (page,) = synth.pages([seed])
    flags = [p.flags for p in clean_text(page.text).doc.paragraphs]
    assert any("fragment-repeat?" in f for f in flags)
    assert all(len(set(f)) == len(f) for f in flags)


def _always_run(
    step: tuple[Any, Any], doc: Document, changes: list[Change], last: dict[int, Any]
) -> Document:
    """Pipeline._step_again without its reuse: every step of the block runs every time."""
    return Pipeline._step(step, doc, changes)


def _pages() -> list[str]:
    from bench import synth

    pages = [page.text for page in synth.pages(range(1000, 1012))]
    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    return pages + [path.read_text(encoding="utf-8") for path in seeds]


def test_a_step_given_its_last_input_again_is_not_rerun_and_nothing_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The repeat-and-join block reuses a step's result when its input is the one it had last
    (dedup.near after joins that joined nothing, a rerun of the stage): same output, same audit."""
    texts = _pages()
    reused = [clean_text(text) for text in texts]
    applied: Counter[str] = Counter()
    apply = Filter.apply

    def counting(self: Filter[Any], doc: Document, options: Any = None) -> Result:
        applied[self.code] += 1
        return apply(self, doc, options)

    with monkeypatch.context() as m:
        m.setattr(Filter, "apply", counting)
        for text in texts:
            clean_text(text)
    with_reuse = applied.copy()
    applied.clear()
    with monkeypatch.context() as m:
        m.setattr(Filter, "apply", counting)
        m.setattr(Pipeline, "_step_again", staticmethod(_always_run))
        plain = [clean_text(text) for text in texts]
    assert [r.doc for r in reused] == [r.doc for r in plain]
    assert [r.changes for r in reused] == [r.changes for r in plain]
    assert with_reuse["D02"] < applied["D02"]  # some pages: dedup.near was not run again
    assert with_reuse["J01"] == applied["J01"]  # J01 always had a new input


def test_a_step_with_a_new_input_runs() -> None:
    """An equal input is reused; one paragraph more is not."""
    flt = FILTERS["dedup.near"]
    step = (flt, flt.options())
    line = "工会组织职工开展技能竞赛，帮助困难职工提升技能，助其增加收入。"
    page = f"{line}\n\n{line[:10]}又{line[11:]}"  # a near copy: dedup.near removes it
    last: dict[int, tuple[Document, Result]] = {}
    changes: list[Change] = []
    first = Pipeline._step_again(step, from_text(page), changes, last)
    assert len(first.paragraphs) == 1 and len(changes) == 1
    again = Pipeline._step_again(step, from_text(page), changes, last)
    assert again is first and changes[1] is changes[0]  # the same result, recorded again
    other = from_text(f"{page}\n\n另一段文字，与前面的都不一样。")
    assert Pipeline._step_again(step, other, changes, last) is not first
    assert len(changes) == 3


@given(st.lists(st.lists(st.one_of(_TEXT, _MANY), max_size=6), max_size=4))
def test_recent_clauses_are_the_clauses_found_again(calls: list[list[str]]) -> None:
    """The clause table's cache of the latest page gives what a new findall gives."""
    for texts in calls:
        assert _recent_key_clauses(texts) == _key_clauses(texts)


@given(
    st.lists(st.one_of(_TEXT, _MANY, st.text(alphabet="甲乙丙丁 ，\U00020000\ufdd0")), max_size=8),
    st.lists(st.booleans(), max_size=8),
    st.sampled_from([4, 5, 6, 8]),
)
def test_shingles_from_remembered_clauses_are_the_shingles(
    texts: list[str], remembered_ones: list[bool], n: int
) -> None:
    """dedup.near's shingles of texts whose clauses dedup.exact found are what a scan gives."""
    from cleaner.filters import shingles as sh

    sh.CLAUSES_4.clear()
    for text, known in zip(texts, remembered_ones, strict=False):
        if known:
            sh.CLAUSES_4[text] = sh.find_clauses(text, 4)
    try:
        assert sh._new_shingles(texts, n) == [shingles(t, n) for t in texts]
    finally:
        sh.CLAUSES_4.clear()


_LINES = st.lists(st.one_of(st.sampled_from(["", " ", "\u3000", "\t"]), _TEXT), max_size=12).map(
    "\n".join
)


@given(_LINES)
def test_from_text_builds_what_the_constructors_build(text: str) -> None:
    """from_text, which sets the slots of its paragraphs directly, against the plain build."""
    from cleaner.model import Origin, Paragraph, Segment

    plain: list[Paragraph] = []
    gap, pos = 0, 0
    for line in text.split("\n"):
        if line.strip():
            plain.append(Paragraph(line, Origin((Segment(0, len(line), pos, len(line)),)), gap))
            gap = 0
        elif plain:
            gap += 1
        pos += len(line) + 1
    doc = from_text(text)
    assert doc.paragraphs == tuple(plain)
    assert [p.flags for p in doc.paragraphs] == [() for _ in plain]


@given(
    st.lists(st.text(alphabet="甲乙 \u3000\t，\x00", max_size=12), max_size=8),
    st.lists(st.booleans(), max_size=8),
)
def test_keys_looked_up_are_the_visible_keys(texts: list[str], known: list[bool]) -> None:
    """page_keys, which looks up the keys dedup.exact (or its last call) found, gives visible()."""
    from cleaner.filters import shingles as sh
    from cleaner.resources import visible

    remembered = [t for t, k in zip(texts, known, strict=False) if k]
    sh.remember_keys(remembered, [visible(t) for t in remembered])
    assert sh._visible_all(tuple(texts)) == tuple(map(visible, texts))
    assert all(sh.KEYS[t] == visible(t) for t in texts)
