"""The one-sweep Origin (bisection on the segments, splice and spans in one pass) gives exactly
what the first, plain implementation gave: a reference copy of it is kept here and compared on
random origins (joins, separators, empty pieces, earlier edits) and random edits (replacements,
deletions and insertions), including the spans that ``edit_each`` records."""

from __future__ import annotations

import bisect
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Origin, Paragraph, Segment


class Plain:
    """The plain Origin algorithms (a key list per lookup, a sort per splice)."""

    @staticmethod
    def find(o: Origin, pos: int) -> Segment:
        if len(o.segments) == 1:
            return o.segments[0]
        k = bisect.bisect_right([s.tstart for s in o.segments], pos) - 1
        return o.segments[max(k, 0)]

    @staticmethod
    def pieces(o: Origin, i: int, j: int) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        starts = [s.tstart for s in o.segments]
        k = 0 if len(o.segments) == 1 else max(bisect.bisect_right(starts, i) - 1, 0)
        for seg in o.segments[k:]:
            if seg.tstart >= j:
                break
            a, b = max(i, seg.tstart), min(j, seg.tstart + seg.tlen)
            if b <= a:
                continue
            p = seg.piece(a, b)
            if out and out[-1][1] == p.istart and p.linear:
                out[-1] = (out[-1][0], p.istart + p.ilen)
            elif not out or out[-1] != (p.istart, p.istart + p.ilen):
                out.append((p.istart, p.istart + p.ilen))
        return out

    @classmethod
    def span(cls, o: Origin, i: int, j: int) -> tuple[int, int]:
        if not o.segments:
            return (0, 0)
        if j <= i:
            a = cls.find(o, i)
            lo = a.istart + (i - a.tstart) if a.linear else a.istart
            if a.linear and i >= a.tstart + a.tlen:
                lo = a.istart + a.ilen
            return (lo, lo)
        parts = cls.pieces(o, i, j)
        if not parts:
            a = cls.find(o, i)
            return (a.istart, a.istart)
        return (min(a for a, _ in parts), max(b for _, b in parts))

    @classmethod
    def splice(cls, o: Origin, edits: list[tuple[int, int, str]]) -> Origin:
        out: list[tuple[int, int, Segment]] = []
        for seg in o.segments:
            cur, end = seg.tstart, seg.tstart + seg.tlen
            for i, j, _ in edits:
                if j <= cur or i >= end:
                    continue
                if i > cur:
                    out.append((cur, 1, seg.piece(cur, i)))
                cur = max(cur, j)
            if cur < end:
                out.append((cur, 1, seg.piece(cur, end)))
        for i, j, new in edits:
            lo, hi = cls.span(o, i, j)
            out.append((i, 0, Segment(i, len(new), lo, hi - lo, False)))
        out.sort(key=lambda t: (t[0], t[1]))
        segments: list[Segment] = []
        pos = 0
        for _, _, seg in out:
            if seg.tlen:
                segments.append(seg._replace(tstart=pos))
                pos += seg.tlen
        return Origin(tuple(segments))


def _length(o: Origin) -> int:
    return sum(s.tlen for s in o.segments)


@st.composite
def edit_lists(draw: st.DrawFn, length: int) -> list[tuple[int, int, str]]:
    """Sorted, disjoint edits; a cut may be used twice (an insertion, or edits that touch)."""
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    news = st.text(alphabet="xy", max_size=3)
    edits = [(a, b, draw(news)) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    return [(a, b, new) for a, b, new in edits if a < b or new]  # no empty no-op edits


@st.composite
def origins(draw: st.DrawFn) -> Origin:
    origin = Origin.linear(draw(st.integers(0, 50)), draw(st.integers(0, 20)))
    for _ in range(draw(st.integers(0, 4))):
        length = _length(origin)
        kind = draw(st.sampled_from(["join", "sep", "empty", "edit"]))
        if kind == "join":
            origin = origin.concat(Origin.linear(draw(st.integers(0, 99)), 5), length)
        elif kind == "sep":  # what Paragraph.join adds for a separator
            sep = Segment(0, 1, draw(st.integers(0, 99)), 0, False)
            origin = origin.concat(Origin((sep,)), length)
        elif kind == "empty":
            origin = origin.concat(Origin.linear(draw(st.integers(0, 99)), 0), length)
        else:
            origin = Plain.splice(origin, draw(edit_lists(length)))
    return origin


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_splice_spans_and_pieces_are_the_plain_ones(data: st.DataObject) -> None:
    origin = data.draw(origins())
    edits = data.draw(edit_lists(_length(origin)))
    spliced, spans = origin.splice_spans(edits)
    assert spliced == Plain.splice(origin, edits)
    assert origin.splice(edits) == spliced
    assert spans == [Plain.span(origin, i, j) for i, j, _ in edits]
    top = _length(origin) + 2
    for i in range(top):
        for j in range(i, top):
            assert origin.span(i, j) == Plain.span(origin, i, j), (i, j)
            assert origin.pieces(i, j) == Plain.pieces(origin, i, j), (i, j)


def test_paragraph_edit_spans_match_edit() -> None:
    para = Paragraph("甲乙,丙:丁", Origin.linear(5, 6))
    edited, spans = para.edit_spans([(2, 3, "，"), (4, 5, "：")])
    assert edited == para.edit([(2, 3, "，"), (4, 5, "：")])
    assert edited.text == "甲乙，丙：丁"
    assert spans == [(7, 8), (9, 10)]


def test_pipeline_pauses_the_collector_and_restores_it() -> None:
    import gc

    from cleaner.pipeline import paused_gc
    from cleaner.runner import clean_text

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still off, and not turned on by the inner one
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with paused_gc():
            raise KeyError
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        clean_text("甲乙,丙\n\n甲乙,丙")
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()
    assert clean_text("甲乙,丙").doc.paragraphs[0].text == "甲乙，丙"
    assert gc.isenabled()


def test_warm_up_builds_the_pipeline_and_batches_stay_the_same(tmp_path: Path) -> None:
    import gc

    from cleaner import runner
    from cleaner.batch import run_batch
    from cleaner.config import Settings
    from cleaner.discover import discover

    settings = Settings(jobs=2)
    runner.warm_up(settings)
    assert settings.fingerprint() in runner._PIPELINES
    pages = tmp_path / "in"
    pages.mkdir()
    for k in range(3):
        (pages / f"{k}.txt").write_text(runner.WARM_UP * (k + 1), encoding="utf-8")
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        mode = runner.Mode("out", str(out))
        sources = discover([str(pages)], settings.include, settings.exclude, [out])
        outcomes = list(run_batch(sources, settings, mode, jobs, use_cache=False))
        assert [o.rel for o in outcomes] == ["0.txt", "1.txt", "2.txt"]
        outs.append([(out / f"{k}.txt").read_text(encoding="utf-8") for k in range(3)])
    assert outs[0] == outs[1]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def _plain_from_text(text: str) -> list[tuple[str, int, tuple[Segment, ...]]]:
    """model.from_text as first written (line.strip() and a running offset)."""
    out = []
    gap = pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((line, gap, Origin.linear(pos, len(line)).segments))
            gap = 0
        elif out:
            gap += 1
        pos += len(line) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲 \n\t\u3000\r\x85a\x1c\u2028", max_size=30))
def test_from_text_is_the_plain_one(text: str) -> None:
    from cleaner.model import from_text

    doc = from_text(text)
    assert [(p.text, p.gap, p.origin.segments) for p in doc.paragraphs] == _plain_from_text(text)
    assert doc.line_starts[-1] == len(text) + 1


# Round 3: the fast paths of P01, D01 and T01 against the plain rules they replace.


def _plain_halfwidth(text: str) -> list[tuple[int, int, str, str]]:
    """P01 as it was: the rule's pattern run paragraph by paragraph, every mark checked."""
    from cleaner.filters.charscan import inside, protected_spans
    from cleaner.filters.punct import _HALF, FULL

    out = []
    keep = protected_spans(text)
    for m in _HALF.finditer(text):
        for i in range(m.start(), m.end()):
            mark = text[i]
            between = (
                0 < i < len(text) - 1
                and text[i - 1].isascii()
                and text[i - 1].isdigit()
                and text[i + 1].isascii()
                and text[i + 1].isdigit()
            )
            if inside(i, keep) or (mark in ",:" and between):
                continue
            out.append((i, i + 1, FULL[mark], f"half-width '{mark}' in Chinese text"))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="中文,:;?!， 12a@b.cn/w()", max_size=14), min_size=1, max_size=6))
def test_halfwidth_page_scan_is_the_plain_rule(lines: list[str]) -> None:
    from cleaner.filters.punct import halfwidth
    from cleaner.model import from_text

    doc = from_text("\n".join(lines))
    result = halfwidth.apply(doc)
    expected = []
    for para in doc.paragraphs:
        base = para.origin.span(0, 0)[0]
        expected += [
            (base + i, base + j, new, why) for i, j, new, why in _plain_halfwidth(para.text)
        ]
    got = [(c.span[0], c.span[1], c.after, c.reason) for c in result.changes]
    assert got == expected
    assert all(c.code == "P01" and c.action == "edit" and not c.data for c in result.changes)
    assert [p.text for p in result.doc.paragraphs] == [
        p.edit([(i, j, new) for i, j, new, _ in _plain_halfwidth(p.text)]).text
        for p in doc.paragraphs
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "工会组织职工开展技能竞赛，助其提升收入。",  # strong
                "据介绍，运动会由海南省总工会指导举办。",  # strong
                "港报：女孩被幼儿园拒收",  # heading-like
                "阅读提示",
                "本报记者 张三",
                "延伸阅读",
                "１２、电子邮箱地址和联系电话号码",  # many if printed often
                " ",
            ]
        ),
        max_size=14,
    )
)
def test_exact_repeat_shortcut_changes_nothing(lines: list[str]) -> None:
    """A pass that _nothing_to_remove skips gives what the full pass gives."""
    import cleaner.filters.dedup_exact as de
    from cleaner.model import from_text

    doc = from_text("\n".join(lines))
    fast = de.remove_exact_repeats.apply(doc)
    saved = de._nothing_to_remove
    de._nothing_to_remove = lambda *args: False  # type: ignore[assignment]
    try:
        full = de.remove_exact_repeats.apply(doc)
    finally:
        de._nothing_to_remove = saved
    assert [p.text for p in fast.doc.paragraphs] == [p.text for p in full.doc.paragraphs]
    assert [p.flags for p in fast.doc.paragraphs] == [p.flags for p in full.doc.paragraphs]
    assert fast.changes == full.changes


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="這是幾個繁體字这是简体字a 1，", max_size=40), st.integers(0, 4))
def test_looks_traditional_is_the_counted_share(text: str, minimum: int) -> None:
    import cleaner.filters.script as sc

    options = sc.ScriptOptions(min_traditional=minimum)
    found, han = sc.traditional_count([text])
    expected = found >= options.min_traditional and found >= options.traditional_share * han
    saved = sc._CHUNK
    sc._CHUNK = 3  # count in many small chunks
    try:
        assert sc._looks_traditional([text], options) == expected
    finally:
        sc._CHUNK = saved
    assert sc._looks_traditional([text], options) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="记者通讯员编辑作来源摄报道地址：:甲 1\n", max_size=20))
def test_credited_is_credit_search(key: str) -> None:
    from cleaner.filters.dedup_exact import CREDIT, credited

    assert credited(key) == (CREDIT.search(key) is not None)


# Round 5: the normalization fast paths against the general code they stand in for.


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_linear_edit_loop_is_the_general_splice(data: st.DataObject) -> None:
    """apply_edits' one-loop path for a paragraph with a one-piece origin gives the text,
    origin and records of Paragraph.edit_spans; any other paragraph or edit list is refused
    with nothing recorded."""
    from cleaner.filters.base import _edit_any, _edit_linear
    from cleaner.model import NO_DATA

    length = data.draw(st.integers(0, 12))
    para = Paragraph("甲乙,丙:丁ab cd.ef"[:length], data.draw(origins()))
    if _length(para.origin) != length:  # a one-piece origin over exactly this text, mostly
        para = Paragraph(para.text, Origin.linear(data.draw(st.integers(0, 40)), length))
    edits = [
        (i, j, new, f"why {n}", data.draw(st.sampled_from([NO_DATA, {}, {"k": n}])))
        for n, (i, j, new) in enumerate(data.draw(edit_lists(length)))
    ]
    if data.draw(st.booleans()) and edits:  # overlapping or out-of-range edits
        i, j, _, why, extra = edits[-1]
        edits.append((max(i - 1, 0), j + data.draw(st.integers(0, 2)), "z", why, extra))
    fast: list = []
    plain: list = []
    got = _edit_linear(para, edits, fast, "f", "F01", "safe")
    ok = all(0 <= e[0] <= e[1] <= length for e in edits) and all(
        a[1] <= b[0] for a, b in itertools.pairwise(edits)
    )
    linear = len(para.origin.segments) == 1 and para.origin.segments[0].linear
    if not (ok and linear):
        assert got is None and fast == []
        return
    want = _edit_any(para, edits, plain, "f", "F01", "safe")
    # The same paragraph, but a one-for-one edit keeps the origin's segment linear where the
    # general splice cuts it: the two origins map every text range to the same input.
    assert got is not None and got.text == want.text
    assert (got.gap, got.role, got.article, got.flags) == (
        want.gap,
        want.role,
        want.article,
        want.flags,
    )
    assert _same_map(got.origin, want.origin, len(got.text))
    if all(j - i == 1 and len(new) == 1 for i, j, new, _, _ in edits):
        assert got.origin is para.origin
    assert fast == plain
    assert all(type(c.data) is not dict or c.data for c in fast)  # empty data: NO_DATA


def _same_map(a: Origin, b: Origin, length: int) -> bool:
    """Whether two origins map every non-empty text range to the same input pieces."""
    ranges = ((i, j) for i in range(length) for j in range(i + 1, length + 1))
    return a.ranges() == b.ranges() and all(
        _merged(a.pieces(i, j)) == _merged(b.pieces(i, j)) and a.span(i, j) == b.span(i, j)
        for i, j in ranges
    )


def _merged(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if out and out[-1][1] == a:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _mapping(para: Paragraph) -> tuple[object, ...]:
    """Where each character of a paragraph comes from (origins that map alike compare equal)."""
    origin = para.origin
    return (*origin.ranges(), *(origin.span(i, i + 1) for i in range(len(para.text))))


def _stage1(text: str) -> list[tuple[object, ...]]:
    from cleaner.filters import FILTERS
    from cleaner.model import from_text
    from cleaner.pipeline import paused_gc

    doc = from_text(text)
    out: list[tuple[object, ...]] = []
    with paused_gc():
        for name in _STAGE1:
            result = FILTERS[name].apply(doc)
            doc = result.doc
            out.append(
                (name, result.changes, [(p.text, _mapping(p), p.gap) for p in doc.paragraphs])
            )
    return out


_STAGE1 = (
    "whitespace.normalize",
    "unicode.nfc",
    "unicode.spaces",
    "punct.halfwidth",
    "punct.parens",
    "punct.angle",
    "punct.quotes",
    "punct.period",
    "punct.spaces",
    "script.simplify",
    "ocr.and",
    "ocr.doubled-de",
    "ocr.confusions",
)
_SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
_PAGES = [
    "本报讯(记者王伟)近日,某市召开会议:决定?\n\n"
    '他说"你好" and "hi"级別 技能 and 转岗.\n見www.a.cn,ok',
    "  甲乙 , 丙\u00a0丁\u200b\r\n《关于<意见>的通知》 的的确确 目的的 "
    "纳人大病保险 通讯员员燕飞\n\u3000\n",
    "這是幾個繁體字,這是繁體\n这是简体字,級",  # a traditional page: T01 leaves it
    ",\n:\n\u200b\n \u00a0 \n甲,",  # lines left empty by the edits are dropped
    "甲,乙\n" * 100 + "丙 ， 丁 and 戊",  # many lines changed at once
]


@pytest.mark.parametrize(
    "text",
    [*_PAGES, *(p.read_text(encoding="utf-8") for p in _SEEDS)],
    ids=[*(f"page{k}" for k in range(len(_PAGES))), *(p.stem for p in _SEEDS)],
)
def test_normalization_fast_paths_change_nothing(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stage 1 with its fast paths (one-loop splice, page text carried from filter to filter,
    T01's single scan) gives the texts, origin maps and records of the general code."""
    from cleaner.filters import base, charscan, punct, script

    fast = _stage1(text)
    monkeypatch.setattr(base, "_edit_linear", lambda *args: None)
    monkeypatch.setattr(charscan, "remember", lambda doc, result, touched: result)
    monkeypatch.setattr(punct, "remember", lambda doc, result, touched: result)
    monkeypatch.setattr(script, "remember", lambda doc, result, touched: result)
    monkeypatch.setattr(script, "_FEW", -1)  # every page takes the counted path
    charscan._LAST.clear()
    assert _stage1(text) == fast


@pytest.mark.parametrize("text", _PAGES, ids=[f"page{k}" for k in range(len(_PAGES))])
def test_remembered_page_text_is_the_joined_one(text: str) -> None:
    """The page text a filter hands on (charscan.remember) is what joined() would build."""
    from cleaner.filters import FILTERS, charscan
    from cleaner.model import from_text

    doc = from_text(text)
    charscan._LAST.clear()
    handed = 0
    for name in _STAGE1:
        doc = FILTERS[name].apply(doc).doc
        last = charscan._LAST[0] if charscan._LAST else None
        if last is not None and last[0] is doc.paragraphs:
            charscan._LAST.clear()
            assert (last[1], last[2]) == charscan.joined(doc), name
            handed += 1
    assert handed


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="甲 \u3000\u00a0\t\x0b\x1c\x1f\x85\u2028\u200b\ufeff\r\x7fa", max_size=12))
def test_whitespace_precheck_is_the_full_rule(text: str) -> None:
    """W01's shortcut for a line that is not printable only for spaces inside it gives the edits
    of the full rule (EDGE and INVISIBLE run over the line)."""
    import cleaner.filters.whitespace as ws

    para = Paragraph(text, Origin.linear(0, len(text)))
    fast = list(ws._edits(para))
    saved = ws._may_edit
    ws._may_edit = lambda text: True  # type: ignore[assignment]
    try:
        assert fast == list(ws._edits(para))
    finally:
        ws._may_edit = saved


def test_whitespace_precheck_tables_are_the_patterns() -> None:
    """W01's set of edge characters and its stdlib INVISIBLE, against the patterns they stand
    for, over every code point."""
    import cleaner.filters.whitespace as ws
    from cleaner.resources import INVISIBLE

    chars = list(map(chr, range(0x110000)))
    assert {c for c in chars if ws._EDGE_CHAR.match(c)} == ws._EDGE_CHARS
    assert [c for c in chars if ws._INVISIBLE.match(c)] == [c for c in chars if INVISIBLE.match(c)]


def test_character_triggers_are_their_classes() -> None:
    """The triggers given as strings of characters (charscan.candidates finds each with
    str.find) hold exactly the characters of the classes they stand for."""
    from cleaner.filters import punct
    from cleaner.filters import unicode as uni

    chars = list(map(chr, range(0x110000)))
    assert {c for c in chars if uni._ODD_SPACE.match(c)} == set(uni._ODD_SPACE_TRIGGER)
    assert {c for c in chars if punct._PAREN.match(c)} == set(punct._T_PAREN)
