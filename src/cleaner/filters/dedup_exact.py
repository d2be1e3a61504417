"""Exact repeats: a paragraph, or a run of paragraphs, whose text was already printed on the page.

Runs before split paragraphs are joined: the exact copy of a split paragraph's tail is only visible
while the tail is still a paragraph of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import compress, count, repeat
from operator import eq

import regex

from ..model import Change, Document, Paragraph, Result
from ..resources import visible
from .base import register, removal
from .shingles import find_clauses, repeated_items


@dataclass(frozen=True)
class ExactOptions:
    min_chars: int = 15
    """Shorter paragraphs (bylines, labels, formulaic lines) are removed only as part of a run."""
    blocks: bool = True
    """Also remove short paragraphs inside a repeated run of paragraphs (a reprinted TOC)."""
    min_run: int = 3
    """At least this many consecutive paragraphs repeating consecutive earlier ones form a run."""
    min_run_chars: int = 20
    """A run also needs this many visible characters and two different paragraphs."""
    min_copies: int = 3
    """A short or heading-like line printed again this many times (or more) goes alone too."""
    min_copies_chars: int = 10
    """...if it has at least this many visible characters and is no byline, label or field."""
    fragments: bool = True
    """Also remove a paragraph whose text is printed, exactly, inside an earlier paragraph,
    before the joins can glue it to its neighbour and hide it from dedup.fragment (on synthetic
    pages it finds every such fragment, and join precision rises from 0.93 to 0.95 on tune
    pages). ``False`` leaves exact fragments to dedup.fragment, after the joins."""
    min_fragment_chars: int = 20
    """...if it has at least this many visible characters and clause punctuation."""


_RUN_REASON = "repeats an earlier run of paragraphs"
_EXACT_REASON = "exact repeat of an earlier paragraph"
_MANY_REASON = "line printed {n} times: exact repeat of its first copy"
_PART_REASON = "exact repeat of part of an earlier paragraph"
# A form field (作者：…, 创意说明：…) or a numbered list item: lists repeat a template.
FIELD = regex.compile(
    r"^(?:\p{Han}{1,4}(?<![说道称示问答])[：:]|[0-9０-９]{1,3}[、．.]|[一二三四五六七八九十]{1,3}[、．]"
    r"|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）])"
)
# A piece of running text has clause punctuation; a subhead that quotes the text usually has none.
CLAUSE = regex.compile(r"[，,、。！？!?；;]")
# Lines that recur legitimately on a page however often: bylines, credits, labelled fields.
CREDIT = regex.compile(r"记者|通讯员|编辑|责编|作者|来源|摄|报道|^\p{Han}{1,5}[：:]")
# CREDIT in two parts, the same answer: the words with the stdlib's fast literal search, and the
# anchored field label (regex would try that alternation at every character of a long line).
_CREDIT_WORDS = re.compile("记者|通讯员|编辑|责编|作者|来源|摄|报道")
_CREDIT_FIELD = regex.compile(r"\p{Han}{1,5}[：:]")


def credited(key: str) -> bool:
    """``CREDIT.search(key) is not None``, faster.

    >>> credited("本报记者 张三"), credited("地址：北京"), credited("新闻发布会上的地址：")
    (True, True, False)
    """
    return _CREDIT_WORDS.search(key) is not None or _CREDIT_FIELD.match(key) is not None


# Sentence punctuation: a short line without it is a heading, caption, label, TOC or form line.
SENTENCE = regex.compile(r"[。！？!?；;]")
HEADING_MAX = 40
# A related-reading box reprints text of the article on purpose.
RELATED = regex.compile(r"^(?:延伸阅读|相关阅读|相关链接|相关新闻|新闻链接|背景链接|链接)[：:]?$")
RELATED_REACH = 3  # paragraphs after such a label that count as inside the box
_RELATED_FIRST = frozenset("延相新背链")  # what RELATED can start with: most keys are skipped


def heading_like(key: str) -> bool:
    """Short and without sentence punctuation: repeated legitimately (headlines, fields, labels).

    >>> heading_like("港报：女孩被幼儿园拒收"), heading_like("据介绍,运动会由海南指导。")
    (True, False)
    """
    return len(key) <= HEADING_MAX and not SENTENCE.search(key)


def related_box(keys: Sequence[str]) -> set[int]:
    """Positions of paragraphs inside a related-reading box (the label's next few paragraphs).

    >>> sorted(related_box(["甲", "延伸阅读：", "乙", "丙"]))
    [2, 3]
    """
    inside: set[int] = set()
    for i, key in enumerate(keys):
        if key[:1] in _RELATED_FIRST and RELATED.match(key):
            inside.update(range(i + 1, min(i + 1 + RELATED_REACH, len(keys))))
    return inside


# Flags that a repeat filter leaves on a paragraph it kept on purpose: later ones leave it alone.
KEPT_FLAGS = frozenset({"related-repeat", "list-item"})


# How many earlier copies of a paragraph are tried as the start of a repeated run.
_MAX_PARTNERS = 32


def repeated_runs(
    keys: list[str], min_run: int, min_chars: int, strong: Callable[[str], bool] | None = None
) -> set[int]:
    """Positions inside a run of at least ``min_run`` keys that repeats an earlier run.

    A run of two also counts when one of its keys is ``strong`` (a repeat by itself): a short
    line that follows (or precedes) the copy of a paragraph as it does the paragraph is a copy too.
    Runs are diagonals of the (later, earlier) equality matrix, found from the occurrence lists of
    each key, so the work is linear in the number of equal pairs tried, not quadratic in the page.

    >>> sorted(repeated_runs(["a", "b", "c", "x", "a", "b", "c", "b", "c"], 3, 2))
    [4, 5, 6]
    >>> sorted(repeated_runs(["long", "b", "x", "long", "b"], 3, 2, lambda k: len(k) > 3))
    [3, 4]
    """
    seen: dict[str, list[int]] = {}
    inside: set[int] = set()
    n = len(keys)
    again = {key for key, count in Counter(keys).items() if count > 1}
    for i, key in enumerate(keys):
        if key not in again:
            continue  # printed once: starts no diagonal, and no later key looks for it
        earlier = seen.setdefault(key, [])
        for j in earlier[-_MAX_PARTNERS:]:
            if i > 0 and j > 0 and keys[i - 1] == keys[j - 1]:
                continue  # not the start of a diagonal: walked from its start already
            length = 1
            while i + length < n and keys[i + length] == keys[j + length]:
                length += 1
            if length < min_run and not (
                length >= 2 and strong is not None and any(map(strong, keys[i : i + length]))
            ):
                continue
            run = keys[i : i + length]
            if len(set(run)) < 2 or sum(map(len, run)) < min_chars:
                continue
            inside.update(range(i, i + length))
        earlier.append(i)
    return inside


@register(
    "dedup.exact",
    "D01",
    "Remove a paragraph, or a run of paragraphs, that repeats earlier text exactly.",
    options=ExactOptions,
)
def remove_exact_repeats(doc: Document, options: ExactOptions) -> Result:
    """Keep the first copy of each paragraph of at least ``min_chars`` visible characters.

    Identical short lines (two articles with the same byline, a repeated 阅读提示 label) are kept,
    and so are heading-like lines (short, no sentence punctuation: headlines, form fields, an
    address): alone, nothing tells them apart from a legitimate repeat, and a wrongly removed line
    loses text. They are removed only with other evidence: inside a run of ``min_run``
    consecutive paragraphs that repeats an earlier run (a table of contents printed again), or of
    two when the other one is a repeat by itself (a short line printed again right after the copy
    of the paragraph it followed); or when the line is printed again at least ``min_copies`` times
    and is no byline, credit or labelled field (a title printed 19 times: clean pages print a line
    at most a few times, and only such short ones as 不调整 or ２．００元／运次 in a table).
    A repeat inside a related-reading box (延伸阅读, 相关链接) is kept and flagged.
    With ``fragments``, a paragraph printed exactly inside an earlier one goes too (kind
    ``fragment``; at least ``min_fragment_chars`` characters, clause punctuation, no list item).

    Removing a long copy can bring two copies of a run together, so passes repeat until nothing
    more goes (each pass removes something or ends the loop; in practice two passes suffice).
    """
    keys = visible_keys(doc.paragraphs)  # once: later passes keep the kept ones'
    result, kept = _one_pass(doc, keys, options)
    changes = list(result.changes)
    # Removing paragraphs puts no text inside another: fragments are all found in the first pass.
    later = replace(options, fragments=False)
    while any(c.action == "remove" for c in result.changes):
        keys = [keys[i] for i in kept]
        result, kept = _one_pass(result.doc, keys, later)
        changes.extend(c for c in result.changes if c.action == "remove")
    return Result(result.doc, tuple(changes))


def visible_keys(paragraphs: Sequence[Paragraph]) -> list[str]:
    """``[visible(p.text) for p in paragraphs]`` in one substitution over the joined texts.

    >>> from cleaner.model import from_text
    >>> visible_keys(from_text("甲 乙\\n\\n丙\\u3000丁").paragraphs)
    ['甲乙', '丙丁']
    """
    texts = [p.text for p in paragraphs]
    if not texts:
        return []
    page = _SEP.join(texts)
    if page.count(_SEP) != len(texts) - 1:  # a paragraph holds the separator: one by one
        return [visible(t) for t in texts]
    return visible(page).split(_SEP)


_SEP = "\x00"  # not whitespace (visible keeps it), and no paragraph holds it after W01


def _one_pass(doc: Document, keys: list[str], options: ExactOptions) -> tuple[Result, list[int]]:
    """One pass over the page (``keys``: the paragraphs' visible text); also returns the indexes
    of the paragraphs kept, in order."""
    strong_of: dict[str, bool] = {}
    many_of: dict[str, bool] = {}
    counts = Counter(keys)

    def strong(key: str) -> bool:  # a repeat by itself
        found = strong_of.get(key)
        if found is None:
            found = strong_of[key] = len(key) >= options.min_chars and not heading_like(key)
        return found

    def printed_many(key: str) -> bool:  # printed too often to be legitimate
        found = many_of.get(key)
        if found is None:
            found = many_of[key] = (
                counts[key] > options.min_copies
                and len(key) >= options.min_copies_chars
                and not credited(key)
            )
        return found

    table = _ClauseTable(counts, options.min_fragment_chars) if options.fragments else None
    if _nothing_to_remove(keys, counts, strong, printed_many, options.min_run) and not (
        table is not None and _part_possible(table)
    ):
        return Result(doc), list(range(len(keys)))
    in_run: set[int] = set()
    if options.blocks:
        in_run = repeated_runs(keys, options.min_run, options.min_run_chars, strong)
    first: dict[str, Paragraph] = {}  # key -> the kept paragraph that holds it
    keep: list[Paragraph] = []
    kept: list[int] = []  # the index of each paragraph of keep
    changes: list[Change] = []
    boxed = related_box(keys)
    holders = _Holders()
    parts: set[str] = set()  # keys removed as parts of an earlier paragraph
    for i, (para, key) in enumerate(zip(doc.paragraphs, keys, strict=True)):
        original = first.get(key)
        if original is None:
            first[key] = para
            if table is not None and len(key) >= options.min_fragment_chars:
                clauses = table.clauses[key]
                if table.shared.isdisjoint(clauses):  # no clause elsewhere: no part, holds none
                    keep.append(para)
                    kept.append(i)
                    continue
                text_like = CLAUSE.search(key) and not FIELD.match(key)
                held = holders.find(key, clauses) if text_like else None
                if held is None or i in boxed or KEPT_FLAGS.intersection(para.flags):
                    holders.add(key, para, clauses)
                    keep.append(para)
                    kept.append(i)
                    continue
                first[key] = held
                parts.add(key)
                changes.append(
                    removal(
                        remove_exact_repeats,
                        para,
                        _PART_REASON,
                        kind="fragment",
                        kept=held.start,
                        similarity=100.0,
                    )
                )
                continue
            keep.append(para)
            kept.append(i)
            continue
        if key in parts and i not in boxed:  # another print of a part removed above
            changes.append(
                removal(
                    remove_exact_repeats,
                    para,
                    _PART_REASON,
                    kind="fragment",
                    kept=original.start,
                    similarity=100.0,
                )
            )
            continue
        block = i in in_run
        many = printed_many(key)
        if not key or (not strong(key) and not many and not block):
            keep.append(para)
            kept.append(i)
            continue
        if not block and i in boxed:
            if "related-repeat" in para.flags:  # flagged by an earlier pass
                keep.append(para)
                kept.append(i)
                continue
            reason = "repeats an earlier paragraph inside a related-reading box; kept"
            span = para.origin.span(0, len(para.text))
            changes.append(
                remove_exact_repeats.change(
                    "flag", span, para.text, para.text, reason, kind="exact", kept=original.start
                )
            )
            keep.append(replace(para, flags=(*para.flags, "related-repeat")))
            kept.append(i)
            continue
        if block:
            reason = _RUN_REASON
        elif strong(key):
            reason = _EXACT_REASON
        else:
            reason = _MANY_REASON.format(n=counts[key])
        changes.append(
            removal(
                remove_exact_repeats,
                para,
                reason,
                kind="block" if block else "exact",
                kept=original.start,
                similarity=100.0,
            )
        )
    if not changes:
        return Result(doc), kept
    return Result(doc.with_paragraphs(keep), tuple(changes)), kept


def _nothing_to_remove(
    keys: list[str],
    counts: Counter[str],
    strong: Callable[[str], bool],
    many: Callable[[str], bool],
    min_run: int = 2,
) -> bool:
    """Whether a pass without the fragment check surely removes and flags nothing (most second
    passes): a paragraph goes only as a copy that is ``strong`` or printed ``many`` times, or
    inside a repeated run. Without a strong key, a run is ``min_run`` (at least two)
    consecutive keys that are all printed twice or more, and not all the same text (one text
    printed again and again in a row is no run).

    >>> never = lambda key: False
    >>> keys = ["甲", "乙", "丙", "甲", "乙", "丁"]
    >>> _nothing_to_remove(keys, Counter(keys), never, never, 3)
    True
    >>> _nothing_to_remove(keys, Counter(keys), never, never, 2)
    False
    """
    printed_again = {key for key, n in counts.items() if n > 1}
    if not printed_again:
        return True
    if any(key and (strong(key) or many(key)) for key in printed_again):
        return False
    width = max(min_run, 2)
    streak: list[str] = []  # the latest keys, all printed again
    for key in keys:
        if key in printed_again:
            streak.append(key)
            continue
        if len(streak) >= width and len(set(streak)) > 1:
            return False
        streak = []
    return not (len(streak) >= width and len(set(streak)) > 1)


class _ClauseTable:
    """The clauses (``LONG_CLAUSE``) of each distinct key of at least ``min_chars`` characters,
    found with one ``findall`` over them all, and the clauses found in two keys or more.

    A part is found through an inner clause it shares with a longer paragraph that contains it
    whole: a key none of whose clauses is ``shared`` (found in another key too) is no part of
    another key and holds none.

    >>> t = _ClauseTable(Counter(["甲乙丙丁，戊己庚辛。", "子丑寅卯，戊己庚辛。", "短"]), 2)
    >>> t.clauses["甲乙丙丁，戊己庚辛。"], sorted(t.shared), "短" in t.clauses
    (['甲乙丙丁', '戊己庚辛'], ['戊己庚辛'], False)
    """

    def __init__(self, counts: Counter[str], min_chars: int) -> None:
        texts = [key for key in counts if len(key) >= min_chars]
        per_key = _key_clauses(texts)
        self.texts = texts
        self.clauses = dict(zip(texts, per_key, strict=True))
        self.shared = repeated_items(per_key)


# A clause of its own (noncharacters, which no text has) between the keys joined for findall.
_CLAUSE_SEP = "\ufdd0" * 4


def _key_clauses(texts: list[str]) -> list[list[str]]:
    """``[LONG_CLAUSE.findall(t) for t in texts]`` with one ``findall`` over the joined texts.

    >>> _key_clauses(["甲乙丙丁，戊己庚辛", "", "子丑寅卯。"])
    [['甲乙丙丁', '戊己庚辛'], [], ['子丑寅卯']]
    """
    if not texts:
        return []
    page = f"\n{_CLAUSE_SEP}\n".join(texts)  # line breaks: no clause runs into the separator
    if page.count(_CLAUSE_SEP[0]) != len(_CLAUSE_SEP) * (len(texts) - 1):
        return [LONG_CLAUSE.findall(t) for t in texts]  # a text holds the separator
    found = find_clauses(page, 4)  # LONG_CLAUSE's matches, faster
    ends = list(compress(count(), map(eq, found, repeat(_CLAUSE_SEP))))
    ends.append(len(found))
    out = []
    start = 0
    for end in ends:
        out.append(found[start:end])
        start = end + 1
    return out


def _part_possible(table: _ClauseTable) -> bool:
    """Whether the fragment check may find a part (False: it surely finds none, cheaply): only
    the few paragraphs holding a shared clause are compared.

    >>> whole, part = "甲乙丙丁，戊己庚辛，子丑寅卯。", "戊己庚辛，子丑寅卯。"
    >>> _part_possible(_ClauseTable(Counter([whole, part]), 5))
    True
    >>> _part_possible(_ClauseTable(Counter(["甲乙丙丁，戊己庚辛。", "甲乙丙丁，子丑寅卯。"]), 5))
    False
    """
    texts, shared = table.texts, table.shared
    if len(shared) > _MAX_SHARED:
        return True
    for clause in shared:
        having = [key for key in texts if clause in key]
        if any(len(a) >= len(b) + _PART_GAIN and b in a for a in having for b in having):
            return True
    return False


_MAX_SHARED = 16  # more shared clauses than this: the pass itself looks (comparing costs more)


# A text inside a paragraph with fewer more characters than this is a copy of it, not a part.
_PART_GAIN = 5
# Clauses of at least 4 characters: shorter ones are too common to find a paragraph by.
LONG_CLAUSE = regex.compile(r"[^\p{P}\p{S}\s]{4,}")


class _Holders:
    """Kept paragraphs, indexed by their clauses: which one contains a text exactly?

    A text printed again inside an earlier paragraph has its inner clauses (those with a clause
    break on both sides) whole in that paragraph: one dictionary look-up per inner clause finds
    a candidate (the latest paragraph with that clause), ``in`` confirms. A text without a whole
    inner clause is not found here (dedup.fragment still compares it after the joins).

    >>> h, text, piece = _Holders(), "甲乙丙丁，戊己庚辛壬，癸子丑寅。", "丙丁，戊己庚辛壬，癸子"
    >>> from cleaner.model import from_text
    >>> h.add(text, from_text(text).paragraphs[0], LONG_CLAUSE.findall(text))
    >>> h.find(piece, LONG_CLAUSE.findall(piece)).text == text
    True
    """

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}  # clause -> the latest kept paragraph that has it
        self.texts: list[str] = []
        self.paras: list[Paragraph] = []

    def add(self, key: str, para: Paragraph, clauses: list[str]) -> None:
        self.latest.update(zip(clauses, repeat(len(self.texts))))
        self.texts.append(key)
        self.paras.append(para)

    def find(self, key: str, clauses: list[str]) -> Paragraph | None:
        """A kept paragraph that contains ``key`` and more: a copy short of a quote mark or two
        is a near copy (dedup.near), not a part."""
        lo = 1 if clauses and key.startswith(clauses[0]) else 0
        hi = len(clauses) - (1 if clauses and key.endswith(clauses[-1]) else 0)
        get, texts, size = self.latest.get, self.texts, len(key)
        for clause in clauses[lo:hi]:  # the inner ones: whole in the original too
            ident = get(clause)
            if ident is not None and len(texts[ident]) >= size + _PART_GAIN and key in texts[ident]:
                return self.paras[ident]
        return None
