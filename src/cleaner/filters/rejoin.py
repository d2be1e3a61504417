"""Rejoin paragraphs cut at a column break (``join.split``, J01).

A *head* is a body paragraph that does not end like a finished paragraph; a *tail* is a paragraph
that does not start like one. Every plausible (head, tail) pair gets a score from the cues of
:mod:`cleaner.filters.cues`; pairs are accepted greedily by score, each head and each tail at most
once and never in a cycle, so that a head takes the tail that fits it best and a competing
dangling head (the adjacency trap) is left alone. The tail usually follows its head at once
(adjacency is a strong prior), but it may stand far away, even before the head: such *distant*
pairs are only considered for tails that look orphaned (they start with a mark no line starts
with, close a quote they never opened, or are a short finished fragment) and need positive
evidence. When the cues are silent, the heads left over and the far pieces are paired one to
one by the words of their stories (:func:`topic_pairs`). The joined paragraph stands where its
first piece on the page stood (the tail's place when the tail is printed before its head). A
head left without a partner is kept as it is and flagged (``unjoined-head``; the last paragraph
of the page: ``truncated``).

Layout furniture is never a head or a tail: headline-like lines (short, no clause punctuation),
bylines, captions and credits (ending 摄 or 报), continuation markers such as (上接第1版), TOC
entries and section labels.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import pairwise, repeat
from typing import Any

import regex

from .. import layout
from ..model import Change, Document, Paragraph, Result
from . import cues
from .base import register

FURNITURE = frozenset(("marker", "label", "toc_title", "toc_entry", "byline", "credit", "caption"))
"""Kinds of :func:`cleaner.layout.classify` that are never a head or a tail."""
FIRST_QUOTE = regex.compile(r"[“”「」『』]")
# Patterns anchored at the end are searched from the end ((?r)): a forward search tries them at
# every character of the paragraph (HEAD_END: 40 µs on 160 characters, 1 µs backwards). Only
# whether they match is used, which does not depend on the direction.
HEAD_END = regex.compile(
    r"(?r)(?:[\p{Han}\p{N}A-Za-zＡ-Ｚａ-ｚ，,、“「『《〈（(—-]|\p{Nd}[．.])\s*$"
)
COMMA = regex.compile(r"[，,]")
DIGIT = regex.compile(r"\p{Nd}")
INNER_END = regex.compile(r"[。！？!?；;]")
PARTICLES = frozenset("的地得了着过们么吗呢吧")
NOT_GRAM = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")
HEAD_UNFINISHED = regex.compile(r"(?r)[，,、]\s*$")  # (?r): see HEAD_END
QUESTION_END = regex.compile(rf"(?r)[?？!！][{cues.CLOSERS}\s]*$")
TITLE_GAP = regex.compile(r"\p{Han}(?:\u3000|\s{2,})\p{Han}")
MAX_ORPHANS = 64
"""Orphan tails scored per head (the nearest): keeps a page linear in its length."""
ELIMINATION = 2.0
"""Score of a pair made by elimination (one head and one orphan tail left on the page)."""
SPLIT_WORD = 3.5
"""Score of a far tail that completes a word the head cuts in two (above a bare adjacent pair)."""
VETOES = frozenset(("opens-quote", "tail-opens-quote"))
FAR_BAR = 2.5
"""Score a distant pair needs when its tail is no orphan, only a piece at a break in the page."""
SPEAKER_CUT = 4
"""A head whose last sentence is this short at most may have cut a speaker's name (”道墟)."""
LONG_WORD = 3
"""A word across the break this long (养|老金) is strong evidence for a piece at a break."""
FAR_MARGIN = 0.5
"""By how much the best such piece must beat the next best for the head."""


@dataclass(frozen=True)
class JoinOptions:
    threshold: float = 2.0
    """Pairs scoring below this are not joined."""
    adjacent_prior: float = 3.0
    """Score a tail gets for following its head at once."""
    short_head: int = 25
    """A head shorter than this needs evidence beyond adjacency (it may be a headline)."""
    distant: bool = True
    """Consider tails that stand away from their head (even before it)."""
    max_distance: int = 400
    """How far away (in paragraphs) a distant tail is looked for."""
    flag_unjoined: bool = True
    """Flag heads left without a partner (``unjoined-head``, ``truncated``)."""
    pair_elimination: bool = True
    """Join by elimination when exactly one left-over (head, orphan tail) pair can go together,
    not only when one head and one tail are left (001: …实现 + 就业。)."""


def is_furniture(text: str) -> bool:
    """Layout furniture: headline-like lines, bylines, captions, markers, TOC lines, labels.

    The kinds of :func:`cleaner.layout.classify` in ``FURNITURE``, a kicker, any line that ends
    with a credit (``layout.CREDIT_END``), and a short line without clause punctuation.

    >>> [is_furniture(t) for t in ("(上接第1版)", "本报记者 康劲", "打通复工“堵点”", "有,的。")]
    [True, True, True, False]
    """
    t = text.strip()
    if layout.classify(t) in FURNITURE or layout.is_kicker(t) or layout.CREDIT_END.search(t):
        return True
    # Headline-like: short and without clause punctuation, not even a sentence end.
    return len(t) <= 40 and not cues.has_clause_mark(t)


def is_head(text: str) -> bool:
    """A paragraph that stops mid-sentence: it ends in a character, a comma or an opening mark.

    A closing bracket or an annotation such as ［详细］ or （新华社） ends a paragraph.
    """
    if is_furniture(text) or cues.ends_paragraph(text):
        return False
    return HEAD_END.search(text) is not None


def maybe_headline(text: str, options: JoinOptions) -> bool:
    """Short, or without any sentence end inside and not long: maybe a headline with commas."""
    commas = text.count("，") + text.count(",")  # [，,]
    if sentence_like(text, options) or (commas and cues.starts_paragraph(text)):
        return False
    if len(text) < options.short_head:
        return True
    return len(text) <= 60 and commas <= 1 and INNER_END.search(text) is None


def sentence_like(text: str, options: JoinOptions) -> bool:
    """A line that reads as part of a sentence, not as a headline, though it is short.

    It has two commas or more within 40 characters (北京突降暴雨，很多汽车水中熄火，甚至有司机)
    or enumerates (…陈坤、崔永元、邓飞…). Headlines of the seeds and of the clean corpus have
    neither shape. (A short line that opens like a paragraph, 2017年12月，湖南省委办公厅印发, is
    no headline either, but it is often cut from a rest that is not on the page: it is not
    joined on adjacency alone.)

    >>> o = JoinOptions()
    >>> sentence_like("突降暴雨，汽车熄火，有司机", o), sentence_like("稳就业，保民生", o)
    (True, False)
    """
    commas = text.count("，") + text.count(",")  # [，,]
    if commas >= 2 and len(text) < 40:
        return True
    listed = commas + text.count("、")  # [，,、]
    return len(text) >= options.short_head and listed >= 3


QUOTED = regex.compile(r"“[^“”]*”|《[^《》]*》|「[^「」]*」|（[^（）]*）|\([^()]*\)")
TITLE_MARK = regex.compile(r"[—－\u3000]|\s{2}")
FIRST_CLAUSE = 8
"""A line whose first clause (before a comma) is this long at least reads as a sentence."""
# A quoted name or term that a word goes on from (“阳光工程基金”管理委员会, “…”的呼声): no clause
# punctuation inside the quotes, as speech has.
QUOTED_TERM = regex.compile(r"^[“「『][^“”「」『』，,。！!？?；;：:]{1,24}[”」』]\p{Han}")
CUT_MIN = 16
"""A line shorter than this is left to the rules for headline-like lines."""
HAN_PAIR = regex.compile(r"\p{Han}{2}")
HAN_RUN = regex.compile(r"\p{Han}{4}")
REPEAT_KEY = 4
"""Characters at a head's end looked for again at the start of the next paragraph…"""
REPEAT_REACH = 16
"""…within this many characters (:func:`repeats_end`)."""


def cut_sentence(head: str, tail: str, word: bool = False) -> bool:
    """Whether a short ``head`` that might be a headline reads as a sentence cut at a column
    break, and ``tail`` as its rest rather than a lead paragraph: the head has a sentence end
    inside (…不可或缺的一个群体。我们不要), or a comma outside quotes and brackets after a
    first clause of ``FIRST_CLAUSE`` characters or more or an opening like a news paragraph
    (据组委会相关人士介绍，因为爱心运动), without the dashes and gaps of headlines
    (从《杭州地铁乘客守则》初稿公布至今，负责牵头); the tail opens with a verb (it goes on
    with a predicate, :func:`cues.opens_with_verb`) or completes a ``word`` across the break
    (运动|鞋), and like no news paragraph. A piece that opens with a noun (中国是世界…) may be
    the next paragraph: the rest of the head may be far. Headlines with commas have short
    clauses (稳就业，保民生) or a dash (以书为友，知行合一—２０１２年小桔灯湖北站).

    >>> cut_sentence("从《杭州地铁乘客守则》初稿公布至今，负责牵头", "制定的杭州市交通运输局")
    True
    >>> cut_sentence("收集了水环保领域８３个民间组织和个人申报", "中国是世界１３个缺水国家之一")
    False
    >>> cut_sentence("攻坚解困脱困，让城市困难职工同步迈入小康", "记者从市总工会获悉")
    False
    """
    if len(head) < CUT_MIN or repeats_end(head, tail):
        return False
    if not (word or cues.opens_with_verb(tail)):
        return False
    if cues.starts_paragraph(tail) or cues.opens_story(tail):
        return False
    if INNER_END.search(head[:-1]):
        return True
    bare = QUOTED.sub(_blank, head)  # quoted text keeps its length, not its commas
    if TITLE_MARK.search(bare):
        return False
    first = COMMA.split(bare, maxsplit=1)
    if len(first) < 2:
        return False
    return len(first[0]) >= FIRST_CLAUSE or cues.starts_paragraph(head) or cues.opens_story(head)


def _blank(m: regex.Match[str]) -> str:
    return "_" * len(m.group())


def repeats_end(head: str, tail: str) -> bool:
    """Whether ``tail`` opens with the word ``head`` ends with (…高峰论坛 | 论坛上，…, …企业安装 |
    安装油水分离器…): a new paragraph taking up the last word, or a fragment printed again, not
    the rest of the sentence.

    >>> repeats_end("深港地铁圈高峰论坛", "论坛上，深圳市"), repeats_end("天", "天都来")
    (True, False)
    """
    end = head[-2:]
    if len(end) == 2 and HAN_PAIR.fullmatch(end) is not None and tail.startswith(end):
        return True
    # …工作委员会办公室 | 全国老龄工作委员会办公室副主任: a name the head ends with, told again
    end = head[-REPEAT_KEY:]
    return HAN_RUN.fullmatch(end) is not None and end in tail[:REPEAT_REACH]


def is_tail(text: str) -> bool:
    t = text.strip()
    shape = _tail_shape(t)
    return not is_furniture(t) if shape is None else shape


def _is_tail(t: str, furniture: bool) -> bool:
    """:func:`is_tail` of a stripped text whose :func:`is_furniture` is known."""
    shape = _tail_shape(t)
    return not furniture if shape is None else shape


def _tail_shape(t: str) -> bool | None:
    """Whether ``t`` (stripped) can be a tail by its shape; ``None``: if it is no furniture."""
    if cues.starts_paragraph(t):
        return False
    # A caption may itself be cut: its text, not its credit alone, can continue a head.
    if layout.CREDIT_END.search(t) and len(t) > 24 and cues.has_clause_mark(t):
        return True
    short_line = len(t) < 25 and COMMA.search(t) is None and not HEAD_UNFINISHED.search(t)
    if short_line and (not cues.ends_sentence(t) or QUESTION_END.search(t)):
        return False  # a subhead: 集中力量办大事：让… or 城市怎样平等对待农民工?
    return None


def short_finished(text: str) -> bool:
    """A short piece that ends a statement (就业。): it can hardly stand alone as a paragraph."""
    return len(text) <= 20 and cues.ends_sentence(text) and QUESTION_END.search(text) is None


def looks_orphan(text: str) -> bool:
    """A tail that cannot stand alone: a candidate to join with a head anywhere on the page."""
    if cues.starts_mid_sentence(text):
        return True
    first = FIRST_QUOTE.search(text[:8])
    if first and first.group() in "”」』":
        return True
    return short_finished(text)


def starts_particle(text: str) -> bool:
    """Whether ``text`` starts with a particle (的, 地, 了 …) that is no word's first character:
    地铁, 过去, 着手 open a sentence as well as any word.

    >>> starts_particle("的原因，就是"), starts_particle("地铁公司表示")
    (True, False)
    """
    return text[:1] in PARTICLES and text[:2] not in cues.phrases()


@dataclass(frozen=True, slots=True)
class Features:
    """What J01 needs to know about one paragraph, computed once per text (not per pair)."""

    head: bool
    tail: bool
    orphan: bool
    lone: bool
    """An orphan that can only be a tail (a short finished piece with a comma may be a lead)."""
    headline: bool
    titleish: bool
    """Too short or spaced like a headline (谢意　不代表任何人) to look for a partner far away."""
    flaggable: bool
    furniture: bool
    weak: bool
    """Short and headline-like, but no byline, label or the like, and ending like a cut piece:
    a head only when the piece after it plainly goes on (捐款３３８０|１．２０元, 设立“阳光
    工程基|金”)."""
    # What the cues of a pair (score_pair's TAIL_CUES, splits_word) need of each side, so that
    # the pairs that cannot have them are passed over without scoring (see _tail_cue).
    opens_quote: bool
    """As a head: leaves a quote open (``cues.quote_balance``)."""
    number_end: bool
    """As a head: ends with a number (``cues.NUMBER_END``)."""
    digit_end: bool
    """As a head: ends with a digit (``cues.DIGIT_END``)."""
    taker: bool
    """As a head: ends with a character that takes a number (``cues.NUMBER_TAKER``)."""
    ends_word: bool
    """As a head: ends with a word of two or three characters (no word is cut at its end)."""
    closes_first: bool
    """As a tail: its first quotation mark closes a quote."""
    mid: bool
    """As a tail: starts with a mark no line starts with (``cues.starts_mid_sentence``)."""
    particle: bool
    """As a tail: starts with a particle (``PARTICLES``)."""
    number_start: bool
    number_open: bool
    unit_start: bool
    starts_word: bool
    """As a tail: starts with a word of two to four characters (no word is cut at its start)."""
    opener: bool
    """As a tail: opens with a word that opens a sentence (``cues.opens_sentence``)."""
    story: bool
    """As a tail: opens the way a news paragraph does (``cues.opens_story``): no far piece."""


@lru_cache(maxsize=1 << 16)
def features(text: str, short_head: int) -> Features:
    t = text.strip()
    # is_furniture, is_head, is_tail and _flaggable, with the layout tests made once; weak: a
    # short piece ending like a cut one that is no byline, caption, marker, TOC line or label
    kind = layout.classify(t)
    boxed = kind in FURNITURE or layout.is_kicker(t) or layout.CREDIT_END.search(t) is not None
    furniture = boxed or (len(t) <= 40 and not cues.has_clause_mark(t))
    cut_end = HEAD_END.search(t) is not None and not cues.ends_paragraph(t)
    head = not furniture and cut_end
    tail = _is_tail(t, furniture)
    opts = _options(short_head)
    first = FIRST_QUOTE.search(t)
    words = cues.phrases()
    orphan = tail and looks_orphan(t)
    return Features(
        head=head,
        tail=tail,
        orphan=orphan,
        lone=orphan and not (short_finished(t) and COMMA.search(t)),
        headline=maybe_headline(t, opts),
        titleish=(len(t) < short_head and COMMA.search(t) is None)
        or (len(t) <= 60 and TITLE_GAP.search(t) is not None),
        flaggable=head and _flaggable_head(t, opts),
        furniture=furniture,
        weak=not head and cut_end and not boxed,
        opens_quote=cues.quote_balance(t)[0] > 0,
        number_end=cues.NUMBER_END.search(t) is not None,
        digit_end=cues.DIGIT_END.search(t) is not None,
        taker=t[-1:] in cues.NUMBER_TAKER,
        ends_word=t[-2:] in words or t[-3:] in words,  # cues.ends_word(t)
        closes_first=first is not None and first.group() in "”」』",
        mid=cues.starts_mid_sentence(t),
        particle=starts_particle(t),
        number_start=cues.NUMBER_START.match(t) is not None,
        number_open=cues.NUMBER_OPEN.match(t) is not None,
        unit_start=cues.UNIT_START.match(t) is not None,
        starts_word=t[:2] in words or t[:3] in words or t[:4] in words,  # cues.starts_word
        opener=cues.opens_sentence(t),
        story=cues.opens_story(t),
    )


@lru_cache(maxsize=8)
def _options(short_head: int) -> JoinOptions:
    return JoinOptions(short_head=short_head)


def _tail_cue(fh: Features, ft: Features, head: str, tail: str) -> bool:
    """Whether :func:`score_pair` finds a cue in ``TAIL_CUES`` for this pair (exactly: the
    same tests, on what :func:`features` knows of each side)."""
    return (
        ft.mid
        or ft.particle
        or (fh.opens_quote and ft.closes_first)
        or (fh.number_end and ft.number_start and cues.number_straddles(head, tail))
        or (fh.taker and ft.number_open)
        or (fh.digit_end and ft.unit_start)
    )


def _may_split(fh: Features, ft: Features, head: str, tail: str) -> str:
    """:func:`cues.splits_word`, answered at once when a side ends or starts with a word."""
    if fh.ends_word or ft.starts_word:
        return ""
    return cues.splits_word(head, tail)


@dataclass(frozen=True)
class Pair:
    score: float
    head: int
    tail: int
    cues: tuple[str, ...]
    distance: str


def score_pair(
    head: str, tail: str, *, adjacent: bool, before: bool, options: JoinOptions
) -> tuple[float, list[str], bool]:
    """Score of ``tail`` continuing ``head``, the cues behind it, and whether any is positive."""
    lex, found = cues.lexical_score(head, tail)
    score = lex
    evidence = lex > 0
    # Evidence beyond the bigram statistics (a word across the break, a quote, a mark …): a
    # headline-like head needs it, since two lines of ad copy may read on by chance (美|肌).
    # A word across the break is strong only if its pieces are no words on their own (房|中国 is
    # a chance meeting of 保障房 and 中国).
    strong = any(c.startswith("word:") for c in found) and bool(cues.splits_word(head, tail))
    q = cues.closes_quote(head, tail)
    if q > 0:
        score += 1.5
        found.append("closes-quote")
        evidence = strong = True
        first = FIRST_QUOTE.search(tail[:8])
        if first and first.group() in "”」』":
            score += 1.0
            found.append("tail-closes-unopened-quote")
    elif q < 0:
        score -= 1.5
        found.append("opens-quote")
    elif QUOTED_TERM.match(tail):
        found.append("tail-opens-quoted-term")  # 成立|“阳光工程基金”管理委员会: a name, no speech
    elif tail[:1] in "“「『" or (tail[:1] == "＂" and head.count("＂") % 2 == 0):
        score -= 1.5  # (＂: a straight quote, opening when the head has closed all of its own)
        found.append("tail-opens-quote")
    if cues.starts_mid_sentence(tail):
        score += 2.0
        found.append("tail-starts-mid-sentence")
        evidence = strong = True
    if short_finished(tail):
        score += 0.0 if adjacent else 1.5
        found.append("short-finished-tail")
        evidence = evidence or not adjacent
    if starts_particle(tail):
        score += 1.0
        found.append("tail-starts-with-particle")
        evidence = strong = True
    if HEAD_UNFINISHED.search(head):
        score += 1.0
        found.append("head-ends-in-comma")
        evidence = strong = True
    if cues.dangles(head):
        score += 1.0
        found.append("head-dangles")
        evidence = strong = True
    if cues.number_straddles(head, tail):
        score += 1.5
        found.append("number-straddles")
        evidence = strong = True
    elif cues.number_follows(head, tail):
        score += 1.5
        found.append("number-follows")
        evidence = strong = True
    elif cues.number_unit(head, tail):
        score += 1.5
        found.append("number-unit")
        evidence = strong = True
    if adjacent:
        score += options.adjacent_prior
        found.append("adjacent")
        # …，有关部门 | 不少网民指出，…: who speaks opens a sentence, unless the head has cut
        # the speaker's name (…”道墟 | 街道总工会负责人介绍，): a sentence just begun that
        # ends with no whole word.
        statement = cues.opens_statement(tail) and (
            cues.ends_word(head) or len(cues.last_sentence(head)) > SPEAKER_CUT
        )
        if cues.opens_sentence(tail) or statement:
            if not evidence:
                score -= 1.5
                found.append("tail-opens-sentence")
            elif not strong_for_tail(head, tail, found):
                # …读什么书的 | 为了改变这一现状: the head is cut, but this piece opens a sentence
                score -= 2.5
                found.append("tail-opens-sentence")
        if not strong and cues.new_subject(head, tail):
            score -= 2.0  # …并不违反 | 基金会的几个头头竟背着…: a clause of its own begins
            found.append("tail-opens-clause")
        if not strong and cues.wants_verb(head, tail):
            score -= 2.0  # …填写了单子，也 | 另一家回收油脂企业…: 也 wants a verb after it
            found.append("head-wants-verb")
        if not strong and cues.number_cut_off(head, tail):
            score -= 2.0  # …大概１ | 我们之前捐赠…: a number without what it counts
            found.append("number-cut-off")
        if not strong and repeats_end(head, tail):
            score -= 2.0  # …高峰论坛 | 论坛上，深圳市…: the last word taken up again
            found.append("tail-repeats-head-end")
        if not evidence and cues.ends_utterance(head):
            score -= 1.5
            found.append("head-ends-utterance")
        word = any(c.startswith("word:") for c in found)
        if cues.short_last_clause(head):
            # …的高新区，当地: a clause just begun after a comma; no headline ends so.
            found.append("head-short-last-clause")
        elif maybe_headline(head, options) and not evidence and not cut_sentence(head, tail, word):
            score -= 2.0
            found.append("headline-like-head-no-evidence")
        elif not evidence and reads_as_title(tail):
            score -= 2.0  # 2017年12月，湖南省委办公厅印发 | 攻坚解困脱困，让城市…: a subhead
            found.append("tail-reads-as-title")
        elif (
            len(head) < options.short_head
            and not strong
            and not sentence_like(head, options)
            and not cut_sentence(head, tail, word)
        ):
            score -= 2.0 + lex  # a short line: the bigram statistics alone do not count
            found.append("short-head-no-evidence")
    else:
        if not evidence:
            score -= 3.0
        if before:
            score -= 1.0
            found.append("tail-before-head")
    return score, found, evidence


def candidate_pairs(
    paras: tuple[Paragraph, ...], feats: list[Features], options: JoinOptions
) -> list[Pair]:
    """Scored pairs: each head with the piece after it and with the orphans within reach.

    Orphans are looked for within ``max_distance`` paragraphs, at most ``MAX_ORPHANS`` of the
    nearest per head, so that the work per page stays linear in its length.
    """
    texts = [p.text.strip() for p in paras]
    orphans = [j for j, f in enumerate(feats) if f.orphan] if options.distant else []
    tails = [j for j, f in enumerate(feats) if f.tail and not f.titleish] if options.distant else []
    edges = [j for j in tails if _at_break(feats, j)]  # (only a tail, no title, stands at one)
    pairs: list[Pair] = []
    for i, f in enumerate(feats):
        if not f.head:
            if f.weak and i + 1 < len(feats) and feats[i + 1].tail:
                pairs += _weak_pair(texts, feats, i, options)
            continue
        cands: list[int] = []
        if i + 1 < len(feats) and feats[i + 1].tail:
            cands.append(i + 1)
        if orphans and not f.titleish:  # a distant partner only for a head that is no headline
            cands += [j for j in _near(orphans, i, options) if not feats[j].story]
        mine: list[Pair] = []
        for j in cands:
            adjacent = j == i + 1
            s, found, evidence = score_pair(
                texts[i], texts[j], adjacent=adjacent, before=j < i, options=options
            )
            if s >= options.threshold and (adjacent or evidence):
                kind = "adjacent" if adjacent else "distant"
                mine.append(Pair(round(s, 3), i, j, tuple(found), kind))
        if edges and not f.titleish:
            mine += _edge_pairs(texts, feats, i, _near(edges, i, options), set(cands), options)
        if tails and not f.titleish and not f.ends_word:  # a head ending in a word cuts none
            mine = _with_split_words(texts, feats, i, _near(tails, i, options), mine, set(cands))
        pairs += _bare_gives_way(texts, mine)
    return pairs


BARE = frozenset(("adjacent", "head-short-last-clause"))
"""Cues of an adjacent pair that has nothing but adjacency for it."""


def _bare_gives_way(texts: list[str], mine: list[Pair]) -> list[Pair]:
    """A head's pairs without its adjacent one when that has nothing but adjacency for it and a
    far piece has evidence of its own (这样的“|行为艺术”…): the adjacency trap of a cut whose
    rest stands elsewhere. The far pair then competes alone."""
    bare = [p for p in mine if p.distance == "adjacent" and BARE.issuperset(p.cues)]
    if not bare:
        return mine
    far = [
        p
        for p in mine
        if p.distance == "distant" and strong_for_tail(texts[p.head], texts[p.tail], list(p.cues))
    ]
    return [p for p in mine if p not in bare] if far else mine


TAIL_CUES = frozenset(
    (
        "closes-quote",
        "tail-starts-mid-sentence",
        "tail-starts-with-particle",
        "number-straddles",
        "number-follows",
        "number-unit",
    )
)
"""Cues that speak for this very tail (not only for the head being cut)."""


def strong_for_tail(head: str, tail: str, found: list[str]) -> bool:
    """Whether a far piece has evidence of its own: a word across the break that is no chance
    meeting (养|老金, not 还|有网民), or a cue in ``TAIL_CUES``."""
    return bool(cues.loose_split(head, tail)) or not TAIL_CUES.isdisjoint(found)


def _weak_pair(texts: list[str], feats: list[Features], i: int, options: JoinOptions) -> list[Pair]:
    """A short headline-like line and the next piece, if that piece plainly goes on with it: it
    completes a word cut in two (负责资|金), closes a quote the line opened, carries a number on
    (捐款３３８０|１．２０元) or opens with a mark or a particle no line starts with."""
    head, tail = texts[i], texts[i + 1]
    fh, ft = feats[i], feats[i + 1]
    # plain: a word cut in two, or a cue in TAIL_CUES (known before scoring, see _tail_cue)
    if not (_tail_cue(fh, ft, head, tail) or _may_split(fh, ft, head, tail)):
        if not ft.headline and _goes_on_with_verb(head, tail):
            cue = ("adjacent", "tail-goes-on-with-verb", "short-head")
            return [Pair(options.threshold, i, i + 1, cue, "adjacent")]
        return []
    s, found, _ = score_pair(head, tail, adjacent=True, before=False, options=options)
    if s < options.threshold or VETOES.intersection(found):
        return []
    return [Pair(round(s, 3), i, i + 1, (*found, "short-head"), "adjacent")]


def _goes_on_with_verb(head: str, tail: str) -> bool:
    """Whether a line without clause punctuation, too long for most headlines and without their
    gaps and dashes, is followed by a paragraph that goes on with its verb and opens like no
    news paragraph (人社部正在研究出台延迟退休年龄新政的风声 | 传出后，民众…): a lead opens with
    who or when, not with a predicate.

    >>> head, tail = "人社部研究出台延迟退休新政的风声", "传出后，民众议论纷纷，呼声渐高了"
    >>> _goes_on_with_verb(head, tail)
    True
    >>> _goes_on_with_verb("崔永元谈请客：这是我个人表达谢意　不代表任何人", "召开发布会的是新闻网")
    False
    """
    if len(head) < CUT_MIN or len(tail) < CUT_MIN or TITLE_MARK.search(QUOTED.sub(_blank, head)):
        return False
    if not cues.opens_with_verb(tail) or repeats_end(head, tail):
        return False
    return not (cues.starts_paragraph(tail) or cues.opens_story(tail))


def _at_break(feats: list[Features], j: int) -> bool:
    """A tail (no orphan) at a break in the page: first or last, after furniture or a dangling
    head, or right before furniture. A piece printed away from its head stands at such a break
    (after a headline or a box, at the end of another story)."""
    f = feats[j]
    if not f.tail or f.titleish or f.orphan:
        return False
    if j == 0 or j == len(feats) - 1:
        return True
    after = feats[j + 1]
    return (
        feats[j - 1].furniture
        or feats[j - 1].head
        or after.furniture
        or (after.titleish and (after.head or after.weak))
    )


def _edge_pairs(
    texts: list[str],
    feats: list[Features],
    i: int,
    near: list[int],
    seen: set[int],
    options: JoinOptions,
) -> list[Pair]:
    """Head ``i`` with the pieces at breaks within reach: joined only on evidence (FAR_BAR)."""
    out = []
    head, fh = texts[i], feats[i]
    for j in near:
        ft = feats[j]
        if j in seen or ft.opener or ft.story:
            continue  # 由|此次活动…: an opening word is no evidence
        # strong_for_tail below, known before scoring: a word across the break or a tail cue
        cue = _tail_cue(fh, ft, head, texts[j])
        word = "" if cue and fh.ends_word else cues.loose_split(head, texts[j])
        if not (cue or word):
            continue
        if _may_split(fh, ft, head, texts[j]):
            continue  # a cut word: see _with_split_words
        s, found, evidence = score_pair(
            texts[i], texts[j], adjacent=False, before=j < i, options=options
        )
        if len(word) >= LONG_WORD and not fh.ends_word:
            s += 1.0  # 中国的养|老金: a word of three characters or more is seldom met by chance
            found.append(f"long-word:{word}")
        if evidence and s >= FAR_BAR and strong_for_tail(texts[i], texts[j], found):
            out.append(Pair(round(s, 3), i, j, (*found, "tail-at-break"), "distant"))
    out.sort(key=lambda p: -p.score)
    if len(out) > 1 and out[0].score - out[1].score < FAR_MARGIN:
        return []  # two pieces fit about as well: undecided (the head is flagged)
    return out[:1]


def _near(pool: list[int], i: int, options: JoinOptions) -> list[int]:
    """The paragraphs of ``pool`` (sorted) within reach of ``i``, the nearest ``MAX_ORPHANS``."""
    lo = bisect_left(pool, i - options.max_distance)
    hi = bisect_right(pool, i + options.max_distance)
    near = [j for j in pool[lo:hi] if j != i and j != i + 1]
    if len(near) > MAX_ORPHANS:
        near = sorted(near, key=lambda j: abs(j - i))[:MAX_ORPHANS]
    return near


def _with_split_words(
    texts: list[str],
    feats: list[Features],
    i: int,
    near: list[int],
    mine: list[Pair],
    seen: set[int],
) -> list[Pair]:
    """Head ``i``'s pairs, weighed against far tails that complete a word it cuts in two.

    A far piece that does not start like a paragraph and completes a word cut at the head's end
    (实|行, 灾|民) competes with an adjacent pair that has no evidence but adjacency: one such
    piece outranks it; several leave the head undecided (no pair at all: it is flagged).
    """
    head = texts[i]
    found = [
        j
        for j in near
        if j not in seen
        and not feats[j].starts_word
        and not feats[j].story  # 疫情给高|要让…: 高要 is a town, 要让 opens a sentence
        and cues.splits_word(head, texts[j])
    ]
    weak = [p for p in mine if p.distance == "adjacent" and p.cues == ("adjacent",)]
    if not found:
        return mine
    if len(found) > 1:
        return [p for p in mine if p not in weak]
    (j,) = found
    word = cues.splits_word(head, texts[j])
    score = SPLIT_WORD + 0.3 * max(cues.pmi(head[-1], texts[j][0]), 0.0) - (j < i) * 0.5
    cue = (f"split-word:{word}", *(("tail-before-head",) if j < i else ()))
    return [*mine, Pair(round(score, 3), i, j, cue, "distant")]


def match(pairs: list[Pair], n: int) -> dict[int, Pair]:
    """Greedy one-to-one matching by score (ties: nearer first); no cycles. Head → pair."""
    parent = list(range(n))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_head: dict[int, Pair] = {}
    used_tails: set[int] = set()
    for p in sorted(pairs, key=lambda p: (-p.score, abs(p.tail - p.head), p.head)):
        if p.head in by_head or p.tail in used_tails:
            continue
        a, b = root(p.head), root(p.tail)
        if a == b:
            continue
        parent[b] = a
        by_head[p.head] = p
        used_tails.add(p.tail)
    return by_head


MAX_LEFT = 8
"""Left-over heads or tails beyond this many: no joining by elimination (it stays cheap)."""
SENTENCE_START = regex.compile(r"(?:[。！？!?；;]|……)[”’」』）)]*(?=[^。！？!?；;”’」』）)]*$)")
MIN_SENTENCE = 6
"""A sentence made across the break shorter than this (驻|就业。) is no sentence."""


def last_orphans(
    paras: tuple[Paragraph, ...],
    feats: list[Features],
    links: dict[int, Pair],
    options: JoinOptions,
) -> Pair | None:
    """The one pair of a left-over head and a left-over orphan tail that can go together.

    After the scored matching, the heads left (no headline, not the page's last paragraph, which
    may be truncated) and the orphan tails left (short finished pieces, pieces closing a quote
    they did not open …) are paired by elimination: when exactly one pair of them is possible
    (no veto, quotes that fit, a sentence of some length across the break, no cycle), the tail
    continues the head (001: of …通过技能培训实现 and …效果。”驻, only the first can take 就业。;
    和水平。” closes a quote neither opened).
    """
    if not options.distant:
        return None
    taken = {p.tail for p in links.values()}
    last = len(paras) - 1
    heads = [
        i
        for i, f in enumerate(feats)
        if f.head and f.flaggable and not f.titleish and i not in links and i != last
    ]
    tails = [j for j, f in enumerate(feats) if f.orphan and j not in taken and f.lone]
    if not heads or not tails or len(heads) > MAX_LEFT or len(tails) > MAX_LEFT:
        return None
    if options.pair_elimination:
        found = [p for i in heads for j in tails if (p := _left_pair(paras, links, i, j, options))]
        if len(found) == 1:
            return found[0]
    # …or one head (a headline with commas too) and one orphan tail are all that is left
    heads = [i for i, f in enumerate(feats) if f.head and not f.titleish]
    heads = [i for i in heads if i not in links and i != last]
    if len(heads) == 1 and len(tails) == 1:
        return _left_pair(paras, links, heads[0], tails[0], options)
    return None


def _left_pair(
    paras: tuple[Paragraph, ...], links: dict[int, Pair], i: int, j: int, options: JoinOptions
) -> Pair | None:
    """Head ``i`` and orphan tail ``j`` as a pair made by elimination, if nothing is against it."""
    if abs(i - j) <= 1 or abs(i - j) > options.max_distance:
        return None
    k = j  # no cycle: the chain that starts at the tail must not lead back to the head
    while k in links:
        k = links[k].tail
        if k == i:
            return None
    head, tail = paras[i].text.strip(), paras[j].text.strip()
    if cues.quote_balance(tail)[1] > cues.quote_balance(head)[0]:
        return None  # the tail closes a quote the head did not open
    m = SENTENCE_START.search(head)
    rest = head[m.end() :] if m else head
    end = cues.SENTENCE_MARK.search(tail)
    if len(rest) + (end.start() if end else len(tail)) < MIN_SENTENCE:
        return None
    s, found, evidence = score_pair(head, tail, adjacent=False, before=j < i, options=options)
    if not evidence or VETOES.intersection(found):
        return None
    score = max(s, 0.0) + ELIMINATION
    return Pair(round(score, 3), i, j, (*found, "only-orphans-left"), "distant")


TOPIC_WEIGHT = 5.0
"""Weight of how much more of a piece is in the head's region than in its own (topic_pairs)."""
TOPIC_BAR = 1.5
"""Score a pair made on topic needs."""
TOPIC_MARGIN = 1.5
"""By how much it must beat the next best tail of its head and the next best head of its tail."""
TOPIC_REACH = 2
"""Paragraphs on each side (up to furniture) that make a piece's region."""
TOPIC_HEADS = 32
"""Left-over heads beyond this many: no pairing on topic (a page of cut text, not a few cuts)."""
TOPIC_COPY = 0.9
"""A piece this close to the head's region repeats it: a copy, not a continuation."""
TOPIC_HEAD_LEN = 30
"""A head this long pairs on topic even if it reads like a title with commas (a sentence cut
before its first full stop is seldom a subhead of this length)."""
TOPIC_MIN = 0.05
"""How much closer to the head's region a piece must be: the words, not the cues alone, pair them
(pairs on cues alone are the other rules', which weigh their competitors)."""


def _region(feats: list[Features], k: int) -> list[int]:
    """Paragraph ``k`` and the paragraphs around it up to furniture (``TOPIC_REACH`` each side)."""
    out = [k]
    for step in (-1, 1):
        m = k + step
        while 0 <= m < len(feats) and abs(m - k) <= TOPIC_REACH and not feats[m].furniture:
            out.append(m)
            m += step
    return out


def topic_pairs(
    paras: tuple[Paragraph, ...],
    feats: list[Features],
    links: dict[int, Pair],
    options: JoinOptions,
) -> list[Pair]:
    """Pairs of a left-over head and a far piece that speaks of the head's story rather than of
    its own neighbours': elimination by assignment over the page, when the cues are silent.

    Run when the scored matching joins nothing more. A head left over (cut mid-sentence, no
    headline, not the page's last paragraph) has lost its rest somewhere; the pieces it may have
    lost are those that could stand at a column break (first or last on the page, next to
    furniture, after a dangling head) or look orphaned, that read like no headline and do not
    open like a news paragraph (``cues.opens_story``). How much a piece belongs to a region (a
    paragraph and its neighbours up to furniture, ``TOPIC_REACH`` each side) is the weight of
    its characters found there, each weighed by how rare it is in the language (``cues``'
    character counts): a paragraph that belongs where it stands shares the words of its own
    story. A pair scores its lexical cues (never below zero: most cuts fall between words), plus
    ``TOPIC_WEIGHT`` times how much more of the piece is in the head's region than in its own
    (at least ``TOPIC_MIN``), plus ``ECHO_WEIGHT`` per phrase across the break printed nearby
    (:func:`_echoes`). It is made only when head and piece are each other's best by
    ``TOPIC_MARGIN``, it scores ``TOPIC_BAR`` at least and nothing vetoes it. A piece with no
    neighbours (between two headlines) is never paired so, but competes on its cues; a piece in
    the head's own region, or one that repeats it (``TOPIC_COPY``), is left to the other rules.
    """
    if not options.distant:
        return []
    last = len(paras) - 1
    heads = [
        i
        for i, f in enumerate(feats)
        if f.head
        and (f.flaggable or len(paras[i].text.strip()) >= TOPIC_HEAD_LEN)
        and not f.titleish
        and i not in links
        and i != last
    ]
    if not heads or len(heads) > TOPIC_HEADS:
        return []
    taken = {p.tail for p in links.values()}
    pool = [
        j
        for j, f in enumerate(feats)
        if j not in taken
        and f.tail
        and not f.titleish
        and not f.headline  # 以书为友，知行合一—２０１２: a headline's line, not a cut piece
        and (f.orphan or _at_break(feats, j))
        and not f.story  # 六月一日，…, 工商部门表示，…
    ]
    if not pool:
        return []
    texts = [p.text.strip() for p in paras]
    # A piece is never in the head's region (it is left to the other rules), so the head is not
    # in the piece's either: each region is the same for every pair, and weighed once.
    heads = [i for i in heads if not _printed_again(texts, i)]
    regions = {i: _region(feats, i) for i in heads}
    near = {i: [j for j in _near(pool, i, options) if j not in regions[i]] for i in heads}
    for j in {j for i in heads for j in near[i]}:
        regions[j] = _region(feats, j)
    if not regions:
        return []

    def union(items: list[int]) -> frozenset[str]:
        return frozenset().union(*(_char_set(texts[m]) for m in items))

    # First by counts of shared characters (cheap): the pairs whose piece shares more with the
    # head's region than with its own neighbours; then those few weighed.
    homes = {j: union(regions[j][1:]) for j in {j for i in heads for j in near[i]}}
    pairs: list[tuple[int, int, frozenset[str], frozenset[str]]] = []
    for i in heads:
        mine = union(regions[i])
        for j in near[i]:
            grams = _char_set(texts[j])
            if len(regions[j]) < 2:
                # A piece with no neighbours of its own (between two headlines): nothing to
                # weigh it against. It is never paired on topic, but competes on its cues.
                pairs.append((i, j, frozenset(), frozenset()))
                continue
            shared, theirs = grams & mine, grams & homes[j]
            if len(shared) > len(theirs):
                pairs.append((i, j, shared, theirs))
    scored, lonely = _topic_scores(texts, pairs, options)
    return _assign_on_topic(scored, lonely, links)


def _topic_scores(
    texts: list[str],
    pairs: list[tuple[int, int, frozenset[str], frozenset[str]]],
    options: JoinOptions,
) -> tuple[list[tuple[float, int, int, tuple[str, ...]]], set[int]]:
    """The pairs of :func:`topic_pairs` scored, and the pieces with no neighbours."""
    weights, rare = _char_weights()
    weigh = partial(_weigh, weights, rare)
    low = TOPIC_BAR - TOPIC_MARGIN  # a pair scoring no more neither is made nor blocks one
    scored: list[tuple[float, int, int, tuple[str, ...]]] = []
    lonely: set[int] = set()
    totals: dict[int, float] = {}  # each piece weighed once, whatever the heads it is paired with
    for i, j, mine, theirs in pairs:
        lone = not mine
        if lone:
            lonely.add(j)
        if j not in totals:
            totals[j] = weigh(_char_set(texts[j]))
        total = totals[j]
        own, home = (0.0, 0.0) if lone else (weigh(mine) / total, weigh(theirs) / total)
        if not lone and (own - home < TOPIC_MIN or own >= TOPIC_COPY):
            continue  # no closer to the head's story, or a copy of the head's words (D02's)
        s, found, _ = score_pair(texts[i], texts[j], adjacent=False, before=j < i, options=options)
        if VETOES.intersection(found):
            continue
        score = max(s, 0.0) + TOPIC_WEIGHT * (own - home)
        if score + 3 * ECHO_WEIGHT <= low:
            continue
        echo = _echoes(texts, i, j)
        if echo:
            score += ECHO_WEIGHT * echo
            found = [*found, f"echo:{echo}"]
        if score <= low:
            continue
        scored.append((score, i, j, (*found, f"topic:{own:.2f}-{home:.2f}")))
    return scored, lonely


def _assign_on_topic(
    scored: list[tuple[float, int, int, tuple[str, ...]]], lonely: set[int], links: dict[int, Pair]
) -> list[Pair]:
    """The pairs of ``scored`` whose head and piece are each other's best by ``TOPIC_MARGIN``."""
    best_tail: dict[int, list[tuple[float, int]]] = {}
    best_head: dict[int, list[tuple[float, int]]] = {}
    for score, i, j, _ in scored:
        best_tail.setdefault(i, []).append((score, j))
        best_head.setdefault(j, []).append((score, i))
    out = []
    made = dict(links)
    for score, i, j, why in scored:
        if score < TOPIC_BAR or j in lonely:
            continue  # too weak, or a piece with no neighbours (only a competitor)
        if not (_first(best_tail[i], j) and _first(best_head[j], i)):
            continue
        if _closes_cycle(made, i, j):
            continue
        pair = Pair(round(score, 3), i, j, (*why, "topic-assignment"), "distant")
        made[i] = pair
        out.append(pair)
    return out


ECHO_REACH = (20, 5)
"""Paragraphs around the head and around the tail where :func:`_echoes` looks."""
ECHO_WEIGHT = 1.0
"""Score per phrase across the break that the page prints nearby (at most three count)."""


def _echoes(texts: list[str], i: int, j: int) -> int:
    """How many of the phrases of three and four characters across the break between head ``i``
    and tail ``j`` the text around them prints elsewhere (at most 3). A story repeats its words:
    000's 就业边|缘人 is in its headline “就业边缘人”变身“上班族”."""
    head, tail = texts[i], texts[j]
    a, b = ECHO_REACH
    near = "\n".join((*texts[max(0, i - a) : i + a + 1], *texts[max(0, j - b) : j + b + 1]))
    hits = 0
    for n in (3, 4):
        for k in range(1, n):
            gram = head[-k:] + tail[: n - k]
            hits += len(gram) == n and gram in near
    return min(hits, 3)


@lru_cache(maxsize=1 << 16)
def _char_set(text: str) -> frozenset[str]:
    """The distinct letters and digits of ``text`` (Han characters mostly; no punctuation)."""
    return frozenset(NOT_GRAM.sub("", text))


@lru_cache(maxsize=1)
def _char_weights() -> tuple[dict[str, float], float]:
    """How much a character says of a story: the logarithm of how rare it is in the words of
    the language (``cues``' character counts, from jieba's dictionary). 的, 是, 一 say little,
    血, 献 much; a character the counts do not know weighs as the rarest."""
    uni, _, total = cues.counts()
    weights = {c: math.log(total / n) for c, n in uni.items() if n}
    return weights, max(weights.values(), default=1.0)


def _weigh(weights: dict[str, float], rare: float, grams: frozenset[str]) -> float:
    return sum(map(weights.get, grams, repeat(rare)))


COPY_KEY = 12
"""Characters at the end of a head looked for around it (:func:`_printed_again`)."""


def _printed_again(texts: list[str], i: int) -> bool:
    """Whether the end of head ``i`` is printed again in a paragraph near it: the head may be a
    fragment of that paragraph printed again (the repeat filters remove it after the joins), not
    a paragraph cut at a column break. (…透露，＂目前餐饮企业安装 is the start of a paragraph
    printed whole further on.)"""
    key = texts[i][-COPY_KEY:]
    if len(key) < COPY_KEY:
        return False
    a, _ = ECHO_REACH
    return any(key in texts[k] for k in range(max(0, i - a), min(len(texts), i + a + 1)) if k != i)


def _first(ranked: list[tuple[float, int]], k: int) -> bool:
    """Whether ``k`` is first of ``ranked`` by ``TOPIC_MARGIN`` at least."""
    top = sorted(ranked, reverse=True)
    return top[0][1] == k and (len(top) == 1 or top[0][0] - top[1][0] >= TOPIC_MARGIN)


def _closes_cycle(links: dict[int, Pair], i: int, j: int) -> bool:
    """Whether joining tail ``j`` onto head ``i`` closes a cycle (the chain from ``j`` leads to
    ``i``)."""
    k = j
    while k in links:
        k = links[k].tail
        if k == i:
            return True
    return False


def reads_as_title(text: str) -> bool:
    """A headline or subhead with commas (攻坚解困脱困，让城市困难职工同步迈入小康): no sentence
    end inside, two commas at most, and a last clause of four or more characters without digits
    that ends with a whole word, not a dangling character. It is not flagged as cut.

    >>> reads_as_title("攻坚解困脱困，让城市困难职工同步迈入小康"), reads_as_title("要应对疫情给高")
    (True, False)
    """
    if len(text) > 60 or INNER_END.search(text) or text.count("，") + text.count(",") > 2:
        return False
    last = COMMA.split(text)[-1]
    if len(last) < 4 or DIGIT.search(last) or cues.starts_paragraph(text) or cues.dangles(text):
        return False
    return cues.ends_word(text)


def _flaggable(text: str, options: JoinOptions) -> bool:
    """A head worth a flag: short unfinished lines are more often headlines than cut text."""
    return is_head(text) and _flaggable_head(text, options)


def _flaggable_head(text: str, options: JoinOptions) -> bool:
    """:func:`_flaggable` of a text known to be a head."""
    if HEAD_UNFINISHED.search(text) is None and reads_as_title(text):
        return False
    if len(text) >= options.short_head or HEAD_UNFINISHED.search(text):
        return True
    # A short line with a comma is a cut sentence more often than a headline, unless it ends
    # with a closing quote or bracket.
    return COMMA.search(text) is not None and text[-1] not in cues.CLOSERS


@register(
    "join.split",
    "J01",
    "Rejoin a paragraph cut at a column break with its continuation, near or far.",
    safety="heuristic",
    options=JoinOptions,
)
def join_split(doc: Document, options: JoinOptions) -> Result:
    """Join each dangling head with the tail that continues it best (see the module docstring).

    Joining changes what stands next to what (a paragraph cut twice, A B C, becomes A+B then
    A+B+C), so the matching is repeated on its own output until nothing more joins: cleaning the
    output again joins nothing. Adjacency is by position only (blank lines are not looked at,
    since the rendered output does not keep them).
    """
    changes: list[Change] = []
    paras = doc.paragraphs
    # A page laid out in blocks (an OCR page): its breaks and neighbours say where a piece
    # stands. Our own text output (a line a paragraph, articles already put together) is not
    # paired on topic: the page it came from is no longer there to read.
    raw = layout.blank_separated([p.gap for p in paras])
    for _ in range(16):
        feats = list(map(features, [p.text for p in paras], repeat(options.short_head)))
        links = match(candidate_pairs(paras, feats, options), len(paras))
        extra = last_orphans(paras, feats, links, options)
        if extra is not None:
            links[extra.head] = extra
        if raw and links:
            links = _far_over_bare(paras, feats, links, options)
        if not links and raw and changes:
            # The cues have done what they can on a page they showed to be cut up (they joined
            # something): pair what is left on topic. A page without such a join (a clean
            # article) is not: there a head that ends mid-sentence is the end of what was printed.
            links = {p.head: p for p in topic_pairs(paras, feats, links, options)}
        if not links:
            break
        paras = _apply(paras, links, changes, feats)
    if options.flag_unjoined:
        paras = _flag(paras, changes, options, doc.line_starts if raw else None)
    if not changes:
        return Result(doc)
    return Result(doc.with_paragraphs(paras), tuple(changes))


BARE_TRAP = BARE | {"head-dangles"}
"""Cues of an adjacent pair that says no more than that the head is cut (``BARE``, or a head that
dangles): its rest may stand far."""
FAR_OVER_BAR = 2.25
"""Score on topic a far piece needs to take a head from the paragraph after it."""


def _far_over_bare(
    paras: tuple[Paragraph, ...],
    feats: list[Features],
    links: dict[int, Pair],
    options: JoinOptions,
) -> dict[int, Pair]:
    """``links`` with a far piece instead of the next paragraph for a head whose adjacent pair
    has nothing but adjacency for it, when the far piece speaks of the head's story and pairs
    with it on topic (:func:`topic_pairs`, which weighs it against every other head and piece):
    the adjacency trap of a cut whose rest stands elsewhere (…一位头发花白的 | 父亲还活着, …,
    老人，披着一件蓝色雨衣 printed after the next story)."""
    bare = {
        i for i, p in links.items() if p.distance == "adjacent" and BARE_TRAP.issuperset(p.cues)
    }
    if not bare:
        return links
    others = {i: p for i, p in links.items() if i not in bare}
    far = [
        p
        for p in topic_pairs(paras, feats, others, options)
        if p.head in bare and p.score >= FAR_OVER_BAR
    ]
    if not far:
        return links
    out = dict(links)
    for p in far:
        out[p.head] = replace(p, cues=(*p.cues, "far-over-adjacent"))
    return out


def _apply(
    paras: tuple[Paragraph, ...],
    links: dict[int, Pair],
    changes: list[Change],
    feats: list[Features],
) -> tuple[Paragraph, ...]:
    """The paragraphs with every linked chain joined; the joins recorded.

    A joined paragraph stands where its first piece on the page stood: where its head stood, or
    where its tail stood when the tail is printed before the head (001: 就业。 before …实现).
    A tail printed before its head and right before a headline ends the story above it only by
    accident of layout: the joined paragraph opens the body under that headline (after its
    byline), on the way to its head.
    """
    tails = {p.tail for p in links.values()}
    placed: dict[float, Paragraph] = {}
    for i, para in enumerate(paras):
        if i in tails:
            continue
        k, first = i, i
        while k in links:
            link = links[k]
            tail = paras[link.tail]
            data: dict[str, Any] = {
                "head_span": paras[k].origin.span(0, len(paras[k].text)),
                "score": link.score,
                "cues": list(link.cues),
                "distance": link.distance,
            }
            changes.append(
                join_split.change(
                    "join",
                    tail.origin.span(0, len(tail.text)),
                    para.text,  # what the tail is joined onto, as join.headline records it
                    tail.text,
                    f"continues a paragraph cut at a column break ({link.distance})",
                    **data,
                )
            )
            para = para.join(tail)
            k = link.tail
            first = min(first, k)
        placed[_under_headline(feats, first, i) if first < i else first] = para
    return tuple(placed[k] for k in sorted(placed))


def _under_headline(feats: list[Features], tail: int, head: int) -> float:
    """Where a joined paragraph whose tail (at ``tail``) is printed before its head stands: at
    the tail, or, when furniture follows the tail, right before the first paragraph after that
    furniture, if that comes no later than the head."""
    k = tail + 1
    while k < head and feats[k].furniture:
        k += 1
    return tail if k == tail + 1 else k - 0.5


def _wrapped_line(paras: tuple[Paragraph, ...], i: int, starts: tuple[int, ...] | None) -> bool:
    """Whether paragraph ``i`` is (or starts) a headline hard-wrapped inside a block: no flag.

    ``starts``: the input's line starts, ``None`` when blank lines do not separate the page's
    paragraphs (a line break is then a paragraph break, not a wrap). A line followed by the next
    line of its block (``gap`` 0) that is furniture is a headline wrap that ``join.headline``
    (H01, after J01) joins; a short paragraph with no sentence end made of two consecutive input
    lines is one that H01 joined already (the pipeline reruns J01 after H01 when late removals
    expose more). 以书为友，知行合一—２０１２年小桔|灯湖北站 is a headline, not a cut
    paragraph, though its comma makes it look like one.
    """
    t = paras[i].text.strip()
    if starts is None or len(t) > WRAPPED_MAX or INNER_END.search(t):
        return False
    if i + 1 < len(paras) and paras[i + 1].gap == 0 and is_furniture(paras[i + 1].text):
        return True
    segs = paras[i].origin.segments
    for a, b in pairwise(segs):
        line = bisect_right(starts, a.istart + max(a.ilen - 1, 0))
        if bisect_right(starts, b.istart) == line + 1:
            return True
    return False


WRAPPED_MAX = 60
"""A headline wrapped over two lines is at most this long."""


def _flag(
    paras: tuple[Paragraph, ...],
    changes: list[Change],
    options: JoinOptions,
    starts: tuple[int, ...] | None = None,
) -> tuple[Paragraph, ...]:
    """Flag the heads left without a partner (``unjoined-head``; last paragraph: ``truncated``),
    but not a wrapped headline (:func:`_wrapped_line`; ``starts``: the input's line starts)."""
    out = list(paras)
    last = len(paras) - 1
    for i, para in enumerate(paras):
        if not features(para.text, options.short_head).flaggable:
            continue
        if _wrapped_line(paras, i, starts):
            continue
        label = "truncated" if i == last else "unjoined-head"
        if label not in para.flags:
            out[i] = replace(para, flags=(*para.flags, label))
        changes.append(
            join_split.change(
                "flag",
                para.origin.span(0, len(para.text)),
                para.text,
                para.text,
                "paragraph ends mid-sentence and no continuation was found"
                if label == "unjoined-head"
                else "the page ends mid-sentence (truncated)",
                flag=label,
            )
        )
    return tuple(out)
