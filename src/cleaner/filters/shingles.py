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
from collections.abc import Collection, Iterable
from itertools import compress, count, repeat
from operator import add, eq, itemgetter

import regex

from ..resources import visible

# Clause separators: punctuation, symbols that act as punctuation, and whitespace.
CLAUSE_BREAK = regex.compile(r"[\p{P}\p{S}\s]+")
# A clause of at least ``n`` characters, for n = 1..9 (one compiled pattern each).
_CLAUSES = [regex.compile(rf"[^\p{{P}}\p{{S}}\s]{{{n},}}") for n in range(10)]
# Slicers of the first and the last ``n`` characters, for n = 1..9 (mapped in C over the clauses).
_HEADS = [itemgetter(slice(None, n)) for n in range(10)]
_TAILS = [itemgetter(slice(-n, None)) for n in range(10)]


def shingles(text: str, n: int = 6) -> set[str]:
    """The clause-anchored shingles of ``text``: first and last ``n`` characters of each clause.

    Clauses shorter than ``n`` give nothing; a clause of exactly ``n`` characters gives itself.

    >>> sorted(shingles("甲乙丙丁戊己庚，子丑寅卯", n=4))
    ['<子丑寅卯', '<甲乙丙丁', '>丁戊己庚', '>子丑寅卯']
    """
    if n >= len(_CLAUSES):
        clauses = regex.findall(rf"[^\p{{P}}\p{{S}}\s]{{{n},}}", text)
        return {"<" + c[:n] for c in clauses} | {">" + c[-n:] for c in clauses}
    clauses = _CLAUSES[n].findall(text)
    out = set(map(add, repeat("<"), map(_HEADS[n], clauses)))  # no Python loop: C all along
    out.update(map(add, repeat(">"), map(_TAILS[n], clauses)))
    return out


# A character no text has (a noncharacter): between the texts of a page, as a clause of its own.
_MARK = "\ufdd0"


# How many texts page_shingles joins at a time (bounds the memory of its temporary lists).
_BATCH = 2048


def page_shingles(texts: list[str], n: int = 6) -> list[set[str]]:
    """``[shingles(t, n) for t in texts]``, with one regex pass and one slicing pass per batch.

    >>> texts = ["甲乙丙丁戊己庚，子丑寅卯", "", "甲乙丙", "子丑寅卯"]
    >>> page_shingles(texts, 4) == [shingles(t, 4) for t in texts]
    True
    """
    if len(texts) <= _BATCH:
        return _batch_shingles(texts, n)
    out: list[set[str]] = []
    for start in range(0, len(texts), _BATCH):
        out += _batch_shingles(texts[start : start + _BATCH], n)
    return out


def _batch_shingles(texts: list[str], n: int) -> list[set[str]]:
    sep = _MARK * n  # the texts are joined by a clause of n marks, between whitespace
    page = f"\n{sep}\n".join(texts)
    if not 0 < n < len(_CLAUSES) or page.count(_MARK) != n * (len(texts) - 1):
        return [shingles(t, n) for t in texts]  # a text has the mark
    clauses = _CLAUSES[n].findall(page)
    heads = list(map(add, repeat("<"), map(_HEADS[n], clauses)))
    tails = list(map(add, repeat(">"), map(_TAILS[n], clauses)))
    ends = list(compress(count(), map(eq, clauses, repeat(sep))))  # the separating clauses
    ends.append(len(clauses))
    out = []
    start = 0
    for end in ends:
        grams = set(heads[start:end])
        grams.update(tails[start:end])
        out.append(grams)
        start = end + 1
    return out


# Shingles computed by dedup.near, kept for dedup.fragment, which runs next over (mostly) the same
# paragraphs: (n, text) -> shingles. It holds one page at most and is emptied by the taker.
_HANDOVER: dict[tuple[int, str], set[str]] = {}
_NONE: set[str] = set()


class _Keys(dict[str, str]):
    """Paragraph text -> its visible text, computed on a miss (a pure function: never stale)."""

    def __missing__(self, text: str) -> str:
        key = self[text] = visible(text)
        return key


# The visible text of the paragraphs seen by dedup.near, for dedup.fragment (same lifetime as
# _HANDOVER). Handing over the very same string objects also keeps their hashes.
_KEYS = _Keys()


def visible_keys(texts: Iterable[str], *, keep: bool = False) -> list[str]:
    """``[visible(t) for t in texts]``, kept for the next filter (``keep``) or taken from it.

    >>> forget_shingles(); visible_keys(["甲 乙", "丙"], keep=True)
    ['甲乙', '丙']
    >>> visible_keys(["甲 乙", "丁 "])
    ['甲乙', '丁']
    """
    if keep:
        texts = list(texts)
        keys = list(map(visible, texts))
        _KEYS.update(zip(texts, keys, strict=True))
        return keys
    return list(map(_KEYS.__getitem__, texts))  # a miss calls __missing__


def hand_over(grams: dict[str, set[str]], n: int) -> None:
    """Keep the shingles ``grams`` (text -> its shingles for ``n``) for the next filter."""
    _HANDOVER.update({(n, text): shingled for text, shingled in grams.items()})


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
    _KEYS.clear()


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

    def add(
        self,
        ident: int,
        text: str,
        keys: Collection[str] | None = None,
        shared: Collection[str] | None = None,
    ) -> None:
        """Index ``text`` (or its ``keys``) under ``ident``; call again to add new text's too.

        ``shared``: what :meth:`probe` returned for these keys, with no change to the index since.
        """
        grams = shingles(text, self.n) if keys is None else keys
        latest, df = self.latest, self.df
        if shared is None:
            shared = latest.keys() & grams  # set operations in C: few shingles are shared
        for key in shared:
            if latest[key] != ident:
                df[key] = df.get(key, 1) + 1
        latest.update(dict.fromkeys(grams, ident))

    def candidates(
        self, text: str, limit: int = 8, keys: Collection[str] | None = None
    ) -> list[int]:
        """Ids that share shingles with ``text``: the ``limit`` best by number of shared shingles.

        Ties go to the earlier id, so the result does not depend on hashing.
        """
        grams = shingles(text, self.n) if keys is None else keys
        return self.probe(grams, limit)[0]

    def probe(self, grams: Collection[str], limit: int = 8) -> tuple[list[int], set[str]]:
        """:meth:`candidates` of these shingles, and those of them in the index (for :meth:`add`).

        >>> index = ShingleIndex(n=4); index.add(0, "甲乙丙丁戊")
        >>> index.probe(shingles("甲乙丙丁", 4))
        ([0], {'<甲乙丙丁'})
        """
        latest, df, max_df = self.latest, self.df, self.max_df
        shared = latest.keys() & grams
        if not shared:  # most paragraphs: nothing seen before
            return [], shared
        found = [latest[k] for k in shared if df.get(k, 1) < max_df]
        if not found:
            return [], shared
        if len(found) == 1:
            return found, shared
        ranked = sorted(Counter(found).items(), key=lambda kv: (-kv[1], kv[0]))
        return [ident for ident, _ in ranked[:limit]], shared

    def __len__(self) -> int:
        return len(self.latest)
