"""Topic vectors of a page's paragraphs: character-bigram TF-IDF, sparse, for cosine similarity.

The segmenter compares runs of paragraphs with articles by these vectors. On a page of 100,000
paragraphs only some paragraphs are ever compared (the opening of each run, see
``filters/segment.py``): the IDF is counted over those, and a paragraph's vector is weighed when it
is first asked for, so that the work stays linear in the text that is looked at.

>>> t = Topics(["工会送温暖。", "工会送温暖到一线。", "股市大涨。"])
>>> round(cosine(t.vector([0]), t.vector([1])), 2), cosine(t.vector([0]), t.vector([2]))
(0.71, 0.0)
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import regex

_NOT_GRAM = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_ZEROS = itertools.repeat(0.0)
IDF_FLOOR = 100
"""A small page is one article or a few: its own words are in most of its paragraphs, and a plain
IDF would weigh them down. Count as if the page were part of a collection at least this large."""


def grams(text: str) -> Counter[str]:
    """Counts of the character bigrams of ``text`` (letters and digits only, punctuation skipped).

    >>> sorted(grams("工会，工会").items())
    [('会工', 1), ('工会', 2)]
    """
    s = _NOT_GRAM.sub("", text)
    return Counter(map(operator.add, s, s[1:]))


class Topics:
    """TF-IDF vectors of runs of paragraphs of one page, the IDF counted over ``counted`` (all
    paragraphs by default)."""

    def __init__(self, texts: Sequence[str], counted: Iterable[int] | None = None) -> None:
        self._texts = texts
        idx = range(len(texts)) if counted is None else counted
        self._chars: dict[int, str] = {i: _NOT_GRAM.sub("", texts[i]) for i in idx}
        df: Counter[str] = Counter()
        for s in self._chars.values():
            df.update(set(map(operator.add, s, s[1:])))
        self._df = df
        n = max(len(self._chars), IDF_FLOOR)
        # One logarithm per distinct count, then the mapping built in C.
        logs = {k: math.log((n + 1) / (k + 0.5)) for k in set(df.values())}
        self._idf = dict(zip(df.keys(), map(logs.__getitem__, df.values()), strict=True))
        self._rare = math.log((n + 1) / 0.5)  # the weight of a bigram not counted at all

    def shared(self, most: int) -> frozenset[str]:
        """The bigrams in at least 2 and at most ``most`` counted paragraphs."""
        return frozenset(g for g, k in self._df.items() if 2 <= k <= most)

    def _bigrams(self, i: int) -> Iterator[str]:
        s = self._chars.get(i)
        if s is None:
            s = self._chars[i] = _NOT_GRAM.sub("", self._texts[i])
        return map(operator.add, s, s[1:])

    def bigrams(self, i: int) -> set[str]:
        """The distinct bigrams of paragraph ``i``."""
        return set(self._bigrams(i))

    def vector(self, items: Sequence[int]) -> dict[str, float]:
        """The TF-IDF vector of the paragraphs ``items`` taken together (a new dict)."""
        counts: Counter[str] = Counter()
        for i in items:
            counts.update(self._bigrams(i))  # counted in C
        weights = map(self._idf.get, counts.keys(), itertools.repeat(self._rare))
        return dict(zip(counts.keys(), map(operator.mul, counts.values(), weights), strict=True))


def norm(v: dict[str, float]) -> float:
    values = list(v.values())
    squares: float = sum(map(operator.mul, values, values))
    return math.sqrt(squares)


def cosine(
    a: dict[str, float], b: dict[str, float], nb: float | None = None, na: float | None = None
) -> float:
    """Cosine of two sparse vectors; pass norms already known (``nb`` of ``b``, ``na`` of ``a``)."""
    na = norm(a) if na is None else na
    nb = norm(b) if nb is None else nb
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # The products summed in C (map) rather than in a generator: the same sum, several times faster.
    dot: float = sum(map(operator.mul, a.values(), map(b.get, a.keys(), _ZEROS)))
    return dot / (na * nb)
