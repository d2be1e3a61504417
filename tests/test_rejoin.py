"""``join.split`` (J01): paragraphs cut at a column break are joined back, nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import audit, layout, render
from cleaner.filters import cues, rejoin
from cleaner.filters.rejoin import JoinOptions, is_furniture, is_head, join_split
from cleaner.model import Result, from_text
from cleaner.runner import clean_text

ROOT = Path(__file__).resolve().parents[1]
LONG = "临夏州是深度贫困的“三区三州”之一。近年来,当地在扶贫车间建设上下功夫,吸纳群众就业。"


def run(*paras: str) -> Result:
    return join_split.apply(from_text("\n\n".join(paras)))


def texts(result: Result) -> list[str]:
    return [p.text for p in result.doc.paragraphs]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        (LONG + "今年,洋泾街道总工会率先在沿街店", "面建起了一个爱心接力站。"),
        (LONG + "交谈时,海曙工会干事彭丹丹将王", "森林的情况一一记录在本子上。"),
        (LONG + "分赴困难职工家庭,", "核实困难家庭情况。"),
        (LONG + "他说:“今年", "工会送来了好技术。”"),
    ],
)
def test_adjacent_joins(head: str, tail: str) -> None:
    result = run(head, tail, LONG)
    assert texts(result) == [head + tail, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "adjacent"
    assert join.data["score"] >= JoinOptions().threshold
    assert "adjacent" in join.data["cues"]
    assert join.safety == "heuristic"
    assert (join.before, join.after) == (head, tail)  # what --check shows of the join


def test_distant_join_and_the_adjacency_trap() -> None:
    """000: the dangling 疫情给高 is followed by another head's tail; its own is not on the page."""
    head = LONG + "更与每日奔忙在生产线上的操作工一起,感"
    trap = "福建省总还提出,要积极应对疫情给高"
    tail = "受到螺蛳粉产业经济跳动的脉搏。"
    result = run(head, LONG, LONG + "。", trap, tail, LONG + "!")
    out = texts(result)
    assert out[0] == head + tail
    assert trap in out
    assert not any(trap + tail in t for t in out)
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"
    flagged = [p for p in result.doc.paragraphs if p.text == trap]
    assert flagged and "unjoined-head" in flagged[0].flags


def test_distant_tail_closing_a_quote() -> None:
    head = LONG + "让闲置劳动力从“就业边"
    tail = "缘人”变身成为“上班族”,帮助他们实现就地致富。"
    result = run(LONG + "。", head, "阅读提示", LONG, tail, LONG + "!")
    assert head + tail in texts(result)
    assert texts(result).index(head + tail) == 1  # where the head stood


def test_chain_of_pieces() -> None:
    a = LONG + "开展消防演练等活动,增强企业与职工的"
    b = "安全意识,有效防范各类有影响"
    c = "的事故发生。"
    assert texts(run(a, b, c)) == [a + b + c]


@pytest.mark.parametrize(
    "paras",
    [
        ("一场“香”飘万家的竞赛", "本报记者 康劲 本报通讯员 马世元"),  # headline, byline
        (
            "攻坚解困脱困,让城市困难职工同步迈入小康",
            "广西柳州市总工会构建了困难职工解困脱困联动机制。",
        ),
        (LONG + "有关负责人表示:", "“我们将继续努力。”"),  # finished with a colon
        (LONG, "(上接第1版)", LONG),
        (LONG + "据悉", "据介绍,今年的活动有三项。"),  # paragraph-start veto
        (LONG + "［详细］", "中国是世界13个缺水国家之一。"),
        ("6月9日,吴连会在直播中介绍镰刀。新华社记者 杨青摄", "工会送来了好技术。"),
    ],
)
def test_not_joined(paras: tuple[str, ...]) -> None:
    result = run(*paras)
    assert not [c for c in result.changes if c.action == "join"]
    assert texts(result) == list(paras)


def test_orphan_head_and_truncated_end_are_kept_and_flagged() -> None:
    orphan = LONG + "2017年12月,湖南省委办公厅印发了"
    last = LONG + "在从化区工会的帮助下,已有48"
    result = run(orphan, "本报讯 今年以来,工会开展帮扶。", last)
    assert texts(result)[0] == orphan and texts(result)[-1] == last
    assert result.doc.paragraphs[0].flags == ("unjoined-head",)
    assert result.doc.paragraphs[-1].flags == ("truncated",)
    assert {c.action for c in result.changes} == {"flag"}


def test_classifiers() -> None:
    assert is_furniture("阅读提示") and is_furniture("胡珑川 摄/东方IC")
    assert is_furniture("不忘工运策源地初心 牢记赣鄱工会人使命……龚建华")
    assert not is_furniture("洗脸盆，帮无力承担学费的准大学生交足了3年学费……")
    assert is_head(LONG + "从“就业边") and not is_head(LONG)


@pytest.mark.parametrize(
    "line",
    [  # layout's definitions: the forms rejoin's own copies used to miss
        "（转接第3版）",
        "(上接第 1 版)",
        "新闻背景",
        "人物简介：",
        "小资料",
        "记者观察",
        "新华社特约记者 王伟",
        "游絲地說：「鬼門關前走一遭，也不知還能活多久。」報導 攝影╱仲芝蓉",
        "南都讯　记者刘凡　继推出日票后,深圳今后将设地铁头等车厢,设坐票制。 本报记者 李刚 摄",
    ],
)
def test_layout_furniture_is_never_joined(line: str) -> None:
    assert is_furniture(line) and not is_head(line)
    head = LONG + "今年,洋泾街道总工会率先在沿街店"
    assert texts(run(head, line, LONG)) == [head, line, LONG]


def test_nothing_lost_and_idempotent_on_seeds() -> None:
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = clean_text(text)
        assert audit.unaccounted(text, result) == []
        again = clean_text(render.to_text(result.doc))
        assert not [c for c in again.changes if c.action == "join"], path.name


def _pages() -> list[tuple[str, str]]:
    pages: list[tuple[str, str]] = []
    for folder in sorted((ROOT / "fixtures" / "corpus").iterdir()):
        files = sorted(folder.glob("*.txt"))
        texts_ = [f.read_text(encoding="utf-8") for f in files]
        pages += [(f.name, t) for f, t in zip(files, texts_, strict=True)]
        pages.append((f"{folder.name}/ALL", "\n\n".join(texts_)))
    return pages


def test_clean_corpus_at_most_one_false_join_per_thousand_paragraphs() -> None:
    paragraphs = joins = 0
    for _, text in _pages():
        paragraphs += sum(1 for line in text.split("\n") if line.strip())
        joins += sum(1 for c in join_split.apply(from_text(text)).changes if c.action == "join")
    assert paragraphs > 1000
    assert joins * 1000 <= paragraphs


def test_paragraph_cut_twice_is_joined_in_one_run() -> None:
    """A B C: A+B then (A+B)+C in the same run, so that a second run joins nothing."""
    a = LONG + "今年,洋泾街道总工会率先在沿街店"
    b = "面建起了一个爱心接力站,为环卫工人、快递员"
    c = "等户外劳动者提供休息场所。"
    first = run(a, b, c, LONG)
    assert texts(first) == [a + b + c, LONG]
    again = join_split.apply(from_text(render.to_text(first.doc)))
    assert not [ch for ch in again.changes if ch.action == "join"]


def test_blank_lines_do_not_decide_adjacency() -> None:
    """The rendered output keeps no blank lines, so they must not change a decision."""
    head = LONG + "今年,洋泾街道总工会率先在沿街店"
    tail = "面建起了一个爱心接力站。"
    assert texts(join_split.apply(from_text(f"{head}\n\n\n\n{tail}"))) == [head + tail]


@pytest.mark.parametrize(
    ("head", "tail", "cue"),
    [
        (
            LONG + "搜狐网总编辑刘春先生捐款３３８０",
            "１．２０元，可帮助到１０００名孩子。",
            "number-straddles",
        ),
        (
            LONG + "一部分事业单位人员在职时不用缴纳养老保险,退休后却",
            "能领取高于企业人员的养老金。",
            "head-dangles",
        ),
    ],
)
def test_new_evidence(head: str, tail: str, cue: str) -> None:
    result = run(head, tail)
    assert texts(result) == [head + tail]
    assert cue in result.changes[0].data["cues"]


@pytest.mark.parametrize(
    "paras",
    [
        # a question subhead is no tail, however short and finished it is
        (LONG + "我们不要等待危难时才想起他们,才想到他们", "城市怎样平等对待农民工?", LONG),
        # a dangling head followed by a sentence that opens with 该 (its own tail is elsewhere)
        (LONG + "分别是倍慧较大婴儿配", "该厂一位客服人员表示，公司并没有收到通知。"),
        # …with 针对, 假如, or a time frame 在…之前， (tune pages 1121, 1130, 1131)
        (LONG + "到了６月底，又被", "针对这些食品安全问题的“累犯”，工商部门将采取措施。"),
        (LONG + "车尾向上翘起。整个", "假如车门打不开，可用修车工具砸开车窗。"),
        (LONG + "这里的人大部分", "在活动举行之前，学校图书室里摆满了陈旧的书。"),
        # a straight quote opening the piece after a head whose own quotes are closed
        (LONG + "老年人比任何一个社会群体", "＂信为本、孝为先＂，即做事要以信为本。"),
    ],
)
def test_new_vetoes(paras: tuple[str, ...]) -> None:
    assert not [c for c in run(*paras).changes if c.action == "join"]


def test_last_orphans_join_by_elimination() -> None:
    """001: the tail 就业。 stands before its head; they are the only pieces left over."""
    head = LONG + "43名下岗失业人员、困难职工家庭成员通过技能培训实现"
    tail = "就业。"
    after = "据介绍,全市工会开展就业创业免费技能培训。"
    result = run("鄂尔多斯市总精准服务职工", tail, LONG, head, after)
    # the joined paragraph stands where its first piece on the page (the tail) stood
    assert texts(result) == ["鄂尔多斯市总精准服务职工", head + tail, LONG, after]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert "only-orphans-left" in join.data["cues"]
    # two heads left over: ambiguous, nothing joined by elimination
    other = LONG + "全市工会开展就业创业免费技能培训,让更多职工"
    result = run("鄂尔多斯市总精准服务职工", tail, LONG, head, after, other, after)
    assert not [c for c in result.changes if c.action == "join"]


def test_a_far_tail_completing_a_cut_word_beats_a_bare_adjacent_paragraph() -> None:
    """你|消毒 trap: the head cuts 实|行; its rest stands after another paragraph."""
    head = LONG + "专家建议,我国应从２０１６年起逐步实"
    other = "网民“林双林”建议,首先要做实个人账户,再谈延迟退休的问题。"
    tail = "行延长退休年龄的政策,每年延长几个月,到２０４５年时达到６５岁。"
    result = run(head, other, LONG, tail)
    assert texts(result) == [head + tail, other, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"
    assert "split-word:实行" in join.data["cues"]
    # printed before its head, the tail gives the joined paragraph its place
    result = run(other, tail, LONG, head)
    assert texts(result) == [other, head + tail, LONG]


def test_two_far_pieces_completing_the_cut_word_leave_the_head_alone() -> None:
    head = LONG + "专家建议,我国应从２０１６年起逐步实"
    other = "网民“林双林”建议,首先要做实个人账户,再谈延迟退休的问题。"
    tail = "行延长退休年龄的政策,每年延长几个月,到２０４５年时达到６５岁。"
    tail2 = "行新的缴费办法,让更多职工参加保险,保险费由单位和个人共同负担。"
    result = run(head, other, tail, LONG, tail2)
    assert not [c for c in result.changes if c.action == "join"]
    assert "unjoined-head" in result.doc.paragraphs[0].flags


def test_a_short_head_ending_in_a_clause_just_begun_joins_its_neighbour() -> None:
    """003: …的高新区，当地 | 政府的… is short; no headline ends two characters after a comma."""
    head = "在这个创办于偏远瑶都的高新区，当地"
    tail = "政府的“母亲式服务”吸引了大量企业前来投资兴业。"
    assert texts(run(LONG, head, tail, LONG)) == [LONG, head + tail, LONG]
    subhead = "稳就业，保民生"  # clauses of like length: a subhead, kept apart
    assert texts(run(LONG, subhead, LONG)) == [LONG, subhead, LONG]


def test_a_number_printed_away_from_the_word_that_takes_it() -> None:
    """002: …劳动力75892人次，有 | 33080人获得职业技能鉴定证书。 printed before its head."""
    tail = "33080人获得职业技能鉴定证书。"
    head = "全市已培训种养殖能手、电工等各类劳动力75892人次，有"
    result = run(LONG, tail, LONG + "。", head, "江汉油田职工就医有了“专属帮扶”", LONG)
    assert head + tail in texts(result)
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"
    assert "number-follows" in join.data["cues"]


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("攻坚解困脱困，让城市困难职工同步迈入小康", False),  # 002 subhead
        ("产业扶贫吸纳和带动1.3万名贫困群众家门口就业，助力江华县脱贫摘帽", False),  # 003
        ("福建省总还提出，要积极应对疫情给高", True),
        ("全市开展免费技能培训，43名下岗失业人员通过技能培训实现", True),
        ("2017年12月，湖南省委办公厅印发", True),
    ],
)
def test_headlines_with_commas_are_not_flagged_as_cut(line: str, flagged: bool) -> None:
    result = run(LONG, line, LONG)
    assert ("unjoined-head" in result.doc.paragraphs[1].flags) is flagged


# -- round 5: number cuts, sentence-like short heads, far pieces at a break -------------------

ENUM = "此次活动得到了社会各界的关注,陈坤、崔永元、邓飞、高圆圆、黄晓明、韩红、敬"


@pytest.mark.parametrize(
    ("head", "tail", "cue"),
    [
        (  # a number cut from the measure word that counts it
            "人物评选共收集了水环保领域８３个民间组织和个人申报的１４０",
            "个项目,覆盖了除港澳台地区的所有省和直辖市。",
            "number-unit",
        ),
        ("全市采供血总量从２００６", "年的９３吨,增加到２０１１年的１４６吨。", "number-unit"),
        (  # a short line ending with a digit is no headline when the number runs on
            "搜狐网总编辑刘春先生捐款３３８０",
            "１．２０元(人民币),可帮助到１０００名孩子穿上运动鞋。",
            "number-straddles",
        ),
        (  # a decimal point at the break
            "郑秉文介绍,我国劳动年龄人口总量将从２０１０年的９．７亿减少到２０５０年的８．",
            "７亿。其中减少的拐点将发生在２０１５年。",
            "number-straddles",
        ),
        (  # two commas in a short line: a sentence, not a headline
            "北京突降暴雨,很多汽车水中熄火,甚至有司机",
            "被困车内溺水身亡。司机面对“水门关”时应如何自救?",
            "adjacent",
        ),
        (ENUM, "一丹、李冰冰、刘春、刘烨、潘石屹等人纷纷转发。", "adjacent"),  # an enumeration
    ],
)
def test_number_and_sentence_like_heads_join(head: str, tail: str, cue: str) -> None:
    result = run(LONG, head, tail, LONG)
    assert texts(result) == [LONG, head + tail, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert cue in join.data["cues"]


@pytest.mark.parametrize(
    "paras",
    [
        ("决胜2020", "今年是全面建成小康社会之年,各级工会积极行动。"),  # headline, no number on
        ("第3", "版要闻"),  # not a measure word
        (
            ENUM[:-1] + "李冰",
            "截止到６月１日下午,共有５３４７位网友捐款。",
        ),  # 截止 opens a sentence
        (  # a line opening like a paragraph over a subhead with a comma: not joined
            "目前，北京能安装油水分离器的废弃油脂收集企业和餐饮单位的数量",
            "攻坚解困脱困，让城市困难职工同步迈入小康",
        ),
        ("2017年12月，湖南省委办公厅印发", LONG),  # 002: its rest is not on the page
        ("福建省总还提出，要积极应对疫情给高", "受到螺蛳粉产业经济跳动的脉搏。"),  # 000 trap
    ],
)
def test_number_and_sentence_like_negatives(paras: tuple[str, ...]) -> None:
    assert not [c for c in run(LONG, *paras, LONG).changes if c.action == "join"]


HEADLINE = "养老保险空账正迅速扩大　养老金缺口凸显老龄化"
SUBHEAD = "延迟退休并非治本之策"
CUT_HEAD = "对此,不少网民指出,空账问题可以通过国家的财政补贴等方式给以解决,但问题是,中国的养"


def test_a_far_piece_at_a_break_joins_on_evidence_and_opens_the_story_under_the_headline() -> None:
    """As on page 1011: the rest (元…) is printed before its head's story, right before its
    headline. The joined paragraph stands where its first piece stood, but in its own story:
    first under the headline, not at the end of the story above (as the gold of 001 puts
    …实现 + 就业。). (1011's own cut, 养|老金, scored high only while the bigram table was counted
    from the Sohu articles the page is made of; from jieba's dictionary 养|老 is a weaker cue.)"""
    head = CUT_HEAD.removesuffix("中国的养") + "养老金缺口已达数万亿"
    tail = "元,而且一直在不断扩大,有限的财政补贴无法跟上其扩张速度。"
    result = run(LONG, tail, HEADLINE, LONG, head, SUBHEAD, LONG)
    assert texts(result) == [LONG, HEADLINE, head + tail, LONG, SUBHEAD, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"
    assert {"tail-at-break", "word:万亿元"} <= set(join.data["cues"])


@pytest.mark.parametrize(
    ("page", "place"),
    [
        ((LONG, "元,而且一直在不断扩大。", HEADLINE, "本报记者 王伟", LONG, CUT_HEAD), 3.5),
        ((LONG, "元,而且一直在不断扩大。", HEADLINE, CUT_HEAD), 2.5),  # the head is under it
        ((LONG, "元,而且一直在不断扩大。", LONG, HEADLINE, CUT_HEAD), 1),  # no headline after it
        ((HEADLINE, "就业。", LONG, CUT_HEAD), 1),  # 001: already under its headline
    ],
)
def test_a_tail_printed_first_opens_the_story_under_the_headline_after_it(
    page: tuple[str, ...], place: float
) -> None:
    feats = [rejoin.features(t, 25) for t in page]
    assert rejoin._under_headline(feats, 1, len(page) - 1) == place


@pytest.mark.parametrize(
    "tail",
    [
        "此次活动主要针对的人群是在校大学生,目的是普及预防知识。",  # 由|此次: opens a sentence
        "公安部门依法严厉处置和打击,对一时处理不了的进行身份核实。",  # no evidence at all
    ],
)
def test_far_pieces_at_a_break_without_evidence_stay(tail: str) -> None:
    head = "五、将违法犯罪的流浪乞讨人员列为有害流浪乞讨人员,由"
    result = run(LONG, tail, HEADLINE, LONG, head, SUBHEAD, LONG)
    assert not [c for c in result.changes if c.action == "join"]
    assert "unjoined-head" in result.doc.paragraphs[4].flags


def test_two_far_pieces_at_breaks_fitting_alike_leave_the_head_alone() -> None:
    tail = "老金缺口一直在不断扩大,有限的财政补贴无法跟上其扩张速度。"
    tail2 = "老金缺口逐年加大,各地的财政补贴已经难以为继,需要新的办法。"
    result = run(LONG, CUT_HEAD, SUBHEAD, tail, HEADLINE, LONG, tail2, HEADLINE)
    assert not [
        c for c in result.changes if c.action == "join" and c.data["distance"] != "adjacent"
    ]


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        # 004: the speaker's name is cut (道墟|街道…): joined
        (
            LONG + "“要找到职工所需和工会所能的结合点。”道墟",
            "街道总工会负责人介绍,活动很受欢迎。",
            True,
        ),
        # a whole speaker after a head ending with a whole word: a new sentence
        (
            LONG + "活动期间,学校团体、献血服务",
            "北京市血液中心主任刘江表示,开放月期间中心将开放。",
            False,
        ),
        # …or after a long sentence cut anywhere (a number, 传得): a new sentence all the same
        (
            LONG + "４日正式启动,活动从６月１４日至７月１４",
            "北京市血液中心主任刘江表示,开放月期间中心将开放。",
            False,
        ),
        (LONG + "就在这一提议在社会上传得", "不少网民指出,延迟退休引发热议。", False),
        # a speaker who is a quoted screen name
        (LONG + "然而,现在问题不大,不等于以", "网民“林双林”认为,我国今后面临几个问题。", False),
    ],
)
def test_a_piece_opening_with_a_speaker(head: str, tail: str, joined: bool) -> None:
    result = run(LONG, head, tail, LONG)
    assert (head + tail in texts(result)) is joined


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        (
            "二、援助西藏发展基金会设立“阳光工程基",
            "金”,成立“阳光工程基金”管理委员会,邀请各界参加。",
        ),
        ("三、由“阳光计划基金”管理委员会负责资", "金严格合理的使用运行,欢迎社会各界监督。"),
        ("“我们只有成为一座让群众", "放心的桥梁,大家才会愿意安全地从这个桥上通过。”"),
    ],
)
def test_a_short_line_joins_only_when_the_next_piece_plainly_goes_on(head: str, tail: str) -> None:
    assert texts(run(LONG, head, tail, LONG)) == [LONG, head + tail, LONG]


@pytest.mark.parametrize(
    "paras",
    [
        (
            "鄂尔多斯市总精准服务职工",
            "就业困难人员得到了帮助,全市工会开展免费技能培训。",
        ),  # headline
        ("一场“香”飘万家的竞赛", "本报记者 康劲 本报通讯员 马世元"),
        (
            "中国雅虎副总编张银生和凤凰网城市频道",
            "总监赵耀分别以各自媒体优势介绍了活动的宣传方案。",
        ),
    ],
)
def test_a_short_line_without_plain_evidence_stays(paras: tuple[str, ...]) -> None:
    assert not [c for c in run(LONG, *paras, LONG).changes if c.action == "join"]


def test_a_bare_neighbour_gives_way_to_a_far_piece_with_evidence() -> None:
    """The head's rest closes its quote far away; the paragraph after it has only adjacency."""
    head = LONG + "他说,不能弄得如此的悲情和凄惨。这样的“"
    other = "向社会求救助,以期疗救病危的父亲,其目的也在于表达孝心。"
    tail = "行为艺术”太难以令人接受了,是一种“不孝子孙”的反面教材。"
    result = run(head, other, LONG, HEADLINE, tail, LONG)
    assert texts(result)[:2] == [head + tail, other]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"


def test_elimination_takes_the_one_pair_that_fits() -> None:
    """001: two heads and two orphan tails are left; only one pair can go together.

    和水平。” closes a quote that neither head opened, and …效果。”驻 + 就业。 would make a sentence
    of three characters (驻就业。): …通过技能培训实现 + 就业。 is the one pair left.
    """
    headline = "鄂尔多斯市总精准服务职工"
    quoted = "“全面小康路上一个都不能少,把帮扶政策送到心坎上,才能收到脱贫的良好效果。”驻"
    head = LONG + "43名下岗失业人员、困难职工家庭成员通过技能培训实现"
    paras = (quoted, "矿山井下职工盼医盼药迫切", "和水平。”", LONG, headline, "就业。", LONG)
    doc = from_text("\n\n".join((*paras, head, SUBHEAD, LONG)))
    off = JoinOptions(pair_elimination=False)  # on by default
    assert not [c for c in join_split.apply(doc, off).changes if c.action == "join"]
    result = join_split.apply(doc, JoinOptions(pair_elimination=True))
    out = texts(result)
    assert head + "就业。" in out
    assert out.index(head + "就业。") == 5  # where 就业。 stood
    assert quoted in out and "和水平。”" in out
    (join,) = [c for c in result.changes if c.action == "join"]
    assert "only-orphans-left" in join.data["cues"]


@pytest.mark.parametrize(
    "tail",
    [
        "和水平。”",  # closes a quote the head never opened
        "业。",  # 驻|业。: too short a sentence
    ],
)
def test_elimination_refuses_a_pair_that_cannot_fit(tail: str) -> None:
    quoted = "“全面小康路上一个都不能少,把帮扶政策送到心坎上,才能收到脱贫的良好效果。”驻"
    doc = from_text("\n\n".join((quoted, "矿山井下职工盼医盼药迫切", tail, LONG, LONG + "。")))
    for options in (JoinOptions(), JoinOptions(pair_elimination=True)):
        result = join_split.apply(doc, options)
        assert not [c for c in result.changes if c.action == "join"]


# -- the fast paths are the plain predicates (speed, issue 8) ----------------------------------

PIECES = st.text(
    alphabet="工会组织职工的养老金实行就业据介绍该了，,。：”“」『1２．%个年摄报—　 ?？、(（",
    max_size=70,
)


def _plain_weak(text: str) -> bool:
    if rejoin.HEAD_END.search(text) is None or cues.ends_paragraph(text):
        return False
    if layout.classify(text) in rejoin.FURNITURE:
        return False
    return not (layout.is_kicker(text) or layout.CREDIT_END.search(text))


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_features_are_the_plain_predicates(text: str) -> None:
    """features() tests the layout once for all its predicates: the same answers."""
    f = rejoin.features.__wrapped__(text, 25)
    t = text.strip()
    o = JoinOptions()
    assert f.head == is_head(t)
    assert f.tail == rejoin.is_tail(t)
    assert f.furniture == is_furniture(t)
    assert f.flaggable == (f.head and rejoin._flaggable(t, o))
    assert f.weak == (not f.head and _plain_weak(t))
    assert f.orphan == (f.tail and rejoin.looks_orphan(t))
    assert f.opener == cues.opens_sentence(t)


@settings(max_examples=400, deadline=None)
@given(PIECES, PIECES)
def test_pair_prechecks_are_exact(head: str, tail: str) -> None:
    """A pair passed over before scoring is one that scoring would not have taken."""
    head, tail = head.strip(), tail.strip()
    fh, ft = rejoin.features(head, 25), rejoin.features(tail, 25)
    for adjacent in (True, False):
        _, found, _ = rejoin.score_pair(
            head, tail, adjacent=adjacent, before=False, options=JoinOptions()
        )
        assert rejoin._tail_cue(fh, ft, head, tail) == (not rejoin.TAIL_CUES.isdisjoint(found))
    assert rejoin._may_split(fh, ft, head, tail) == cues.splits_word(head, tail)


def test_prechecks_on_known_cuts() -> None:
    cuts = (("捐款３３８０", "１．２０元"), ("设立“阳光工程基", "金”"), ("有", "33080人"))
    for head, tail in cuts:
        fh, ft = rejoin.features(head, 25), rejoin.features(tail, 25)
        assert rejoin._tail_cue(fh, ft, head, tail)
    fh, ft = rejoin.features("我国从２０１６年实", 25), rejoin.features("行延长退休", 25)
    assert rejoin._may_split(fh, ft, "我国从２０１６年实", "行延长退休") == "实行"


def test_a_far_piece_completing_a_long_word_at_a_break_joins_though_printed_first() -> None:
    """Tune page 1011: 中国的养|老金 is printed before its head's story; a word of three
    characters across the break is evidence enough for a piece at a break."""
    tail = "老金缺口一直在不断扩大,有限的财政补贴无法跟上其扩张速度。"
    result = run(LONG, tail, HEADLINE, LONG, CUT_HEAD, SUBHEAD, LONG)
    (join,) = [c for c in result.changes if c.action == "join"]
    assert join.data["distance"] == "distant"
    assert "long-word:养老金" in join.data["cues"]
    assert CUT_HEAD + tail in texts(result)


def test_a_long_word_does_not_count_after_a_head_ending_in_a_word() -> None:
    """Tune page 1042: 老龄工作|组织… (工作组) is a chance meeting: 工作 ends the head."""
    head = LONG + "由全国老龄工作"
    tail = "组织生存的主要资金来源于募集,９０％以上来自捐款。"
    result = run(LONG, tail, HEADLINE, LONG, head, SUBHEAD, LONG)
    assert not [c for c in result.changes if c.action == "join"]


def test_a_far_sentence_opening_with_yao_rang_does_not_complete_a_cut_word() -> None:
    """Seed 000's trap again, on a page of clean articles: 疫情给高 is cut from a rest that is
    not on the page; 高|要 (a town's name) across the break to 要让… is no evidence."""
    head = "福建省总还提出，要积极应对疫情给高"
    far = "要让灵活就业群体稳定下来，并且有归属感，一个专属于他们的组织十分重要。"
    result = run(LONG, head, HEADLINE, LONG, far, LONG)
    assert not [c for c in result.changes if c.action == "join"]


# -- round 7: a headline that join.headline joined is no unjoined head -------------------------


@pytest.mark.parametrize("cut", [9, 10, 11])
def test_wrapped_headline_is_not_flagged_before_or_after_h01(cut: int) -> None:
    """The pipeline reruns J01 after H01 when late removals expose more: the headline H01 joined
    (以书为友，知行合一—２０１２年小桔|灯湖北站) must not be flagged as a cut paragraph then,
    nor its first line before H01 joined it; a short cut line with a comma still is."""
    from cleaner.filters.headlines import join_headlines

    title = "以书为友，知行合一—２０１２年小桔灯湖北站"
    text = f"{title[:cut]}\n{title[cut:]}\n\n{LONG}\n\n福建省总还提出，要积极应对疫情给高\n\n{LONG}"
    first = join_split.apply(from_text(text))
    wrapped = join_headlines.apply(first.doc)
    assert wrapped.doc.paragraphs[0].text == title
    again = join_split.apply(wrapped.doc)
    for result in (first, again):
        flagged = [p.text for p in result.doc.paragraphs if "unjoined-head" in p.flags]
        assert flagged == ["福建省总还提出，要积极应对疫情给高"]


# -- round 7: far pieces paired on their story's words (topic_pairs) ---------------------------

BLOOD = [
    "血站开放月",
    "北京市红十字血液中心今天起向市民开放，市民可以参观血液采集和检测的全过程。",
    "血液中心负责人说，开放月期间每天安排两场参观，献血者和志愿者都可以报名，名额有限",
    "今年以来，北京的采供血总量继续增长，无偿献血的市民越来越多。",
]
METRO = [
    "地铁设立头等车厢",
    "深圳地铁十一号线将设立头等车厢，票价为普通车厢的两倍。",
    "地铁公司表示，头等车厢的座位更宽，车厢内还提供免费的无线网络。",
]
RAIN = ["暴雨中的交警", "昨天傍晚突降暴雨，多名交警在积水路段疏导交通。"]
BLOOD_TAIL = "先到先得，参观血液中心检测实验室的献血者和志愿者还可以领取一份献血纪念品。"


# A paragraph cut at a column break that the cues join (the page is shown to be cut up).
CUT = (LONG + "今年,洋泾街道总工会率先在沿街店", "面建起了一个爱心接力站。")


def test_far_piece_joined_on_its_story_words() -> None:
    """名额有限 | 先到先得: no word, quote or mark across the break, but the piece printed at the
    end of another story speaks of the head's story (血液中心, 献血者, 志愿者), not of its own
    neighbours' (地铁), and no other piece or head competes: it is joined, far."""
    result = run(*BLOOD, *METRO, BLOOD_TAIL, *RAIN, *CUT)
    out = texts(result)
    assert BLOOD[2] + BLOOD_TAIL in out
    assert BLOOD_TAIL not in out
    (join,) = [c for c in result.changes if c.action == "join" and c.data["distance"] == "distant"]
    assert "topic-assignment" in join.data["cues"]
    assert not audit.unaccounted(
        "\n\n".join((*BLOOD, *METRO, BLOOD_TAIL, *RAIN, *CUT)), result
    )  # every character accounted for


def test_no_far_piece_is_paired_on_topic_on_a_page_the_cues_found_whole() -> None:
    """Without a join by the cues, the page may be clean text: its head is where printing ended."""
    result = run(*BLOOD, *METRO, BLOOD_TAIL, *RAIN)
    assert texts(result) == [*BLOOD, *METRO, BLOOD_TAIL, *RAIN]


@pytest.mark.parametrize(
    "tail",
    [
        "六月一日，参观血液中心检测实验室的献血者和志愿者还可以领取一份献血纪念品。",  # a date
        "地铁公司还表示，头等车厢的乘客可以领取一份献血纪念品。",  # its own story's words
    ],
)
def test_far_piece_that_opens_or_belongs_where_it_stands_is_kept(tail: str) -> None:
    result = run(*BLOOD, *METRO, tail, *RAIN, *CUT)
    assert texts(result) == [*BLOOD, *METRO, tail, *RAIN, "".join(CUT)]
    assert "unjoined-head" in result.doc.paragraphs[2].flags


def test_two_far_pieces_that_fit_alike_leave_the_head_alone() -> None:
    """Two pieces speak of the head's story about as much: undecided, nothing is joined."""
    other = "先到先得，参观血液中心检测实验室的志愿者和献血者也可以领取一份献血纪念品。"
    result = run(*BLOOD, *METRO, BLOOD_TAIL, *RAIN, other, *METRO[:1], METRO[2], *CUT)
    assert [c.data["distance"] for c in result.changes if c.action == "join"] == ["adjacent"]


def test_echoes_counts_phrases_across_the_break_printed_nearby() -> None:
    texts_ = ["“就业边缘人”变身“上班族”", "……从“就业边", "今年以来。", "缘人”变身成为“上班族”"]
    assert rejoin._echoes(texts_, 1, 3) == 3  # 业边缘, 边缘人, 就业边缘 …
    assert rejoin._echoes(["甲乙丙", "……从“就业边", "今年以来。", "缘人”变身"], 1, 3) == 0


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("地铁设立头等车厢", METRO[2], False),  # 地铁: a word, not the particle 地
        ("深圳今后将设立头等车厢，这背后", "的原因，就是客流太大。", True),  # 的原: the particle
    ],
)
def test_particle_cue_is_no_word_start(head: str, tail: str, joined: bool) -> None:
    result = run(LONG, head, tail, LONG)
    assert (head + tail in texts(result)) is joined


def test_head_printed_again_nearby_is_no_cut_for_topic_pairs() -> None:
    """A fragment of a paragraph printed again ends mid-sentence like a cut head: it is left to
    the repeat filters (D03), not paired with a far piece on topic."""
    piece = "业内人士透露，目前餐饮企业安装"
    texts_ = [LONG, piece, piece + "油水分离器的很少。"]
    assert rejoin._printed_again(texts_, 1)
    assert not rejoin._printed_again(texts_, 0)


# -- round 7: a neighbour that opens a clause of its own; short cut sentences ------------------


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        # the head's clause has its verb (违反, 实行, 承诺); the piece after it has a subject of
        # its own followed by an adverb or the copula: the next paragraph, not the rest
        (
            LONG + "于是就与公司合作。再说市场化操作并不违反",
            "基金会的几个头头竟背着大多数副理事长和全体理事，决定把募集费用定得这么高。",
        ),
        (
            LONG + "他建议我国从２０１６年实行延长",
            "李军也建议适时提高退休年龄。他表示，这一目的是缓解劳动力不足的压力。",
        ),
        (
            LONG + "这家商行向他们承诺茶叶是用于做枕头等",
            "康师傅是内地最大的即饮茶饮料生产商，其市场份额超过一半。",
        ),
        # a short number whose unit is missing, then a word that counts nothing
        (
            LONG + "公益支出约为３０．６万元，而上年总收入为２",
            "基金会募集资金很困难，有时为了募集两三百元，说不定要跑上好几趟。",
        ),
        # an adverb that wants a verb, then a noun
        (
            LONG + "法迟早要淘汰。因为即便餐馆填写了单子，也",
            "另一家回收油脂企业的负责人说，他们的设备与环保部门的数据库相连。",
        ),
        # the piece takes up the last word of the head again
        (
            LONG + "昨日，《南都》创刊仪式暨深港地铁圈高峰论坛",
            "论坛上，深圳市政府副秘书长介绍了地铁建设的进展情况。",
        ),
    ],
)
def test_a_neighbour_opening_a_clause_of_its_own_is_not_the_rest(head: str, tail: str) -> None:
    result = run(head, tail, LONG)
    assert texts(result) == [head, tail, LONG]
    assert not [c for c in result.changes if c.action == "join"]
    assert "unjoined-head" in result.doc.paragraphs[0].flags


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        # clauses of a sentence after a head that has no verb in its last clause, or a tail that
        # closes a list (等) or opens with its verb: joined as before
        (LONG + "油。之所以现在", "刘家庄村民还能闻到刺鼻的柴油味道，是因为柴油具有挥发性。"),
        (LONG + "吃饭当天央视及", "ＢＴＶ等数十家媒体都到了现场，这也是崔永元公布时间的原因。"),
        (LONG + "退休后却能", "领取高于企业人员的养老金，他们的退休金多数由财政负担。"),
    ],
)
def test_clauses_of_one_sentence_still_join(head: str, tail: str) -> None:
    result = run(head, tail, LONG)
    assert texts(result) == [head + tail, LONG]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        (
            "从《杭州地铁乘客守则》初稿公布至今，负责牵头",
            "制定的杭州市交通运输局通过媒体公开向市民征集意见。",
        ),
        (
            "农民工是城市中不可或缺的一个群体。我们不要",
            "等待危难时才想起他们，才想到他们和我们是兄弟姐妹。",
        ),
        (
            "此次小崔请农民工吃饭引起了媒体的极大关注，在他发出微博要请农民工",
            "吃饭后，不少媒体就已开始报道了，吃饭当天央视等数十家媒体都到了现场。",
        ),
    ],
)
def test_a_short_cut_sentence_joins_a_piece_going_on_with_its_verb(head: str, tail: str) -> None:
    """A line short enough to be a headline, but with a sentence end or a long first clause
    inside, and a piece that goes on with a verb: a sentence cut at a column break."""
    result = run(LONG, head, tail, LONG)
    assert texts(result) == [LONG, head + tail, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert "headline-like-head-no-evidence" not in join.data["cues"]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        # headlines with commas, then their lead or a paragraph opening with a subject
        (
            "攻坚解困脱困，让城市困难职工同步迈入小康",
            "记者从市总工会获悉，今年全市将帮扶困难职工。",
        ),
        ("以书为友，知行合一—２０１２年小桔灯湖北站", "组织开展了捐书活动，孩子们收到了图书。"),
        ("“和谐中国，红丝带情系打工工人”慰问演出", "举行于北京，全国工商联等单位参加。"),
        (
            "收集了水环保领域８３个民间组织和个人申报",
            "中国是世界１３个缺水国家之一，全国城市缺水。",
        ),
        (
            "目前餐饮企业安装，北京能安装油水分离器的企业安装",
            "安装油水分离器比使用隔离池最明显的好处是方便。",
        ),
    ],
)
def test_a_short_line_with_a_comma_and_no_evidence_stays(head: str, tail: str) -> None:
    result = run(LONG, head, tail, LONG)
    assert texts(result) == [LONG, head, tail, LONG]


def test_cut_sentence_and_repeats_end() -> None:
    assert rejoin.cut_sentence("从《杭州地铁乘客守则》初稿公布至今，负责牵头", "制定的杭州市")
    # quoted text keeps its length but not its comma or dash
    assert not rejoin.cut_sentence("“和谐中国，红丝带情系打工工人”慰问演出活动", "举行于北京")
    assert not rejoin.cut_sentence("６月底，我们浙江传媒学院９名师生", "６月３日，他们出发")
    assert rejoin.repeats_end("深港地铁圈高峰论坛", "论坛上")
    assert not rejoin.repeats_end("等５个", "个人")  # only two Han characters count
    assert not rejoin.repeats_end("高峰论坛", "坛上")
    # a name the head ends with, told again at the start of the next paragraph
    assert rejoin.repeats_end(
        "式当天，全国老龄工作委员会办公室", "全国老龄工作委员会办公室副主任吴玉韶"
    )
    assert not rejoin.repeats_end("全国老龄", "工作委员会办公室副主任吴玉韶")


@pytest.mark.parametrize(
    "piece", ["六月一日，儿童节，像往常一样。", "据专家介绍，贴过膜的车窗更难砸开。"]
)
def test_a_piece_that_opens_like_a_news_paragraph_is_no_far_rest(piece: str) -> None:
    """A short finished piece or a piece at a break is no rest of a cut sentence when it opens
    the way a news paragraph does (a date, a source): synthetic 1632, …爱心传递的，并 + 六月一日."""
    head = "我会引导儿子进行爱心传递的，并" + "让他把自己的玩具送给山里的孩子们，并"
    joins = [c for c in run(LONG, head, HEADLINE, LONG, piece).changes if c.action == "join"]
    assert not joins


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        # a short line opening like a news paragraph, then a word completed across the break
        (
            "据组委会相关人士介绍，因为爱心运动",
            "鞋订做约需３０天，所以各学校的捐赠时间还要等一个月。",
        ),
        (
            "６月３日至５日，崔永元、孙冕、刘春以",
            "及志愿者们将前往云南省保山市腾冲县给孩子们送鞋。",
        ),
    ],
)
def test_a_short_line_opening_like_a_paragraph_joins_a_completed_word(head: str, tail: str) -> None:
    result = run(LONG, head, tail, LONG)
    assert texts(result) == [LONG, head + tail, LONG]


def test_a_quoted_name_after_a_cut_is_no_speech() -> None:
    head = LONG + "援助西藏发展基金会设立“阳光工程基金”，成立"
    tail = "“阳光工程基金”管理委员会，邀请搜狐网领导担任基金管理委员会领导。"
    result = run(head, tail, LONG)
    assert texts(result) == [head + tail, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert "tail-opens-quoted-term" in join.data["cues"]
    # speech (clause punctuation inside the quotes) still opens a new paragraph
    speech = "“我们要参加，给他们敬酒”是网友的心声。"
    assert texts(run(LONG + "网友纷纷表示支持，成立", speech, LONG)) == [
        LONG + "网友纷纷表示支持，成立",
        speech,
        LONG,
    ]


def test_a_long_line_without_commas_joins_a_piece_going_on_with_its_verb() -> None:
    head = "人社部正在研究出台延迟退休年龄新政的风声"
    tail = "传出后，民众关于“先解决养老制度公平问题，再谈延迟退休年龄”的呼声也随之响起。"
    result = run(LONG, head, tail, LONG)
    assert texts(result) == [LONG, head + tail, LONG]
    (join,) = [c for c in result.changes if c.action == "join"]
    assert "tail-goes-on-with-verb" in join.data["cues"]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        # a headline, then a lead that opens with who, when or a source
        (
            "全省工会困难职工帮扶工作会议在杭州召开",
            "记者从会上获悉，今年全省将帮扶困难职工一万户。",
        ),
        (
            "崔永元谈请客：这是我个人表达谢意　不代表任何人",
            "请农民工吃饭的事情引起了网友的广泛关注和讨论。",
        ),
        # a two-line headline: its second line is short
        ("杭州地铁将出乘客守则拟禁止在车厢内饮食", "允许导盲犬入车厢"),
    ],
)
def test_a_headline_and_its_lead_stay_apart(head: str, tail: str) -> None:
    result = run(LONG, head, tail, LONG)
    assert [c for c in result.changes if c.action == "join"] == []


@pytest.mark.parametrize("prefix", ["clean/r117:", "gold/cat1", "gold/r6:"])
def test_clean_articles_get_no_topic_join(prefix: str) -> None:
    """Clean articles put together (bench.clean_heldout's tuning pages): a last line that ends
    mid-sentence (a gold article's 已有48, 疫情给高) is the end of what was printed, not a head
    to pair on topic with another article's first paragraph."""
    from bench import clean_heldout

    from cleaner.runner import clean_text

    (texts,) = [t for name, t in clean_heldout.tune_pages() if name.startswith(prefix)]
    page = "\n\n".join(t.strip("\n") for t in texts) + "\n"
    assert not [c for c in clean_text(page).changes if c.action == "join"]


def test_a_far_piece_on_the_heads_topic_takes_it_from_a_bare_adjacent_paragraph() -> None:
    """Synthetic page 1029 (tuning): …大概１ 万多平方 is followed by a paragraph of its own story
    (我们之前捐赠的…, nothing but adjacency for it); its rest (米，这两天正在过户…) stands after
    the next story and speaks of the head's."""
    from bench import synth

    (page,) = synth.pages([1029])
    joins = [c for c in clean_text(page.text).changes if c.action == "join" and c.code == "J01"]
    (far,) = [c for c in joins if "far-over-adjacent" in c.data["cues"]]
    assert far.after.startswith("米") and far.data["distance"] == "distant"


def test_a_long_head_that_reads_like_a_title_pairs_on_topic() -> None:
    """Synthetic tuning page 1195: 北京市血液中心主任刘江表示，开放月期间，市血液中心会组织医务
    (cut before its first full stop, it reads like a title with commas) gets its rest
    (工作者、学校团体…) printed after the next story."""
    from bench import synth

    (page,) = synth.pages([1195])
    joins = [c for c in clean_text(page.text).changes if c.action == "join" and c.code == "J01"]
    (far,) = [c for c in joins if c.after.startswith("工作者、学校团体")]
    assert far.data["distance"] == "distant" and "topic-assignment" in far.data["cues"]
