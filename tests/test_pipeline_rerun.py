"""Speed-ups of the repeat filters that must change nothing: each against the plain version."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from cleaner.filters import dedup_fragment
from cleaner.filters.dedup_exact import _diagonal_starts
from cleaner.filters.shingles import ShingleIndex, remembered, shingles
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
        assert fast.df == plain.df == tracked.df and fast.latest == plain.latest


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


@pytest.mark.parametrize("seed", [1005, 1017])
def test_a_rerun_does_not_flag_a_paragraph_twice(seed: int) -> None:
    """The rerun of the repeat stage met a paragraph D03 had flagged in the first pass and
    added its flag again (synthetic tune pages 1005, 1017)."""
    from bench import synth

    (page,) = synth.pages([seed])
    flags = [p.flags for p in clean_text(page.text).doc.paragraphs]
    assert any("fragment-repeat?" in f for f in flags)
    assert all(len(set(f)) == len(f) for f in flags)
