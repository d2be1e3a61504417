"""Pure cues for rejoining a paragraph cut at a column break (``join.split``).

Each function looks at the text of one or two pieces and answers one question: does this piece end
like a finished sentence, does it start like a paragraph, are its quotes balanced, does a word run
across the break between a head and a tail. They accept half- and full-width punctuation alike.

The lexical cue has no word segmenter to lean on. It uses small resources, both taken from the
dictionary of jieba (https://github.com/fxsjy/jieba, MIT licence; an independent source, so the
synthetic pages made from the Sohu articles of ``fixtures/corpus/`` are not measured in-sample):
character counts weighted by word frequency (``data/bigrams.txt``, built by :func:`build_bigrams`)
for a pointwise mutual information score that says how often two characters stand side by side
inside one word, and a word list: the simplified phrases of OpenCC's dictionaries (a dependency
already) and ``data/words.txt.gz``, the common words of two to four Han characters of jieba's
dictionary; and the verbs among them (``data/verbs.txt.gz``, jieba's tag ``v``), for whether a
piece goes on with a predicate. Rebuild all three with ``python -m cleaner.filters.cues --build``
(needs ``pip install jieba``, a build-time tool only, or ``--dict PATH``).
"""

from __future__ import annotations

import argparse
import gzip
import math
import sys
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

import regex

HAN = regex.compile(r"\p{Han}")
CLOSERS = "”’」』）)》〉】"
# A finished sentence: a stop, question or exclamation mark, semicolon or ellipsis, then closers.
# A full-width period after a digit is a decimal point cut at the break (２０５０年的８．|７亿).
SENTENCE_END = regex.compile(
    rf"(?r)(?:[。！？!?；;～~]|(?<!\p{{Nd}})．|……|…|\.\.\.)[{CLOSERS}\s]*$"
)
SENTENCE_MARK = regex.compile(r"[。！？!?；;]|……")
# A colon at the end introduces what follows (a quote, a list): the paragraph is finished.
# (?r): a pattern anchored at the end, searched from the end (see rejoin.HEAD_END); only whether
# it matches is used (also SENTENCE_END, NUMBER_END, DIGIT_END).
COLON_END = regex.compile(rf"(?r)[：:][{CLOSERS}\s]*$")
# Marks a line cannot start with (Chinese line-breaking rules): only a continuation starts so.
NO_LINE_START = regex.compile(r"^[，。、；：？！”’」』）》〉】,.;:?!)…%]")
# Openings that start a new paragraph in news text (a veto for a tail).
PARA_START = regex.compile(
    r"^(?:\p{Han}{0,4}讯|\p{Han}{2,6}[：:]|第[\d一二三四五六七八九十]+[站章节条部分届]|"
    r"据(?:介绍|了解|悉|统计|报道|透露)|此外|另外|同时|近日|日前|近年来|今年|去年|目前|当天|"
    r"记者|本报|新华社|通讯员|[（(]?\d{1,4}年\d{1,2}月|\d{1,2}月\d{1,2}日|[一二三四五六七八九十]+、|"
    r"\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[，,、]|首先|其次|最后|总之|例如)"
)
# Words that open a sentence (demonstratives, connectives): weak evidence that a piece following
# a dangling head is a new paragraph rather than its continuation.
SENTENCE_OPENER = regex.compile(
    r"^(?:该|此次|本次|这[一个些是次种样]|为了|随着|由于|如果|但是|不过|然而|因此|所以|对此|其中|"
    r"虽然|尽管|事实上|实际上|与此同时|对于|另一方面|截[至止]|针对|假如|倘若|要让|"
    r"在[^，,。；;：:]{1,12}(?:之前|之后|以前|以后|背后|期间|以来|之际|当中|之中)[，,]"
    r"|在[^，,。；;：:的]{1,10}[中里上][，,]|从[^，,。；;：:]{1,20}(?:至今|以来)[，,])"
)
# A question or an interjection without its mark: the end of an utterance (a Q&A subhead such as
# 发生暴雨等紧急情况时的职责是什么, or 嘻嘻), not a sentence cut in the middle.
UTTERANCE_END = regex.compile(
    r"(?:什么|怎么办|怎么样|为什么|如何|为何|多少|哪里|吗|呢|嘻嘻|哈哈|呵呵)$"
)
# Characters a headline never ends with: a piece ending so is cut mid-sentence.
DANGLING_CHAR = frozenset("的却把被将从向和与及并而让使给由对")
NUMBER_END = regex.compile(r"(?r)\p{Nd}[．.,，]?$")
NUMBER_START = regex.compile(r"^(?:\p{Nd}|[．.]\p{Nd}|[%％万亿元])")
DIGIT_END = regex.compile(r"(?r)\p{Nd}$")
LAST_NUMBER = regex.compile(r"\p{Nd}+$")
FIRST_NUMBER = regex.compile(r"^\p{Nd}+")
# A clause that reports what someone says (X表示，…): a sentence begins there.
# (a speaker may be a quoted screen name: 网民“林双林”认为，…)
STATEMENT = regex.compile(
    r"^(?:[^，,。；;：:！!？?“”\p{Nd}]|“[^“”，,。]{1,10}”){2,16}?"
    r"(?:表示|指出|介绍|认为|透露|强调|坦言|称|说|告诉记者)[，,：:]"
)
# What follows the last sentence end of a text (…结合点。”道墟 → 道墟).
LAST_SENTENCE = regex.compile(r"(?r)(?:[。！？!?；;]|……)[”’」』）)]*([^。！？!?；;”’」』）)]*)$")
UNIT_START = regex.compile(
    r"^(?:[个名万亿元年岁次项件种户家位台辆吨倍余条批座届期]|多[个名万亿元年人次项件种户家位台辆吨倍]"
    r"|人[次，,、。]|公[里斤顷]|平方|千[克米瓦]|[%％])"
)
# Frequent function characters: a word that has one of them alone on one side of the break
# (还|有, 其|中, 可|以, 的|当) is as likely a chance meeting of two words as a word cut in two.
FUNCTION_CHARS = frozenset(
    "的了在是和有为以可当从其还就能也都而与及并我你他她它们这那来中人大年对把被将让给向于到上下个一不据"
)
# Inside a text: the marks that end or split a clause.
CLAUSE_MARK = regex.compile(r"[，,。；;：:！!？?]")
# The last clause of a piece: what follows its last comma (…的高新区，当地 → 当地).
# (searched from the end: the same match and groups, without trying every character first)
LAST_CLAUSES = regex.compile(r"(?r)([^，,。；;：:！!？?]+)[，,]([^，,。；;：:！!？?]+)$")
# Characters that take a number after them (有|33080人, 达|1.3万名, 共|5个).
NUMBER_TAKER = frozenset("有达共约近逾超为至到占计")
NUMBER_OPEN = regex.compile(r"^\p{Nd}")
QUOTE_MARK = regex.compile(r"[“「『”」』]")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with a sentence-final mark (closing quotes and brackets allowed).

    >>> ends_sentence("他说:“好。”"), ends_sentence("从“就业边")
    (True, False)
    """
    return SENTENCE_END.search(text) is not None


def ends_paragraph(text: str) -> bool:
    """Whether ``text`` ends like a finished paragraph: a sentence end or an introducing colon."""
    return ends_sentence(text) or COLON_END.search(text) is not None


def starts_paragraph(text: str) -> bool:
    """Whether ``text`` opens like a new paragraph of news text (a veto against joining it).

    >>> [starts_paragraph(t) for t in ("据介绍,今年…", "6月16日,福建…", "缘人”")]
    [True, True, False]
    """
    return PARA_START.match(text) is not None


def starts_mid_sentence(text: str) -> bool:
    """Whether ``text`` starts with a mark no line may start with: it must continue something.

    >>> starts_mid_sentence(",16支队伍"), starts_mid_sentence("“今年")
    (True, False)
    """
    return NO_LINE_START.match(text) is not None


def quote_balance(text: str) -> tuple[int, int]:
    """``(unclosed, unopened)``: “ left open at the end, and ” met with no “ open before it.

    >>> quote_balance("他说:“今年"), quote_balance("员”,通过“轮流”讲解")
    ((1, 0), (0, 1))
    """
    depth = unopened = 0
    for ch in QUOTE_MARK.findall(text):  # the quotation marks only (most text has none)
        if ch in "“「『":
            depth += 1
        elif ch in "”」』":
            if depth:
                depth -= 1
            else:
                unopened += 1
    return depth, unopened


def closes_quote(head: str, tail: str) -> int:
    """+1 if ``tail`` closes a quote ``head`` left open, -1 if it opens another one first, else 0.

    >>> [closes_quote(h, t) for h, t in (("从“就", "业”"), ("从“就", "“上"), ("甲", "乙"))]
    [1, -1, 0]
    """
    open_, _ = quote_balance(head)
    if not open_:
        return 0
    for ch in tail:
        if ch in "”」』":
            return 1
        if ch in "“「『":
            return -1
    return 0


def opens_statement(text: str) -> bool:
    """Whether ``text`` opens with who says something (北京市血液中心主任刘江表示，…).

    >>> opens_statement("北京市血液中心主任刘江表示，开放月期间"), opens_statement("只有两家，而")
    (True, False)
    """
    return STATEMENT.match(text) is not None


def last_sentence(text: str) -> str:
    """What ``text`` says after its last sentence end (all of it if it has none).

    >>> last_sentence("所能的结合点。”道墟"), last_sentence("活动从６月１４日至７月１４")
    ('道墟', '活动从６月１４日至７月１４')
    """
    m = LAST_SENTENCE.search(text)
    return text if m is None else m.group(1)


def loose_split(head: str, tail: str) -> str:
    """A word across the break that is not a chance meeting of a function character and a word
    (还|有网民, 其|中), nor a reduplication; its pieces may be words of their own (养|老金).

    >>> loose_split("中国的养", "老金缺口"), loose_split("更大的问题还", "有网民称")
    ('养老金', '')
    """
    word = straddling_word(head, tail)
    if not word or len(set(word)) == 1:
        return ""
    cut = next(
        (k for k in range(1, len(word)) if head.endswith(word[:k]) and tail.startswith(word[k:])),
        0,
    )
    if (cut == 1 and word[0] in FUNCTION_CHARS) or (
        cut == len(word) - 1 and word[-1] in FUNCTION_CHARS
    ):
        return ""
    return word


def opens_sentence(text: str) -> bool:
    """Whether ``text`` starts with a word that opens a sentence (该, 此次, 为了 …).

    >>> opens_sentence("该厂一位客服人员表示"), opens_sentence("挣钱还要难")
    (True, False)
    """
    return SENTENCE_OPENER.match(text) is not None


# How a news paragraph opens beyond PARA_START: a date or a time of day (六月一日，…, ６月底，…,
# 昨天上午…), a source (据专家介绍), a reference back (对此，本次…). A piece cut from the middle of
# a sentence seldom opens so (the cut falls inside a clause, after a character, not a stop).
STORY_OPEN = regex.compile(
    r"^(?:(?:[\p{Nd}一二三四五六七八九十〇零]{1,4}年)?[\p{Nd}一二三四五六七八九十]{1,3}月"
    r"(?:[\p{Nd}一二三四五六七八九十]{1,3}[日号])?|[\p{Nd}]{4}年|"
    r"(?:昨|今|前)[天日晚]|当[天日晚]|上午|下午|晚间|凌晨|"
    r"据\p{Han}{1,8}?(?:介绍|了解|透露|报道|统计|表示|称|说)|对此|本次|本届|本报)"
)


def opens_story(text: str) -> bool:
    """Whether ``text`` opens the way a news paragraph does: a sentence opener
    (:func:`opens_sentence`), who says something (:func:`opens_statement`), a date or time of
    day, a source (据…介绍), a reference back (对此, 本次). Weak evidence against a far piece
    continuing a cut sentence.

    >>> [opens_story(t) for t in ("六月一日，儿童节", "据专家介绍，贴过", "作为抽检样本，其中")]
    [True, True, False]
    """
    return (
        STORY_OPEN.match(text) is not None
        or SENTENCE_OPENER.match(text) is not None
        or STATEMENT.match(text) is not None
    )


def ends_utterance(text: str) -> bool:
    """Whether ``text`` ends with a question word or an interjection (…的职责是什么, 嘻嘻).

    >>> ends_utterance("值班站长的职责是什么"), ends_utterance("疫情给高")
    (True, False)
    """
    return UTTERANCE_END.search(text) is not None


def dangles(text: str) -> bool:
    """Whether ``text`` ends with a character no headline or sentence ends with (的, 却, 把 …)."""
    return bool(text) and text[-1] in DANGLING_CHAR


def number_straddles(head: str, tail: str) -> bool:
    """Whether a number runs across the break (捐款３３８０|１．２０元, ８．|７亿).

    >>> number_straddles("捐款３３８０", "１．２０元"), number_straddles("共3", "人")
    (True, False)
    """
    if NUMBER_END.search(head) is None or NUMBER_START.match(tail) is None:
        return False
    last, first = LAST_NUMBER.search(head), FIRST_NUMBER.match(tail)
    # …—２０１２ | ２０１２年东风…: the same number again opens a new line, it does not go on
    return not (last and first and len(last.group()) >= 2 and last.group() == first.group())


def short_last_clause(text: str) -> bool:
    """Whether ``text`` ends with a clause just begun: after its last comma two or three words'
    worth of characters at most, a third or less of the clause before (…的高新区，当地). A
    headline with a comma has clauses of like length (稳就业，保民生).

    >>> short_last_clause("在这个创办于偏远瑶都的高新区，当地"), short_last_clause("稳就业，保民生")
    (True, False)
    """
    m = LAST_CLAUSES.search(text)
    if m is None:
        return False
    before, last = m.group(1), m.group(2)
    return len(last) <= 3 and HAN_WORD.fullmatch(last) is not None and 3 * len(last) <= len(before)


def number_follows(head: str, tail: str) -> bool:
    """Whether ``head`` ends with a character that takes a number and ``tail`` opens with one.

    >>> number_follows("各类劳动力75892人次，有", "33080人获得"), number_follows("共3", "人")
    (True, False)
    """
    return bool(head) and head[-1] in NUMBER_TAKER and NUMBER_OPEN.match(tail) is not None


def number_unit(head: str, tail: str) -> bool:
    """Whether ``head`` ends with a digit and ``tail`` opens with the unit or measure word that
    counts it (１４０|个项目, ２００６|年的): a number cut from what it counts.

    >>> number_unit("申报的１４０", "个项目"), number_unit("共3", "人"), number_unit("第3", "版")
    (True, False, False)
    """
    return DIGIT_END.search(head) is not None and UNIT_START.match(tail) is not None


# Characters that count or measure what a number before them counts (beyond UNIT_START's): a
# piece opening with one may carry on a number cut at the break.
MEASURE_CHARS = frozenset(
    "个名万亿元年月日号时点分秒岁次项件种户家位台辆吨倍余条批座届期包盒罐瓶袋本张片只头公千米克平方多所双棵株斤级层场天周"
)
SHORT_NUMBER_END = regex.compile(r"(?r)\p{Han}\p{Nd}{1,2}$")


def number_cut_off(head: str, tail: str) -> bool:
    """Whether ``head`` ends with a short number whose unit is missing and ``tail`` opens with
    a word that counts nothing (…大概１ | 我们之前捐赠…, …而上年总收入为２ | 基金会…): the rest
    of the number is elsewhere.

    >>> number_cut_off("总收入为２", "基金会募集资金很困难"), number_cut_off("在９", "包当中")
    (True, False)
    """
    if SHORT_NUMBER_END.search(head) is None or not tail or tail[0] in MEASURE_CHARS:
        return False
    return HAN.match(tail) is not None and UNIT_START.match(tail) is None and starts_word(tail)


def has_clause_mark(text: str) -> bool:
    """Whether ``text`` has any clause punctuation (headlines usually have none)."""
    return CLAUSE_MARK.search(text) is not None


# -- lexical resources ------------------------------------------------------------------------


BIGRAM_MIN_COUNT = 500
"""Least weighted count (summed word frequencies) of a bigram kept in ``data/bigrams.txt``."""
BIGRAMS = "data/bigrams.txt"
TOTAL = "#total"


def build_bigrams(lines: Iterable[str], min_count: int = BIGRAM_MIN_COUNT) -> str:
    """The text of ``data/bigrams.txt`` from the lines of a jieba-style dictionary.

    Each line is ``word frequency [tag]``; each Han word of frequency ``f`` adds ``f`` to the count
    of each of its characters and of each bigram inside it, so that the PMI of a bigram says how
    often its two characters stand together inside one word (nothing is learned across words).
    Rows, one a line: ``#total`` and the sum of all character counts, then the counts of the
    characters of the kept bigrams, then the bigrams counted at least ``min_count``.
    """
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit() or not HAN_WORD.fullmatch(parts[0]):
            continue
        word, freq = parts[0], int(parts[1])
        for ch in word:
            uni[ch] += freq
        for a, b in pairwise(word):
            bi[a + b] += freq
    kept = {k: v for k, v in bi.items() if v >= min_count}
    chars = {ch for k in kept for ch in k}
    rows = [f"{TOTAL}\t{sum(uni.values())}"]
    rows += [f"{k}\t{v}" for k, v in sorted(uni.items()) if k in chars]
    rows += [f"{k}\t{v}" for k, v in sorted(kept.items())]
    return "\n".join(rows) + "\n"


@cache
def _counts() -> tuple[dict[str, int], dict[str, int], int]:
    """Character counts, bigram counts and the total of all character counts."""
    text = resources.files("cleaner").joinpath(BIGRAMS).read_text(encoding="utf-8")
    uni: dict[str, int] = {}
    bi: dict[str, int] = {}
    total = 0
    for row in text.splitlines():
        key, _, n = row.partition("\t")
        if key == TOTAL:
            total = int(n)
        else:
            (uni if len(key) == 1 else bi)[key] = int(n)
    return uni, bi, total or sum(uni.values())


WORD_MIN_FREQ = {2: 10, 3: 30, 4: 50}
"""Least frequency (in jieba's dictionary) of a word kept in ``data/words.txt.gz``, by length."""
WORDS = "data/words.txt.gz"


def build_words(lines: Iterable[str]) -> bytes:
    """The gzipped text of ``data/words.txt.gz`` from the lines of a jieba-style dictionary.

    Each line is ``word frequency [tag]``; kept: Han words of two to four characters at least as
    frequent as :data:`WORD_MIN_FREQ` says, sorted, one a line (about 72,000 words, 240 KB).
    """
    keep: set[str] = set()
    for line in lines:
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        word, freq = parts[0], int(parts[1])
        least = WORD_MIN_FREQ.get(len(word))
        if least is not None and freq >= least and HAN_WORD.fullmatch(word):
            keep.add(word)
    return _packed(keep)


def _packed(words: Iterable[str]) -> bytes:
    """The words sorted, one a line, gzipped the same way every time (the word files' form)."""
    text = "\n".join(sorted(words)) + "\n"
    return gzip.compress(text.encode("utf-8"), 9, mtime=0)


def _read_words(name: str) -> frozenset[str]:
    """The words of a word file of ``data/`` (empty if the file is missing)."""
    try:
        data = resources.files("cleaner").joinpath(name).read_bytes()
    except (FileNotFoundError, OSError):  # pragma: no cover
        return frozenset()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


HAN_WORD = regex.compile(r"\p{Han}+")

VERBS = "data/verbs.txt.gz"
VERB_MIN_FREQ = 10
"""Least frequency (in jieba's dictionary) of a verb kept in ``data/verbs.txt.gz``."""


def build_verbs(lines: Iterable[str]) -> bytes:
    """The gzipped text of ``data/verbs.txt.gz`` from the lines of a jieba-style dictionary.

    Kept: the Han words of two to four characters tagged ``v`` (a verb, nothing else) at least
    ``VERB_MIN_FREQ`` frequent, sorted, one a line (about 13,000 words).
    """
    keep: set[str] = set()
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or not parts[1].isdigit() or parts[2] != "v":
            continue
        word = parts[0]
        if 2 <= len(word) <= 4 and int(parts[1]) >= VERB_MIN_FREQ and HAN_WORD.fullmatch(word):
            keep.add(word)
    return _packed(keep)


@cache
def _verbs() -> frozenset[str]:
    """The verbs of ``data/verbs.txt.gz``."""
    return _read_words(VERBS)


# A clause that opens with its own subject: a short noun phrase, then an adverb or the copula
# (李军也建议…, 康师傅是…, 基金会的几个头头竟背着…).
SUBJECT_OPEN = regex.compile(
    r"^((?:《[^《》]{1,10}》|[^，,。；;：:！!？?、“”（）()《》\s\p{Nd}]){2,14}?)[也还竟都又却才已仍亦均便是]"
)
# The last clause of a text: what follows its last clause mark or quotation mark.
LAST_CLAUSE = regex.compile(r"(?r)[^，,。；;：:！!？?、“”]*$")


def has_verb(text: str) -> bool:
    """Whether a verb of ``data/verbs.txt.gz`` stands anywhere in ``text``.

    >>> has_verb("再说市场化操作并不违反"), has_verb("之所以现在")
    (True, False)
    """
    verbs = _verbs()
    return any(
        text[k : k + n] in verbs for n in (2, 3, 4) for k in range(max(len(text) - n + 1, 0))
    )


# Adverbs a clause cannot end with: a verb (or another adverb, a modal) must follow.
VERB_WANTING = frozenset("也已")
PREDICATE_START = frozenset("不没未都还也已就才又再很更最能会要可应将正在被把让使对向从给为")


def wants_verb(head: str, tail: str) -> bool:
    """Whether ``head`` ends with an adverb that wants a verb after it (…也, …已) and ``tail``
    opens with none (…因为即便餐馆填写了单子，也 | 另一家回收油脂企业…).

    >>> wants_verb("也", "另一家企业"), wants_verb("也", "有可能把"), wants_verb("而已", "他")
    (True, False, False)
    """
    if head[-1:] not in VERB_WANTING or ends_word(head) or not tail:
        return False
    return tail[0] not in PREDICATE_START and not opens_with_verb(tail) and tail[0] not in "有是"


def new_subject(head: str, tail: str) -> bool:
    """Whether ``tail`` opens a clause of its own after a ``head`` whose last clause has its
    verb already: a noun phrase without a verb, then an adverb or the copula (…并不违反 |
    基金会的几个头头竟背着…, …实行延长 | 李军也建议…). A clause cut after its verb goes on
    with the object, not with a new subject. Not after a head that dangles (…央视及 |
    ＢＴＶ等数十家媒体都…), nor for a tail that opens with a verb or with 等 (it closes a list).

    >>> new_subject("再说市场化操作并不违反", "基金会的几个头头竟背着大多数副理事长")
    True
    >>> new_subject("之所以现在", "刘家庄村民还能闻到刺鼻的柴油味道")
    False
    """
    m = SUBJECT_OPEN.match(tail)
    if m is None or tail[:1] == "等" or dangles(head) or has_verb(m.group(1)):
        return False
    if opens_with_verb(tail):
        return False
    last = LAST_CLAUSE.search(head)
    return last is not None and has_verb(last.group())


def opens_with_verb(text: str) -> bool:
    """Whether the first word of ``text`` (the longest word of two to four characters at its
    start) is a verb: a piece that goes on with a predicate continues a sentence whose subject
    went before, while a news paragraph opens with who or what it is about.

    >>> opens_with_verb("领取高于企业人员的养老金"), opens_with_verb("中国是世界１３个缺水国家")
    (True, False)
    """
    words, verbs = _phrases(), _verbs()
    for k in (4, 3, 2):
        w = text[:k]
        if len(w) == k and (w in words or w in verbs):
            return w in verbs
    return False


@cache
def _words() -> frozenset[str]:
    """The common words of ``data/words.txt.gz``."""
    return _read_words(WORDS)


@cache
def _phrases() -> frozenset[str]:
    """Simplified words of two to four characters: OpenCC's phrases and the common word list."""
    words: set[str] = set(_words())
    try:
        base = resources.files("opencc").joinpath("dictionary")
        st = base.joinpath("STPhrases.txt").read_text(encoding="utf-8")
        ts = base.joinpath("TSPhrases.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover
        return frozenset()
    for line in st.splitlines():
        words.add(line.split("\t", 1)[0])
    for line in ts.splitlines():
        words.update(line.split("\t", 1)[-1].split(" "))
    return frozenset(w for w in words if 2 <= len(w) <= 4)


def phrases() -> frozenset[str]:
    """The word list of :func:`straddling_word` (words of two to four characters)."""
    return _phrases()


def counts() -> tuple[dict[str, int], dict[str, int], int]:
    """Character counts, bigram counts (``data/bigrams.txt``) and the total of the characters."""
    return _counts()


def pmi(a: str, b: str) -> float:
    """Pointwise mutual information (bits) of the bigram ``ab``; 0.0 when it was never seen.

    >>> pmi("技", "术") > 4, pmi("。", "我")
    (True, 0.0)
    """
    uni, bi, total = _counts()
    n = bi.get(a + b, 0)
    if not n:
        return 0.0
    return math.log2(n * total / (uni.get(a, 1) * uni.get(b, 1)))


def bigram_count(a: str, b: str) -> int:
    return _counts()[1].get(a + b, 0)


def straddling_word(head: str, tail: str) -> str:
    """A dictionary word (2-4 characters) that runs across the break, or ``""``.

    >>> straddling_word("在沿街店", "面建起了")
    '店面'
    """
    return _straddling(head[-3:], tail[:3])


# The pieces (left start, right length) a straddling word may be made of, longest word first
# and, of words of one length, the longer piece of the left side first; by side lengths.
_PIECES = {
    (nl, nr): tuple(
        (nl - k, size - k)
        for size in (4, 3, 2)
        for k in range(min(size - 1, nl), max(size - nr, 1) - 1, -1)
    )
    for nl in range(4)
    for nr in range(4)
}


@lru_cache(maxsize=1 << 16)
def _straddling(left: str, right: str) -> str:
    """:func:`straddling_word` of the last three and the first three characters (cached): the
    longest word made of a piece of ``left``'s end and a piece of ``right``'s start (of words of
    one length, the one with the longer piece of ``left``)."""
    words = _phrases()
    for a, n in _PIECES[len(left), len(right)]:
        w = left[a:] + right[:n]
        if w in words:
            return w
    return ""


def ends_word(head: str, word: str = "") -> bool:
    """Whether ``head`` ends with a word of two or three characters other than ``word``'s start.

    >>> ends_word("开设", "设计"), ends_word("就业边", "边缘")
    (True, False)
    """
    words = _phrases()
    return any(head[-k:] in words and not word.startswith(head[-k:]) for k in (2, 3))


def starts_word(text: str) -> bool:
    """Whether ``text`` starts with a word of two to four characters.

    >>> starts_word("消毒餐具"), starts_word("行延长退休")
    (True, False)
    """
    words = _phrases()
    return any(text[:k] in words for k in (2, 3, 4))


def splits_word(head: str, tail: str) -> str:
    """A word cut in two by the break, whose pieces are no words on their own side, or ``""``.

    Stricter than :func:`straddling_word`: 实|行延长 (实行; 行延 is no word) counts, while
    你|消毒餐具 does not (消毒 opens a word after the break) nor 实现|就业 (实现 ends one
    before it).

    >>> splits_word("我国从２０１６年实", "行延长退休"), splits_word("陷阱：你", "消毒餐具")
    ('实行', '')
    """
    word = straddling_word(head, tail)
    if not word:
        return ""
    if starts_word(tail) or ends_word(head):
        return ""
    if len(set(word)) == 1:
        return ""  # 小|小: reduplication, or the same character ending one line and opening another
    cut = next(
        k for k in range(1, len(word)) if head.endswith(word[:k]) and tail.startswith(word[k:])
    )
    if (cut == 1 and word[0] in FUNCTION_CHARS) or (
        cut == len(word) - 1 and word[-1] in FUNCTION_CHARS
    ):
        return ""  # 还|有, 其|中, 为|了: a function character alone on one side proves nothing
    return word


def lexical_score(head: str, tail: str) -> tuple[float, list[str]]:
    """How strongly the characters on each side of the break read as one word, with the cues.

    Only Han characters on both sides give evidence; anything else scores 0.
    """
    if not head or not tail or not (HAN.match(head[-1]) and HAN.match(tail[0])):
        return 0.0, []
    cues: list[str] = []
    score = 0.0
    word = straddling_word(head, tail)
    if word and ends_word(head, word):
        word = ""  # 开设|计划: the head ends with a word of its own, 设计 is a chance meeting
    if word:
        score += 1.5
        cues.append(f"word:{word}")
    p = pmi(head[-1], tail[0])
    if p > 0:  # every bigram in the table is frequent inside words (BIGRAM_MIN_COUNT)
        score += 0.3 * p
        cues.append(f"pmi:{p:.1f}")
    return score, cues


def main(argv: list[str] | None = None) -> int:
    """``python -m cleaner.filters.cues --build``: rebuild the word list and the bigram table."""
    ap = argparse.ArgumentParser(prog="python -m cleaner.filters.cues", description=main.__doc__)
    ap.add_argument("--build", action="store_true", help="rebuild the word list and bigrams")
    ap.add_argument("--dict", type=Path, help="a jieba-style dictionary (default: jieba's own)")
    args = ap.parse_args(argv)
    if not args.build:
        ap.print_help()
        return 0
    path = args.dict
    if path is None:
        try:
            path = Path(str(resources.files("jieba").joinpath("dict.txt")))
        except ModuleNotFoundError:
            print("jieba is not installed: pip install jieba, or give --dict", file=sys.stderr)
            return 2
    data = Path(__file__).resolve().parents[1]
    out = data / WORDS
    with path.open(encoding="utf-8") as f:
        out.write_bytes(build_words(f))
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(_words.__wrapped__())} words)")
    out = data / BIGRAMS
    with path.open(encoding="utf-8") as f:
        out.write_text(build_bigrams(f), encoding="utf-8")
    uni, bi, _total = _counts.__wrapped__()
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(uni)} characters, {len(bi)} bigrams)")
    out = data / VERBS
    with path.open(encoding="utf-8") as f:
        out.write_bytes(build_verbs(f))
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(_verbs.__wrapped__())} verbs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
