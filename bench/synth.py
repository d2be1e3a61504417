"""Synthetic OCR pages: clean articles stitched into a page, damaged the way the seed pages are.

``make_page(seed)`` is deterministic: the same seed always gives the same page, gold and log. A page
stitches 3 to 6 articles of ``fixtures/corpus/clean-sohu-2012`` (sometimes with a photo caption
and a continuation) and injects:

- repeats: one paragraph printed dozens of times (``exact``), runs of several paragraphs printed
  again (``block``), copies with OCR confusions (``near``), pieces of a paragraph printed again
  (``fragment``);
- paragraphs cut at a column break, the rest printed right after (``adjacent``) or after other
  text, sometimes before the head (``distant``); headlines hard-wrapped over two lines;
- character damage: half-width punctuation, stray traditional characters, " and " for 和, a doubled
  的; a truncated last paragraph (kept as it is in the gold).

The gold has the ``GUIDELINES.md`` JSON shape. The log gives, in offsets of the page text, every
injected copy (``kind``, ``start``, ``end``, ``kept``: where the original starts), every cut
(``distance``: adjacent, distant or headline; ``head_end``, ``tail_start``, ``tail_end``) and every
correction the cleaner should make.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import regex

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "clean-sohu-2012"

_HALF = regex.compile(r"(?<=\p{Han})[,:;?!()]|[,:;?!()](?=\p{Han})")
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s+")
_AND = regex.compile(r"(?<=\p{Han})和(?=\p{Han})")
_DE = regex.compile(r"(?<=[^的])的(?=[^的确])")
_ENDS = frozenset("。！？”…；：，、）")

TO_HALF = str.maketrans("，：；？！（）", ",:;?!()")
TRADITIONAL = dict(
    zip(
        "级们这个时为会来对说国经进过学开关问动车长东区业员",
        "級們這個時為會來對說國經進過學開關問動車長東區業員",
        strict=True,
    )
)
CONFUSIONS = dict(zip("入己未日土人已末曰士大天干千", "人已末曰士入己未日土天大千干", strict=True))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂华"


@dataclass
class Unit:
    """One block of the page: a line of text and what it is in the injection log."""

    text: str  # as printed (damaged)
    clean: str  # what the gold has for it
    sep: str = "\n\n"  # what comes before it on the page
    glued: bool = False  # must stay right after the unit before it (nothing may be put between)
    body: bool = False  # a whole body paragraph: may be cut, copied
    headline: bool = False
    first: bool = False  # the first unit of an article
    copy: dict[str, Any] | None = None  # {"kind", "of": Unit}
    tail_of: Unit | None = None  # this is the rest of a cut paragraph whose head is that unit
    distance: str = ""
    article: int = -1  # a body paragraph: the index of its article in the gold …
    index: int = -1  # … and its index in that article's body
    start: int = 0
    end: int = 0


@dataclass
class Page:
    seed: int
    text: str
    gold: dict[str, Any]
    log: dict[str, Any] = field(default_factory=dict)


@cache
def corpus() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Usable corpus articles: (headline, paragraphs), 3 to 20 paragraphs, no half-width marks."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        head, paras = blocks[0], tuple(blocks[1:])
        if not 3 <= len(paras) <= 20 or _HALF.search(path.read_text(encoding="utf-8")):
            continue
        if sum(map(len, paras)) / len(paras) < 40:
            continue
        if len({_SPACE.sub("", b) for b in blocks}) < len(blocks):
            continue  # a source that repeats itself would make the gold ambiguous
        out.append((head, paras))
    return tuple(out)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _cut(rng: random.Random, text: str, lo: float = 0.3, hi: float = 0.7) -> int | None:
    """A cut position inside a sentence (not right after punctuation, not before it)."""
    spots = [
        k
        for k in range(int(len(text) * lo), int(len(text) * hi) + 1)
        if 0 < k < len(text) and text[k - 1] not in _ENDS and text[k] not in _ENDS
    ]
    return rng.choice(spots) if spots else None


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.units: list[Unit] = []
        self.articles: list[dict[str, Any]] = []
        self.corrections: list[dict[str, str]] = []
        self.truncated = False

    # -- the articles, whole ------------------------------------------------------------------
    def stitch(self) -> None:
        rng = self.rng
        pool = corpus()
        picks = rng.sample(range(len(pool)), rng.randint(3, 6) + 1)
        spare = pool[picks.pop()]
        continuation = rng.random() < 0.25
        photo_at = rng.randrange(1, len(picks)) if rng.random() < 0.4 else -1
        for n, k in enumerate(picks):
            if n == photo_at:
                self._photo(spare)
            head, paras = pool[k]
            if continuation and n == len(picks) - 1:
                self._article("continuation", [], [], ["（上接第1版）", *paras], marker=True)
                continue
            bylines = []
            if rng.random() < 0.5:
                bylines.append(f"本报记者 {_name(rng)}")
                if rng.random() < 0.5:
                    bylines.append(f"本报通讯员 {_name(rng)}")
            self._article("article", [head], bylines, list(paras))

    def _photo(self, spare: tuple[str, tuple[str, ...]]) -> None:
        head, paras = spare
        title = head.split("　")[0][:14]
        sentence = paras[0].split("。")[0][:60] + "。"
        caption = f"{sentence} 本报记者 {_name(self.rng)} 摄"
        self._article("photo", [title], [], [caption])

    def _article(
        self, kind: str, head: list[str], byline: list[str], body: list[str], marker: bool = False
    ) -> None:
        self.articles.append({"kind": kind, "headline": head, "byline": byline, "body": body})
        start = len(self.units)
        for line in head:
            self.units.append(Unit(line, line, headline=True))
        for line in byline:
            self.units.append(Unit(line, line))
        art = len(self.articles) - 1
        for n, para in enumerate(body):
            body_ok = not (marker and n == 0) and kind != "photo"
            self.units.append(Unit(para, para, body=body_ok, article=art, index=n))
        self.units[start].first = True

    # -- cuts ---------------------------------------------------------------------------------
    def wrap_headlines(self) -> list[Unit]:
        tails = []
        width = self.rng.randint(16, 22)  # the page's headline column, in characters
        for unit in list(self.units):
            if not unit.headline or len(unit.text) < width + 3 or self.rng.random() < 0.4:
                continue
            k = width
            tail = Unit(unit.text[k:], "", sep="\n", glued=True, tail_of=unit, distance="headline")
            unit.text = unit.clean = unit.text[:k]
            self.units.insert(self.units.index(unit) + 1, tail)
            tails.append(tail)
        return tails

    def truncate(self) -> Unit | None:
        last = self.units[-1]
        if not last.body or len(last.text) < 30 or self.rng.random() < 0.6:
            return None
        k = _cut(self.rng, last.text, 0.4, 0.8)
        if k is None:
            return None
        body = self.articles[-1]["body"]
        body[-1] = body[-1][:k]
        last.text = last.clean = last.text[:k]
        last.body = False
        self.truncated = True
        return last

    def split(self, distant: bool) -> None:
        rng = self.rng
        cands = [u for u in self.units if u.body and len(u.text) >= 40]
        if not cands:
            return
        head = rng.choice(cands)
        k = _cut(rng, head.text)
        if k is None:
            return
        tail = Unit(head.text[k:], "", tail_of=head, distance="adjacent", glued=True)
        head.text = head.text[:k]
        head.body = False
        at = self.units.index(head) + 1
        if distant:
            places = self._distant_places(head)
            if places:
                at = rng.choice(places)
                tail.distance, tail.glued = "distant", False
        self.units.insert(at, tail)

    def _distant_places(self, head: Unit) -> list[int]:
        """After the next article, or before the head's own article (the tail printed first)."""
        starts = [i for i, u in enumerate(self.units) if u.first]
        here = self.units.index(head)
        before = [s for s in starts if s <= here]
        after = [s for s in starts if s > here]
        places = []
        if len(after) >= 2:
            places.append(after[1])
        elif after and not self.truncated:
            places.append(len(self.units))
        if before and before[-1] > 0:
            places.append(before[-1])
        return [p for p in places if p == len(self.units) or not self.units[p].glued]

    # -- copies -------------------------------------------------------------------------------
    def _place_after(self, unit: Unit, near: int | None = None) -> int:
        """A place for a copy after ``unit`` (within ``near`` units if given), never glued."""
        first = self.units.index(unit) + 1
        last = len(self.units) - (1 if self.truncated else 0)
        if near is not None:
            last = min(last, first + near)
        spots = [
            i for i in range(first, last + 1) if i == len(self.units) or not self.units[i].glued
        ]
        return self.rng.choice(spots) if spots else first

    def _body_units(self, min_len: int) -> list[Unit]:
        return [u for u in self.units if u.body and u.copy is None and len(u.text) >= min_len]

    def repeat_many(self) -> None:
        cands = self._body_units(20)
        if not cands:
            return
        orig = self.rng.choice(cands)
        for _ in range(self.rng.randint(8, 40)):
            self.units.insert(self._place_after(orig), self._copy(orig, orig.text, "exact"))

    def repeat_block(self) -> None:
        runs = [
            i
            for i in range(len(self.units) - 2)
            if all(u.body and u.copy is None for u in self.units[i : i + 3])
        ]
        if not runs:
            return
        i = self.rng.choice(runs)
        run = self.units[i : i + self.rng.randint(2, 3)]
        for _ in range(self.rng.randint(1, 3)):
            at = self._place_after(run[-1])
            copies = [self._copy(u, u.text, "block") for u in run]
            self.units[at:at] = copies

    def near_copy(self) -> None:
        cands = self._body_units(30)
        if not cands:
            return
        orig = self.rng.choice(cands)
        chars = list(orig.text)
        spots = [k for k, c in enumerate(chars) if c in CONFUSIONS] or [
            k for k, c in enumerate(chars) if _HAN.match(c)
        ]
        for k in self.rng.sample(spots, min(len(spots), self.rng.randint(1, 3))):
            chars[k] = CONFUSIONS.get(chars[k], "口")
        self.units.insert(self._place_after(orig, 4), self._copy(orig, "".join(chars), "near"))

    def fragment(self) -> None:
        cands = self._body_units(40)
        if not cands:
            return
        orig = self.rng.choice(cands)
        k = _cut(self.rng, orig.text, 0.3, 0.6)
        if k is None:
            return
        piece = orig.text[k:]
        if self.rng.random() < 0.3:
            piece = piece[: max(15, len(piece) * 2 // 3)]
        self.units.insert(self._place_after(orig, 3), self._copy(orig, piece, "fragment"))

    def _copy(self, orig: Unit, text: str, kind: str) -> Unit:
        return Unit(text, "", copy={"kind": kind, "of": orig})

    # -- characters ---------------------------------------------------------------------------
    def damage_characters(self) -> None:
        rng = self.rng
        texts = [u for u in self.units if u.copy is None]
        for name, pattern, new, why in (
            ("trad", None, None, "traditional"),
            ("and", _AND, " and ", "and"),
            ("doubled", _DE, "的的", "doubled"),
        ):
            if rng.random() < 0.5:
                continue
            for _ in range(rng.randint(1, 3)):
                unit = rng.choice(texts)
                if name == "trad":
                    spots = [
                        (m, TRADITIONAL[c]) for m, c in enumerate(unit.text) if c in TRADITIONAL
                    ]
                    if not spots:
                        continue
                    k, rep = rng.choice(spots)
                    self._edit(unit, k, k + 1, rep, why)
                else:
                    assert pattern is not None and new is not None
                    found = list(pattern.finditer(unit.text))
                    if found:
                        m = rng.choice(found)
                        self._edit(unit, m.start(), m.end(), new, why)
        if rng.random() < 0.7:
            for unit in self.units:
                unit.text = unit.text.translate(TO_HALF)

    def _edit(self, unit: Unit, i: int, j: int, new: str, why: str) -> None:
        before = unit.text[max(0, i - 3) : i]
        after = unit.text[j : j + 3]
        self.corrections.append(
            {"from": before + new + after, "to": before + unit.text[i:j] + after, "why": why}
        )
        unit.text = unit.text[:i] + new + unit.text[j:]
        # copies made later repeat the damaged text, as a reprinted OCR line would

    # -- the page -----------------------------------------------------------------------------
    def render(self) -> Page:
        parts: list[str] = []
        pos = 0
        for n, unit in enumerate(self.units):
            sep = unit.sep if n else ""
            pos += len(sep)
            unit.start, unit.end = pos, pos + len(unit.text)
            parts.append(sep + unit.text)
            pos = unit.end
        text = "".join(parts) + "\n"
        copies = [
            {
                "kind": u.copy["kind"],
                "start": u.start,
                "end": u.end,
                "kept": u.copy["of"].start,
                "text_prefix": u.text[:20],
            }
            for u in self.units
            if u.copy is not None
        ]
        joins = [
            {
                "distance": u.distance,
                "head_end": u.tail_of.end,
                "tail_start": u.start,
                "tail_end": u.end,
                "head_suffix": u.tail_of.text[-10:],
                "tail_prefix": u.text[:10],
            }
            for u in self.units
            if u.tail_of is not None
        ]
        counts: dict[tuple[str, str], int] = {}
        for c in copies:
            key = (str(c["kind"]), str(self.units_by_start(int(c["kept"])).text[:20]))
            counts[key] = counts.get(key, 0) + 1
        gold = {
            "source": f"synth_{self.seed}.txt",
            "articles": self._placed_articles(),
            "removed_duplicates": [
                {"text_prefix": p, "copies_removed": n, "kind": k} for (k, p), n in counts.items()
            ],
            "joins": [
                {k: j[k] for k in ("head_suffix", "tail_prefix", "distance")}
                for j in joins
                if j["distance"] != "headline"
            ],
            "corrections": self.corrections,
            "suspicious": [],
            "uncertain": [],
            "truncated_tail": self.truncated,
        }
        log = {"copies": copies, "joins": joins, "corrections": self.corrections}
        return Page(self.seed, text, gold, log)

    def _placed_articles(self) -> list[dict[str, Any]]:
        """The articles, each joined paragraph where its first piece on the page stood.

        A distant tail printed before its head's article puts the joined paragraph first in that
        article's body (after a continuation marker, which stays the first body line).
        """
        first: dict[tuple[int, int], int] = {}
        for n, unit in enumerate(self.units):
            owner = unit.tail_of if unit.tail_of is not None else unit
            if owner.article >= 0 and unit.copy is None:
                key = (owner.article, owner.index)
                first[key] = min(first.get(key, n), n)
        out = []
        for a, article in enumerate(self.articles):
            body = list(article["body"])
            marker = article["kind"] == "continuation"

            def place(k: int, a: int = a, marker: bool = marker) -> tuple[int, int]:
                return (0, 0) if marker and k == 0 else (1, first.get((a, k), k))

            order = sorted(range(len(body)), key=place)
            out.append({**article, "body": [body[k] for k in order]})
        return out

    def units_by_start(self, start: int) -> Unit:
        return next(u for u in self.units if u.start == start)


def make_page(seed: int) -> Page:
    """The synthetic page of ``seed``: its text, its gold and the log of what was injected."""
    b = _Builder(seed)
    rng = b.rng
    b.stitch()
    b.truncate()
    b.wrap_headlines()
    for _ in range(rng.randint(1, 4)):
        b.split(distant=False)
    for _ in range(rng.randint(0, 2)):
        b.split(distant=True)
    b.damage_characters()
    if rng.random() < 0.5:
        b.repeat_many()
    if rng.random() < 0.6:
        b.repeat_block()
    for _ in range(rng.randint(0, 2)):
        b.near_copy()
    for _ in range(rng.randint(0, 2)):
        b.fragment()
    return b.render()


def pages(seeds: range | list[int]) -> list[Page]:
    return [make_page(s) for s in seeds]
