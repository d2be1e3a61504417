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
from collections.abc import Iterable, Sequence

import regex

_NOT_GRAM = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
_ZEROS = itertools.repeat(0.0)
IDF_FLOOR = 100
"""A small page is one article or a few: its own words are in most of its paragraphs, and a plain
IDF would weigh them down. Count as if the page were part of a collection at least this large."""
GRAM_CACHE = 500_000
"""At most this many bigrams of a page's paragraphs are kept between asks (some 40 MB: memory
stays bounded on a huge page; beyond it, a paragraph's bigrams are made again when asked for)."""
_RECENT = 16
_RECENT_SIZE = 20_000
"""The last ``_RECENT`` vectors asked for are kept, each if it has at most this many bigrams."""


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
        self._chars: dict[int, str] = {}
        self._grams: dict[int, list[str]] = {}
        self._budget = GRAM_CACHE
        self._recent: dict[tuple[int, ...], tuple[dict[str, float], float]] = {}
        df: Counter[str] = Counter()
        for i in idx:
            if i not in self._chars:
                self._chars[i] = _NOT_GRAM.sub("", texts[i])
                df.update(set(self._bigrams(i)))
        self._df = df
        n = max(len(self._chars), IDF_FLOOR)
        # One logarithm per distinct count, then the mapping built in C.
        logs = {k: math.log((n + 1) / (k + 0.5)) for k in set(df.values())}
        self._idf = dict(zip(df.keys(), map(logs.__getitem__, df.values()), strict=True))
        self._rare = math.log((n + 1) / 0.5)  # the weight of a bigram not counted at all

    def shared(self, most: int) -> frozenset[str]:
        """The bigrams in at least 2 and at most ``most`` counted paragraphs."""
        df = self._df
        counts = {k for k in set(df.values()) if 2 <= k <= most}
        return frozenset(itertools.compress(df.keys(), map(counts.__contains__, df.values())))

    def _bigrams(self, i: int) -> list[str]:
        """The bigrams of paragraph ``i`` in order, kept (within ``GRAM_CACHE``) for the next ask:
        a paragraph is in many of the runs compared, and a kept string keeps its hash."""
        grams = self._grams.get(i)
        if grams is not None:
            return grams
        s = self._chars.get(i)
        if s is None:
            s = self._chars[i] = _NOT_GRAM.sub("", self._texts[i])
        grams = list(map(operator.add, s, s[1:]))
        if self._budget >= len(grams):
            self._budget -= len(grams)
            self._grams[i] = grams
        return grams

    def bigrams(self, i: int) -> set[str]:
        """The distinct bigrams of paragraph ``i``."""
        return set(self._bigrams(i))

    def vector(self, items: Sequence[int]) -> dict[str, float]:
        """The TF-IDF vector of the paragraphs ``items`` taken together: shared with the next asks
        for the same paragraphs (the last ``_RECENT`` vectors are kept), so never to be changed."""
        return self.weighed(items)[0]

    def weighed(self, items: Sequence[int]) -> tuple[dict[str, float], float]:
        """:meth:`vector` and its norm. The segmenter asks for the same paragraphs again and
        again (a window of three, then the three before the next), so the last few are kept."""
        key = tuple(items)
        recent = self._recent
        known = recent.get(key)
        if known is not None:
            return known
        # counted in C, in one pass over the paragraphs' bigrams in order
        counts = Counter(itertools.chain.from_iterable(map(self._bigrams, items)))
        weights = map(self._idf.get, counts.keys(), itertools.repeat(self._rare))
        vec = dict(zip(counts.keys(), map(operator.mul, counts.values(), weights), strict=True))
        known = (vec, norm(vec))
        if len(vec) <= _RECENT_SIZE:
            if len(recent) >= _RECENT:
                del recent[next(iter(recent))]
            recent[key] = known
        return known

    def similarity(self, a: Sequence[int], b: Sequence[int]) -> float:
        """The cosine of the vectors of the paragraphs ``a`` and of the paragraphs ``b``."""
        va, na = self.weighed(a)
        vb, nb = self.weighed(b)
        return cosine(va, vb, nb, na)


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
