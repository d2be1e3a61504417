"""What a line of a newspaper page is, from its text alone: pure, line-level classification.

The segmenter (``filters/segment.py``) and the headline joiner (``filters/headlines.py``) build on
these labels; the context rules (is a short line a headline or a subhead?) live there, not here.
Every pattern accepts both half-width and full-width punctuation, because OCR gives either
(``本报讯(记者…)`` and ``本报讯（记者…）``).

>>> [classify(t) for t in ("本报记者 康劲 本报通讯员 马世元", "（上接第1版）", "阅读提示")]
['byline', 'marker', 'label']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import regex

Kind = Literal[
    "marker",
    "label",
    "toc_title",
    "toc_entry",
    "byline",
    "credit",
    "endnote",
    "lead",
    "caption",
    "headline",
    "body",
]

_OPEN = r"[（(]"
_CLOSE = r"[）)]"
_NAME = r"\p{Han}{2,4}(?:[·•]\p{Han}{1,6})?"
_NAMES = rf"{_NAME}(?:\s*[、，,]\s*{_NAME}|\s+{_NAME})*"
_ROLE = (
    r"(?:本报(?:特约|见习|驻\p{Han}{1,6})?记者|本报通讯员|新华社(?:特约)?记者|特约记者|特约通讯员"
    r"|见习记者|通讯员|记者|实习生)"
)

# (上接第1版) (下转第2版): a continuation marker, a whole line.
MARKER = regex.compile(
    rf"^{_OPEN}\s*(?:上接|下转|接上|转自|紧接|转接)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*{_CLOSE}$"
)
# Section labels printed above a box or a story.
_LABEL_WORDS = "阅读提示 新闻特写 核心阅读 编者按 记者手记 相关链接 新闻链接 短评 图片新闻 延伸阅读"
LABELS = frozenset(f"{_LABEL_WORDS} 背景链接 新闻背景 人物简介 小资料 记者观察".split())
_LABEL_TRIM = regex.compile(r"[\s:：]+$")
# 《中国工运》第7期要目 and entries: "title……author", "——subtitle……author".
TOC_TITLE = regex.compile(r"^[^。]{0,30}(?:要目|目录)$")
TOC_ENTRY = regex.compile(r"^(?:——[^。]{2,100}|[^。]{2,100}……\s*[\p{Han}\w《》]{2,24})$")
# 本报记者 吴锋思 / 本报记者 康劲 本报通讯员 马世元
BYLINE = regex.compile(rf"^(?:{_ROLE}\s*{_NAMES}\s*)+$")
# A photo credit on its own line: 新华社记者李晓果摄, 胡珑川 摄/东方IC, 本报通讯员 杨韬 摄.
CREDIT = regex.compile(rf"^(?:{_ROLE})?\s*{_NAMES}\s*(?:摄|\s报)(?:\s*/\s*[\w\p{{Han}}]+)?$")
# A caption that ends with its credit: …正常生产。 本报通讯员 胡小龙 摄, …通讯员姚利美、夏韵 摄.
CAPTION = regex.compile(rf"{_ROLE}\s*{_NAMES}\s*(?:摄|\s报)(?:\s*/\s*[\w\p{{Han}}]+)?$")
# Any line that ends with a photo or reporter credit, whatever precedes it (rejoin: such a line is
# no cut paragraph): …正常生产。 李明 摄, 胡珑川 摄/东方IC, …報導 攝影╱仲芝蓉, 图/新华社.
CREDIT_END = regex.compile(
    r"(?:摄(?:/\S+)?|\s报)\s*$|(?:摄|攝)影?\s*[/／╱]\s*\S{1,12}$|[图圖]\s*[/／╱]\s*\S{1,12}$"
)
# The dateline that opens a story: 本报讯(记者…), 本报南京11月2日电, 通讯员X 记者Y报道.
LEAD = regex.compile(
    r"^(?:本报讯|\p{Han}{1,6}讯\s*[（(\s]\s*(?:记者|通讯员)"
    r"|\p{Han}{2,12}\d{1,2}月\d{1,2}日(?:电|讯)"
    rf"|(?:(?:记者|通讯员|实习生)\s*{_NAMES}\s*)+报道)"
)
# A reporter's credit printed at the end of the first paragraph (…報導．攝影╱仲芝蓉) or alone.
_CREDIT_WORDS = (
    r"(?:報導|报道|撰文|文|記者|记者)(?:\s*[．.·、]\s*(?:攝影|摄影))?\s*[╱/／]\s*\p{Han}{2,4}"
)
LEAD_CREDIT = regex.compile(rf"{_CREDIT_WORDS}$")
SLASH_BYLINE = regex.compile(rf"^{_CREDIT_WORDS}(?:\s+\S+){{0,3}}$")
# A line that closes a story: 作者：刘俊　（来源：广州日报）, （责任编辑：王伟）.
ENDNOTE = regex.compile(r"^[（(]?\s*(?:本文)?(?:作者|来源|稿件来源|责任编辑|编辑)\s*[：:／/]")
# Punctuation a headline does not end with (a sentence or a cut paragraph does), also before a
# dangling opening bracket (``Ｅ、网上捐赠地址：［``; a title may end in one: ``…信任的失守［``).
_NOT_HEADLINE_END = regex.compile(
    r"[。，,、；;：:…]$|[。，,、；;：:][［\[【（(《“「『〈]+$|[。][”’」』]?$"
)
_SENTENCE = regex.compile(r"。|[！？!?][^”’」』]")
# A line that starts with a date and a comma is a sentence cut short: 2017年12月,湖南省委办公厅印发
_DATE_START = regex.compile(r"^\d{2,4}年(?:\d{1,2}月)?(?:\d{1,2}日)?[,，]")
# An enumerated subhead: 一、 二． 3. (四) — in-body structure, never a new story's headline.
NUMBERED = regex.compile(
    r"^(?:[一二三四五六七八九十\d]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[)）])"
)
# Any of the three above: one search instead of three (the line is no headline if it matches).
_NOT_HEADLINE = regex.compile(
    "|".join(p.pattern for p in (_NOT_HEADLINE_END, _SENTENCE, _DATE_START))
)
_HAN = regex.compile(r"\p{Han}")
_SPACE = regex.compile(r"\s+")

HEADLINE_MAX = 40
KICKER_MAX = 80


def visible_len(text: str) -> int:
    """The length of ``text`` without its whitespace.

    >>> visible_len("本报记者　康劲 摄"), visible_len("正文。")
    (7, 3)
    """
    # A printable text has no whitespace but the ASCII space (every other character that
    # ``\s`` matches is unprintable; ``tests/test_layout.py`` checks it over all of Unicode):
    # most lines of a page have none or a few, and are counted without building a copy.
    if text.isprintable():
        return len(text) - text.count(" ")
    return len(_SPACE.sub("", text))


def quotes_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count("《") == text.count("》")


def is_kicker(text: str) -> bool:
    """A 引题 that ends with a dash: ``…入会进家、脱贫致富有奔头——``."""
    t = text.strip()
    return t.endswith("——") and "。" not in t and visible_len(t) <= KICKER_MAX


def headline_like(text: str, max_len: int = HEADLINE_MAX) -> bool:
    """A short line with no sentence in it: a headline, a subhead, a photo title, or a fragment.

    >>> headline_like("一场“香”飘万家的竞赛"), headline_like("和水平。”")
    (True, False)
    >>> headline_like("2017年12月,湖南省委办公厅印发")
    False
    """
    t = text.strip()
    return _headline_like(t, visible_len(t), max_len)


def _headline_like(t: str, n: int, max_len: int) -> bool:
    """:func:`headline_like` of a stripped line ``t`` of visible length ``n``."""
    if n <= KICKER_MAX and t.endswith("——") and "。" not in t:  # a kicker (``is_kicker``)
        return True
    if n == 0 or n > max_len:
        return False
    if not ("\u4e00" <= t[0] <= "\u9fff" or _HAN.search(t)):  # (a common Han character first)
        return False
    if "。" in t:  # a sentence (``_SENTENCE``): most short body lines, told without a search
        return False
    if t.count("“") != t.count("”") or t.count("《") != t.count("》"):  # quotes_balanced
        return False
    return _NOT_HEADLINE_CHARS.isdisjoint(t) or not _NOT_HEADLINE.search(t)


# What each branch of ``_NOT_HEADLINE`` needs (年: the date at the start): most headlines have
# none of these characters, and need no search.
_NOT_HEADLINE_CHARS = frozenset("。，,、；;：:…！？!?年")


# Labels that stand over a story of their own (the others head a box inside a story).
_STORY_WORDS = "新闻特写 阅读提示 核心阅读 编者按 短评 图片新闻 记者手记 记者观察"
STORY_LABELS = frozenset(_STORY_WORDS.split(" "))


def opens_story(label: str) -> bool:
    return _LABEL_TRIM.sub("", label.strip()) in STORY_LABELS


_LABEL_STARTS = frozenset(w[:2] for w in LABELS)


def is_label(text: str) -> bool:
    t = text.strip()
    return t[:2] in _LABEL_STARTS and _LABEL_TRIM.sub("", t) in LABELS


def classify(text: str) -> Kind:
    """The kind of one line, from its text alone.

    >>> classify("本报讯 (记者王伟 通讯员迮晓鸣)近日,江苏省教育科技工会组织百名乡村优秀青年教师。")
    'lead'
    >>> classify("…目前该公司已实现正常生产。 本报通讯员 胡小龙 摄")
    'caption'
    >>> classify("《中国工运》第7期要目"), classify("不忘工运策源地初心 牢记赣鄱工会人使命……龚建华")
    ('toc_title', 'toc_entry')
    """
    # Each pattern is tried only when a cheap test on the text says it can match (the test is
    # implied by the pattern; ``tests/test_layout.py`` checks the result against the patterns
    # alone): most lines of a page are body text, and a page may have 100,000.
    t = text.strip()
    first = t[:1]
    if first in "(（" and MARKER.match(t):
        return "marker"
    if t[:2] in _LABEL_STARTS and _LABEL_TRIM.sub("", t) in LABELS:
        return "label"
    if t.endswith(("要目", "目录")) and TOC_TITLE.match(t):
        return "toc_title"
    n = len(t) - t.count(" ") if t.isprintable() else visible_len(t)  # (visible_len, inlined)
    if n <= 40:
        if n <= 30 and (t.endswith(_CREDIT_ENDS) or "/" in t) and CREDIT.match(t):
            return "credit"
        if ("编辑" in t or "来源" in t or "作者" in t) and ENDNOTE.match(t):
            return "endnote"
        if (first in _ROLE_FIRST and BYLINE.match(t)) or (
            first in _SLASH_FIRST and _has_slash(t) and SLASH_BYLINE.match(t)
        ):
            return "byline"
    if n <= 120 and (t.startswith("——") or "……" in t) and TOC_ENTRY.match(t) and not is_kicker(t):
        return "toc_entry"
    # ``LEAD`` can match only with 讯 in the first 7 characters, 月 in the first 15, or a role.
    if (("讯" in t[:7] or "月" in t[:15] or t.startswith(_LEAD_ROLES)) and LEAD.match(t)) or (
        n > 40 and _has_slash(t) and LEAD_CREDIT.search(t)
    ):
        return "lead"
    if (t.endswith(_CREDIT_ENDS) or "/" in t) and _has_role(t) and CAPTION.search(t):
        return "caption"
    if n <= KICKER_MAX and _headline_like(t, n, HEADLINE_MAX):  # (kickers are up to 80 long)
        return "headline"
    return "body"


# What the cheap tests of :func:`classify` look for: how a credit ends (``CREDIT``, ``CAPTION``:
# 摄 or 报, or a ``/`` before an agency), how a byline starts (the first character of a
# ``_ROLE``, of ``_CREDIT_WORDS``).
_CREDIT_ENDS = ("摄", "报")
_ROLE_FIRST = "本新特见通记实"
_SLASH_FIRST = "報报撰文記记"


def _has_role(t: str) -> bool:
    """Whether ``_ROLE`` can match in ``t``: every role has 记者, 通讯员 or 实习生 in it."""
    return "记者" in t or "通讯员" in t or "实习生" in t


_LEAD_ROLES = ("记者", "通讯员", "实习生")


def _has_slash(t: str) -> bool:
    return "╱" in t or "/" in t or "／" in t


def blank_separated(gaps: Sequence[int]) -> bool:
    """Whether blank lines separate paragraphs (a raw page, a clean article) or articles.

    Our own text output puts one paragraph per line and a blank line between articles only; in
    that layout a line break is a paragraph break and a blank line an article boundary.
    """
    if len(gaps) < 2:
        return True
    tight = gaps[1:].count(0)
    return tight * 2 < len(gaps) - 1
