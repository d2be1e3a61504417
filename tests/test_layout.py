"""Line classification (cleaner.layout): half- and full-width punctuation alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import layout


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("本报记者 康劲 本报通讯员 马世元", "byline"),
        ("本报记者 吴锋思", "byline"),
        ("本报通讯员 夏梅 柳月珍", "byline"),
        ("本报见习记者刘帅", "byline"),  # a story's last line (Sohu), not a headline
        ("本报见习记者刘帅本报记者刘红杰", "byline"),
        ("報導．攝影╱仲芝蓉", "byline"),
        ("本报讯(记者李润剑)6月16日,福建省总工会启动2020年防暑降温工作", "lead"),
        ("本报讯（记者方大丰 通讯员罗毅 唐新辉）“全面建成小康社会，一个也不能少”", "lead"),
        ("本报讯 (记者王伟 通讯员迮晓鸣)近日,江苏省教育科技工会组织百名乡村优秀青年教师", "lead"),
        (
            "本报南京11月2日电（记者王伟）今天，全国工会联系引导社会组织服务职工工作会议在南京召开。",
            "lead",
        ),
        ("本报讯 记者张浩星 通讯员郑轶文报道 “王师傅,最近身体如何?", "lead"),
        ("通讯员杜娅玲 记者羊荣江报道 近日,东阳市总工会在横店开展红木行业专项工资集体协商", "lead"),
        ("南都讯　记者刘凡　周昌和　任笑一　继推出日票后，深圳今后将设地铁ＶＩＰ头等车厢", "lead"),
        ("中新网杭州６月１８日电（记者）今天，杭州召开会议。", "lead"),
        ("目前该公司已实现正常生产。 本报通讯员 胡小龙 摄", "caption"),
        ("…一位选手在比赛中。 本报通讯员 杨木军 报", "caption"),
        ("举办全院首届“城建杯”拔河比赛。通讯员姚利美、夏韵 摄", "caption"),
        ("新华社记者李晓果摄", "credit"),
        ("胡珑川 摄/东方IC", "credit"),
        ("本报通讯员 杨韬 摄", "credit"),
        ("（上接第1版）", "marker"),
        ("(上接第1版)", "marker"),
        ("（下转第2版）", "marker"),
        ("《中国工运》第7期要目", "toc_title"),
        ("不忘工运策源地初心 牢记赣鄱工会人使命……龚建华", "toc_entry"),
        ("——新中国70年商贸服务业发展和职工队伍建设回顾……中国财贸轻纺烟草工会", "toc_entry"),
        ("阅读提示", "label"),
        ("作者：刘俊　（来源：广州日报）", "endnote"),
        ("（责任编辑：王伟）", "endnote"),
        ("新闻特写", "label"),
        ("一场“香”飘万家的竞赛", "headline"),
        (
            "临夏州工会通过技能竞赛助力扶贫车间产业升级,让在家门口就业的“新工人”入会进家——",
            "headline",
        ),
        ("海南举办“嗨转健” 群众趣味运动会", "headline"),
        # must not be taken for layout lines
        ("和水平。”", "body"),
        ("就业。", "body"),
        ("2017年12月,湖南省委办公厅印发", "body"),
        ("记者了解到，相较于去年，海曙区总工会对困难职工的建档信息核查更加严谨细致。", "body"),
        ("在人民日报上发表的文章引起了关注，大家纷纷表示赞同。", "body"),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert layout.classify(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "“工会送来的好技术,管用",
        "据介绍,运动会由海南省旅游和文化广电体育厅指导,",
        "",
        "ABC",
        "Ｅ、网上捐赠地址：［",  # a colon before a dangling opening bracket
        "捐款请注明：（",
        "他说，“",
    ],
)
def test_not_headline_like(text: str) -> None:
    assert not layout.headline_like(text)


@pytest.mark.parametrize(
    "text",
    [
        "网上捐赠地址［详细］",
        "“走心”帮扶暖了村民心",
        "浙江９名师生支教四川　凉山深处上学娃（图）",
        "更大的问题还在于道德的溃败、信任的失守［",  # a title cut before its ［详细］ link
        "的信念激励着全世界上亿志愿者…［",
    ],
)
def test_closed_brackets_stay_headline_like(text: str) -> None:
    assert layout.headline_like(text)


def test_numbered_subhead() -> None:
    assert layout.NUMBERED.match("二、捐赠标准")
    assert layout.NUMBERED.match("（三）强奸妇女")
    assert not layout.NUMBERED.match("三塘兰园")
    assert layout.NUMBERED.match("１２．全角数字") and layout.NUMBERED.match("（１０）条")


@pytest.mark.parametrize(
    "text",
    ["一、严格管理", "１．全角", "(３)条", "（十二）条", "12.条", "十一、条", "说明：", "三：条"],
)
def test_numbered_agrees_with_field(text: str) -> None:
    """dedup.near tells numbered items from labelled fields with NUMBERED, on FIELD's matches."""
    from cleaner.filters.dedup_exact import FIELD

    field = FIELD.match(text)
    assert field is not None
    numbered = not regex.match(r"^\p{Han}{1,4}[：:]", field.group())
    assert bool(layout.NUMBERED.match(text)) is numbered


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("图为市民在公园里赏花。 李明 摄", True),
        ("胡珑川 摄/东方IC", True),
        ("…平安長大。」報導 攝影╱仲芝蓉", True),
        ("图／新华社", True),
        ("他们一起参加了拍摄。", False),
        ("本报记者 王伟", False),
    ],
)
def test_credit_end(text: str, credit: bool) -> None:
    assert bool(layout.CREDIT_END.search(text)) is credit


@pytest.mark.parametrize(
    ("gaps", "blank"),
    [([0, 1, 1, 1, 1], True), ([0, 0, 0, 1, 0, 0], False), ([0], True), ([0, 1, 0, 1, 1], True)],
)
def test_blank_separated(gaps: list[int], blank: bool) -> None:
    assert layout.blank_separated(gaps) is blank


def test_labels_that_open_a_story() -> None:
    assert layout.opens_story("新闻特写")
    assert not layout.opens_story("延伸阅读：")


@pytest.mark.parametrize(
    ("text", "kind"),
    [  # the cheap tests in front of each pattern must not hide a match
        ("阅读提示：", "label"),
        ("新闻特写  ", "label"),
        ("本期目录", "toc_title"),
        ("（下转第4版）", "marker"),
        ("新华社北京3月5日电 记者王伟", "lead"),
        ("记者 王伟 报道 今天上午，全市召开会议，部署了全年的工作。", "lead"),
        ("图为市民在公园里赏花，游人如织。 本报记者 胡珑川 摄/东方IC", "caption"),
        ("……", "body"),
    ],
)
def test_prefilters_keep_matches(text: str, kind: str) -> None:
    assert layout.classify(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "一场“香”飘万家的竞赛",
        "入会进家、脱贫致富有奔头——",
        "工会" * 30 + "——",  # a kicker of 62 characters: longer than a headline
        "工会" * 41 + "——",  # too long for a kicker
        "和水平。”",
        "  温馨小空间 传递大关爱  ",
        "",
    ],
)
def test_classify_headline_is_headline_like(text: str) -> None:
    """``classify`` decides a headline with the stripped text and its length already known: the
    same as asking :func:`layout.headline_like` of a line short enough or a kicker."""
    t = text.strip()
    expected = (layout.visible_len(t) <= layout.HEADLINE_MAX or layout.is_kicker(t)) and (
        layout.headline_like(t)
    )
    assert (layout.classify(text) == "headline") == expected


# ---- the fast paths of classify against the patterns alone ------------------------------------

_WS = regex.compile(r"\s+")
_OLD_NOT_HEADLINE = (layout._NOT_HEADLINE_END, layout._SENTENCE)


def _reference_headline_like(t: str, n: int, max_len: int) -> bool:
    if n <= layout.KICKER_MAX and t.endswith("——") and "。" not in t:
        return True
    if n == 0 or n > max_len or not regex.search(r"\p{Han}", t):
        return False
    if any(p.search(t) for p in _OLD_NOT_HEADLINE):
        return False
    return layout.quotes_balanced(t) and not layout._DATE_START.match(t)


def _reference_classify(text: str) -> str:
    """:func:`layout.classify` as the patterns define it, with none of its cheap tests in front."""
    t = text.strip()
    n = len(_WS.sub("", t))
    checks = [
        ("marker", layout.MARKER.match(t)),
        ("label", layout._LABEL_TRIM.sub("", t) in layout.LABELS),
        ("toc_title", layout.TOC_TITLE.match(t)),
        ("credit", n <= 30 and layout.CREDIT.match(t)),
        ("endnote", n <= 40 and layout.ENDNOTE.match(t)),
        ("byline", n <= 40 and (layout.BYLINE.match(t) or layout.SLASH_BYLINE.match(t))),
        ("toc_entry", n <= 120 and layout.TOC_ENTRY.match(t) and not layout.is_kicker(t)),
        ("lead", layout.LEAD.match(t) or (n > 40 and layout.LEAD_CREDIT.search(t))),
        ("caption", layout.CAPTION.search(t)),
        ("headline", n <= layout.KICKER_MAX and _reference_headline_like(t, n, 40)),
    ]
    return next((kind for kind, hit in checks if hit), "body")


# Characters the patterns look for, and some they do not: lines made of them reach every branch.
_ALPHABET = (
    "本报讯记者通讯员实习生新华社特约见习驻京摄影攝報導撰文記╱/／()（）上下接转第1２版"
    "要目录……——。，,、；;：:…！？!?“”《》「」』［[【〈 \u3000\t作者来源责任编辑阅读提示新闻特写"
    "月日电年0王李张工会竞赛图·aZ"
)


# …and pieces of the lines they match, a few strung together.
_PIECES = [
    *("本报记者", "新华社特约记者", "本报驻京记者", "通讯员", "记者", "实习生", "见习记者"),
    *("本报通讯员", "王伟", "李明华", "张三、李四", "欧阳·娜娜", "摄", "报", "/东方IC", "／"),
    *("╱", "報導", "报道", "撰文", "文", "記者", "攝影", "．", "（", "）", "(", ")", "上接"),
    *("第1版", "下转", "要目", "目录", "……", "——", "本报讯", "南京", "11月2日", "电", "讯"),
    *("作者", "来源", "：", "责任编辑", "阅读提示", "新闻特写", "一场竞赛", "工会送温暖", "。"),
    *("，", "！", "”", "“", "《", "》", "2017年", "12月,", "近日", "的", "9", " ", "\u3000"),
]
_LINES = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=60),
    st.lists(st.sampled_from(_PIECES), max_size=5).map("".join),
    st.lists(st.sampled_from(_PIECES), max_size=14).map("".join),
)


@given(_LINES)
@settings(max_examples=1000, deadline=None)
def test_classify_is_the_patterns(text: str) -> None:
    assert layout.classify(text) == _reference_classify(text)


@pytest.mark.parametrize("pad", ["", "  ", "\u3000", "工会" * 40])
@pytest.mark.parametrize(
    "text",
    [
        "本报记者 康劲 本报通讯员 马世元",
        "新华社记者李晓果摄",
        "胡珑川 摄/东方IC",
        "作者：刘俊　（来源：广州日报）",
        "報導．攝影╱仲芝蓉",
        "撰文／李明华 摄影／王伟",
        "记者/张三",
        "李明 报",
        "本报记者 王伟 报/新华",
        "（责任编辑：王伟）",
        "本文来源：新华网",
        "实习生 李明华",
        "特约通讯员 张三、李四",
        "见习记者刘帅本报记者刘红杰",
        "目前该公司已实现正常生产。 本报通讯员 胡小龙 摄",
        "本报讯（记者方大丰 通讯员罗毅 唐新辉）“全面建成小康社会，一个也不能少”",
        "一场“香”飘万家的竞赛",
        "2017年12月,湖南省委办公厅印发",
        "𠀀工会送温暖",  # a Han character outside the common block first
    ],
)
def test_classify_is_the_patterns_on_examples(text: str, pad: str) -> None:
    for t in (text, pad + text, text + pad):
        assert layout.classify(t) == _reference_classify(t)


def test_classify_is_the_patterns_on_real_lines() -> None:
    root = Path(__file__).resolve().parents[1]
    files = [*sorted(root.glob("seeds/*.txt")), *sorted(root.glob("fixtures/corpus/**/*.txt"))]
    lines = {ln for f in files for ln in f.read_text(encoding="utf-8").splitlines()}
    assert len(lines) > 1000
    assert [layout.classify(t) for t in lines] == [_reference_classify(t) for t in lines]


def test_visible_len_fast_path_is_exact() -> None:
    """``visible_len`` counts a printable text without the ASCII space as it is: that needs every
    other character ``\\s`` matches to be unprintable. The Han fast path of ``_headline_like``
    needs the common block to be all Han."""
    chars = (chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    spaces = set(_WS.findall("".join(chars)))
    assert spaces and all(not c.isprintable() for c in "".join(spaces).replace(" ", ""))
    assert all(regex.match(r"\p{Han}", chr(c)) for c in range(0x4E00, 0xA000))
    for text in ("工会 送温暖", "工会\u3000送温暖", "工会\t送\xa0温暖", "工会送温暖", ""):
        assert layout.visible_len(text) == len(_WS.sub("", text))


@given(_LINES, st.sampled_from([40, 60, 80]))
@settings(max_examples=500, deadline=None)
def test_headline_like_is_the_patterns(text: str, max_len: int) -> None:
    t = text.strip()
    expected = _reference_headline_like(t, len(_WS.sub("", t)), max_len)
    assert layout.headline_like(text, max_len=max_len) is expected
