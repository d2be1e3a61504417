"""Hard-wrapped headlines: a headline line broken across two lines of one block is joined.

Only lines with no blank line between them (``Paragraph.gap == 0``) on a page whose paragraphs are
separated by blank lines are candidates: there a single line break inside a block is a wrap. A
stack of 引题 / 主题 / 副题 stands in separate blocks and stays as separate lines; two-line bylines
and TOC entries (``全总…举行`` / ``王东明主持并讲话``) are not headlines wrapped at the column edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import layout
from ..model import Change, Document, Paragraph, Result
from .base import register


@dataclass(frozen=True)
class HeadlineOptions:
    min_wrapped_chars: int = 20
    """A first line this long fills a column: it is a wrap wherever it stands…"""
    min_short_chars: int = 8
    """…a shorter one (a narrow headline column) only outside a table of contents, whose
    entries stand as a title and a subtitle in one block (``…在京举行`` / ``王东明主持并讲话``)."""


@register(
    "join.headline",
    "H01",
    "Join a headline line that a hard wrap broke in two (引题/主题/副题 stay separate lines).",
    safety="heuristic",
    options=HeadlineOptions,
)
def join_headlines(doc: Document, options: HeadlineOptions) -> Result:
    """Join ``head`` and the next line when both are headline text and ``head`` was wrapped."""
    paras = doc.paragraphs
    if not layout.blank_separated([p.gap for p in paras]):
        return Result(doc)
    labels: list[str | None] = [None] * len(paras)  # layout.classify, when first needed
    out: list[Paragraph] = []
    changes: list[Change] = []
    for k, para in enumerate(paras):
        head = out[-1] if out else None
        if (
            head is not None
            and para.gap == 0
            and wrapped(head.text, para.text, options, toc=_near_toc(paras, labels, k))
        ):
            changes.append(
                join_headlines.change(
                    "join",
                    para.origin.span(0, len(para.text)),
                    head.text,
                    para.text,
                    "headline hard-wrapped over two lines",
                    head_span=head.origin.span(0, len(head.text)),
                    score=1.0,
                    cues=["same block", "headline-like", "first line fills the column"],
                    distance="adjacent",
                )
            )
            out[-1] = head.join(para)
        else:
            out.append(para)
    if not changes:
        return Result(doc)
    return Result(doc.with_paragraphs(out), tuple(changes))


_TOC = frozenset({"toc_title", "toc_entry"})


def _near_toc(paras: Sequence[Paragraph], labels: list[str | None], k: int) -> bool:
    """Whether a TOC title or entry stands within three lines of line ``k`` (``labels``: the
    kinds of the lines, classified as they are first looked at)."""
    for m in range(max(0, k - 3), min(len(paras), k + 4)):
        label = labels[m]
        if label is None:
            label = labels[m] = layout.classify(paras[m].text)
        if label in _TOC:
            return True
    return False


def wrapped(
    head: str, tail: str, options: HeadlineOptions = HeadlineOptions(), *, toc: bool = False
) -> bool:
    """Whether ``tail`` continues ``head`` as one headline broken by a hard wrap.

    >>> wrapped("新疆维吾尔自治区总工会派工作队进驻贫困村,聚焦村民所盼,引进先进",
    ...         "技术、扶持脱贫产业、送上亲情式关怀——")
    True
    >>> wrapped("深圳地铁将设立ＶＩＰ头等车厢　买双倍", "票可享坐票")
    True
    >>> wrapped("全总十七届三次主席会议在京举行", "王东明主持并讲话", toc=True)
    False
    """
    h, t = head.strip(), tail.strip()
    n = layout.visible_len(h)
    short = options.min_wrapped_chars if toc else options.min_short_chars
    if n < short or layout.is_kicker(h):
        return False
    if t.startswith("——") or h.endswith((" ", "\u3000")):
        return False
    for text in (h, t):
        if layout.classify(text) != "headline":
            return False
    return layout.headline_like(h + t, max_len=layout.KICKER_MAX)
