"""P01–P06: half-width punctuation in Chinese text, with must-not-change negatives."""

from __future__ import annotations

import doctest
import sys

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.audit import replay, unaccounted
from cleaner.config import Settings
from cleaner.filters import FILTERS, punct
from cleaner.filters.base import Filter
from cleaner.filters.charscan import inside, protected_spans
from cleaner.model import from_text
from cleaner.runner import clean_text


def run(name: str, text: str) -> str:
    result = FILTERS[name].apply(from_text(text))
    assert unaccounted(text, result) == []
    assert replay(text, result) == [p.text for p in result.doc.paragraphs]
    again = FILTERS[name].apply(result.doc)
    assert again.changes == (), f"{name} not idempotent on {text!r}"
    return "\n".join(p.text for p in result.doc.paragraphs)


def stage1(text: str) -> str:
    """All the character filters of stage 1, as the pipeline runs them."""
    settings = Settings(select=("W", "U", "P", "T", "O"))
    return "\n".join(p.text for p in clean_text(text, settings).doc.paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("据了解,3月开始,", "据了解，3月开始，"),
        ("0574-81890510,我们24小时", "0574-81890510，我们24小时"),
        ("记者:“希望", "记者：“希望"),
        ("有什么困难?以后", "有什么困难？以后"),
        ("太好了!”", "太好了！”"),
        ("体系;2020年", "体系；2020年"),
        ("”与“缺”?柳南区", "”与“缺”？柳南区"),
        ("好!!", "好！！"),
        ("蚂蚁疾奔:蚂蚁集团两地上市~全速推进!", "蚂蚁疾奔：蚂蚁集团两地上市~全速推进！"),
        ("中文;中文", "中文；中文"),  # autocorrect keeps ';' (peer convention differs)
        ("时间:12:30,地点", "时间：12:30，地点"),
    ],
)
def test_halfwidth_converts(text: str, expected: str) -> None:
    assert run("punct.halfwidth", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3.2万人 7.4级地震 1.3万名 55% 0574-81890510",
        "共有2,000人 12:30开始",
        "通过手机APP、微信公众号",
        "1+10 300元/人 摄/东方IC",
        "Hello, world! How are you?",
        "请打开URL地址 https://google.com/a?b=1,2;c 访问",
        "比分3:2",
    ],
)
def test_halfwidth_negatives(text: str) -> None:
    assert run("punct.halfwidth", text) == text


def test_halfwidth_keeps_urls_and_emails() -> None:
    assert run("punct.halfwidth", "邮箱:me@example.com,网址http://a.cn/x?y=1,请访问") == (
        "邮箱：me@example.com，网址http://a.cn/x?y=1，请访问"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报讯(记者王伟 通讯员迮晓鸣)近日", "本报讯（记者王伟 通讯员迮晓鸣）近日"),
        ("开展各类宣传教育活动179场(次),专题", "开展各类宣传教育活动179场（次）,专题"),
        ("浙江省劳模郭勇军(图中右二)率领", "浙江省劳模郭勇军（图中右二）率领"),
        ("(上接第1版)", "（上接第1版）"),
        ("(上接第1版", "（上接第1版"),  # unpaired, next to Chinese
        ("(1)职工", "（1）职工"),
        ("公告:(美股)阿里巴巴", "公告:（美股）阿里巴巴"),
        ("甲(乙(丙)丁)", "甲（乙（丙）丁）"),
        ("Apple(AAPL)股价", "Apple（AAPL）股价"),
    ],
)
def test_parens(text: str, expected: str) -> None:
    assert run("punct.parens", text) == expected


@pytest.mark.parametrize(
    "text", ["Apple (AAPL) rose", ")", "f(x) = 2", "见 http://a.cn/(x) 页", "(1) (2)"]
)
def test_parens_negatives(text: str) -> None:
    assert run("punct.parens", text) == text


def test_angle_in_book_title() -> None:
    text = "《云南省总工会关于印发<云南省总工会关于建立健全困难职工帮扶机制的意见>等8个文件的通知》"
    assert run("punct.angle", text) == text.replace("<", "〈").replace(">", "〉")
    for negative in ("a<b>c", "当x<3且y>2时", "《通知》<附件>"):
        assert run("punct.angle", negative) == negative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('他说"你好"。', "他说“你好”。"),
        ('"请求参数错误."', "“请求参数错误.”"),
        ('他说"你好" and "hi"', '他说“你好” and "hi"'),
    ],
)
def test_quotes(text: str, expected: str) -> None:
    assert run("punct.quotes", text) == expected


@pytest.mark.parametrize("text", ['say "hi"', '他说"你好', '"a" "b" "c'])
def test_quotes_negatives(text: str) -> None:
    assert run("punct.quotes", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("你好,这是一个句子.", "你好,这是一个句子。"),
        ("“请求参数错误.”", "“请求参数错误。”"),
    ],
)
def test_period(text: str, expected: str) -> None:
    assert run("punct.period", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dollar 的演示 $阿里巴巴.US$ 股票标签",
        "约翰.史密斯来华",
        "增长3.2%.",
        "等等...",
        "访问www.sohu.com.",
    ],
)
def test_period_negatives(text: str) -> None:
    assert run("punct.period", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报讯 （记者王伟 通讯员迮晓鸣） 近日", "本报讯（记者王伟 通讯员迮晓鸣）近日"),
        ("…报道 “王师傅，最近身体如何？”", "…报道“王师傅，最近身体如何？”"),
        ("有网友点赞下单。 新华社记者 杨青摄", "有网友点赞下单。新华社记者 杨青摄"),
        ("注意 ： 引进给变量 ， 转换为机器代码 。", "注意：引进给变量，转换为机器代码。"),
        ("热线0574-81890510 ，我们", "热线0574-81890510，我们"),
    ],
)
def test_spaces(text: str, expected: str) -> None:
    assert run("punct.spaces", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "海南举办“嗨转健” 群众趣味运动会",  # headline: layout space next to a quote
        "深化“三服务” 工会在行动",
        "本报讯 记者胡翀 通讯员燕飞报道 日前，绍兴",
        "本报记者 康劲 本报通讯员 马世元",
        "参加比赛。通讯员姚利美、夏韵 摄",
        "报讯（记者刘俊）\u3000“我们也是受害者”",  # U+3000 is typesetting: kept
        "「她很有潛力， 7、8月份的PK賽」",  # a space before a number or Latin text: a choice
    ],
)
def test_spaces_negatives(text: str) -> None:
    assert run("punct.spaces", text) == text


def test_stage1_byline_lead() -> None:
    assert stage1("本报讯 (记者王伟 通讯员迮晓鸣)近日,江苏") == (
        "本报讯（记者王伟 通讯员迮晓鸣）近日，江苏"
    )


@pytest.mark.parametrize("name", [n for n in FILTERS if n.split(".")[0] in ("punct", "unicode")])
def test_docstring_examples(name: str) -> None:
    """The examples in each filter's docstring (decorated filters are not collected as doctests)."""
    flt: Filter[object] = FILTERS[name]
    parser = doctest.DocTestParser()
    module = sys.modules[flt.run.__module__]
    test = parser.get_doctest(flt.doc, dict(vars(module)), name, None, 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0


def _plain_paren_edits(text: str) -> list[tuple[int, int, str, str]]:
    """P02's rule as first written: every round over a list of characters."""
    keep = protected_spans(text)
    chars = list(text)
    changed: dict[int, str] = {}
    half = text.count("(") + text.count(")")
    for _ in range(4):
        cur = "".join(chars)
        found: dict[int, str] = {}
        paired: set[int] = set()
        for m in regex.finditer(r"\(([^()\n]*)\)", cur):
            a, b = m.start(), m.end() - 1
            paired.update((a, b))
            if inside(a, keep) or inside(b, keep):
                continue
            if (
                punct._IS_CJK.search(m.group(1))
                or punct._cjk_at(cur, a - 1, -1)
                or punct._cjk_at(cur, b + 1, 1)
            ):
                found[a], found[b] = "pair in Chinese text", "pair in Chinese text"
        for m in regex.finditer(r"[()]", cur):
            i = m.start()
            if i in paired or inside(i, keep):
                continue
            if punct._cjk_at(cur, i - 1, -1, True) or punct._cjk_at(cur, i + 1, 1, True):
                found[i] = "unpaired, next to Chinese text"
        if not found:
            break
        for i, why in found.items():
            chars[i] = punct.FULL[chars[i]]
            changed[i] = why
        if len(changed) == half:
            break
    return [(i, i + 1, chars[i], f"half-width '{text[i]}': {changed[i]}") for i in sorted(changed)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="()（）中文 aA1,.:@/w", max_size=16))
def test_paren_edits_are_the_plain_rule(text: str) -> None:
    para = from_text(text.strip() or "x").paragraphs[0]
    got = [e[:4] for e in punct._paren_edits(para)]
    assert got == _plain_paren_edits(para.text)


def test_paren_edits_nested_and_url() -> None:
    for text in ("他说((内)外)", "见http://a.cn/(x)页(注)", "(a(中)b)", "Apple (AAPL) 场(次"):
        para = from_text(text).paragraphs[0]
        assert [e[:4] for e in punct._paren_edits(para)] == _plain_paren_edits(text)


_URL_PIECES = ["中文,", "见www.a.cn,", "a@b.com,中", "http://x.y/a,b?c", "12,000人", "好!", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=8).map("".join))
def test_halfwidth_of_a_page_is_halfwidth_of_each_line(text: str) -> None:
    """P01 looks for URLs in a paragraph only on a page that has one: the page's result is each
    line's on its own."""
    whole = punct.halfwidth.apply(from_text(text))
    alone = [punct.halfwidth.apply(from_text(line)) for line in text.split("\n") if line.strip()]
    assert [p.text for p in whole.doc.paragraphs] == [
        p.text for r in alone for p in r.doc.paragraphs
    ]
    assert [(c.before, c.after, c.reason) for c in whole.changes] == [
        (c.before, c.after, c.reason) for r in alone for c in r.changes
    ]
