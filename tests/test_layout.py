"""Line classification (cleaner.layout): half- and full-width punctuation alike."""

from __future__ import annotations

import pytest
import regex

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
