"""Page-level quality metrics, with the definitions of the shared reference scorer.

A page is a list of articles, an article a list of paragraphs (headline lines, byline lines, body
paragraphs, in that order). Whitespace is ignored everywhere: every paragraph is compared with its
whitespace removed, and empty paragraphs do not count.

- ``cer``: edit distance between all output text and all gold text (paragraphs concatenated in
  order), divided by the number of gold characters.
- ``para_f1``: F1 of exact paragraph matches as a multiset (order does not matter).
- ``group_f1``: each gold paragraph is aligned with its most similar output paragraph (ratio ≥ 80,
  else partial ratio ≥ 90 for a paragraph of 10 characters or more); over every pair of aligned
  gold paragraphs, "same gold article" is compared with "same output article" and scored as F1.
  (The counts of articles split and merged, and ``group_f1(..., by_article=True)``, align a line
  printed identically in two gold articles, a credit line, by article instead: see ``_align``.)
- ``dup_left``: output paragraphs (15 characters or more) that nearly repeat an earlier one (ratio
  ≥ 90) or sit inside it or contain it (partial ratio ≥ 97), minus the number the gold itself has.
- ``lost``: share of gold characters, cut in 20-character chunks (chunks under 8 characters are
  ignored), that no stretch of the output matches (partial ratio < 85).
- ``halfwidth``: half-width ``, : ; ? ! ( )`` touching a Han character in the output, minus those
  in the gold.

The figures agree with ``../shared/eval/score.py`` (a test checks it on the shared gold); this
module is our own code, so that the benchmark runs without ``../shared``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

Page = list[list[str]]  # articles, each a list of whitespace-free paragraphs

_SPACE = regex.compile(r"\s+")
_HALF = regex.compile(r"(?<=\p{Han})[,:;?!()]|[,:;?!()](?=\p{Han})")
_BLANK_LINES = regex.compile(r"\n\s*\n")

DUP_MIN = 15
CHUNK = 20
CHUNK_MIN = 8


@dataclass(frozen=True)
class Scores:
    cer: float
    para_f1: float
    group_f1: float
    dup_left: int
    lost: float
    halfwidth: int
    gold_paras: int
    out_paras: int
    gold_articles: int
    out_articles: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def squeeze(text: str) -> str:
    return str(_SPACE.sub("", text))


def _page(articles: Iterable[Iterable[str]]) -> Page:
    out: Page = []
    for lines in articles:
        out.append([p for p in (squeeze(x) for x in lines) if p])
    return out


def article_lines(article: Mapping[str, Any]) -> list[str]:
    """Headline, byline and body of an article object (or the lines of its ``text``)."""
    if any(k in article for k in ("headline", "byline", "body")):
        return [
            *(article.get("headline") or []),
            *(article.get("byline") or []),
            *(article.get("body") or []),
        ]
    return str(article.get("text", "")).split("\n")


def gold_page(gold: Mapping[str, Any]) -> Page:
    """The articles of a gold object in the ``GUIDELINES.md`` shape."""
    return _page(article_lines(a) for a in gold["articles"])


def jsonl_page(text: str) -> Page:
    """The articles of per-article JSONL output (``render.to_jsonl``)."""
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return _page(article_lines(r) for r in rows)


def raw_page(text: str) -> Page:
    """An uncleaned page as one article whose paragraphs are its blank-line separated blocks."""
    return _page([_BLANK_LINES.split(text)])


def load_gold(path: Path) -> Page:
    return gold_page(json.loads(path.read_text(encoding="utf-8")))


def cer(gold: Page, out: Page) -> float:
    g = "".join(p for a in gold for p in a)
    o = "".join(p for a in out for p in a)
    return Levenshtein.distance(o, g) / max(1, len(g))


def para_f1(gold: Page, out: Page) -> float:
    g = Counter(p for a in gold for p in a)
    o = Counter(p for a in out for p in a)
    hits = sum((g & o).values())
    precision = hits / max(1, o.total())
    recall = hits / max(1, g.total())
    return 2 * precision * recall / max(1e-9, precision + recall)


def _align(gold: Page, out: Page, by_article: bool = True) -> list[tuple[int, int]]:
    """(gold article, output article) of each gold paragraph that has a partner in the output.

    A paragraph goes to its most alike output paragraph, the first of equals, as the reference
    scorer does (``by_article`` False). That attributes a line printed identically in two gold
    articles (a credit line, ``本报记者胡家慰``) to the first output article that has it, twice: a
    right output counts as one article split and one merged. With ``by_article`` (the default),
    such a line goes to the identical output line in the output article where the rest of its gold
    article went (its *home*: where most of its other paragraphs are), else to the identical line
    of the same rank (the second gold copy to the second output copy, the last when fewer).
    """
    choices = [p for a in out for p in a]
    owner = [k for k, a in enumerate(out) for _ in a]
    pairs: list[tuple[int, int]] = []
    if not choices:
        return pairs
    shared = _shared_lines(gold) if by_article else set()
    copies: dict[str, list[int]] = {}
    for k, para in enumerate(choices):
        if para in shared:
            copies.setdefault(para, []).append(owner[k])
    later: list[tuple[int, int, str]] = []  # (index in pairs, gold article, line) to settle
    for ga, article in enumerate(gold):
        for para in article:
            if para in copies:
                later.append((len(pairs), ga, para))
                pairs.append((ga, -1))
                continue
            best = process.extractOne(para, choices, scorer=fuzz.ratio)
            if best is not None and best[1] >= 80:
                pairs.append((ga, owner[best[2]]))
                continue
            if len(para) < 10:
                continue
            best = process.extractOne(para, choices, scorer=fuzz.partial_ratio)
            if best is not None and best[1] >= 90:
                pairs.append((ga, owner[best[2]]))
    if later:
        _settle(pairs, later, copies)
    return pairs


def _shared_lines(gold: Page) -> set[str]:
    """The paragraphs printed identically in two or more gold articles."""
    seen: dict[str, int] = {}
    shared = set()
    for ga, article in enumerate(gold):
        for para in article:
            if seen.setdefault(para, ga) != ga:
                shared.add(para)
    return shared


def _settle(
    pairs: list[tuple[int, int]],
    later: Sequence[tuple[int, int, str]],
    copies: dict[str, list[int]],
) -> None:
    """Give each shared line of ``later`` its output article (see :func:`_align`), in place."""
    homes: dict[int, Counter[int]] = {}
    for ga, oa in pairs:
        if oa >= 0:
            homes.setdefault(ga, Counter())[oa] += 1
    rank: Counter[str] = Counter()
    for at, ga, para in later:
        found = copies[para]
        home = homes.get(ga)
        top = home.most_common(1)[0][0] if home else -1
        pairs[at] = (ga, top if top in found else found[min(rank[para], len(found) - 1)])
        rank[para] += 1


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def group_f1(gold: Page, out: Page, by_article: bool = False) -> float:
    """Pairwise F1 of "same article", counted per cell instead of per pair (same figure).

    ``by_article``: shared lines aligned by article (see :func:`_align`), not as the reference
    scorer does (the default: the gold figures stay those of ``../shared/eval/score.py``).
    """
    aligned = _align(gold, out, by_article)
    both = sum(_pairs(n) for n in Counter(aligned).values())
    same_out = sum(_pairs(n) for n in Counter(o for _, o in aligned).values())
    same_gold = sum(_pairs(n) for n in Counter(g for g, _ in aligned).values())
    precision = both / max(1, same_out)
    recall = both / max(1, same_gold)
    return 2 * precision * recall / max(1e-9, precision + recall)


def repeats(paragraphs: Sequence[str]) -> int:
    """Paragraphs (``DUP_MIN`` characters or more) that nearly repeat or overlap an earlier one."""
    seen: list[str] = []
    count = 0
    for para in paragraphs:
        if len(para) < DUP_MIN:
            continue
        for earlier in seen:
            short, long_ = (para, earlier) if len(para) <= len(earlier) else (earlier, para)
            if fuzz.ratio(para, earlier) >= 90 or fuzz.partial_ratio(short, long_) >= 97:
                count += 1
                break
        seen.append(para)
    return count


def dup_left(gold: Page, out: Page) -> int:
    return repeats([p for a in out for p in a]) - repeats([p for a in gold for p in a])


def lost(gold: Page, out: Page) -> float:
    text = "".join(p for a in out for p in a)
    total = 0
    missing = 0
    for article in gold:
        for para in article:
            total += len(para)
            for k in range(0, len(para), CHUNK):
                chunk = para[k : k + CHUNK]
                if len(chunk) >= CHUNK_MIN and fuzz.partial_ratio(chunk, text) < 85:
                    missing += len(chunk)
    return missing / max(1, total)


def halfwidth(gold: Page, out: Page) -> int:
    def count(page: Page) -> int:
        return sum(len(_HALF.findall(p)) for a in page for p in a)

    return count(out) - count(gold)


def score(gold: Page, out: Page, by_article: bool = False) -> Scores:
    return Scores(
        cer=cer(gold, out),
        para_f1=para_f1(gold, out),
        group_f1=group_f1(gold, out, by_article),
        dup_left=dup_left(gold, out),
        lost=lost(gold, out),
        halfwidth=halfwidth(gold, out),
        gold_paras=sum(map(len, gold)),
        out_paras=sum(map(len, out)),
        gold_articles=len(gold),
        out_articles=len(out),
    )
