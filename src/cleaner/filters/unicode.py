"""Unicode normalization: NFC, odd spaces, and (optionally) full-width Latin letters and digits.

Never blanket NFKC: it would turn the full-width punctuation of Chinese (，：（）) into ASCII.

The space rule (U02): no-break, en, em, thin and similar spaces (U+00A0, U+2000–U+200A, U+202F,
U+205F) are residue of HTML and word processors and become an ASCII space, which the punctuation
filter (P06) then drops where it touches full-width punctuation. U+3000 IDEOGRAPHIC SPACE is CJK
typesetting (clean sources such as the Sohu corpus separate headline phrases and byline names with
it) and is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..model import Document, Paragraph, Result
from .base import Edit, edit_each, register
from .charscan import joined, scan_edits

# A grapheme cluster: the unit NFC composes within.
_CLUSTER = regex.compile(r"\X")


@register(
    "unicode.nfc",
    "U01",
    "Normalize to Unicode NFC (composed characters; compatibility ideographs to unified ones).",
)
def nfc(doc: Document, options: object) -> Result:
    """Canonical composition only: NFC never changes the width or shape class of punctuation.

    >>> from cleaner.model import from_text
    >>> nfc.apply(from_text("Cafe\\u0301 中文")).doc.paragraphs[0].text
    'Café 中文'
    """
    if unicodedata.is_normalized("NFC", joined(doc)[0]):
        return Result(doc)
    return edit_each(nfc, doc, _nfc_edits)


def _nfc_edits(para: Paragraph) -> Iterator[Edit]:
    if unicodedata.is_normalized("NFC", para.text):
        return
    for m in _CLUSTER.finditer(para.text):
        cluster = m.group()
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            names = "+".join(f"U+{ord(c):04X}" for c in cluster)
            yield m.start(), m.end(), composed, f"NFC: {names} is not in composed form", {}


_ODD_SPACE = regex.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
# _ODD_SPACE's characters: a trigger for charscan.candidates, which finds each with str.find.
_ODD_SPACE_TRIGGER = "".join(map(chr, [0xA0, *range(0x2000, 0x200B), 0x202F, 0x205F]))


@register(
    "unicode.spaces",
    "U02",
    "Turn no-break, en, em, thin and other odd spaces into ASCII spaces (U+3000 is kept).",
)
def odd_spaces(doc: Document, options: object) -> Result:
    """Odd spaces become ASCII spaces; the ideographic space U+3000 stays.

    >>> from cleaner.model import from_text
    >>> odd_spaces.apply(from_text("记者\\u00a0王伟\\u3000摄")).doc.paragraphs[0].text
    '记者 王伟\\u3000摄'
    """
    return scan_edits(odd_spaces, doc, _ODD_SPACE_TRIGGER, _space_edits)


def _space_edits(para: Paragraph) -> Iterator[Edit]:
    for m in _ODD_SPACE.finditer(para.text):
        name = unicodedata.name(m.group(), f"U+{ord(m.group()):04X}").lower()
        yield m.start(), m.end(), " ", f"odd space ({name}) to ASCII space", {}


_FULLWIDTH_ALNUM = regex.compile(r"[０-９]+|[Ａ-Ｚａ-ｚ]+")
_FULLWIDTH_TRIGGER = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_TO_ASCII = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


@dataclass(frozen=True)
class WidthOptions:
    digits: bool = True
    letters: bool = True


@register(
    "unicode.fullwidth-alnum",
    "U03",
    "Full-width Latin letters and digits (ＶＩＰ ２０１２) to ASCII; off unless selected.",
    options=WidthOptions,
    enabled=False,
)
def fullwidth_alnum(doc: Document, options: WidthOptions) -> Result:
    """Optional: clean typeset sources use full-width letters and digits on purpose.

    Punctuation is never touched (full-width punctuation is canonical in Chinese).

    >>> from cleaner.model import from_text
    >>> fullwidth_alnum.apply(from_text("ＶＩＰ车厢２０１２年")).doc.paragraphs[0].text
    'VIP车厢2012年'
    """

    def find(para: Paragraph) -> Iterator[Edit]:
        for m in _FULLWIDTH_ALNUM.finditer(para.text):
            run = m.group()
            if run[0].isdigit() and not options.digits:
                continue
            if not run[0].isdigit() and not options.letters:
                continue
            yield m.start(), m.end(), run.translate(_TO_ASCII), "full-width letters/digits", {}

    return scan_edits(fullwidth_alnum, doc, _FULLWIDTH_TRIGGER, find)
