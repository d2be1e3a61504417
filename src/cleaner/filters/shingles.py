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

Shingles shared by many paragraphs (formulaic openings) carry no evidence and would make lookups
slow: once a shingle's posting list is ``max_df`` long it is no longer extended nor used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

# Clause separators: punctuation, symbols that act as punctuation, and whitespace.
CLAUSE_BREAK = regex.compile(r"[\p{P}\p{S}\s]+")


def shingles(text: str, n: int = 6) -> set[str]:
    """The clause-anchored shingles of ``text``: first and last ``n`` characters of each clause.

    Clauses shorter than ``n`` give nothing; a clause of exactly ``n`` characters gives itself.

    >>> sorted(shingles("甲乙丙丁戊己庚，子丑寅卯", n=4))
    ['<子丑寅卯', '<甲乙丙丁', '>丁戊己庚', '>子丑寅卯']
    """
    clauses = [c for c in CLAUSE_BREAK.split(text) if len(c) >= n]
    out = {"<" + c[:n] for c in clauses}
    out.update([">" + c[-n:] for c in clauses])
    return out


class ShingleIndex:
    """Inverted index from shingle to the ids of the paragraphs that contain it.

    >>> index = ShingleIndex(n=4)
    >>> index.add(0, "甲乙丙丁戊，己庚辛壬癸。")
    >>> index.add(1, "子丑寅卯辰，巳午未申酉。")
    >>> index.candidates("乙丙丁戊，己庚辛壬")
    [0]
    """

    def __init__(self, n: int = 6, max_df: int = 64) -> None:
        self.n = n
        self.max_df = max_df
        self.postings: dict[str, list[int]] = {}

    def add(self, ident: int, text: str, keys: Iterable[str] | None = None) -> None:
        """Index ``text`` (or its ``keys``) under ``ident``; call again to add new text's too."""
        for key in shingles(text, self.n) if keys is None else keys:
            posting = self.postings.get(key)
            if posting is None:
                self.postings[key] = [ident]
            elif len(posting) < self.max_df and posting[-1] != ident:
                posting.append(ident)

    def candidates(self, text: str, limit: int = 8, keys: Iterable[str] | None = None) -> list[int]:
        """Ids that share shingles with ``text``: the ``limit`` best by number of shared shingles.

        Ties go to the earlier id, so the result does not depend on hashing.
        """
        hits: Counter[int] = Counter()
        for key in shingles(text, self.n) if keys is None else keys:
            posting = self.postings.get(key)
            if posting is not None and len(posting) < self.max_df:
                hits.update(posting)
        if not hits:
            return []
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [ident for ident, _ in ranked[:limit]]

    def __len__(self) -> int:
        return len(self.postings)
