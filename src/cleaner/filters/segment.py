"""Segmenting a page into articles: headlines, bylines, bodies and kinds.

The page is cut into *runs* at layout cues: a headline stack, a byline, a 本报讯 lead, a TOC
title, a (上接第1版) marker, a photo caption, a 阅读提示 box, a region break of 3+ blank lines.
A run with a strong start opens an article. Two kinds of run are placed by topic (character-bigram
TF-IDF cosine, relative to the competing articles): a run under a single short line with no
byline or lead (a subhead, or a new story in clean text), and a run with no start at all (text
after a TOC or a photo). Each goes to the most alike article, or opens one of its own. A 阅读提示
box goes into its article right after the byline, or stands alone as a sidebar.

Our own text output (one paragraph per line, a blank line between articles) is read back with the
blank line as the boundary, so that cleaning the output again gives the same articles. No text
changes here: the filter records no :class:`Change`; uncertain decisions are flagged on paragraphs.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import regex

from .. import layout
from ..model import Document, Paragraph, Result
from .base import register

_GRAM_CHARS = regex.compile(r"[\p{Han}\p{L}\p{N}]")
_IDF_FLOOR = 100
_AHEAD = 6
_PHRASE_SPACE = regex.compile(r"[\p{Han}”」》）)]\s+[\p{Han}“「《]")
_BRIEF_LEAD = regex.compile(r"^(?:本报讯|\p{Han}{1,6}讯[\s（(])")
_QUOTATION = regex.compile(r"^“[^“”]+”$")
UNCERTAIN = "segment.uncertain"


@dataclass(frozen=True)
class SegmentOptions:
    subhead_similarity: float = 0.03
    """A short line between paragraphs starts a new article only below this topic similarity."""
    headline_similarity: float = 0.075
    """…or below this one when it looks more like a headline: a stack of lines, or a line with a
    layout space between its phrases (``温馨小空间 传递大关爱``)."""
    long_similarity: float = 0.06
    """…or below this one when the line is long (a subhead is short, a news headline is not)."""
    long_chars: int = 15
    attach_similarity: float = 0.06
    """A piece goes to an earlier, non-adjacent article only at or above this similarity."""
    attach_margin: float = 0.03
    """…and only when it beats the adjacent article by this much."""
    echo_below: float = 0.045
    """Below this topic similarity, a headline that echoes in its own text and not in the story
    above (``echo_own``, ``echo_prev``) opens a new article."""
    echo_own: float = 0.15
    echo_prev: float = 0.02
    min_run_chars: int = 150
    """Runs with less body text than this never split off on topic alone (too little evidence)…"""
    unrelated_below: float = 0.02
    """…unless their topic similarity is below this."""
    brief_chars: int = 800
    """A 本报讯 item with at most this much body text (and at most 3 paragraphs) is a brief."""


@dataclass
class _Run:
    kind: str  # strong | photo | toc | tocpart | cont | weak | headless | box
    items: list[int] = field(default_factory=list)
    headline_look: bool = False  # a weak start that looks like a headline (see _stack_kind)
    subhead: bool = False  # a weak start that reads as in-body structure (see _subhead_cue)
    head_chars: int = 0  # visible length of the first line of a weak start


@dataclass
class _Article:
    runs: list[_Run] = field(default_factory=list)
    vec: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0  # of vec, kept up to date: an article is compared with many runs
    chars: int = 0
    attachable: bool = True


@register(
    "segment.articles",
    "S01",
    "Segment the page into articles: headline, byline and body lines, and each article's kind.",
    safety="heuristic",
    options=SegmentOptions,
)
def segment_articles(doc: Document, options: SegmentOptions) -> Result:
    """Group paragraphs into articles and give each paragraph its role; the text is untouched."""
    paras = doc.paragraphs
    if not paras:
        return Result(doc)
    if layout.blank_separated([p.gap for p in paras]):
        groups, flagged = _segment_blocks(paras, options)
    else:
        groups, flagged = _by_blank_lines(paras), set()
    out: list[Paragraph] = []
    kinds: dict[int, str] = {}
    for aid, group in enumerate(groups):
        texts = [paras[i].text for i in group]
        roles = assign_roles(texts)
        kinds[aid] = kind_of(texts, roles, options)
        for i, role in zip(group, roles, strict=True):
            p = paras[i]
            flags = p.flags + ((UNCERTAIN,) if i in flagged and UNCERTAIN not in p.flags else ())
            out.append(replace(p, role=role, article=aid, flags=flags))
    return Result(doc.with_paragraphs(out, kinds=kinds))


def _by_blank_lines(paras: Sequence[Paragraph]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i, p in enumerate(paras):
        if not groups or p.gap > 0:
            groups.append([])
        groups[-1].append(i)
    return groups


# ---- roles and kinds: content-only, so that our own output reads back the same -------------


def _stack_end(texts: Sequence[str], labels: Sequence[str], i: int) -> int:
    """End (exclusive) of the headline stack starting at ``i`` (``i`` if there is none)."""
    j = i
    while j < len(texts):
        lab = labels[j]
        nxt = labels[j + 1] if j + 1 < len(texts) else ""
        member = lab == "headline" or (lab == "label" and nxt == "headline")
        if not member and not (lab == "body" and nxt == "headline" and _long_headline(texts[j])):
            break
        j += 1
    return j


def _long_headline(text: str) -> bool:
    return layout.headline_like(text, max_len=60)


def assign_roles(texts: Sequence[str]) -> list[str]:
    """Roles of an article's lines: leading headline stack, then byline lines, then body.

    >>> assign_roles(["一场竞赛", "本报记者 康劲", "正文。"])
    ['headline', 'byline', 'body']
    """
    labels = [layout.classify(t) for t in texts]
    roles = ["body"] * len(texts)
    j = _stack_end(texts, labels, 0)
    for k in range(j):
        roles[k] = "headline"
    if j:
        while j < len(texts) and labels[j] == "byline":
            roles[j] = "byline"
            j += 1
    return roles


def kind_of(texts: Sequence[str], roles: Sequence[str], options: SegmentOptions) -> str:
    """article | brief | photo | toc | continuation | sidebar, from an article's lines."""
    labels = [layout.classify(t) for t in texts]
    body = [k for k, r in enumerate(roles) if r == "body"]
    heads = [k for k, r in enumerate(roles) if r == "headline"]
    if "toc_title" in labels[:2] or (
        labels.count("toc_entry") * 3 >= len(labels) and "lead" not in labels
    ):
        return "toc"
    if body and labels[body[0]] == "marker":
        return "continuation"
    if not heads:
        if body and labels[body[0]] == "label":
            return "sidebar"
        if body and labels[body[0]] == "lead":
            return _news_kind(texts, labels, body, options)
        return "continuation"
    captioned = bool(body) and len(body) <= 4 and labels[body[-1]] in ("caption", "credit")
    if captioned and "lead" not in labels and "byline" not in roles:
        return "photo"
    return _news_kind(texts, labels, body, options)


def _news_kind(
    texts: Sequence[str], labels: Sequence[str], body: list[int], options: SegmentOptions
) -> str:
    leads = [k for k in body if labels[k] == "lead"]
    if leads and _BRIEF_LEAD.match(texts[leads[0]].strip()):
        chars = sum(layout.visible_len(texts[k]) for k in body)
        if chars <= options.brief_chars and len(body) <= 4:
            return "brief"
    return "article"


# ---- segmenting a raw page ---------------------------------------------------------------


def _segment_blocks(
    paras: Sequence[Paragraph], options: SegmentOptions
) -> tuple[list[list[int]], set[int]]:
    texts = [p.text for p in paras]
    labels = [layout.classify(t) for t in texts]
    runs = _runs(paras, texts, labels)
    counts = [_grams(t) for t in texts]
    grams = _weigh(counts, _idf(counts))
    arts: list[_Article] = []
    flagged: set[int] = set()
    toc: _Article | None = None
    prev: _Article | None = None
    for run in runs:
        vec = _vector(run.items, grams)
        chars = sum(layout.visible_len(texts[i]) for i in run.items if labels[i] != "headline")
        target: _Article | None = None
        if run.kind == "tocpart" and toc is not None:
            target = toc
        elif run.kind in ("weak", "headless", "box"):
            # Judge a short run with the text that follows it too (a story's first section
            # may be a few lines long before its first subhead).
            ahead = _lookahead(run, labels, texts)
            seen = _vector(ahead, grams) if len(ahead) > len(run.items) else vec
            n_seen = sum(layout.visible_len(texts[i]) for i in ahead if labels[i] != "headline")
            target, unsure = _attach(run, seen, n_seen, prev, arts, options)
            echo = prev is not None and _echoes(run, ahead, grams, prev, options)
            if target is prev and echo:
                target, unsure = None, True
            if unsure:
                flagged.update(run.items)
        if target is None:
            target = _Article()
            target.attachable = run.kind not in ("photo", "toc", "tocpart", "box")
            arts.append(target)
            if run.kind in ("toc", "tocpart"):
                toc = toc or target
        target.runs.append(run)
        for g, v in vec.items():
            target.vec[g] = target.vec.get(g, 0.0) + v
        target.norm = _norm(target.vec)
        target.chars += chars
        prev = target
    return [_order(a, labels) for a in arts], flagged


def _echoes(
    run: _Run,
    ahead: list[int],
    grams: Sequence[dict[str, float]],
    prev: _Article,
    options: SegmentOptions,
) -> bool:
    """A headline whose words echo in the text under it and not in the story before it.

    A subhead shares words with its own story; a new story's headline repeats words of its own
    first paragraphs and few of the story above. Only used when topic similarity is low.
    """
    if run.kind != "weak" or len(ahead) < 2:
        return False
    head = _vector(run.items[:1], grams)
    below = _vector(ahead[1:], grams)
    if _cosine(_vector(ahead, grams), prev.vec, prev.norm) >= options.echo_below:
        return False
    return (
        _cosine(head, below) >= options.echo_own
        and _cosine(head, prev.vec, prev.norm) < options.echo_prev
    )


def _lookahead(run: _Run, labels: Sequence[str], texts: Sequence[str]) -> list[int]:
    """The run's paragraphs and those after it, up to 6 paragraphs and 300 characters."""
    items = list(run.items)
    k = items[-1] + 1
    total = sum(layout.visible_len(texts[i]) for i in items)
    while k < len(labels) and len(items) < _AHEAD and total < 300:
        if labels[k] in ("lead", "toc_title", "marker"):
            break
        items.append(k)
        total += layout.visible_len(texts[k])
        k += 1
    return items


def _order(art: _Article, labels: Sequence[str]) -> list[int]:
    """An article's paragraphs in page order, with any 阅读提示 box moved after the byline."""
    boxes = [i for r in art.runs if r.kind == "box" for i in r.items]
    rest = [i for r in art.runs if r.kind != "box" for i in r.items]
    if not boxes or not rest:
        return rest + boxes
    k = 0
    while k < len(rest) and labels[rest[k]] in ("headline", "label", "byline"):
        k += 1
    return rest[:k] + boxes + rest[k:]


def _attach(
    run: _Run,
    vec: dict[str, float],
    chars: int,
    prev: _Article | None,
    arts: list[_Article],
    options: SegmentOptions,
) -> tuple[_Article | None, bool]:
    """The article a headless or weakly headed run belongs to (None: it opens its own)."""
    candidates = [a for a in arts[-40:] if a.attachable]
    if not candidates:
        return None, False
    n_vec = _norm(vec)
    sims = {id(a): _cosine(vec, a.vec, a.norm, n_vec) for a in candidates}
    best = max(candidates, key=lambda a: sims[id(a)])
    near = prev if prev is not None and prev.attachable else None
    s_near = sims[id(near)] if near is not None else 0.0
    s_best = sims[id(best)]
    bar = max(options.attach_similarity, s_near + options.attach_margin)
    # A run under a headline-looking start stays a story of its own rather than join a far
    # one: stories on one topic (three on pension reform) share words but are not one story.
    far_ok = not (run.headline_look and near is not None)
    if run.subhead and near is not None:  # numbered or announced: it continues the text above
        return near, s_near < options.subhead_similarity / 2
    if best is not near and s_best >= bar and far_ok:
        return best, s_best < s_near + 2 * options.attach_margin
    if run.kind == "box":
        return (best, False) if s_best >= options.attach_similarity else (None, False)
    if near is None:
        if run.kind == "headless" and s_best >= options.attach_similarity:
            return best, True
        return None, False
    if run.kind == "headless":
        return near, s_near < options.subhead_similarity
    # Little text is little evidence, unless the topic is plainly another one.
    small = s_near >= options.unrelated_below and (
        chars < options.min_run_chars or near.chars < options.min_run_chars
    )
    if run.headline_look:
        bar = options.headline_similarity
    elif run.head_chars >= options.long_chars:
        bar = options.long_similarity
    else:
        bar = options.subhead_similarity
    if s_near >= bar or small:
        return near, s_near < 2 * options.subhead_similarity
    return None, s_near > options.subhead_similarity / 2


def _runs(paras: Sequence[Paragraph], texts: Sequence[str], labels: Sequence[str]) -> list[_Run]:
    runs: list[_Run] = []
    closed = True  # the current run takes no more body text (photo, TOC, box ended)
    i, n = 0, len(texts)
    while i < n:
        lab = labels[i]
        region_break = paras[i].gap >= 3
        stack = _stack_end(texts, labels, i)
        if lab == "marker":
            runs.append(_Run("cont", [i]))
            closed = False
            i += 1
            continue
        if (
            lab == "toc_title"
            or (lab == "toc_entry")
            or (stack > i and _toc_follows(labels, stack))
        ):
            kind = "toc" if lab == "toc_title" else "tocpart"
            j = i + 1
            while j < n and (labels[j] == "toc_entry" or _in_toc(labels, j)):
                j += 1
            runs.append(_Run(kind, list(range(i, j))))
            closed = True
            i = j
            continue
        if lab == "label" and stack == i:
            j = min(i + 2, n) if i + 1 < n and labels[i + 1] in ("body", "lead") else i + 1
            runs.append(_Run("box", list(range(i, j))))
            closed = True
            i = j
            continue
        if stack > i:
            j = stack
            while j < n and labels[j] == "byline":
                j += 1
            kind = _stack_kind(texts, labels, i, stack, j)
            if kind == "weak" and i > 0 and labels[i - 1] == "endnote":
                kind = "strong"  # the story before was closed by its endnote
            if kind == "photo":
                end = _caption_end(labels, j)
                runs.append(_Run("photo", list(range(i, end))))
                closed = True
                i = end
                continue
            look = _headline_look([texts[k] for k in range(i, stack)])
            sub = kind == "weak" and _subhead_cue(texts, i)
            runs.append(
                _Run(
                    kind,
                    list(range(i, j)),
                    headline_look=look and not sub,
                    subhead=sub,
                    head_chars=layout.visible_len(texts[i]),
                )
            )
            closed = False
            i = j
            continue
        if lab == "lead" or (lab == "byline" and (closed or not runs)):
            j = i + 1
            while j < n and labels[j] == "byline":
                j += 1
            if (
                runs
                and runs[-1].kind == "strong"
                and all(labels[k] in ("headline", "label", "byline") for k in runs[-1].items)
            ):
                runs[-1].items.extend(range(i, j))
            elif closed or not runs:
                runs.append(_Run("strong", list(range(i, j))))
            else:  # a dateline with no headline (本报南京11月2日电): a new story if off topic
                runs.append(_Run("weak", list(range(i, j)), headline_look=True))
            closed = False
            i = j
            continue
        if closed or region_break or not runs:
            runs.append(_Run("headless", [i]))
            closed = False
        else:
            runs[-1].items.append(i)
        if lab in ("caption", "credit") and runs[-1].kind in ("photo", "weak"):
            closed = True
        i += 1
    return runs


def _stack_kind(texts: Sequence[str], labels: Sequence[str], i: int, stack: int, j: int) -> str:
    if j > stack or (j < len(labels) and labels[j] == "lead"):
        return "strong"
    if _caption_end(labels, j) > j:
        return "photo"
    lines = [texts[k] for k in range(i, stack) if labels[k] != "label"]
    if any(layout.is_kicker(t) for t in lines) or any(
        labels[k] == "label" and layout.opens_story(texts[k]) for k in range(i, stack)
    ):
        return "strong"
    return "weak"


def _subhead_cue(texts: Sequence[str], i: int) -> bool:
    """A short line that continues the text before it: the paragraph above announces it with a
    colon (``根据《…法》`` after ``…规定：``), it is numbered (``二、捐赠标准``, ``三．``), or it
    is one quotation (``“工会送来的好技术，管用”``: a pull quote, not a news headline)."""
    t = texts[i].strip()
    if layout.NUMBERED.match(t) or _QUOTATION.match(t):
        return True
    return i > 0 and texts[i - 1].rstrip().endswith(("：", ":"))


def _headline_look(lines: Sequence[str]) -> bool:
    """A stack of several lines, or one line with a layout space between two phrases."""
    if not lines or layout.NUMBERED.match(lines[0].strip()):
        return False
    return len(lines) >= 2 or bool(_PHRASE_SPACE.search(lines[0].strip()))


def _caption_end(labels: Sequence[str], j: int) -> int:
    """End of a photo unit whose caption (or credit) is within 3 lines from ``j``, else ``j``."""
    for k in range(j, min(j + 3, len(labels))):
        if labels[k] in ("caption", "credit"):
            end = k + 1
            if labels[k] == "caption" or end >= len(labels) or labels[end] != "credit":
                return end
            return end + 1
        if labels[k] != "body":
            return j
    return j


def _toc_follows(labels: Sequence[str], stack: int) -> bool:
    return stack < len(labels) and labels[stack] == "toc_entry"


def _in_toc(labels: Sequence[str], j: int) -> bool:
    """A headline-like line inside a TOC: entries of the TOC come before and after it."""
    if labels[j] != "headline":
        return False
    k = j
    while k < len(labels) and labels[k] == "headline":
        k += 1
    return k < len(labels) and labels[k] == "toc_entry"


# ---- topic vectors -------------------------------------------------------------------------


def _grams(text: str) -> Counter[str]:
    chars = _GRAM_CHARS.findall(text)
    return Counter(a + b for a, b in itertools.pairwise(chars))


def _idf(grams: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for g in grams:
        df.update(g.keys())
    # A small page is one article or a few: its own words are in most of its paragraphs, and a
    # plain IDF would weigh them down. Count as if the page were part of a larger collection.
    n = max(len(grams), _IDF_FLOOR)
    return {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}


def _weigh(grams: Sequence[Counter[str]], idf: dict[str, float]) -> list[dict[str, float]]:
    """Each paragraph's TF-IDF vector, computed once per page (runs and windows sum them)."""
    return [{g: c * idf[g] for g, c in gs.items()} for gs in grams]


def _vector(items: Sequence[int], weighted: Sequence[dict[str, float]]) -> dict[str, float]:
    if len(items) == 1:
        return dict(weighted[items[0]])
    vec: dict[str, float] = {}
    get = vec.get
    for i in items:
        for g, v in weighted[i].items():
            vec[g] = get(g, 0.0) + v
    return vec


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def _cosine(
    a: dict[str, float], b: dict[str, float], nb: float | None = None, na: float | None = None
) -> float:
    """Cosine of two sparse vectors; pass norms already known (``nb`` of ``b``, ``na`` of ``a``)."""
    na = _norm(a) if na is None else na
    nb = _norm(b) if nb is None else nb
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(v * get(g, 0.0) for g, v in a.items()) / (na * nb)
