"""The document model: origins map text offsets to input offsets through edits and joins."""

from __future__ import annotations

import pytest

from cleaner.model import Document, Origin, Paragraph, Segment, from_text


def test_linear_origin_maps_each_offset() -> None:
    o = Origin.linear(10, 5)
    assert o.start == 10
    assert [o.span(i, i + 1) for i in range(5)] == [(10 + i, 11 + i) for i in range(5)]
    assert o.span(0, 5) == (10, 15)
    assert o.span(2, 2) == (12, 12)  # an empty range maps to an empty span
    assert o.ranges() == [(10, 15)]
    assert list(o.input_offsets()) == [10, 11, 12, 13, 14]


def test_empty_origin() -> None:
    o = Origin(())
    assert o.start == 0
    assert o.span(0, 3) == (0, 0)
    assert o.ranges() == []


@pytest.mark.parametrize(
    ("edits", "checks"),
    [
        # deletion: the text after it still maps to its own input characters
        ([(1, 3, "")], [((0, 1), (0, 1)), ((1, 2), (3, 4)), ((1, 4), (3, 6))]),
        # replacement by a longer string: each new character maps to the whole replaced range
        ([(2, 3, "xyz")], [((2, 3), (2, 3)), ((4, 5), (2, 3)), ((5, 6), (3, 4))]),
        # insertion: an empty input range where it was made
        ([(2, 2, "+")], [((2, 3), (2, 2)), ((3, 4), (2, 3)), ((0, 2), (0, 2))]),
        # several edits at once
        ([(0, 1, ""), (5, 6, "")], [((0, 4), (1, 5))]),
    ],
)
def test_splice(
    edits: list[tuple[int, int, str]], checks: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    o = Origin.linear(0, 6).splice(edits)
    for (i, j), span in checks:
        assert o.span(i, j) == span, (i, j)


def test_splice_of_a_splice_keeps_input_offsets() -> None:
    o = Origin.linear(100, 10).splice([(2, 4, "")])  # text 0..8 <- input 100,101,104..109
    o = o.splice([(0, 1, "")])  # text 0..7 <- input 101,104..109
    assert o.span(0, 1) == (101, 102)
    assert o.span(1, 2) == (104, 105)
    assert o.ranges() == [(101, 102), (104, 110)]
    assert sum(s.tlen for s in o.segments) == 7


def test_concat_moves_the_second_origin() -> None:
    head = Origin.linear(0, 3)
    tail = Origin.linear(50, 2)
    o = head.concat(tail, 3)
    assert o.span(3, 5) == (50, 52)
    assert o.span(0, 3) == (0, 3)
    assert o.ranges() == [(0, 3), (50, 52)]
    assert o.start == 0
    # a tail printed before its head: the joined paragraph starts at the earliest input offset
    assert tail.concat(head, 2).start == 0


def test_ranges_merge_adjacent_segments_and_sort() -> None:
    o = Origin((Segment(0, 2, 10, 2), Segment(2, 3, 0, 3), Segment(5, 1, 3, 1)))
    assert o.ranges() == [(0, 4), (10, 12)]


def test_paragraph_edit_changes_text_and_origin() -> None:
    p = Paragraph("甲乙\u200b丙,丁", Origin.linear(7, 6))
    q = p.edit([(2, 3, ""), (4, 5, "，")])
    assert q.text == "甲乙丙，丁"
    assert q.origin.span(2, 3) == (10, 11)  # 丙
    assert q.origin.span(3, 4) == (11, 12)  # the comma replaced
    assert q.origin.span(4, 5) == (12, 13)  # 丁
    assert p.text == "甲乙\u200b丙,丁"  # never mutated
    assert p.edit([]) is p


def test_paragraph_join_keeps_both_provenances() -> None:
    head = Paragraph("从“就业边", Origin.linear(100, 5), gap=1, role="body", article=2)
    tail = Paragraph("缘人”变身", Origin.linear(20, 5))
    joined = head.join(tail)
    assert joined.text == "从“就业边缘人”变身"
    assert joined.origin.span(0, 5) == (100, 105)
    assert joined.origin.span(5, 10) == (20, 25)
    assert joined.gap == 1 and joined.article == 2  # the head's place and role are kept
    assert joined.start == 20
    assert joined.origin.ranges() == [(20, 25), (100, 105)]


def test_paragraph_join_inserts_nothing() -> None:
    """A join adds no character without input behind it (Chinese pieces join with nothing)."""
    head = Paragraph("Hello", Origin.linear(0, 5))
    tail = Paragraph("world", Origin.linear(6, 5))
    joined = head.join(tail)
    assert joined.text == "Helloworld"
    assert joined.origin.span(5, 10) == (6, 11)
    assert joined.origin.ranges() == [(0, 5), (6, 11)]


def test_edit_after_join() -> None:
    joined = Paragraph("ab", Origin.linear(10, 2)).join(Paragraph("cd", Origin.linear(0, 2)))
    edited = joined.edit([(1, 3, "X")])
    assert edited.text == "aXd"
    assert edited.origin.span(2, 3) == (1, 2)
    # the replaced range runs across the join: its span covers both input ranges
    lo, hi = edited.origin.span(1, 2)
    assert lo <= 0 and hi >= 11


def test_from_text_lines_gaps_and_positions() -> None:
    text = "\n甲乙\r\n\n\n丙\n  \n丁"
    doc = from_text(text, id="x", source="x.txt")
    assert [p.text for p in doc.paragraphs] == ["甲乙\r", "丙", "丁"]
    assert [p.gap for p in doc.paragraphs] == [0, 2, 1]
    for p in doc.paragraphs:
        a, b = p.origin.span(0, len(p.text))
        assert text[a:b] == p.text
    assert doc.position(doc.paragraphs[1].start) == (5, 1)
    assert doc.position(2) == (2, 2)
    assert doc.kinds == {0: "page"}


def test_from_text_empty() -> None:
    doc = from_text("")
    assert doc.paragraphs == ()
    assert isinstance(doc, Document)


def test_fast_inits_set_every_field_and_stay_frozen() -> None:
    """Paragraph and Result are built through their slots' setters (model._paragraph_init,
    _result_init): every field set, defaults as declared, still frozen."""
    import dataclasses

    from cleaner.model import Result

    origin = Origin.linear(3, 2)
    para = Paragraph("甲乙", origin, 1, "headline", 2, ("x",))
    got = [getattr(para, f.name) for f in dataclasses.fields(Paragraph)]
    assert got == ["甲乙", origin, 1, "headline", 2, ("x",)]
    plain = Paragraph(text="甲", origin=origin)
    assert [getattr(plain, f.name) for f in dataclasses.fields(Paragraph)][2:] == [
        f.default for f in dataclasses.fields(Paragraph)
    ][2:]
    assert dataclasses.replace(para, role="body") == Paragraph("甲乙", origin, 1, "body", 2, ("x",))
    doc = from_text("甲")
    assert Result(doc).changes == () and Result(doc=doc, changes=()) == Result(doc)
    with pytest.raises(dataclasses.FrozenInstanceError):
        para.text = "丙"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Result(doc).doc = doc  # type: ignore[misc]
