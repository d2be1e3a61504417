"""The split/merge alignment of the clean benchmarks: a line printed identically in two articles
of one page (a credit line) belongs to the article it stands in, not to the first that has it."""

from __future__ import annotations

import pytest
from bench import clean_heldout, metrics

CREDIT = "撰文：本報記者"
A = ["第一篇的標題", CREDIT, "第一篇的正文段落，講的是一件事情，足夠長。"]
B = ["第二篇的標題", CREDIT, "第二篇的正文段落，講的是另一件事情，也夠長。"]
C = ["第三篇", "第三篇的正文段落，沒有署名，長度也足夠了。"]


def _split_merged(gold: metrics.Page, out: metrics.Page) -> tuple[int, int]:
    pairs = metrics._align(gold, out)
    split = sum(len({o for g2, o in pairs if g2 == g}) - 1 for g in {g for g, _ in pairs})
    merged = sum(len({g for g, o2 in pairs if o2 == o}) - 1 for o in {o for _, o in pairs})
    return split, merged


def test_a_shared_credit_line_is_no_split_and_no_merge() -> None:
    gold = [A, B, C]
    assert _split_merged(gold, [A, B, C]) == (0, 0)
    assert metrics.group_f1(gold, [A, B, C], by_article=True) == 1
    # the reference scorer's alignment (first equal output line) sees a split and a merge
    ref = metrics._align(gold, [A, B, C], by_article=False)
    assert ref[4] == (1, 0)
    assert metrics.group_f1(gold, [A, B, C]) < 1


def test_real_errors_around_a_shared_line_still_count() -> None:
    gold = [A, B, C]
    assert _split_merged(gold, [A + B, C]) == (0, 1)  # merged
    assert _split_merged(gold, [A, B[:1], B[1:], C]) == (1, 0)  # split at the credit line
    assert _split_merged(gold, [A[:2], A[2:] + B, C]) == (1, 1)  # split, tail merged into B
    assert metrics.group_f1(gold, [A + B, C], by_article=True) < 1


def test_lines_by_rank_when_the_rest_is_elsewhere() -> None:
    gold = [[CREDIT], [CREDIT], C]  # articles of a shared line only: the copies go in order
    assert metrics._align(gold, [[CREDIT], [CREDIT], C]) == [(0, 0), (1, 1), (2, 2), (2, 2)]
    # one copy removed from the output: the second gold copy takes the last output copy
    assert metrics._align(gold, [[CREDIT], C]) == [(0, 0), (1, 0), (2, 1), (2, 1)]


def test_the_reference_alignment_is_unchanged_without_shared_lines() -> None:
    gold = [A, C]
    out = [A[:2], A[2:] + C]
    assert metrics._align(gold, out) == metrics._align(gold, out, by_article=False)


def test_measure_counts_a_right_page_of_shared_credits_as_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = ["\n\n".join(a) + "\n" for a in (A, B)]
    monkeypatch.setattr(clean_heldout, "_run", lambda text, source: ([A, B], ()))  # a right output
    (row,) = clean_heldout.measure([("t/credit", texts)])
    assert (row["split"], row["merged"], row["group_f1"]) == (0, 0, 1)
