"""Topics' vectors against a plain reference: the same keys, in the same order, the same floats
(the segmenter sums them in key order, so the order decides its results too)."""

from __future__ import annotations

import itertools
import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.topics import IDF_FLOOR, Topics, grams, norm

_TEXT = st.text(alphabet="工会送温暖到一线股市大涨，。 ab12", max_size=30)


def _reference(texts: list[str], counted: list[int], items: list[int]) -> dict[str, float]:
    seen = list(dict.fromkeys(counted))
    df: Counter[str] = Counter()
    for i in seen:
        df.update(set(grams(texts[i])))
    n = max(len(seen), IDF_FLOOR)
    counts: Counter[str] = Counter()
    for i in items:  # first occurrence in the paragraphs taken in order
        s = "".join(ch for ch in texts[i] if ch.isalnum())
        counts.update(a + b for a, b in itertools.pairwise(s))
    return {g: c * math.log((n + 1) / (df.get(g, 0) + 0.5)) for g, c in counts.items()}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_weighed_matches_reference(data: st.DataObject) -> None:
    texts = data.draw(st.lists(_TEXT, min_size=1, max_size=8))
    idx = st.integers(0, len(texts) - 1)
    counted = data.draw(st.lists(idx, max_size=10))
    topics = Topics(texts, counted)
    for _ in range(3):
        items = data.draw(st.lists(idx, max_size=4))
        vec, n = topics.weighed(items)
        ref = _reference(texts, counted, items)
        assert list(vec.items()) == list(ref.items())
        assert n == norm(ref)
        assert topics.weighed(items) == (vec, n)  # kept, unchanged
