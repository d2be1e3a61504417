"""Exact repeats: a paragraph, or a run of paragraphs, whose text was already printed on the page.

Runs before split paragraphs are joined: the exact copy of a split paragraph's tail is only visible
while the tail is still a paragraph of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress, count, repeat
from operator import eq, itemgetter

import regex

from ..model import Change, Document, Paragraph, Result
from .base import register, removal
from .shingles import (
    CLAUSES_4,
    find_clauses,
    looked_up,
    remember_keys,
    repeated_items,
    visible_joined,
)


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
    min_credit_copies: int = 8
    """A byline, credit or field printed more often than this goes too (a page has not that many
    articles by one reporter: 文／记者… printed 15 times is an OCR repeat)."""
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
CLAUSE = re.compile(r"[，,、。！？!?；;]")
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
SENTENCE = re.compile(r"[。！？!?；;]")
HEADING_MAX = 40
# A related-reading box reprints text of the article on purpose.
RELATED = re.compile(r"^(?:延伸阅读|相关阅读|相关链接|相关新闻|新闻链接|背景链接|链接)[：:]?$")
RELATED_REACH = 3  # paragraphs after such a label that count as inside the box
_RELATED_FIRST = frozenset("延相新背链")  # what RELATED can start with: most keys are skipped


def heading_like(key: str) -> bool:
    """Short and without sentence punctuation: repeated legitimately (headlines, fields, labels).

    >>> heading_like("港报：女孩被幼儿园拒收"), heading_like("据介绍,运动会由海南指导。")
    (True, False)
    """
    return len(key) <= HEADING_MAX and not SENTENCE.search(key)


# A piece that ends with one of these stops inside a sentence: no headline or caption ends so.
_OPEN_END = frozenset("，、：；,:;．.")
# Sentence or clause ends: a paragraph ending otherwise may go on in the next piece.
FINISHED = regex.compile(r"[。！？!?…；;][”’」』）)]*$")


def cut_piece(key: str, holder: str, pos: int) -> bool:
    """Whether ``key``, printed at ``pos`` inside ``holder``, is a piece cut out of running text
    (the tail of a split paragraph printed again), not a phrase a subhead or caption quotes.

    It must start inside a word (a letter or digit before it in ``holder``, one at its start) and
    end inside one too, or with a comma or colon, or where ``holder`` ends; and, unless it has
    clause punctuation, one of its cuts must split a number (１|１９７名) or a dictionary word
    (运|动鞋).

    >>> whole = "规定餐饮服务单位作为餐厨垃圾和废弃油脂的排放责任主体，应该配建或配置油水分离器。"
    >>> piece = "废弃油脂的排放责任主体，应该配建或配"
    >>> cut_piece(piece, whole, whole.find(piece)), cut_piece("餐厨垃圾", whole, 10)
    (True, False)
    >>> whole = "有１５所学校的１１９７名困难学生有望获得爱心运动鞋。"
    >>> cut_piece("１９７名困难学生有望获得爱心运", whole, 8)
    True
    """
    end = pos + len(key)
    if not key or pos <= 0 or not (holder[pos - 1].isalnum() and key[0].isalnum()):
        return False
    open_end = key[-1] in _OPEN_END
    end_cut = end < len(holder) and holder[end].isalnum() and key[-1].isalnum()
    if not (open_end or end_cut or end == len(holder)):
        return False  # ends where a phrase may end, inside the holder
    if open_end or CLAUSE.search(key):
        return True
    from .cues import number_straddles, splits_word

    before, after = holder[:pos], holder[end:]
    return bool(
        number_straddles(before, key)
        or number_straddles(key, after)
        or splits_word(before[-3:], key[:3])
        or splits_word(key[-3:], after[:3])
    )


def related_box(keys: Sequence[str]) -> set[int]:
    """Positions of paragraphs inside a related-reading box (the label's next few paragraphs).

    >>> sorted(related_box(["甲", "延伸阅读：", "乙", "丙"]))
    [2, 3]
    """
    inside: set[int] = set()
    # the few keys that can start like a label, picked in C (each repeat filter asks, each pass)
    for i in compress(count(), map(_RELATED_FIRST.__contains__, map(_FIRST_CHAR, keys))):
        if RELATED.match(keys[i]):
            inside.update(range(i + 1, min(i + 1 + RELATED_REACH, len(keys))))
    return inside


_FIRST_CHAR = itemgetter(slice(None, 1))


# Flags that a repeat filter leaves on a paragraph it kept on purpose: later ones leave it alone.
KEPT_FLAGS = frozenset({"related-repeat", "list-item"})


# How many earlier copies of a paragraph are tried as the start of a repeated run.
_MAX_PARTNERS = 32


def repeated_runs(
    keys: list[str],
    min_run: int,
    min_chars: int,
    strong: Callable[[str], bool] | None = None,
    copyish: Callable[[int], bool] | None = None,
    pair: Callable[[list[str]], bool] | None = None,
    counts: Counter[str] | None = None,
) -> set[int]:
    """Positions inside a run of at least ``min_run`` keys that repeats an earlier run.

    A run of two also counts when one of its keys is ``strong`` (a repeat by itself): a short
    line that follows (or precedes) the copy of a paragraph as it does the paragraph is a copy too.
    Runs are diagonals of the (later, earlier) equality matrix, found from the occurrence lists of
    each key, so the work is linear in the number of equal pairs tried, not quadratic in the page.

    So does a run of two lines that ``pair`` accepts (two subheads or captions printed again in
    the same order: enough text that it is no chance, no byline or field).

    A run with a strong key may step over one paragraph on either side that ``copyish`` says
    may be a copy of something else (another copy printed into the middle of the reprinted run:
    a line printed again, or a piece of text, with clause punctuation).
    Then (:func:`_copies_of_copies`) lines that repeat the text of a run found, either as a run of
    two or more consecutive lines again, or right next to it, are copies too.

    >>> sorted(repeated_runs(["a", "b", "c", "x", "a", "b", "c", "b", "c"], 3, 2))
    [4, 5, 6, 7, 8]
    >>> sorted(repeated_runs(["long", "b", "x", "long", "b"], 3, 2, lambda k: len(k) > 3))
    [3, 4]
    >>> sorted(repeated_runs(["long", "b", "y", "long", "c", "b"], 3, 2, lambda k: len(k) > 3,
    ...                      lambda i: i == 4))
    [3, 5]
    """
    seen: dict[str, list[int]] = {}
    inside: set[int] = set()
    n = len(keys)
    counts = Counter(keys) if counts is None else counts  # (the caller's, if it has them)
    again = {key for key, count in counts.items() if count > 1}
    number = {key: at for at, key in enumerate(dict.fromkeys(keys))}
    ids = list(map(number.__getitem__, keys))  # equal keys, equal numbers: cheaper to compare
    for i, key in enumerate(keys):
        if key not in again:
            continue  # printed once: starts no diagonal, and no later key looks for it
        earlier = seen.get(key)
        if earlier is None:  # its first print: no earlier copy to start a diagonal with
            seen[key] = [i]
            continue
        for j in _diagonal_starts(ids, i, earlier[-_MAX_PARTNERS:], copyish is not None):
            length = 1
            while i + length < n and ids[i + length] == ids[j + length]:
                length += 1
            run: Sequence[int] = range(i, i + length)
            a, b = i + length, j + length  # where the plain diagonal stops: a copy between?
            if (
                copyish is not None
                and a < n
                and (
                    (a + 1 < n and keys[a + 1] == keys[b]) or (b + 1 < i and keys[a] == keys[b + 1])
                )
            ):
                run = _walk(keys, i, j, strong, copyish)
                length = len(run)
            if length < 2:
                continue  # one line is no run
            texts = [keys[k] for k in run]
            if len(set(texts)) < 2:
                continue
            is_strong = strong is not None and any(map(strong, texts))
            paired = not is_strong and length == 2 and pair is not None and pair(texts)
            if length < min_run and not (is_strong or paired):
                continue
            if run[-1] - run[0] + 1 > length and not is_strong:
                continue  # a run with a gap needs a strong key
            if sum(map(len, texts)) < min_chars and not paired:
                continue
            inside.update(run)
        earlier.append(i)
    if inside:
        inside |= _copies_of_copies(keys, inside)
    return inside


def _diagonal_starts(ids: list[int], i: int, partners: list[int], stepping: bool) -> list[int]:
    """The earlier copies ``j`` of ``ids[i]`` from which :func:`repeated_runs` may find a run:
    ``(i, j)`` starts a diagonal (the keys before them differ) and the keys after them agree
    (a run of two at least) or, when ``stepping`` over a copy printed in between, may agree
    one step further. The others give a run of one line, which counts for nothing.

    >>> _diagonal_starts([0, 1, 2, 0, 1, 3, 0, 2], 6, [0, 3], False)
    []
    >>> _diagonal_starts([0, 1, 2, 0, 1, 3, 0, 2], 6, [0, 3], True)
    [0]
    """
    n = len(ids)
    if i + 1 >= n:
        return []  # the last key: a run of one, and nothing after it to step to
    nxt = ids[i + 1]
    prev = ids[i - 1] if i > 0 else -1  # -1: no key's number, so no partner is skipped
    if not stepping:
        return [j for j in partners if ids[j + 1] == nxt and (j == 0 or ids[j - 1] != prev)]
    after = ids[i + 2] if i + 2 < n else -1
    return [
        j
        for j in partners
        if (ids[j + 1] == nxt or ids[j + 1] == after or (j + 2 < i and ids[j + 2] == nxt))
        and (j == 0 or ids[j - 1] != prev)
    ]


def _walk(
    keys: list[str],
    i: int,
    j: int,
    strong: Callable[[str], bool] | None,
    copyish: Callable[[int], bool] | None,
) -> list[int]:
    """The later positions of the diagonal from ``(i, j)``; with ``copyish``, a strong diagonal
    steps over one copyish paragraph on either side when the run goes on after it."""
    n = len(keys)
    run = [i]
    a, b = i + 1, j + 1
    while a < n:
        if keys[a] == keys[b]:
            run.append(a)
            a += 1
            b += 1
            continue
        if (
            copyish is not None
            and strong is not None
            and a + 1 < n
            and keys[a + 1] == keys[b]
            and copyish(a)
            and (strong(keys[a + 1]) or any(strong(keys[k]) for k in run))
        ):
            a += 1  # step over the copy printed into the run
            continue
        if (
            copyish is not None
            and strong is not None
            and b + 1 < i
            and keys[a] == keys[b + 1]
            and copyish(b)
            and (strong(keys[a]) or any(strong(keys[k]) for k in run))
        ):
            b += 1  # step over a copy printed into the first run (which the reprint has not)
            continue
        break
    return run


# A pair of lines printed again in the same order is a copy from this many visible characters
# (the longer line at least PAIR_LONGER): table rows (２．００元／运次 | 不调整) are shorter.
PAIR_CHARS = 14
PAIR_LONGER = 10


def _distinct_pair(texts: list[str]) -> bool:
    """Whether two consecutive lines printed again in the same order are a copy by themselves.

    >>> _distinct_pair(["－业内观点", "应先督促安装油水分离器"])
    True
    >>> _distinct_pair(["２．００元／运次", "不调整"])
    False
    >>> _distinct_pair(["本报记者 张三", "本报通讯员 李四王五赵六"])
    False
    """
    return (
        len(texts) == 2
        and sum(map(len, texts)) >= PAIR_CHARS
        and max(map(len, texts)) >= PAIR_LONGER
        and not any(credited(t) or FIELD.match(t) or RELATED.match(t) for t in texts)
    )


def _copies_of_copies(keys: list[str], inside: set[int]) -> set[int]:
    """Lines outside ``inside`` that repeat a run copy's lines: a stretch of two or more whose
    consecutive pairs are consecutive in some run copy, or a stretch right next to a run copy whose
    lines all are in run copies (a block printed twice into itself). Bylines and credits stay:
    they recur legitimately.

    >>> keys = ["P", "h", "k", "P", "h", "k", "h", "k"]
    >>> sorted(_copies_of_copies(keys, {3, 4, 5}))
    [6, 7]
    """
    texts = {keys[k] for k in inside}
    pairs = {(keys[k], keys[k + 1]) for k in inside if k + 1 in inside}
    first: dict[str, int] = {}
    for k, key in enumerate(keys):
        if key in texts:
            first.setdefault(key, k)

    def later_copy(k: int) -> bool:  # a line of a run copy's text, printed before
        key = keys[k]
        return k not in inside and key in texts and first[key] < k and not credited(key)

    out: set[int] = set()
    spots = [k for k, key in enumerate(keys) if key in texts and later_copy(k)]
    m = 0
    while m < len(spots):
        end = m  # spots[m..end]: consecutive positions
        while end + 1 < len(spots) and spots[end + 1] == spots[end] + 1:
            end += 1
        lo, hi = spots[m], spots[end]
        paired = hi > lo and all((keys[k], keys[k + 1]) in pairs for k in range(lo, hi))
        if paired or lo - 1 in inside or hi + 1 in inside:
            out.update(range(lo, hi + 1))
        m = end + 1
    return out


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
    later = _later_passes(options)
    while any(c.action == "remove" for c in result.changes):
        keys = [keys[i] for i in kept]
        result, kept = _one_pass(result.doc, keys, later)
        changes.extend(c for c in result.changes if c.action == "remove")
    return Result(result.doc, tuple(changes))


@lru_cache(maxsize=8)
def _later_passes(options: ExactOptions) -> ExactOptions:
    """The options of the passes after the first (no fragment check), made once per options."""
    return replace(options, fragments=False)


def visible_keys(paragraphs: Sequence[Paragraph]) -> list[str]:
    """``[visible(p.text) for p in paragraphs]`` in one substitution over the joined texts.

    >>> from cleaner.model import from_text
    >>> visible_keys(from_text("甲 乙\\n\\n丙\\u3000丁").paragraphs)
    ['甲乙', '丙丁']
    """
    texts = [p.text for p in paragraphs]
    keys = list(visible_joined(texts))
    remember_keys(texts, keys)  # dedup.near, next, looks its texts' keys up there
    return keys


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
                and (counts[key] > options.min_credit_copies or not credited(key))
            )
        return found

    table = _ClauseTable(counts, options.min_fragment_chars) if options.fragments else None
    min_run = min(options.min_run, 2) if options.blocks else options.min_run  # _distinct_pair
    if _nothing_to_remove(keys, counts, strong, printed_many, min_run) and not (
        table is not None
        and (_part_possible(table) or _window_part_possible(keys, options.min_chars))
    ):
        return Result(doc), list(range(len(keys)))
    in_run: set[int] = set()
    if options.blocks:

        def copyish(k: int) -> bool:  # what a copy printed into a run is: printed again or text
            key = keys[k]
            return counts[key] > 1 or (len(key) >= options.min_chars and bool(CLAUSE.search(key)))

        in_run = repeated_runs(
            keys, options.min_run, options.min_run_chars, strong, copyish, _distinct_pair, counts
        )
    first: dict[str, Paragraph] = {}  # key -> the kept paragraph that holds it
    keep: list[Paragraph] = []
    kept: list[int] = []  # the index of each paragraph of keep
    changes: list[Change] = []
    boxed = related_box(keys)
    holders = _Holders(doc.paragraphs)
    ends: set[str] | None = None  # unfinished_ends(keys), once needed

    def page_ends() -> set[str]:
        nonlocal ends
        if ends is None:
            ends = unfinished_ends(keys)
        return ends

    parts: set[str] = set()  # keys removed as parts of an earlier paragraph
    for i, (para, key) in enumerate(zip(doc.paragraphs, keys, strict=True)):
        original = first.get(key)
        if original is None:
            first[key] = para
            if table is not None and len(key) >= options.min_chars:
                clauses = table.clauses.get(key)
                if clauses is not None and table.shared.isdisjoint(clauses):
                    # no clause elsewhere: holds no part, and is one only if it starts inside a
                    # clause of a paragraph just before it (looked for there; not when it has
                    # an inner clause, which would be a clause of that paragraph too: shared)
                    if not (
                        kept and not _inner_clause(key, clauses) and _in_window(key, keys, kept)
                    ):
                        keep.append(para)
                        kept.append(i)
                        continue
                    clauses = None
                held = None
                if i not in boxed and not KEPT_FLAGS.intersection(para.flags):
                    held = _part_holder(i, key, clauses, keys, kept, holders, page_ends)
                if held is None:
                    if clauses is not None:
                        holders.add(key, para, clauses, i)
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


# How many characters of context tie a piece to the paragraph it may continue.
CONTEXT_CHARS = 3


def unfinished_ends(keys: Iterable[str]) -> set[str]:
    """The last ``CONTEXT_CHARS`` characters of each text that ends inside a word (a letter or
    digit).

    >>> sorted(unfinished_ends(["省内首批１６所偏远山区学", "完了。", "捐赠了３３８０元"]))
    ['山区学', '８０元']
    """
    size = CONTEXT_CHARS
    return {key[-size:] for key in keys if key[-1:].isalnum() and len(key) >= size}


# How many kept paragraphs back a short piece (no whole inner clause) is looked for.
_WINDOW = 6


def _in_window(key: str, keys: list[str], kept: list[int]) -> bool:
    """Whether ``key`` is printed inside one of the last ``_WINDOW`` kept paragraphs (a cheap
    test first: a piece cut out of a word starts with a letter or digit)."""
    holders = map(keys.__getitem__, kept[-_WINDOW:])
    return key[:1].isalnum() and any(map(str.__contains__, holders, repeat(key)))  # (in C)


def _inner_clause(key: str, clauses: list[str]) -> bool:
    """Whether one of ``clauses`` (``key``'s clauses, in order) has a clause break on both sides
    inside ``key``. Printed inside another text, ``key`` then shares that clause with it (the
    breaks around it are there too): a key none of whose clauses is shared is inside no other.

    >>> _inner_clause("甲乙丙丁，戊己庚辛", ["甲乙丙丁", "戊己庚辛"])
    False
    >>> _inner_clause("甲乙，丙丁戊己，庚", ["丙丁戊己"]), _inner_clause("，甲乙丙丁", ["甲乙丙丁"])
    (True, False)
    """
    if not clauses:
        return False
    lo = 1 if key.startswith(clauses[0]) else 0  # the first runs from the start: may be cut
    hi = len(clauses) - (1 if key.endswith(clauses[-1]) else 0)
    return hi > lo


def _part_holder(
    i: int,
    key: str,
    clauses: list[str] | None,
    keys: list[str],
    kept: list[int],
    holders: _Holders,
    ends: Callable[[], Collection[str]],
) -> Paragraph | None:
    """The kept paragraph that ``key`` (paragraph ``i``, not yet kept) repeats part of, or None.

    Found through an inner clause (:class:`_Holders`), or, for a piece too short to have one,
    by looking in the last ``_WINDOW`` kept paragraphs (pieces are printed near their original).
    Kept: text found in two paragraphs (a list's template: 可帮助到１００名孩子…); a piece that
    may be the rest of a paragraph cut inside a word: the one just before it (a paragraph that
    repeats itself, split there), or one that ends (``ends()``, asked for only then: last
    ``CONTEXT_CHARS`` characters) as the holder reads right before the piece
    (…首批１６所偏远山区学 | 校中，有…); text without
    clause punctuation unless :func:`cut_piece` (a subhead quoting the text); and a field
    (作者：…) unless it starts inside a word.
    """
    found = holders.find(key, clauses) if clauses else None
    if found is not None:
        ident, template = found
        if template:
            return None
        text, para, at = holders.texts[ident], holders.paras[ident], holders.index[ident]
    else:
        if not key[:1].isalnum():
            return None  # a cut piece starts inside a word
        size = len(key) + _PART_GAIN
        hits = [k for k in kept[-_WINDOW:] if len(keys[k]) >= size and key in keys[k]]
        if len(hits) != 1:
            return None  # nowhere, or a template's text
        at = hits[0]
        text, near = keys[at], holders.para_of(at)
        if near is None:
            return None
        para = near
    if at == kept[-1] == i - 1 and text[-1:].isalnum() and key[:1].isalnum():
        return None  # the paragraph just before goes on here: a split, for the joins
    pos = text.find(key)
    context = text[pos - CONTEXT_CHARS : pos] if pos >= CONTEXT_CHARS else ""
    if context and context in ends() and not key.endswith(context):
        return None  # a paragraph ends as the holder reads before the piece: may go on here
    if cut_piece(key, text, pos):
        return para
    if CLAUSE.search(key) is None:
        return None
    start_cut = pos > 0 and text[pos - 1].isalnum() and key[0].isalnum()
    return para if start_cut or not FIELD.match(key) else None


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
        per_key = _recent_key_clauses(texts)
        self.texts = texts
        self.clauses = dict(zip(texts, per_key, strict=True))
        self.shared = repeated_items(per_key)


def _recent_key_clauses(texts: list[str]) -> list[list[str]]:
    """``_key_clauses(texts)``, those of the texts of the latest call (``CLAUSES_4``: a rerun of
    the repeat stage builds the table of mostly the same paragraphs again) looked up, not found
    again; only this call's are kept there (dedup.near reads them too).

    >>> _recent_key_clauses(["甲乙丙丁，戊己庚辛"])
    [['甲乙丙丁', '戊己庚辛']]
    >>> _recent_key_clauses(["子丑寅卯", "甲乙丙丁，戊己庚辛"])  # the second looked up
    [['子丑寅卯'], ['甲乙丙丁', '戊己庚辛']]
    """
    per_key = looked_up(texts, CLAUSES_4, _key_clauses)
    CLAUSES_4.clear()
    CLAUSES_4.update(zip(texts, per_key, strict=True))
    return per_key


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


def _window_part_possible(keys: list[str], min_chars: int) -> bool:
    """Whether a paragraph of ``min_chars`` or more is printed inside one of the ``_WINDOW``
    paragraphs before it (what :func:`_part_holder` looks for when no clause leads to a holder),
    on a page of which nothing else goes.

    >>> _window_part_possible(["甲乙丙丁戊己庚辛壬癸", "丙丁戊己庚"], 5)
    True
    >>> _window_part_possible(["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰"], 5)
    False
    """
    contains = str.__contains__
    return any(
        len(key) >= min_chars
        and key[:1].isalnum()
        and any(map(contains, keys[i - _WINDOW if i > _WINDOW else 0 : i], repeat(key)))
        for i, key in enumerate(keys)
    )


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
    >>> h.find(piece, LONG_CLAUSE.findall(piece))
    (0, False)
    """

    def __init__(self, paragraphs: Sequence[Paragraph] = ()) -> None:
        self.latest: dict[str, int] = {}  # clause -> the latest kept paragraph that has it
        self.before: dict[str, int] = {}  # clause -> the one before it, if any
        self.texts: list[str] = []
        self.paras: list[Paragraph] = []
        self.index: list[int] = []  # each one's position on the page
        self.paragraphs = paragraphs

    def add(self, key: str, para: Paragraph, clauses: list[str], at: int = -1) -> None:
        again = self.latest.keys() & clauses
        if again:
            latest = self.latest
            self.before.update({c: latest[c] for c in again})
        self.latest.update(zip(clauses, repeat(len(self.texts))))
        self.texts.append(key)
        self.paras.append(para)
        self.index.append(at)

    def para_of(self, at: int) -> Paragraph | None:
        """The page's paragraph at position ``at``."""
        return self.paragraphs[at] if 0 <= at < len(self.paragraphs) else None

    def find(self, key: str, clauses: list[str]) -> tuple[int, bool] | None:
        """The kept paragraph (its id) that contains ``key`` and more, and whether the one before
        it with that clause contains ``key`` too (a template's text). A copy short of a quote mark
        or two is a near copy (dedup.near), not a part."""
        lo = 1 if clauses and key.startswith(clauses[0]) else 0
        hi = len(clauses) - (1 if clauses and key.endswith(clauses[-1]) else 0)
        get, texts, size = self.latest.get, self.texts, len(key)
        for clause in clauses[lo:hi]:  # the inner ones: whole in the original too
            ident = get(clause)
            if ident is not None and len(texts[ident]) >= size + _PART_GAIN and key in texts[ident]:
                other = self.before.get(clause)
                return ident, other is not None and key in texts[other]
        return None
