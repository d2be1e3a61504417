"""A naive cleaner to measure ours against: what a quick script would do.

Three passes over the whole text, with no context and no audit: drop a line that repeats an
earlier line exactly, map half-width punctuation to full-width through a fixed table, and run
OpenCC's ``t2s`` over everything. It is fast to write and wrong in the ways issue 7 lists
(``3.2万`` becomes ``3。2万``, a genuinely traditional page is converted); it is here only as a
yardstick for speed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Half-width to full-width, regardless of context (which is the naive part).
PUNCT = str.maketrans(
    {",": "，", ".": "。", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
)


@cache
def _converter() -> Any:
    from opencc import OpenCC

    return OpenCC("t2s")


def dedup_lines(text: str) -> str:
    """Keep the first copy of each non-blank line (compared without edge spaces)."""
    seen: set[str] = set()
    out: list[str] = []
    for line in text.split("\n"):
        key = line.strip()
        if key:
            if key in seen:
                continue
            seen.add(key)
        out.append(line)
    return "\n".join(out)


def punctuation(text: str) -> str:
    return text.translate(PUNCT)


def t2s(text: str) -> str:
    return str(_converter().convert(text))


STEPS = (("dedup_lines", dedup_lines), ("punctuation", punctuation), ("opencc_t2s", t2s))


def clean(text: str) -> str:
    """All three steps, in order."""
    for _, step in STEPS:
        text = step(text)
    return text
