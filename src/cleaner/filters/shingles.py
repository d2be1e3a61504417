"""A candidate index for near and fragment repeats: clause-anchored character shingles.

Comparing every paragraph with every earlier one is quadratic; on a page of 100,000 paragraphs it
does not finish. This index finds the few earlier paragraphs worth comparing with ``rapidfuzz``.

The shingles are character n-grams taken where a clause starts and where it ends: a paragraph is
cut at punctuation and whitespace, and each clause of at least ``n`` characters gives its first
``n`` and its last ``n`` characters. Cutting at punctuation is done by the regex engine, so the
work per paragraph is a handful of slices instead of one hash per character, and the anchors are
the same in every copy of a text. They survive what repeats do to text:

* a near copy with a few OCR confusions keeps most of its clauses, so most of its shingles;
* a fragment that starts inside a clause (the tail of a split paragraph) still ends that clause
  the way the original does, and its inner clauses are whole;
* dropped or added quotes and other punctuation change no clause.

What it misses: a fragment that starts and ends inside one long clause (a piece of an unpunctuated
run), which has no clause edge in common with its original.

Shingles shared by many paragraphs (formulaic openings) carry no evidence: once ``max_df``
paragraphs have a shingle, it is no longer used. Each shingle points to the latest paragraph that
has it only (not to a posting list), so that indexing a paragraph is two dictionary updates done
in C, not a Python loop over its shingles: on a page of 100,000 paragraphs that is most of the time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from itertools import repeat

import regex

# Clause separators: punctuation, symbols that act as punctuation, and whitespace.
CLAUSE_BREAK = regex.compile(r"[\p{P}\p{S}\s]+")
# A clause of at least ``n`` characters, for n = 1..9 (one compiled pattern each).
_CLAUSES = [regex.compile(rf"[^\p{{P}}\p{{S}}\s]{{{n},}}") for n in range(10)]


def shingles(text: str, n: int = 6) -> set[str]:
    """The clause-anchored shingles of ``text``: first and last ``n`` characters of each clause.

    Clauses shorter than ``n`` give nothing; a clause of exactly ``n`` characters gives itself.

    >>> sorted(shingles("甲乙丙丁戊己庚，子丑寅卯", n=4))
    ['<子丑寅卯', '<甲乙丙丁', '>丁戊己庚', '>子丑寅卯']
    """
    found = _CLAUSES[n] if n < len(_CLAUSES) else regex.compile(rf"[^\p{{P}}\p{{S}}\s]{{{n},}}")
    clauses = found.findall(text)
    out = {"<" + c[:n] for c in clauses}
    out.update([">" + c[-n:] for c in clauses])
    return out


# Shingles computed by dedup.near, kept for dedup.fragment, which runs next over (mostly) the same
# paragraphs: (n, text) -> shingles. It holds one page at most and is emptied by the taker.
_HANDOVER: dict[tuple[int, str], set[str]] = {}
_NONE: set[str] = set()


def handed_shingles(text: str, n: int, *, keep: bool) -> set[str]:
    """``shingles(text, n)``, kept for the next filter (``keep``) or taken from the previous one.

    The result is the same either way; only the work is shared.

    >>> forget_shingles(); a = handed_shingles("甲乙丙丁戊己庚", 4, keep=True)
    >>> handed_shingles("甲乙丙丁戊己庚", 4, keep=False) == a, len(_HANDOVER)
    (True, 0)
    """
    if keep:
        grams = _HANDOVER[n, text] = shingles(text, n)
        return grams
    handed = _HANDOVER.pop((n, text), _NONE)
    return shingles(text, n) if handed is _NONE else handed


def forget_shingles() -> None:
    """Drop the shingles handed over (the giver calls it before, the taker after its page)."""
    _HANDOVER.clear()


class ShingleIndex:
    """Inverted index from shingle to the latest paragraph (by id) that contains it.

    >>> index = ShingleIndex(n=4)
    >>> index.add(0, "甲乙丙丁戊，己庚辛壬癸。")
    >>> index.add(1, "子丑寅卯辰，巳午未申酉。")
    >>> index.candidates("乙丙丁戊，己庚辛壬")
    [0]
    """

    def __init__(self, n: int = 6, max_df: int = 64) -> None:
        self.n = n
        self.max_df = max_df
        self.latest: dict[str, int] = {}  # shingle -> the id added last with it
        self.df: dict[str, int] = {}  # shingle -> how many ids have it, once more than one

    def add(self, ident: int, text: str, keys: Collection[str] | None = None) -> None:
        """Index ``text`` (or its ``keys``) under ``ident``; call again to add new text's too."""
        grams = shingles(text, self.n) if keys is None else keys
        latest, df = self.latest, self.df
        for key in latest.keys() & grams:  # set operations in C: few shingles are shared
            if latest[key] != ident:
                df[key] = df.get(key, 1) + 1
        latest.update(zip(grams, repeat(ident)))

    def candidates(
        self, text: str, limit: int = 8, keys: Collection[str] | None = None
    ) -> list[int]:
        """Ids that share shingles with ``text``: the ``limit`` best by number of shared shingles.

        Ties go to the earlier id, so the result does not depend on hashing.
        """
        latest, df, max_df = self.latest, self.df, self.max_df
        grams = shingles(text, self.n) if keys is None else keys
        found = [latest[k] for k in latest.keys() & grams if df.get(k, 1) < max_df]
        if not found:
            return []
        if len(found) == 1:
            return found
        ranked = sorted(Counter(found).items(), key=lambda kv: (-kv[1], kv[0]))
        return [ident for ident, _ in ranked[:limit]]

    def __len__(self) -> int:
        return len(self.latest)
