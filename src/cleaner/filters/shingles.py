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

import functools
import re
from _collections import _count_elements  # type: ignore[import-not-found]
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import compress, count, repeat
from operator import add, eq, gt, is_, itemgetter, le, neg, not_
from typing import Any, NamedTuple, TypeVar, cast

import regex

from ..resources import visible

_T = TypeVar("_T")

# Clause separators: punctuation, symbols that act as punctuation, and whitespace.
CLAUSE_BREAK = regex.compile(r"[\p{P}\p{S}\s]+")

# The code points of the Basic Multilingual Plane in CLAUSE_BREAK's class, [\p{P}\p{S}\s], as the
# installed ``regex`` classifies them (ranges in hex): the same class for the standard library's
# ``re``, whose ``findall`` over a page is about three times faster. Pages with characters
# beyond the BMP (rare) go to ``regex``: ``re`` would test a negated class's ranges there one by
# one. tests/test_dedup.py checks every code point against ``regex``.
_BREAK_RANGES = (
    "9-d 20-2f 3a-40 5b-60 7b-7e 85 a0-a9 ab-ac ae-b1 b4 b6-b8 bb bf d7 f7 2c2-2c5 2d2-2df "
    "2e5-2eb 2ed 2ef-2ff 375 37e 384-385 387 3f6 482 55a-55f 589-58a 58d-58f 5be 5c0 5c3 5c6 "
    "5f3-5f4 606-60f 61b 61d-61f 66a-66d 6d4 6de 6e9 6fd-6fe 700-70d 7f6-7f9 7fe-7ff 830-83e "
    "85e 888 964-965 970 9f2-9f3 9fa-9fb 9fd a76 af0-af1 b70 bf3-bfa c77 c7f c84 d4f d79 df4 "
    "e3f e4f e5a-e5b f01-f17 f1a-f1f f34 f36 f38 f3a-f3d f85 fbe-fc5 fc7-fcc fce-fda 104a-104f "
    "109e-109f 10fb 1360-1368 1390-1399 1400 166d-166e 1680 169b-169c 16eb-16ed 1735-1736 "
    "17d4-17d6 17d8-17db 1800-180a 1940 1944-1945 19de-19ff 1a1e-1a1f 1aa0-1aa6 1aa8-1aad "
    "1b4e-1b4f 1b5a-1b6a 1b74-1b7f 1bfc-1bff 1c3b-1c3f 1c7e-1c7f 1cc0-1cc7 1cd3 1fbd 1fbf-1fc1 "
    "1fcd-1fcf 1fdd-1fdf 1fed-1fef 1ffd-1ffe 2000-200a 2010-2029 202f-205f 207a-207e 208a-208e "
    "20a0-20c4 2100-2101 2103-2106 2108-2109 2114 2116-2118 211e-2123 2125 2127 2129 212e "
    "213a-213b 2140-2144 214a-214d 214f 218a-218b 2190-2429 2440-244a 249c-24e9 2500-2775 "
    "2794-2b73 2b76-2bff 2ce5-2cea 2cf9-2cfc 2cfe-2cff 2d70 2e00-2e2e 2e30-2e5d 2e60-2e63 "
    "2e80-2e99 2e9b-2ef3 2f00-2fd5 2ff0-3004 3008-3020 3030 3036-3037 303d-303f 309b-309c 30a0 "
    "30fb 3190-3191 3196-319f 31c0-31e5 31ef 3200-321e 322a-3247 3250 3260-327f 328a-32b0 "
    "32c0-33ff 4dc0-4dff a490-a4c6 a4fe-a4ff a60d-a60f a673 a67e a6f2-a6f7 a700-a716 a720-a721 "
    "a789-a78a a828-a82b a836-a839 a874-a877 a8ce-a8cf a8f8-a8fa a8fc a92e-a92f a95f a9c1-a9cd "
    "a9de-a9df aa5c-aa5f aa77-aa79 aade-aadf aaf0-aaf1 ab5b ab6a-ab6b abeb fb29 fbb2-fbd2 "
    "fd3e-fd4f fd90-fd91 fdc8-fdcf fdfc-fdff fe10-fe19 fe30-fe52 fe54-fe66 fe68-fe6b ff01-ff0f "
    "ff1a-ff20 ff3b-ff40 ff5b-ff65 ffe0-ffe6 ffe8-ffee fffc-fffd"
)


def _has_astral(text: str) -> bool:
    r"""Whether ``text`` has a character beyond the BMP: then it takes more UTF-16 code units
    than it has characters (one encoding pass in C, about 5x faster than a search for the range;
    a lone surrogate, one unit, passes through).

    >>> _has_astral("甲乙\U00020000丙"), _has_astral("甲乙\ud800丙")
    (True, False)
    """
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _break_class() -> str:
    """The body of a ``re`` character class of the code points in ``_BREAK_RANGES``."""
    out = []
    for item in _BREAK_RANGES.split():
        lo, _, hi = item.partition("-")
        out.append(re.escape(chr(int(lo, 16))))
        if hi:
            out.append("-" + re.escape(chr(int(hi, 16))))
    return "".join(out)


@functools.cache
def _clause_patterns(n: int) -> tuple[re.Pattern[str], regex.Pattern[str]]:
    # Only for texts within the BMP (find_clauses): without a range beyond it, ``re`` compiles
    # the class to a bitmap, one look-up a character, instead of a walk through its ranges.
    fast = re.compile(f"[^{_break_class()}]{{{n},}}")
    return fast, regex.compile(rf"[^\p{{P}}\p{{S}}\s]{{{n},}}")


def find_clauses(text: str, n: int) -> list[str]:
    """``regex.findall(r"[^\\p{P}\\p{S}\\s]{n,}", text)``: the clauses of at least ``n`` characters.

    >>> find_clauses("甲乙，丙。丁戊己 a1%b", 2), find_clauses("甲乙\U00020000丙，丁", 2)
    (['甲乙', '丁戊己', 'a1'], ['甲乙\U00020000丙'])
    """
    fast, full = _clause_patterns(n)
    return full.findall(text) if _has_astral(text) else fast.findall(text)


# Slicers of the first and the last ``n`` characters, for n = 1..9 (mapped in C over the clauses).
_HEADS = [itemgetter(slice(None, n)) for n in range(10)]
_TAILS = [itemgetter(slice(-n, None)) for n in range(10)]


def shingles(text: str, n: int = 6) -> set[str]:
    """The clause-anchored shingles of ``text``: first and last ``n`` characters of each clause.

    Clauses shorter than ``n`` give nothing; a clause of exactly ``n`` characters gives itself.
    A first ``n`` characters is a shingle as it is, a last ``n`` has ``>`` in front: the two
    kinds never meet (their lengths differ), and no new string is made for the first kind.

    >>> sorted(shingles("甲乙丙丁戊己庚，子丑寅卯", n=4))
    ['>丁戊己庚', '>子丑寅卯', '子丑寅卯', '甲乙丙丁']
    """
    clauses = find_clauses(text, n)
    if n >= len(_HEADS):
        return {c[:n] for c in clauses} | {">" + c[-n:] for c in clauses}
    out = set(map(_HEADS[n], clauses))  # no Python loop: C all along
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
    if not 0 < n < len(_HEADS) or page.count(_MARK) != n * (len(texts) - 1):
        return [shingles(t, n) for t in texts]  # a text has the mark
    return _grams_of_clauses(find_clauses(page, n), sep, n)


def _grams_of_clauses(clauses: list[str], sep: str, n: int) -> list[set[str]]:
    """The shingles of each text, from the clauses (of at least ``n`` characters) of the texts
    in order, one ``sep`` clause between two texts and none elsewhere."""
    heads = list(map(_HEADS[n], clauses))
    tails = list(map(add, repeat(">"), map(_TAILS[n], clauses)))
    ends = list(compress(count(), map(eq, clauses, repeat(sep))))  # the separating clauses
    ends.append(len(clauses))
    out = []
    start = 0
    for end in ends:
        out.append(set(heads[start:end] + tails[start:end]))
        start = end + 1
    return out


class PageGrams(NamedTuple):
    """The shingles of the texts of a page, and which of them can lead anywhere."""

    grams: dict[str, set[str]]
    """Each text -> its shingles (do not change them: they are shared)."""
    shared: frozenset[str]
    """The shingles of two texts or more (a text given twice counts twice). A text none of whose
    shingles is shared has no candidate in a :class:`ShingleIndex` of the others, and is no
    candidate for them: it needs neither :meth:`~ShingleIndex.probe` nor
    :meth:`~ShingleIndex.add`."""


def page_grams(texts: tuple[str, ...], n: int = 6) -> PageGrams:
    """The :class:`PageGrams` of ``texts`` (with repeats: a repeated text shares its shingles).

    A function of its arguments only; dedup.near and dedup.fragment, which run one after the
    other over (mostly) the same paragraphs, ask for the same page, and a small cache of the
    last two pages answers the second (and the reruns of the repeat-and-join stage), or
    gives the shingles of the texts it has already seen.

    >>> g = page_grams(("甲乙丙丁，子丑寅卯", "子丑寅卯戊", "辰巳午未"), 4)
    >>> sorted(g.grams["子丑寅卯戊"]), sorted(g.shared)
    (['>丑寅卯戊', '子丑寅卯'], ['子丑寅卯'])
    >>> page_grams(("甲乙丙丁，子丑寅卯", "子丑寅卯戊", "辰巳午未"), 4) is g
    True
    """
    for seen, size, found in _RECENT:
        if size == n and seen == texts:
            return found
    known = next((found.grams for _, size, found in reversed(_RECENT) if size == n), {})
    distinct = list(dict.fromkeys(texts))
    values = looked_up(distinct, known, lambda new: _new_shingles(new, n))
    grams = dict(zip(distinct, values, strict=True))
    found = PageGrams(grams, frozenset(repeated_items(map(grams.__getitem__, texts))))
    _RECENT.append((texts, n, found))
    del _RECENT[:-_REMEMBER]
    return found


_NO_GRAMS: frozenset[str] = frozenset()


def live_keys(
    keys: Sequence[str], min_chars: int, n: int = 6
) -> tuple[dict[str, set[str]], list[int]]:
    """The shingles of the keys of ``min_chars`` characters or more (:func:`page_grams`), and
    the positions of the keys that have a shingle of another key: only those can find a
    look-alike or be one (the others need no probe, and no place in an index). Filtered in C.

    >>> grams, live = live_keys(("甲乙丙丁，子丑寅卯", "短", "子丑寅卯戊", "辰巳午未"), 4, 4)
    >>> live, sorted(grams)
    ([0, 2], ['子丑寅卯戊', '甲乙丙丁，子丑寅卯', '辰巳午未'])
    """
    grams, shared = page_grams(tuple(compress(keys, map(min_chars.__le__, map(len, keys)))), n)
    some_shared = map(not_, map(shared.isdisjoint, map(grams.get, keys, repeat(_NO_GRAMS))))
    return grams, list(compress(count(), some_shared))


def looked_up(
    texts: Sequence[str], known: Mapping[str, _T], compute: Callable[[list[str]], Iterable[_T]]
) -> list[_T]:
    """The value of each text: from ``known`` where it is there (each entry read once: safe if
    threads share it), the others from one call of ``compute`` on them (each once, in order).

    >>> looked_up(["a", "b", "a", "c"], {"b": "B"}, lambda new: [t.upper() for t in new])
    ['A', 'B', 'A', 'C']
    """
    got = list(map(known.get, texts))
    if None not in got:
        return cast(list[_T], got)
    missing = list(dict.fromkeys(compress(texts, map(is_, got, repeat(None)))))
    found = dict(zip(missing, compute(missing), strict=True))
    return [found[text] if value is None else value for text, value in zip(texts, got, strict=True)]


# The clauses of at least 4 characters (``find_clauses(text, 4)``) of the texts of the latest
# clause table of dedup.exact (which fills it): dedup.near, next, asks for the shingles of mostly
# the same texts, and takes their clauses from here instead of scanning the texts again.
CLAUSES_4: dict[str, list[str]] = {}


def _new_shingles(texts: list[str], n: int) -> list[set[str]]:
    """``page_shingles(texts, n)``, the clauses of the texts in ``CLAUSES_4`` taken from there
    (the clauses of ``n`` characters or more of a text are its clauses of 4 or more that long).

    >>> CLAUSES_4["甲乙丙丁戊己庚，子丑寅卯"] = ["甲乙丙丁戊己庚", "子丑寅卯"]
    >>> texts = ["甲乙丙丁戊己庚，子丑寅卯", "辰巳午未申酉戌亥。"]
    >>> _new_shingles(texts, 6) == page_shingles(texts, 6)
    True
    >>> CLAUSES_4.clear()
    """
    if not 4 <= n < len(_HEADS) or len(texts) > _BATCH:
        return page_shingles(texts, n)
    got = list(map(CLAUSES_4.get, texts))  # (each read once: safe if threads share it)
    have = [found is not None for found in got]
    if not any(have):
        return page_shingles(texts, n)
    sep = _MARK * n
    flat: list[str] = []
    for clauses in compress(got, have):
        flat += cast(list[str], clauses)
        flat.append(sep)
    flat.pop()
    if flat.count(sep) != sum(have) - 1:  # a text has the mark: as page_shingles does
        return page_shingles(texts, n)
    clauses = list(compress(flat, map(n.__le__, map(len, flat))))
    found = iter(_grams_of_clauses(clauses, sep, n))
    rest = iter(page_shingles([t for t, h in zip(texts, have, strict=True) if not h], n))
    return [next(found) if h else next(rest) for h in have]


def repeated_items(groups: Iterable[Collection[str]]) -> set[str]:
    """The items found in two of the ``groups`` or more (set operations, no counting).

    >>> sorted(repeated_items([{"a", "b"}, ["b", "c", "c"], {"d"}, ["a"]]))
    ['a', 'b']
    """
    seen: set[str] = set()
    again: set[str] = set()
    for items in groups:
        if not seen.isdisjoint(items):  # most groups share nothing with the earlier ones
            again.update(seen.intersection(items))
        seen.update(items)
    return again


def page_keys(texts: tuple[str, ...]) -> tuple[str, ...]:
    """``[visible(t) for t in texts]``, with the same small cache as :func:`page_grams`.

    >>> page = ("甲 乙", "丙\u3000")
    >>> page_keys(page), page_keys(page) is page_keys(page)
    (('甲乙', '丙'), True)
    """
    for seen, keys in _RECENT_KEYS:
        if seen == texts:
            return keys
    keys = _visible_all(texts)
    _RECENT_KEYS.append((texts, keys))
    del _RECENT_KEYS[:-_REMEMBER]
    return keys


# The visible key of each text of the latest page whose keys were found (dedup.exact, which runs
# first, fills it too): the next repeat filter asks for mostly the same texts' keys.
KEYS: dict[str, str] = {}


def remember_keys(texts: Sequence[str], keys: Sequence[str]) -> None:
    """Put the keys of a page's texts in ``KEYS``, in place of the previous page's."""
    KEYS.clear()
    KEYS.update(zip(texts, keys, strict=True))


def _visible_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    """``[visible(t) for t in texts]``, the texts in ``KEYS`` looked up, the others in one
    substitution over the joined texts.

    >>> remember_keys(["甲 乙"], ["甲乙"])
    >>> _visible_all(("甲 乙", "丙\u3000丁")), KEYS
    (('甲乙', '丙丁'), {'甲 乙': '甲乙', '丙\u3000丁': '丙丁'})
    """
    keys = tuple(looked_up(texts, KEYS, visible_joined))
    remember_keys(texts, keys)
    return keys


def visible_joined(texts: Sequence[str]) -> tuple[str, ...]:
    """``[visible(t) for t in texts]``: a printable text has no whitespace but " " (see
    ``layout.visible_len``) and loses it with ``str.replace``; the others (a few: U+3000, tabs)
    in one substitution over them joined.

    >>> visible_joined(["甲 乙", "丙\u3000丁", "戊"])
    ('甲乙', '丙丁', '戊')
    """
    keys = [t.replace(" ", "") if t.isprintable() else None for t in texts]
    if None not in keys:
        return cast(tuple[str, ...], tuple(keys))
    rest = iter(_visible_substituted([t for t, k in zip(texts, keys, strict=True) if k is None]))
    return tuple(next(rest) if k is None else k for k in keys)


def _visible_substituted(texts: Sequence[str]) -> tuple[str, ...]:
    """``[visible(t) for t in texts]`` in one substitution over the joined texts."""
    if not texts:
        return ()
    page = _KEY_SEP.join(texts)
    if page.count(_KEY_SEP) != len(texts) - 1:  # a text holds the separator: one by one
        return tuple(map(visible, texts))
    return tuple(visible(page).split(_KEY_SEP))


_KEY_SEP = "\x00"  # not whitespace (visible keeps it), and no paragraph holds it after W01
# How many pages the caches of page_grams and page_keys remember (each: its texts and results).
_REMEMBER = 2
_RECENT: list[tuple[tuple[str, ...], int, PageGrams]] = []
_RECENT_KEYS: list[tuple[tuple[str, ...], tuple[str, ...]]] = []


class ShingleIndex:
    """Inverted index from shingle to the latest paragraph (by id) that contains it.

    >>> index = ShingleIndex(n=4)
    >>> index.add(0, "甲乙丙丁戊，己庚辛壬癸。")
    >>> index.add(1, "子丑寅卯辰，巳午未申酉。")
    >>> index.candidates("乙丙丁戊，己庚辛壬")
    [0]
    """

    def __init__(self, n: int = 6, max_df: int = 64, track: bool = False) -> None:
        self.n = n
        self.max_df = max_df
        self.latest: dict[str, int] = {}  # shingle -> the id added last with it
        # shingle -> how many ids have it, less one, once more than one (counted in C by update)
        self.more: Counter[str] = Counter()
        self.track = track  # whether to keep ``before`` (for :meth:`earlier`; the filters do not)
        self.before: dict[str, int] = {}  # shingle -> the id that had it before the latest
        self.top = -1  # the highest id added: a higher one is new, and holds no shingle yet
        # Shingles of ``max_df`` ids or more (without ``track``): counts only grow, so they never
        # lead to a candidate again, and are left out of the index's work from then on (on a
        # long page that reprints the same sentences, most shingles end there).
        self.dead: set[str] = set()
        self._probed: tuple[Collection[str] | None, Collection[str]] = (None, ())

    @property
    def df(self) -> dict[str, int]:
        """Shingle -> how many ids have it, for the shingles of more than one id (for a
        :attr:`dead` one: ``max_df`` at least, no longer counted)."""
        return {key: more + 1 for key, more in self.more.items()}

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
        if self.dead:  # what probe kept of these shingles, or the same worked out again
            probed, live = self._probed
            grams = live if probed is grams and shared is not None else self._live(grams)
        latest = self.latest
        if shared is None:
            shared = latest.keys() & grams  # set operations in C: few shingles are shared
        if ident > self.top:
            self.top = ident
            if not self.track:  # a new id: each shared shingle is another id's, one id more
                if shared:
                    _count_elements(self.more, shared)  # Counter.update's loop, called directly
                    self._bury(shared)
                latest.update(dict.fromkeys(grams, ident))
                return
        if shared:  # each now has one id more: count and remember it (C loops, no Python one)
            owners = list(map(latest.__getitem__, shared))
            if ident in owners:  # indexed again (its text grew): its own shingles stay as they are
                pairs = [(key, at) for key, at in zip(shared, owners, strict=True) if at != ident]
                shared = [key for key, _ in pairs]
                if self.track:
                    self.before.update(pairs)
            elif self.track:
                self.before.update(zip(shared, owners, strict=True))
            self.more.update(shared)
            self._bury(shared)
        latest.update(dict.fromkeys(grams, ident))

    def _live(self, grams: Collection[str]) -> set[str]:
        """The shingles of ``grams`` that are not :attr:`dead` (a set difference in C)."""
        return (grams if isinstance(grams, set) else set(grams)).difference(self.dead)

    def _bury(self, counted: Collection[str]) -> None:
        """Move the shingles of ``counted`` that now have ``max_df`` ids or more to :attr:`dead`
        (never with ``track``: :meth:`earlier` needs every shingle)."""
        if self.track:
            return
        more, top = self.more, self.max_df - 1
        if any(map(le, repeat(top), map(more.__getitem__, counted))):  # seldom: look again
            self.dead.update(
                compress(counted, map(le, repeat(top), map(more.__getitem__, counted)))
            )

    def earlier(self, grams: Collection[str], ident: int) -> set[int]:
        """The ids that had one of these shingles before ``ident`` took it over (one per shingle;
        only with ``track``).

        >>> index = ShingleIndex(n=4, track=True)
        >>> index.add(0, "甲乙丙丁戊"); index.add(1, "甲乙丙丁己")
        >>> index.earlier(shingles("甲乙丙丁", 4), 1)
        {0}
        """
        latest, before = self.latest, self.before
        return {before[g] for g in grams if latest.get(g) == ident and g in before}

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
        ([0], {'甲乙丙丁'})
        """
        latest, more, max_df = self.latest, self.more, self.max_df
        if self.dead:  # those that still count (remembered for add, which comes next)
            live = self._live(grams)
            self._probed = (grams, live)
            grams = live
        shared = latest.keys() & grams
        if not shared:  # most paragraphs: nothing seen before
            return [], shared
        # Each counts when it is of one id, or, without ``track``, whenever it is not dead (the
        # dead ones are left out above: each of the others has fewer than max_df ids).
        if max_df > 1 and (not self.track or more.keys().isdisjoint(shared)):
            found = list(map(latest.__getitem__, shared))
        else:  # those of fewer than max_df ids (more + 1 < max_df), picked in C
            order = list(shared)
            counts = map(more.get, order, repeat(0))
            rare = compress(order, map(gt, repeat(max_df - 1), counts))
            found = list(map(latest.__getitem__, rare))
        if not found:
            return [], shared
        if len(found) == 1 or (limit > 0 and found.count(found[0]) == len(found)):
            return found[:1], shared  # one paragraph has them all (a copy, most often)
        # Ranked by how many shingles each id has (the most first), then by id: the counts and
        # the sort of (-count, id) pairs in C, no Counter and no key function.
        ids = list(dict.fromkeys(found))
        ranked = sorted(zip(map(neg, map(found.count, ids)), ids, strict=True))
        return list(map(itemgetter(1), ranked[:limit])), shared

    def __len__(self) -> int:
        return len(self.latest)


# Scores of pairs of texts, remembered across calls: the repeat filters run several times over
# (mostly) the same paragraphs (dedup.near before and after the joins, and the reruns of the
# repeat-and-join stage) and compare the same pairs again. At most this many are kept.
MEMO_LIMIT = 250_000
_MEMO: dict[tuple[object, str, str, float], Any] = {}


def remembered(scorer: Callable[..., _T], a: str, b: str, cutoff: float) -> _T:
    """``scorer(a, b, score_cutoff=cutoff)`` of a pure ``rapidfuzz`` scorer, remembered.

    >>> from rapidfuzz import fuzz
    >>> remembered(fuzz.ratio, "甲乙丙丁", "甲乙丙戊", 0) == fuzz.ratio("甲乙丙丁", "甲乙丙戊")
    True
    """
    key = (scorer, a, b, cutoff)
    try:
        return _MEMO[key]  # type: ignore[no-any-return]
    except KeyError:
        pass
    if len(_MEMO) >= MEMO_LIMIT:
        _MEMO.clear()
    out = _MEMO[key] = scorer(a, b, score_cutoff=cutoff)
    return out
