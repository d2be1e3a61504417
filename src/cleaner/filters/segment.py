"""Segmenting a page into articles: headlines, bylines, bodies and kinds.

The page is cut into *runs* at layout cues: a headline stack, a byline, a 本报讯 lead, a TOC
title, a (上接第1版) marker, a photo caption, a 阅读提示 box, a region break of 3+ blank lines.
A run with a strong start opens an article. Two kinds of run are placed by topic (character-bigram
TF-IDF cosine, relative to the competing articles): a run under a single short line with no
byline or lead (a subhead, or a new story in clean text), and a run with no start at all (text
after a TOC or a photo). Each goes to the most alike article, or opens one of its own. A 阅读提示
box goes into its article right after the byline, or stands alone as a sidebar. A feature's own
structure starts no story: a line that is numbered, a pull quote, an interviewer's question, or
over a paragraph that points back (``为此，…``) goes on with the text above; a closing credit
line (``（记者 王伟）``) ends the story above; an editor's note under a headline keeps the lead.

Our own text output (one paragraph per line, a blank line between articles) is read back with the
blank line as the boundary, so that cleaning the output again gives the same articles. No text
changes here: the filter records no :class:`Change`; uncertain decisions are flagged on paragraphs.
"""

from __future__ import annotations

import itertools
import math
import operator
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace

import regex

from .. import layout
from ..model import Document, Paragraph, Result
from ..topics import Topics, cosine, norm
from .base import register

_AHEAD = 6
_INTERNAL = 40
"""A story's own paragraph breaks, its last this many, are what a cue's break is compared with."""
_WINDOW = 1500
"""A run is judged by (and adds to its article's topic) its first paragraphs up to this many
characters: the opening of a piece says what it is about, and a bound keeps huge pages linear…"""
_WINDOW_BUDGET = 500_000
"""…and on a page of very many runs, at most this many characters in all (but 300 per run)."""
_CANDIDATES = 12
"""With more attachable articles than this on the page, a run is compared with the story above,
the last ones opened (``_RECENT``), and those that share the most of its rare words (``_SHARING``,
found through an inverted index), not with all: the work per run stays bounded."""
_RECENT = 4
_SHARING = 3
_RARE_DF = 6
_STRAY_ABOVE = 0.1
"""A stack's top line goes to the story above only when this alike it (and 3 × more than below)."""
_SOURCE_NOTE = regex.compile(r"来源|來源|编辑|編輯|记者|記者|通讯员|通訊員")
_TAIL_REACH = 3
"""A story's last paragraph is compared with the cut heads of this many articles on each side."""
_TAIL_SIMILARITY = 0.04
_TAIL_MARGIN = 0.02
"""A last paragraph goes to a cut head's article at this similarity, and twice its own article's
plus this margin (a rest of a cut paragraph shares few words with the story it ends)."""
_PHRASE_SPACE = regex.compile(r"[\p{Han}”」》）)]\s+[\p{Han}“「《]")
_BRIEF_LEAD = regex.compile(r"^(?:本报讯|\p{Han}{1,6}讯[\s（(])")
_QUOTATION = regex.compile(r"^(?:“[^“”]+”|「[^「」]+」)$")
_QUESTION = regex.compile(r"^(?:记者|記者|问|問|主持人)\s*[：:].+[？?]$")
"""A reporter's question in an interview (``记者：…？``, ``问：…？``): in-body structure."""
_CLOSING = regex.compile(
    r"^[（(]\s*(?:(?:本报|本報)?(?:记者|記者|通讯员|通訊員)\s*\p{Han}{2,4}"
    r"(?:\s*[、，\s]\s*\p{Han}{2,4})*|(?:责任编辑|責任編輯|编辑|編輯|来源|來源)\s*[：:]\s*[^（）()]{2,16})"
    r"\s*[）)]$|^(?:来源|來源|责任编辑|責任編輯)\s*[：:]\s*\S{2,16}$"
)
"""A line that closes a story: its reporter in brackets (``（记者 王伟）``), its editor or source
(``（責任編輯：劉洋）``, ``來源：新京報``), read as an endnote (see :func:`_labels`)."""
_EDITOR_NOTE = regex.compile(r"^(?:编者按|編者按)")
_POINTS_BACK = regex.compile(
    r"^(?:为此|為此|对此|對此|此外|因此|同时|同時|与此同时|與此同時|但是|不过|不過|然而|所以|另外"
    r"|而且|随后|隨後|由此|可见|可見)[，,\s]"
)
"""A paragraph opening with a word that points back to the text above (``为此，``, ``同时，``):
it goes on from there, and opens no story."""
_QUOTED_END = regex.compile(r"[！？!?][”’」』]$")
_BOX_LABEL = regex.compile(r"^(?:阅读提示|新闻特写|核心阅读)[\s:：]*$")
_COMMA = regex.compile(r"[，,]")
_SALUTATION = regex.compile(
    r"^(?:亲爱的|親愛的|各位|尊敬的)\p{Han}{0,4}(?:读者|讀者)\p{Han}{0,2}[：:]$"
)
_SIGN_OFF = ("敬上", "谨启", "謹啟", "敬启", "敬啟")
"""How a letter is signed off (``…蘋果基金會敬上``)."""
_TAG_MAX = 2
"""A headline line this short over another is a section tag (``数说``), not a story's 引题."""
_DATE_LEAD = regex.compile(
    r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年)?(?P<day>(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)"
)
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ANY_DAY = regex.compile(r"\d{1,2}月\d{1,2}日")
_RETOLD = 0.5
"""A dated paragraph this alike the opening of the story above tells its news again."""
_DATELINE = regex.compile(r"^(?:本报|新华社|中新社)\p{Han}{0,12}(?:讯|\d{1,2}月\d{1,2}日电)")
UNCERTAIN = "segment.uncertain"
CUT = "unjoined-head"
"""The flag rejoin (J01) puts on a paragraph cut short whose rest it did not find on the page."""


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
    far_factor: float = 2.0
    """…and a run under a start line (subhead, headline) only at this many times the similarity of
    the story above (and of ``attach_similarity``): stories on one topic share words, and one
    far story a little more alike is no evidence that a section was printed away from its own."""
    echo_below: float = 0.045
    """Below this topic similarity, a headline that echoes in its own text and not in the story
    above (``echo_own``, ``echo_prev``) opens a new article."""
    echo_own: float = 0.15
    echo_prev: float = 0.02
    min_run_chars: int = 150
    """Runs with less body text than this never split off on topic alone (too little evidence)…"""
    unrelated_below: float = 0.02
    """…unless their topic similarity is below this."""
    dated_alike: float = 0.15
    """A dated section under a plain line (no headline look) stays in the story above at this
    topic similarity: text that alike is the story's own, whatever day it tells."""
    brief_chars: int = 800
    """A 本报讯 item with at most this much body text (and at most 3 paragraphs) is a brief."""


@dataclass
class _Run:
    kind: str  # strong | photo | toc | tocpart | cont | weak | headless | box | tail
    items: list[int] = field(default_factory=list)
    headline_look: bool = False  # a weak start that looks like a headline (see _stack_kind)
    subhead: bool = False  # a weak start that reads as in-body structure (see _subhead_cue)
    head_chars: int = 0  # visible length of the first line of a weak start
    dateline: bool = False  # a weak start that is a paper's or agency's dateline (see _runs)
    dated: bool = False  # a weak stack over a paragraph that opens with a date (see _dated)
    day: str = ""  # that date's month and day (``6月24日``, digits in ASCII)
    stacked: bool = False  # a weak start of two or more headline lines over body (see _stacked)
    clause: bool = False  # the first line of a weak start has a comma in it
    colon: bool = False  # a weak start that is a short title ending with a colon (_colon_title)
    signed: bool = False  # a headless run under a story signed off by its byline (see _runs)
    window: list[int] = field(default_factory=list)  # its opening, judged by topic (_window)


@dataclass
class _Article:
    runs: list[_Run] = field(default_factory=list)
    vec: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0  # of vec, kept up to date: an article is compared with many runs
    sumsq: float = 0.0  # the squared norm, updated with each run added (see _add)
    chars: int = 0
    attachable: bool = True
    serial: int = 0  # position in the page's list of articles


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
    all_labels = _labels(paras)
    if layout.blank_separated([p.gap for p in paras]):
        groups, flagged = _segment_blocks(paras, all_labels, options)
    else:
        groups, flagged = _by_blank_lines(paras), set()
    out: list[Paragraph] = []
    kinds: dict[int, str] = {}
    for aid, group in enumerate(groups):
        texts = [paras[i].text for i in group]
        labels = [all_labels[i] for i in group]
        roles = _roles(texts, labels)
        kinds[aid] = _kind(texts, labels, roles, options)
        for i, role in zip(group, roles, strict=True):
            p = paras[i]
            flags = p.flags + ((UNCERTAIN,) if i in flagged and UNCERTAIN not in p.flags else ())
            out.append(_labelled(p, role, aid, flags))
    return Result(doc.with_paragraphs(out, kinds=kinds))


_ABOVE_CLOSING = ("body", "lead", "endnote")


def _labels(paras: Sequence[Paragraph]) -> list[str]:
    """Each paragraph's :func:`layout.classify` label, but a closing credit line (``_CLOSING``)
    under text an endnote: short and unpunctuated, it reads as a headline, and would head the
    next story. (Under a headline, ``（记者 王伟）`` opens its story: it keeps its label.)"""
    out: list[str] = [layout.classify(p.text) for p in paras]
    for k, lab in enumerate(out):
        if (
            lab == "headline"
            and k
            and out[k - 1] in _ABOVE_CLOSING
            and _CLOSING.match(paras[k].text.strip())
        ):
            out[k] = "endnote"
    return out


def _replaced(p: Paragraph, role: str, article: int, flags: tuple[str, ...]) -> Paragraph:
    return replace(p, role=role, article=article, flags=flags)


def _constructed(p: Paragraph, role: str, article: int, flags: tuple[str, ...]) -> Paragraph:
    return Paragraph(p.text, p.origin, p.gap, role, article, flags)


# A paragraph with its role, article and flags set: built directly (``dataclasses.replace`` takes
# most of the time of this filter on a page of many short articles) while the fields are these.
_FIELDS = ("text", "origin", "gap", "role", "article", "flags")
_labelled = _constructed if tuple(f.name for f in fields(Paragraph)) == _FIELDS else _replaced


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
    """A line too long for a headline label (over 40 characters) that still heads a stack: not
    one that ends a quoted exclamation or question (``…爸也会去做！”``): a story's last words."""
    return layout.headline_like(text, max_len=60) and not _QUOTED_END.search(text.rstrip())


def assign_roles(texts: Sequence[str]) -> list[str]:
    """Roles of an article's lines: leading headline stack, then byline lines, then body.

    >>> assign_roles(["一场竞赛", "本报记者 康劲", "正文。"])
    ['headline', 'byline', 'body']
    """
    return _roles(texts, [layout.classify(t) for t in texts])


def _roles(texts: Sequence[str], labels: Sequence[str]) -> list[str]:
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
    return _kind(texts, [layout.classify(t) for t in texts], roles, options)


def _kind(
    texts: Sequence[str], labels: Sequence[str], roles: Sequence[str], options: SegmentOptions
) -> str:
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
    if labels[heads[0]] == "label" and _BOX_LABEL.match(texts[heads[0]].strip()):
        return "sidebar"  # a 新闻特写 box standing on its own (no article took it in)
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
    paras: Sequence[Paragraph], labels: Sequence[str], options: SegmentOptions
) -> tuple[list[list[int]], set[int]]:
    texts = [p.text for p in paras]
    sizes = [layout.visible_len(t) for t in texts]
    runs = _runs(paras, texts, labels)
    width = max(300, min(_WINDOW, _WINDOW_BUDGET // max(len(runs), 1)))
    for run in runs:
        run.window = _window(run.items, sizes, width)
    topics = Topics(texts, (i for run in runs for i in run.window))
    index = _RareIndex(topics)
    arts: list[_Article] = []
    flagged: set[int] = set()
    toc: _Article | None = None
    prev: _Article | None = None
    queue = list(runs)
    k = 0
    while k < len(queue):
        run = queue[k]
        k += 1
        if prev is not None and prev.attachable and _cut_tail(run, paras, labels, topics, prev):
            # The last line of the story above, cut short, not a headline: it goes there, and
            # the text under it is placed anew.
            rest = run.items[1:]
            run = _Run("tail", run.items[:1], window=run.items[:1])
            if rest:
                queue.insert(k, _Run("headless", rest, window=_window(rest, sizes, width)))
        elif prev is not None and prev.attachable and _stray_top(run, paras, labels, topics, prev):
            # The top line of a stack is the last line of the story above (a closing line
            # that looks like a headline): it goes there, the rest of the stack stays a stack.
            stack = replace(run, items=run.items[1:], window=run.window[1:])
            run = _Run("tail", run.items[:1], window=run.items[:1])
            queue.insert(k, stack)
        window = run.window
        vec = topics.vector(window)
        chars = sum(sizes[i] for i in run.items if labels[i] != "headline")
        target: _Article | None = None
        if run.kind == "tocpart" and toc is not None:
            target = toc
        elif run.kind == "tail":
            target = prev
        elif run.kind in ("weak", "headless", "box"):
            # Judge a short run with the text that follows it too (a story's first section
            # may be a few lines long before its first subhead).
            ahead = _lookahead(run, labels, sizes)
            extra = ahead[len(run.items) :]
            seen, n_norm = topics.weighed(window + extra) if extra else topics.weighed(window)
            n_seen = _text_chars(ahead, labels, sizes)
            pool = _pool(arts, prev, index, vec)
            section = _section_date(run, prev, texts, labels, topics)
            whole = _continues(run, prev, texts, labels, topics, section)
            target, unsure = _attach(run, seen, n_seen, prev, pool, options, whole, n_norm, section)
            if (
                target is prev
                and prev is not None
                and _echoes(run, window + extra, seen, n_norm, topics, prev, options)
            ):
                target, unsure = None, True
            if unsure:
                flagged.update(run.items)
        if run.kind in ("strong", "weak", "headless", "cont"):
            others = [a for a in _pool(arts, prev, index, vec) if a is not target]
            at = _drift(run, target, others, paras, labels, topics, options)
            if at:  # the text from here on is another story's (a column from elsewhere)
                rest = run.items[at:]
                queue.insert(k, _Run("headless", rest, window=_window(rest, sizes, width)))
                run.items = run.items[:at]
                run.window = [i for i in window if i < rest[0]]
                vec = topics.vector(run.window)
                chars = sum(sizes[i] for i in run.items if labels[i] != "headline")
        if target is None:
            target = _Article(serial=len(arts))
            target.attachable = run.kind not in ("photo", "toc", "tocpart", "box")
            arts.append(target)
            if run.kind in ("toc", "tocpart"):
                toc = toc or target
        target.runs.append(run)
        _add(target, vec)
        if target.attachable and index.active:
            index.add(target, vec)
        target.chars += chars
        prev = target
    groups = [_order(a, labels) for a in arts]
    return _send_tails_home(groups, paras, labels, topics, options, flagged), flagged


def _send_tails_home(
    groups: list[list[int]],
    paras: Sequence[Paragraph],
    labels: Sequence[str],
    topics: Topics,
    options: SegmentOptions,
    flagged: set[int],
) -> list[list[int]]:
    """Move the last paragraph of an article next to a paragraph cut short in a nearby article,
    when it reads as that paragraph's rest.

    OCR may print the rest of a cut paragraph after the next story (or before its own), where it
    ends the story above a headline. Rejoin (J01) leaves the head flagged ``unjoined-head`` when
    it cannot tell the rest; here the rest goes into the head's article when its words are clearly
    that article's (near the head) and not its own article's (the paragraphs before it). The text
    is not joined; both paragraphs are flagged. Heads are looked for in the ``_TAIL_REACH``
    articles on each side only: the work per article stays bounded.
    """
    where: dict[int, int] = {}
    pos: dict[int, int] = {}  # a head's place in its article
    for g, items in enumerate(groups):
        for k, i in enumerate(items):
            if CUT in paras[i].flags:
                where[i], pos[i] = g, k
    if not where:
        return groups
    heads_of: dict[int, list[int]] = {}
    for i, g in where.items():
        heads_of.setdefault(g, []).append(i)
    moves: list[tuple[int, int, int]] = []  # (tail, from group, head)
    taken: set[int] = set()
    for g, items in enumerate(groups):
        body = [i for i in items if labels[i] == "body"]
        if len(body) < 3 or items[-1] != body[-1]:
            continue
        tail = body[-1]
        if CUT in paras[tail].flags or paras[tail].gap >= 3:
            continue
        vec, n_vec = topics.weighed([tail])
        if not n_vec:
            continue
        own = cosine(vec, *topics.weighed(_context(items[:-1], len(items) - 1)), n_vec)
        best, s_best = -1, max(_TAIL_SIMILARITY, 2 * own + _TAIL_MARGIN)
        for h_group in range(max(0, g - _TAIL_REACH), min(len(groups), g + _TAIL_REACH + 1)):
            if h_group == g:
                continue
            for h in heads_of.get(h_group, ()):
                if h in taken:
                    continue
                grp = groups[h_group]
                sim = cosine(vec, *topics.weighed(_context(grp, pos[h] + 1)), n_vec)
                if sim > s_best:
                    best, s_best = h, sim
        if best >= 0:
            taken.add(best)
            moves.append((tail, g, best))
    if not moves:
        return groups
    out = [list(items) for items in groups]
    for tail, g, head in moves:
        out[g].remove(tail)
        dest = out[where[head]]
        if tail < dest[0]:  # printed before the story: its text starts there
            at = 0
            while at < len(dest) and labels[dest[at]] in ("headline", "label", "byline"):
                at += 1
        else:
            at = dest.index(head) + 1
        dest.insert(at, tail)
        flagged.update((tail, head))
    return out


def _drift(
    run: _Run,
    target: _Article | None,
    others: Sequence[_Article],
    paras: Sequence[Paragraph],
    labels: Sequence[str],
    topics: Topics,
    options: SegmentOptions,
) -> int:
    """Where a run's text turns into another story's (0: nowhere).

    OCR of a page in columns may put a piece of one story after the paragraphs of another with no
    headline between. At a paragraph boundary (two body paragraphs of the run before it), the next
    paragraphs go elsewhere when another article is clearly more alike them than both the
    paragraphs just before and the run's own article.
    """
    items = run.items
    body = [n for n, i in enumerate(items) if labels[i] == "body"]
    if len(body) < 3 or not others:
        return 0
    margin = 2 * options.attach_margin
    for n in body[2:]:
        if CUT in paras[items[n - 1]].flags:
            continue
        ahead, n_ahead = topics.weighed(items[n : n + 3])
        if not n_ahead:
            continue
        own = cosine(ahead, target.vec, target.norm, n_ahead) if target is not None else 0.0
        sims = [cosine(ahead, a.vec, a.norm, n_ahead) for a in others]
        if max(sims) < max(options.attach_similarity, own + margin):
            continue  # none is alike enough, whatever the paragraphs before (the bar's third term)
        before = items[max(0, n - 3) : n]
        local = cosine(ahead, *topics.weighed(before), n_ahead)
        bar = max(options.attach_similarity, local + margin, own + margin)
        far = [a for a, sim in zip(others, sims, strict=True) if sim >= bar]
        if far:  # …and the first of them too (the turn is here, not a paragraph later)
            first, n_first = topics.weighed(items[n : n + 1])
            if max(cosine(first, a.vec, a.norm, n_first) for a in far) > topics.similarity(
                items[n : n + 1], before
            ):
                return n
    return 0


def _continues(
    run: _Run,
    prev: _Article | None,
    texts: Sequence[str],
    labels: Sequence[str],
    topics: Topics,
    section: bool = False,
) -> bool:
    """Whether the text under a story's cue (a dateline, a dated lead, a headline stack: see
    ``_Run``) goes on from the story above at least as much as that story's paragraphs typically
    go on from each other: the similarity of its first two body paragraphs with the story's last
    ``_AHEAD`` is at least the median of the same measure at the story's own paragraph breaks
    (its last ``_INTERNAL`` ones). A clean story may print a dateline or a dated section mid-way
    (``本报讯６月１３日上午，…`` under two paragraphs of the same news): the break is relative to
    the story's own, not an absolute threshold. No internal break (one paragraph): False.
    A dated lead is no story's lead when the story above has printed its day already (``６月２４日
    上午，记者来到…`` above ``６月２４日下午两点，记者来到…``: one day's report, told in sections)
    and the text goes on from it as above; a dated lead under a story of another day, or of no
    day, opens a story whatever its words (two stories on one topic), unless it may be a section
    of the story (``section``, see :func:`_section_date`): then the text's going on decides."""
    if prev is None or not prev.attachable or not (run.dateline or run.stacked or run.dated):
        return False
    body = _last_body(prev, labels)
    if len(body) < 2:
        return False
    if run.dated and not section and not _told_day(run.day, texts, prev.runs[0].window + body):
        return False
    under = [i for i in run.items if labels[i] in ("body", "lead")][:2]
    k = run.items[-1] + 1
    while len(under) < 2 and k < len(labels) and labels[k] in ("body", "lead"):
        under.append(k)
        k += 1
    if not under:
        return False
    cand = topics.similarity(under, body[-_AHEAD:])
    if cand <= 0:
        return False
    breaks = [
        topics.similarity(body[n : n + 2], body[max(0, n - _AHEAD) : n])
        for n in range(1, len(body))
    ]
    return cand >= statistics.median(breaks)


def _last_body(prev: _Article, labels: Sequence[str]) -> list[int]:
    """The story's last body paragraphs, as many as its last ``_INTERNAL`` breaks need."""
    body = [i for r in prev.runs[-_INTERNAL:] for i in r.items if labels[i] == "body"]
    return body[-(_INTERNAL + 1) :]


def _section_date(
    run: _Run,
    prev: _Article | None,
    texts: Sequence[str],
    labels: Sequence[str],
    topics: Topics,
) -> bool:
    """Whether a dated run may be a section of the story above rather than a story's lead: it
    is under a plain line (no headline look: a subhead, ``在影片拍摄过程中`` / ``７月１９日上午，
    …``), the story above tells no day at all (a feature that tells its days in sections; a story
    of another day is another story, see :func:`_continues`), and its first paragraph does not
    tell that story's opening again (``_RETOLD``: a second story on the same news)."""
    if not run.dated or run.headline_look or prev is None or not prev.attachable:
        return False
    above = prev.runs[0].window + _last_body(prev, labels)  # (as much as _continues reads)
    if any(_ANY_DAY.search(texts[i].translate(_ASCII_DIGITS)) for i in dict.fromkeys(above)):
        return False
    under = [i for i in run.items if labels[i] in ("body", "lead")][:1]
    opening = [i for i in prev.runs[0].window if labels[i] in ("body", "lead")][:1]
    return bool(under) and topics.similarity(under, opening) < _RETOLD


def _told_day(day: str, texts: Sequence[str], items: Sequence[int]) -> bool:
    """Whether one of the paragraphs ``items`` names the day ``day`` (``6月24日``, as
    :func:`_dated` gives it; the paragraphs may print full-width digits)."""
    return any(day in texts[i].translate(_ASCII_DIGITS) for i in dict.fromkeys(items))


def _cut_tail(
    run: _Run, paras: Sequence[Paragraph], labels: Sequence[str], topics: Topics, prev: _Article
) -> bool:
    """A weak start that looks like a headline but is a paragraph cut short (rejoin found no rest
    for it), and whose words echo the story above more than the text under it: the end of that
    story's column (``福建省总还提出，要积极应对疫情给高``)."""
    first = run.items[0]
    if run.kind != "weak" or run.subhead or labels[first] != "headline":
        return False
    if CUT not in paras[first].flags or (len(run.items) > 1 and labels[run.items[1]] != "body"):
        return False  # (a line over another headline-like line heads a stack: not this case)
    head, n_head = topics.weighed(run.items[:1])
    above = cosine(head, prev.vec, prev.norm, n_head)
    return above > 0 and above > topics.similarity(run.items[:1], run.items[1:])


def _context(items: Sequence[int], at: int) -> list[int]:
    """What a paragraph placed at ``at`` in an article is compared with: the article's opening
    and the paragraphs just before ``at`` (bounded: at most ``2 * _AHEAD`` paragraphs)."""
    near = list(items[max(0, at - 3) : at])
    return [i for i in items[:_AHEAD] if i not in near] + near


def _stray_top(
    run: _Run, paras: Sequence[Paragraph], labels: Sequence[str], topics: Topics, prev: _Article
) -> bool:
    """The first of two or more headline lines opening a run, when its words are the story
    above's and not the stack's and text's below it (``志愿者积极参与中华红丝带家园支教活动`` ending
    a 红丝带 story, over the next story's headline). A line that rejoin flagged as a paragraph cut
    short (``福建省总还提出，要积极应对疫情给高``) is no headline: more alike the story above than
    the stack below is enough, and the stack may be a photo's title over its caption."""
    items = run.items
    first = items[0]
    cut = CUT in paras[first].flags
    kinds = ("weak", "strong", "photo") if cut else ("weak", "strong")
    if run.kind not in kinds or run.subhead or len(items) < 3:
        return False
    if (
        labels[first] != "headline"
        or labels[items[1]] != "headline"
        or layout.is_kicker(paras[first].text)
    ):
        return False
    head, n_head = topics.weighed(items[:1])
    above = cosine(head, prev.vec, prev.norm, n_head)
    if above < (0.0 if cut else _STRAY_ABOVE) or not above:
        return False
    below = cosine(
        head, *topics.weighed(items[1:] + [i for i in run.window if i not in items]), n_head
    )
    return above > (1 if cut else 3) * below


def _echoes(
    run: _Run,
    ahead: list[int],
    seen: dict[str, float],
    n_seen: float,
    topics: Topics,
    prev: _Article,
    options: SegmentOptions,
) -> bool:
    """A headline whose words echo in the text under it and not in the story before it.

    A subhead shares words with its own story; a new story's headline repeats words of its own
    first paragraphs and few of the story above. Only used when topic similarity is low.
    """
    if run.kind != "weak" or run.subhead or len(ahead) < 2:
        return False
    if cosine(seen, prev.vec, prev.norm, n_seen) >= options.echo_below:  # ``seen``: of ``ahead``
        return False
    head, n_head = topics.weighed(run.items[:1])
    return (
        topics.similarity(run.items[:1], ahead[1:]) >= options.echo_own
        and cosine(head, prev.vec, prev.norm, n_head) < options.echo_prev
    )


def _lookahead(run: _Run, labels: Sequence[str], sizes: Sequence[int]) -> list[int]:
    """The run's paragraphs and those after it, up to 6 paragraphs and 300 characters."""
    items = list(run.items)
    if len(items) >= _AHEAD:
        return items
    k = items[-1] + 1
    total = sum(sizes[i] for i in items)
    while k < len(labels) and len(items) < _AHEAD and total < 300:
        if labels[k] in ("lead", "toc_title", "marker"):
            break
        items.append(k)
        total += sizes[k]
        k += 1
    return items


def _text_chars(items: Sequence[int], labels: Sequence[str], sizes: Sequence[int]) -> int:
    """How much text a run's lookahead (:func:`_lookahead`) gives to judge the run by: all its
    paragraphs but a headline line at its top. Short lines under that count too: a form or a list
    of numbered items (``１、姓名`` / ``姓名``, read as headline lines) is evidence of what the
    text is about, and a story that opens with one is no "little text" to keep with the story
    above (see ``min_run_chars``)."""
    if not items:
        return 0
    return sum(sizes[i] for i in items[1:]) + (
        sizes[items[0]] if labels[items[0]] != "headline" else 0
    )


def _window(items: Sequence[int], sizes: Sequence[int], width: int) -> list[int]:
    """The opening of a run: its first paragraphs up to ``width`` characters (at least one)."""
    out: list[int] = []
    total = 0
    for i in items:
        if out and total + sizes[i] > width:
            break
        out.append(i)
        total += sizes[i]
    return out


class _RareIndex:
    """Which attachable articles contain each rare bigram (one in 2 to ``_RARE_DF`` paragraphs).

    Built only once the page has more articles than ``_CANDIDATES`` (small pages compare a run
    with every article), from then on kept up to date.
    """

    def __init__(self, topics: Topics) -> None:
        self._topics = topics
        self._shared: frozenset[str] | None = None
        self._where: dict[str, list[int]] = {}
        self.active = False

    @property
    def _rare(self) -> frozenset[str]:
        """The rare bigrams, found on first use (most pages never need the index)."""
        if self._shared is None:
            self._shared = self._topics.shared(_RARE_DF)
        return self._shared

    def add(self, art: _Article, vec: dict[str, float]) -> None:
        where = self._where
        for g in self._rare.intersection(vec):
            arts = where.setdefault(g, [])
            if not arts or arts[-1] != art.serial:
                arts.append(art.serial)

    def sharing(self, vec: dict[str, float]) -> dict[int, int]:
        """Serials of the articles sharing rare bigrams with ``vec``, and how many each."""
        hits: dict[int, int] = {}
        where = self._where
        for g in self._rare.intersection(vec):
            for a in where.get(g, ()):
                hits[a] = hits.get(a, 0) + 1
        return hits


def _pool(
    arts: Sequence[_Article], prev: _Article | None, index: _RareIndex, vec: dict[str, float]
) -> list[_Article]:
    """The articles a run may go to: the attachable ones among the last 40, or on a page with many
    articles, the story above, the last ones opened and those sharing the run's rare words."""
    pool = [a for a in arts[-40:] if a.attachable]
    if len(pool) <= _CANDIDATES:
        return pool
    if not index.active:
        index.active = True
        for a in arts:
            if a.attachable:
                index.add(a, a.vec)
    keep = {a.serial for a in pool[-_RECENT:]}
    if prev is not None:
        keep.add(prev.serial)
    hits = index.sharing(vec)
    ranked = sorted((a.serial for a in pool if a.serial in hits), key=lambda s: -hits[s])
    keep.update(ranked[:_SHARING])
    return [a for a in pool if a.serial in keep]


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
    whole: bool = False,
    n_vec: float | None = None,
    section: bool = False,
) -> tuple[_Article | None, bool]:
    """The article a headless or weakly headed run belongs to (None: it opens its own).
    ``whole``: the text under the run goes on from the story above no less than that story's
    own paragraphs go on from each other (see :func:`_continues`). ``n_vec``: the norm of ``vec``
    if known. ``section``: a dated run that may be a section of the story above
    (:func:`_section_date`)."""
    candidates = arts
    if run.signed:  # the story above is closed: this text is not its own
        candidates = [a for a in arts if a is not prev]
        prev = None
    if not candidates:
        return None, False
    n_vec = norm(vec) if n_vec is None else n_vec
    sims = {id(a): cosine(vec, a.vec, a.norm, n_vec) for a in candidates}
    best = max(candidates, key=lambda a: sims[id(a)])
    near = prev if prev is not None and prev.attachable else None
    s_near = sims[id(near)] if near is not None else 0.0
    s_best = sims[id(best)]
    bar = max(options.attach_similarity, s_near + options.attach_margin)
    if run.kind == "weak" and near is not None:
        # A start line (a subhead, a headline) says that the text under it goes on from the
        # story above: another story takes it only when it is several times as alike.
        bar = max(bar, options.far_factor * max(options.attach_similarity, s_near))
    # A run under a headline-looking start stays a story of its own rather than join a far
    # one: stories on one topic (three on pension reform) share words but are not one story.
    # So does one under a long line with no clause break in it (a subhead is short; a long line
    # with a comma may be a paragraph cut short, whose rest may stand anywhere).
    long_head = run.head_chars >= options.long_chars and not run.clause
    far_ok = near is None or not (run.headline_look or long_head)
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
    if (run.dateline or run.stacked or run.dated) and whole:
        return near, True  # a story's cue, but no break in the text: unsure, keep it whole
    if section and s_near >= options.dated_alike:
        return near, True  # (the text is plainly the story's, whatever day it tells)
    if run.dateline or run.dated or run.stacked:  # a dateline, a dated lead or a headline
        bar = math.inf  # stack under a whole story opens another, whatever the topic
    elif run.headline_look:
        bar = options.headline_similarity
    elif run.colon:  # (announcing what follows, as often as titling a story)
        bar = options.unrelated_below
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
            if _EDITOR_NOTE.match(texts[i].strip()) and _head_only(runs, labels):
                runs[-1].items.extend(range(i, j))  # an editor's note under its story's headline
                closed = False
                i = j
                continue
            runs.append(_Run("box", list(range(i, j))))
            closed = True
            i = j
            continue
        if stack - i >= 3 and runs and layout.NUMBERED.match(texts[i].strip()):
            # A list of short numbered items (a form: ``１７、志愿服务时间`` / ``志愿服务时间``)
            # goes on the text above; only its last line may head the next story.
            runs.append(_Run("weak", list(range(i, stack - 1)), subhead=True))
            closed = False
            i = stack - 1
            continue
        if stack > i:
            j = stack
            while j < n and labels[j] == "byline":
                j += 1
            kind = _stack_kind(texts, labels, i, stack, j)
            if kind == "weak" and _closed_above(texts, labels, i):
                kind = "strong"  # the story before was closed by its endnote or end byline
            if kind != "photo" and _bare_head(runs, labels):
                # A second title under a headline and its byline, before any text
                # (``崔永元请农民工吃饭…`` / ``本报记者 X`` / ``崔永元谈请客…``): same story.
                runs[-1].items.extend(range(i, j))
                closed = False
                i = j
                continue
            if kind == "photo":
                end = _caption_end(labels, j)
                runs.append(_Run("photo", list(range(i, end))))
                closed = True
                i = end
                continue
            look = _headline_look([texts[k] for k in range(i, stack)])
            sub = kind == "weak" and _subhead_cue(texts, i)
            day = _dated(texts[j], labels[j]) if not sub and j < n else ""
            runs.append(
                _Run(
                    kind,
                    list(range(i, j)),
                    headline_look=look and not sub,
                    subhead=sub,
                    head_chars=layout.visible_len(texts[i]),
                    dated=bool(day),
                    day=day,
                    stacked=look and not sub and _stacked(texts, labels, i, stack, j),
                    clause=bool(_COMMA.search(texts[i])),
                )
            )
            closed = False
            i = j
            continue
        if lab == "lead" or (lab == "byline" and (closed or not runs)):
            j = i + 1
            while j < n and labels[j] == "byline":
                j += 1
            if _bare_head(runs, labels, texts, lead=True):
                runs[-1].items.extend(range(i, j))
                runs[-1].kind = "strong"  # (a headline over an editor's note and a lead)
            elif closed or not runs:
                runs.append(_Run("strong", list(range(i, j))))
            else:  # a dateline with no headline (本报南京11月2日电): a new story if off topic
                dateline = bool(_DATELINE.match(texts[i].strip()))
                runs.append(_Run("weak", list(range(i, j)), headline_look=True, dateline=dateline))
            closed = False
            i = j
            continue
        if closed or region_break or not runs:
            runs.append(_Run("headless", [i]))
            closed = False
        elif lab == "body" and _colon_title(texts, labels, i):
            runs.append(_Run("weak", [i], colon=True, head_chars=layout.visible_len(texts[i])))
        else:
            runs[-1].items.append(i)
        if lab in ("caption", "credit") and runs[-1].kind in ("photo", "weak"):
            closed = True
        if lab in ("byline", "endnote") and _closed_above(texts, labels, i + 1, strict=True):
            closed = True  # a story signed off at its end: the text below is another's
        i += 1
    for run in runs:
        run.signed = run.kind == "headless" and _closed_above(texts, labels, run.items[0], True)
    return runs


def _closed_above(
    texts: Sequence[str], labels: Sequence[str], i: int, strict: bool = False
) -> bool:
    """The line above ``i`` closes a story: an endnote (``（责任编辑：王伟）``), a letter's
    sign-off (``…蘋果基金會敬上``), or a byline under body text (``本报见习记者刘帅`` signing
    the story off). ``strict``: an endnote only if it names the source or the editor
    (``作者：X／学校`` also heads entries of a list)."""
    if i > 0 and labels[i - 1] == "endnote":
        return not strict or bool(_SOURCE_NOTE.search(texts[i - 1]))
    if i > 0 and labels[i - 1] == "body" and texts[i - 1].rstrip().endswith(_SIGN_OFF):
        return True  # a letter signed off (``…蘋果基金會敬上``)
    if i < 2 or labels[i - 1] != "byline" or labels[i - 2] not in ("body", "lead"):
        return False
    return bool(layout.BYLINE.match(texts[i - 1].strip()))  # (not a 報導╱X credit: a lead's)


def _bare_head(
    runs: Sequence[_Run], labels: Sequence[str], texts: Sequence[str] = (), lead: bool = False
) -> bool:
    """The last run is a headline with its byline and nothing else yet (a story's opening).
    ``lead``: with or without a byline, and (``texts`` given) maybe with an editor's note
    (``编者按：…``, or the label ``编者按`` over it) under them: a lead there is the story's."""
    if not runs:
        return False
    items = runs[-1].items
    head = ("headline", "label", "byline")
    if lead and texts and any(_in_note(texts, labels, k) for k in items):
        return labels[items[0]] == "headline" and all(
            labels[k] in head or _in_note(texts, labels, k) for k in items
        )
    if runs[-1].kind != "strong":
        return False
    if lead:
        return all(labels[k] in head for k in items)
    return labels[items[-1]] == "byline" and all(labels[k] in head for k in items)


def _head_only(runs: Sequence[_Run], labels: Sequence[str]) -> bool:
    """The last run is a headline stack (and its byline) with no text under it yet."""
    if not runs or runs[-1].kind not in ("strong", "weak"):
        return False
    items = runs[-1].items
    return labels[items[0]] == "headline" and all(
        labels[k] in ("headline", "byline") for k in items
    )


def _in_note(texts: Sequence[str], labels: Sequence[str], k: int) -> bool:
    """Paragraph ``k`` is an editor's note: it opens with ``编者按``, or that label is over it."""
    if _EDITOR_NOTE.match(texts[k].strip()):
        return True
    return k > 0 and labels[k - 1] == "label" and bool(_EDITOR_NOTE.match(texts[k - 1].strip()))


def _stack_kind(texts: Sequence[str], labels: Sequence[str], i: int, stack: int, j: int) -> str:
    if j > stack or (j < len(labels) and labels[j] == "lead") or _credited(texts, labels, j):
        return "strong"
    if _caption_end(labels, j) > j:
        return "photo"
    lines = [texts[k] for k in range(i, stack) if labels[k] != "label"]
    if any(layout.is_kicker(t) for t in lines) or any(
        labels[k] == "label" and layout.opens_story(texts[k]) for k in range(i, stack)
    ):
        return "strong"
    return "weak"


def _credited(texts: Sequence[str], labels: Sequence[str], j: int) -> bool:
    """A paragraph followed by a reporter's credit line (``報導．攝影╱仲芝蓉``): a story's lead,
    whose credit the paper prints under it. A plain byline there (``本报记者 X``) may sign the
    story above off instead: not this cue."""
    return (
        j + 1 < len(labels)
        and labels[j] == "body"
        and labels[j + 1] == "byline"
        and bool(layout.SLASH_BYLINE.match(texts[j + 1].strip()))
    )


def _stacked(texts: Sequence[str], labels: Sequence[str], i: int, stack: int, j: int) -> bool:
    """Two or more headline lines over body text, the top one with a layout space between its
    phrases (``慰问帮扶 法律援助 心理关爱`` / ``鄂尔多斯市总精准服务职工`` / text): a printed
    story's 引题 and 主题. Not a subhead (one line), a section's tag over a subhead (``事件处理`` /
    ``南山将遭严惩``), nor a list of short lines in a web story (captions, links): those have no
    layout space in their top line."""
    heads = [k for k in range(i, stack) if labels[k] == "headline"]
    if len(heads) < 2 or j >= len(labels) or labels[j] != "body":
        return False
    return bool(_PHRASE_SPACE.search(texts[heads[0]].strip()))


_COLON_END = regex.compile(r"[^：:]{2,18}[：:]$")


def _colon_title(texts: Sequence[str], labels: Sequence[str], i: int) -> bool:
    """A short line ending with a colon, a headline but for it (``小桔灯志愿者募集中：``), under a
    paragraph that ends a sentence and over body text: it may title a story of its own (a web
    notice) or announce what follows in one (``使用方法：``); topic alone tells."""
    t = texts[i].rstrip()
    if not t.endswith(("：", ":")) or i == 0 or i + 1 >= len(texts):
        return False  # (most lines: told without a regex)
    t = t.lstrip()
    if not _COLON_END.fullmatch(t):
        return False
    if labels[i - 1] != "body" or labels[i + 1] != "body" or texts[i - 1].rstrip()[-1:] != "。":
        return False
    return layout.headline_like(t[:-1])


def _dated(text: str, label: str) -> str:
    """The day (``6月19日``, ASCII digits) a paragraph opens with when it opens with a date to the
    day, as a news story's lead does (``６月１９日，《２０１２年度…``, ``2012年7月16日上午，``);
    else "": a section of a story under a subhead goes on from the story's date (``２３日，记者再次
    探访``, ``昨天上午``)."""
    m = _DATE_LEAD.match(text.strip()) if label == "body" else None
    return m.group("day").translate(_ASCII_DIGITS) if m else ""


def _subhead_cue(texts: Sequence[str], i: int) -> bool:
    """A short line that continues the text before it: the paragraph above announces it with a
    colon (``根据《…法》`` after ``…规定：``), it is numbered (``二、捐赠标准``, ``三．``), or it
    is one quotation (``“工会送来的好技术，管用”``: a pull quote, not a news headline), or it
    heads a letter to the readers (``蘋果慈善基金會作業說明`` / ``親愛的讀者：``), which a story
    may end with."""
    t = texts[i].strip()
    if layout.NUMBERED.match(t) or _QUOTATION.match(t) or _QUESTION.match(t):
        return True
    if i + 1 < len(texts) and _SALUTATION.match(texts[i + 1].strip()):
        return True  # a notice to the readers appended to the story (``親愛的讀者：``)
    if i + 1 < len(texts) and _POINTS_BACK.match(texts[i + 1].lstrip()):
        return True  # (``邀请全国范围内的社会人士`` / ``为此，…``: the text goes on)
    return i > 0 and texts[i - 1].rstrip().endswith(("：", ":"))


def _headline_look(lines: Sequence[str]) -> bool:
    """A stack of several lines, or one line with a layout space between two phrases; not a
    stack under a short section tag (``数说`` / ``解读`` over a subhead: a section of a story)."""
    if not lines or layout.NUMBERED.match(lines[0].strip()):
        return False
    if len(lines) >= 2 and layout.visible_len(lines[0]) <= _TAG_MAX:
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


def _add(art: _Article, vec: dict[str, float]) -> None:
    """Add a run's vector to an article's, updating its norm in time linear in the run."""
    total = art.vec
    olds = list(map(total.get, vec.keys(), itertools.repeat(0.0)))
    news = list(map(operator.add, olds, vec.values()))
    total.update(zip(vec.keys(), news, strict=True))
    sumsq = art.sumsq + sum(map(operator.mul, news, news)) - sum(map(operator.mul, olds, olds))
    art.sumsq = max(sumsq, 0.0)
    art.norm = math.sqrt(art.sumsq)
