"""Punctuation: half-width marks in Chinese text become the full-width marks Chinese uses.

Full-width punctuation is canonical (``../shared/gold/GUIDELINES.md`` §1–3). ASCII stays where it
belongs: in numbers (2,000  12:30  3.2万), Latin words, URLs and e-mail addresses, and in text
with no Chinese next to the mark. Each rule is its own filter (P01–P06), so it can be switched
off alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from ..model import NO_DATA, Document, Paragraph, Result
from .base import Edit, apply_edits, register
from .charscan import CJK, FW_PUNCT, inside, joined, protected_spans, remember, scan_edits

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_IS_CJK = regex.compile(CJK)
# Triggers: cheap stdlib patterns that find the paragraphs worth the exact rule.
_T_PAREN = "()"  # (a class of characters: see charscan.candidates)
_T_ANGLE = re.compile("<")
_T_QUOTE = re.compile('"')
_T_PERIOD = re.compile(r"\.")

# P01: a run of , : ; ? ! with Chinese (Han or full-width punctuation) on at least one side.
_HALF = regex.compile(rf"(?<={CJK} *)[,:;?!]+|[,:;?!]+(?= *{CJK})")


@register(
    "punct.halfwidth",
    "P01",
    "Half-width , : ; ? ! next to Chinese text to ，：；？！ (not in numbers, URLs, Latin text).",
)
def halfwidth(doc: Document, options: object) -> Result:
    """>>> from cleaner.model import from_text
    >>> halfwidth.apply(from_text("共2,000人,时间12:30:地点?")).doc.paragraphs[0].text
    '共2,000人，时间12:30：地点？'
    """
    # One scan of the whole page (the pattern cannot match across the newlines that join the
    # paragraphs), instead of a trigger scan and then the pattern paragraph by paragraph.
    text, starts = joined(doc)
    found: list[tuple[int, list[Edit]]] = []
    k = -1
    edits: list[Edit] = []
    end = 0  # where paragraph k ends in the page text
    urls = protected_spans(text) != []  # (most pages have no URL: no paragraph needs a look)
    keep: list[tuple[int, int]] = []
    for m in _HALF.finditer(text):
        a, b = m.span()
        if a >= end:
            k = bisect.bisect_right(starts, a) - 1
            end = starts[k + 1] - 1
            edits = []
            found.append((k, edits))
            base = starts[k]
            if urls:
                keep = protected_spans(text[base:end])
        if b - a == 1 and not keep:  # most runs: one mark, neither in a URL nor between digits
            mark = text[a]
            edits.append((a - base, b - base, FULL[mark], _HALF_REASON[mark], NO_DATA))
            continue
        para = text[base:end]
        for i in range(a - base, b - base):
            mark = para[i]
            if keep and inside(i, keep):
                continue
            if (
                mark in ",:"
                and 0 < i < end - base - 1
                and para[i - 1] in _DIGITS
                and para[i + 1] in _DIGITS
            ):
                continue  # 2,000 12:30 (the pattern cannot match them anyway: no Chinese)
            edits.append((i, i + 1, FULL[mark], _HALF_REASON[mark], NO_DATA))
    return remember(doc, apply_edits(halfwidth, doc, found), [k for k, _ in found])


_DIGITS = frozenset("0123456789")  # what str.isascii() and str.isdigit() both accept


_HALF_REASON = {mark: f"half-width '{mark}' in Chinese text" for mark in ",:;?!"}


# P02: parentheses, as pairs where possible.
_PAREN = regex.compile(r"[()]")
_PAIR = regex.compile(r"\(([^()\n]*)\)")


@register(
    "punct.parens",
    "P02",
    "Half-width ( ) to （ ）: a pair when its content or either side is Chinese.",
)
def parens(doc: Document, options: object) -> Result:
    """A pair converts together, so (记者王伟) becomes （记者王伟） and (AAPL) in English stays.

    >>> from cleaner.model import from_text
    >>> parens.apply(from_text("本报讯(记者王伟)近日 Apple (AAPL) 场(次)")).doc.paragraphs[0].text
    '本报讯（记者王伟）近日 Apple (AAPL) 场（次）'
    """
    return scan_edits(parens, doc, _T_PAREN, _paren_edits)


def _paren_edits(para: Paragraph) -> Iterator[Edit]:
    text = para.text
    keep = protected_spans(text)
    half = text.count("(") + text.count(")")
    cur = text
    changed: dict[int, str] = {}
    # Converting an inner pair can make its outer pair Chinese: repeat to a fixed point, so that
    # a second run of the filter has nothing left to do.
    for _ in range(4):
        found = _paren_round(cur, keep)
        if not found:
            break
        changed.update(found)
        if len(changed) == half:
            break  # every half-width parenthesis is converted: the next round would find none
        chars = list(cur)
        for i in found:
            chars[i] = FULL[chars[i]]
        cur = "".join(chars)
    for i in sorted(changed):
        yield i, i + 1, FULL[text[i]], f"half-width '{text[i]}': {changed[i]}", NO_DATA


def _paren_round(cur: str, keep: list[tuple[int, int]]) -> dict[int, str]:
    """The half-width parentheses of ``cur`` to convert in one round, with why."""
    found: dict[int, str] = {}
    paired: set[int] = set()
    for m in _PAIR.finditer(cur):
        a, b = m.start(), m.end() - 1
        paired.add(a)
        paired.add(b)
        if keep and (inside(a, keep) or inside(b, keep)):
            continue
        if _IS_CJK.search(m.group(1)) or _cjk_at(cur, a - 1, -1) or _cjk_at(cur, b + 1, 1):
            found[a] = found[b] = "pair in Chinese text"
    if len(paired) == cur.count("(") + cur.count(")"):
        return found  # every one is in a pair
    for m in _PAREN.finditer(cur):
        i = m.start()
        if i in paired or (keep and inside(i, keep)):
            continue
        if _cjk_at(cur, i - 1, -1, True) or _cjk_at(cur, i + 1, 1, True):
            found[i] = "unpaired, next to Chinese text"
    return found


def _cjk_at(text: str, i: int, step: int, skip_spaces: bool = False) -> bool:
    """Whether the character at ``i`` (the first non-space one from there, in direction
    ``step``, with ``skip_spaces``) is Chinese."""
    while skip_spaces and 0 <= i < len(text) and text[i] == " ":
        i += step
    return 0 <= i < len(text) and bool(_IS_CJK.match(text[i]))


# P03: <…> nested in 《…》.
_ANGLE = regex.compile(r"(?<=《[^《》\n]*)<([^<>《》\n]*)>(?=[^《》\n]*》)")


@register("punct.angle", "P03", "A < > pair nested inside 《 》 to 〈 〉.")
def angle(doc: Document, options: object) -> Result:
    """>>> from cleaner.model import from_text
    >>> angle.apply(from_text("《关于印发<意见>的通知》 a<b>c")).doc.paragraphs[0].text
    '《关于印发〈意见〉的通知》 a<b>c'
    """

    def find(para: Paragraph) -> Iterator[Edit]:
        for m in _ANGLE.finditer(para.text):
            why = "half-width < > nested in 《》"
            yield m.start(), m.start() + 1, "〈", why, {}
            yield m.end() - 1, m.end(), "〉", why, {}

    return scan_edits(angle, doc, _T_ANGLE, find)


# P04: straight double quotes around Chinese text.
_DQUOTE = regex.compile(r'"')


@register(
    "punct.quotes",
    "P04",
    'Straight double quotes around Chinese text to “ ” (only when every " on the line pairs up).',
)
def quotes(doc: Document, options: object) -> Result:
    """>>> from cleaner.model import from_text
    >>> quotes.apply(from_text('他说"你好" and "hi"')).doc.paragraphs[0].text
    '他说“你好” and "hi"'
    """
    return scan_edits(quotes, doc, _T_QUOTE, _quote_edits)


def _quote_edits(para: Paragraph) -> Iterator[Edit]:
    text = para.text
    keep = protected_spans(text)
    pos = [m.start() for m in _DQUOTE.finditer(text) if not inside(m.start(), keep)]
    if len(pos) % 2:
        return  # unbalanced: which quote opens and which closes is a guess
    for a, b in zip(pos[::2], pos[1::2], strict=True):
        if _IS_CJK.search(text, a + 1, b):
            yield a, a + 1, "“", "straight quote around Chinese text (opening)", {}
            yield b, b + 1, "”", "straight quote around Chinese text (closing)", {}


# P05: a period that certainly ends a Chinese sentence: right after Han at the paragraph end.
_PERIOD = regex.compile(r"(?<=\p{Han})\.(?=[”’」』）\"')]*(?:\n|\Z))")


@register(
    "punct.period",
    "P05",
    "A '.' right after a Han character at the end of a paragraph to 。 (nowhere else).",
)
def period(doc: Document, options: object) -> Result:
    """Inside a paragraph "." may be a name dot or a ticker (阿里巴巴.US): left alone.

    >>> from cleaner.model import from_text
    >>> period.apply(from_text("你好.阿里巴巴.US 完成.")).doc.paragraphs[0].text
    '你好.阿里巴巴.US 完成。'
    """

    def find(para: Paragraph) -> Iterator[Edit]:
        for m in _PERIOD.finditer(para.text):
            yield m.start(), m.end(), "。", "half-width '.' ending a Chinese sentence", {}

    return scan_edits(period, doc, _T_PERIOD, find)


# P06: spaces that touch full-width punctuation.
_FW = regex.escape(FW_PUNCT.replace("…", "").replace("—", ""))
_SPACES = regex.compile(rf"(?<=[{_FW}]) +| +(?=[{_FW}])")
# A space before or after a mark. Starting with the literal space lets the scan skip ahead to
# the next space (rare in Chinese text) instead of testing a class at every character.
_SPACES_TRIGGER = re.compile(f" (?:(?=[{_FW}])|(?<=[{_FW}] ))")
_QUOTE_MARKS = set("“”‘’《》「」『』〈〉【】")
_PROSE = regex.compile(r"[，。；：？！]")


@register(
    "punct.spaces",
    "P06",
    "Drop spaces touching full-width punctuation (not layout spaces by quotes in headlines).",
)
def spaces(doc: Document, options: object) -> Result:
    """U+3000 is not touched (see U02). A space next to a quotation or title mark only is kept
    in a line without sentence punctuation: a headline (海南举办“嗨转健” 群众趣味运动会).

    >>> from cleaner.model import from_text
    >>> spaces.apply(from_text("本报讯 （记者王伟 通讯员李冉） 近日")).doc.paragraphs[0].text
    '本报讯（记者王伟 通讯员李冉）近日'
    """
    return scan_edits(spaces, doc, _SPACES_TRIGGER, _space_edits)


def _space_edits(para: Paragraph) -> Iterator[Edit]:
    text = para.text
    prose: bool | None = None
    for m in _SPACES.finditer(text):
        a, b = m.span()
        sides = [text[k] for k in (a - 1, b) if 0 <= k < len(text)]
        if b < len(text) and text[b].isascii() and text[b].isalnum():
            continue  # "， 7、8月份", "： Apple": a space before Latin text or a number is a choice
        touched = set(sides) & set(FW_PUNCT)
        if touched <= _QUOTE_MARKS:
            if prose is None:
                prose = bool(_PROSE.search(text))
            if not prose:
                continue
        marks = "".join(sorted(touched))
        yield a, b, "", f"space touching full-width punctuation {marks}", {}
