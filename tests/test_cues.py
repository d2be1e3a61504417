"""The pure cues behind ``join.split``."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.filters import cues, rejoin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他说:“好。”", True),
        ("这是一句话。", True),
        ("真的吗?", True),
        ("等等……", True),
        ("从“就业边", False),
        ("疫情给高", False),
        ("分赴困难职工家庭,", False),
    ],
)
def test_ends_sentence(text: str, expected: bool) -> None:
    assert cues.ends_sentence(text) is expected


def test_colon_ends_a_paragraph_but_not_a_sentence() -> None:
    assert cues.ends_paragraph("他表示：")
    assert not cues.ends_sentence("他表示：")


@pytest.mark.parametrize(
    "text",
    [
        "据介绍,今年",
        "据了解，",
        "此外，",
        "6月16日,福建",
        "2017年12月,湖南",
        "本报讯(记者",
        "南都讯　记者",
    ],
)
def test_paragraph_starts(text: str) -> None:
    assert cues.starts_paragraph(text)


@pytest.mark.parametrize(
    "text", ["缘人”变身", "受到螺蛳粉", "就业。", "政府的“母亲式服务”", "面建起了"]
)
def test_continuations_do_not_start_paragraphs(text: str) -> None:
    assert not cues.starts_paragraph(text)


def test_mid_sentence_start() -> None:
    assert cues.starts_mid_sentence("，16支队伍")
    assert cues.starts_mid_sentence("、提供")
    assert not cues.starts_mid_sentence("“今年")


def test_quotes() -> None:
    assert cues.quote_balance("他说:“今年") == (1, 0)
    assert cues.quote_balance("员”,通过“轮流”讲解") == (0, 1)
    assert cues.closes_quote("从“就业边", "缘人”变身") == 1
    assert cues.closes_quote("从“就业边", "“上班族”") == -1
    assert cues.closes_quote("没有引号", "缘人”变身") == 0


def test_lexical_cues() -> None:
    assert cues.straddling_word("在沿街店", "面建起了") == "店面"
    score, found = cues.lexical_score("金融系", "统等多方")
    assert score > 1.5 and any(c.startswith("word:") for c in found)
    assert cues.lexical_score("没有", "123")[0] == 0.0
    assert cues.lexical_score("", "甲")[0] == 0.0
    assert cues.pmi("技", "术") > 4


def test_bigram_resource_is_small_and_loads() -> None:
    uni, bi, total = cues._counts()
    assert 1000 < len(uni) < 5000 and len(bi) < 20000 and total > 10000
    # counted from jieba's dictionary (about 10^8 characters), not from the Sohu corpus
    assert total > 10**7 and min(bi.values()) >= cues.BIGRAM_MIN_COUNT


def test_bigram_build_counts_inside_words_only() -> None:
    lines = ["技术 600 n", "技 10 n", "术语 100 n", "AT&T 3 nz", "坏行", "的 900 uj"]
    text = cues.build_bigrams(lines, min_count=500)
    assert text.splitlines() == ["#total\t2310", "技\t610", "术\t700", "技术\t600"]
    assert cues.build_bigrams(lines, min_count=100).count("\n") == 6  # 术语, 语 kept as well


@pytest.mark.parametrize(
    ("head", "tail"),
    [("就业", "岗位"), ("头发花白的", "父亲"), ("交通运输局", "在修改后")],
)
def test_pmi_says_nothing_across_two_words(head: str, tail: str) -> None:
    """Two words meeting at a break (…的 | 父亲) get no PMI evidence of a word run across it."""
    assert cues.pmi(head[-1], tail[0]) < 1.0
    assert not any(c.startswith("pmi:") for c in cues.lexical_score(head, tail)[1])


@pytest.mark.parametrize(("a", "b"), [("技", "术"), ("经", "济"), ("基", "金"), ("岗", "位")])
def test_pmi_is_high_inside_words(a: str, b: str) -> None:
    assert cues.pmi(a, b) > 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在影片拍摄过程中，中国著名摄影师", True),  # where it happens, then a comma
        ("在山里，孩子们能享受的快乐", True),
        ("在会上，他说", True),
        ("从《杭州地铁乘客守则》初稿公布至今，", True),
        ("在山里的孩子们", False),  # no comma: a noun phrase, maybe cut (…生活 | 在山里的)
        ("在北京站进站大厅，", False),  # too long for a place phrase before the comma
        ("热的时候，他们就把头发打湿", False),  # 天气 | 热的时候: a clause cut in two
    ],
)
def test_opens_sentence_with_a_place_phrase(text: str, expected: bool) -> None:
    assert cues.opens_sentence(text) is expected


def test_new_cues() -> None:
    assert cues.opens_sentence("该厂一位客服人员表示") and not cues.opens_sentence("挣钱还要难")
    assert cues.opens_sentence("在活动举行之前，学校") and cues.opens_sentence("针对这些问题")
    assert cues.opens_sentence("要让灵活就业群体稳定下来") and not cues.opens_sentence("要求")
    assert not cues.opens_sentence("在２０１５年，届时") and not cues.opens_sentence("在北京站")
    assert cues.dangles("退休后却") and not cues.dangles("疫情给高")
    assert cues.number_straddles("捐款３３８０", "１．２０元")
    assert cues.number_straddles("减少到２０５０年的８．", "７亿")
    assert not cues.number_straddles("共3", "人")
    assert cues.ends_utterance("的职责是什么") and not cues.ends_utterance("行为,实")
    assert not cues.ends_sentence("到２０５０年的８．") and cues.ends_sentence("好．")
    assert not cues.starts_paragraph("１．２０元") and cues.starts_paragraph("1.我们")


@pytest.mark.parametrize(
    ("head", "tail", "word"),
    [
        ("我国从２０１６年实", "行延长退休", "实行"),
        ("保证灾", "民有衣穿", "灾民"),
        ("陷阱:你", "消毒餐具", ""),  # 消毒 opens a word of its own after the break
        ("我国要实现", "就业目标", ""),  # 实现 closes a word before it
        ("还能凭", "据专家介绍", ""),  # a function character alone on one side
        ("年小", "小铁锤", ""),  # reduplication
    ],
)
def test_splits_word(head: str, tail: str, word: str) -> None:
    assert cues.splits_word(head, tail) == word


def test_common_words_are_known() -> None:
    for word in ("实行", "灾民", "就业", "消毒"):
        assert word in cues._phrases()


def test_word_list_build_keeps_frequent_han_words() -> None:
    import gzip

    lines = ["实行 15400 v", "灾民 331 n", "稀有 3 a", "AT&T 3 nz", "人 100 n", "基金会 40 n"]
    words = gzip.decompress(cues.build_words(lines)).decode("utf-8").split()
    assert words == ["基金会", "实行", "灾民"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在这个创办于偏远瑶都的高新区，当地", True),
        ("各类劳动力75892人次，有", True),
        ("稳就业，保民生", False),  # parallel clauses of a headline
        ("攻坚解困脱困，让城市困难职工同步迈入小康", False),
        ("没有逗号的标题", False),
        ("高新区，“当地", False),
    ],
)
def test_short_last_clause(text: str, expected: bool) -> None:
    assert cues.short_last_clause(text) is expected


def test_number_follows() -> None:
    assert cues.number_follows("人次，有", "33080人")
    assert cues.number_follows("总数达", "1.3万名")
    assert not cues.number_follows("人次，有", "关部门")
    assert not cues.number_follows("他说", "3人")


# -- the fast paths are the plain code (speed, issue 8) ----------------------------------------

WORDY = "在沿街店面建起了养老金缺口实行延长退休就业边缘的还有网民称消毒餐具中国"
"""Characters of words in the word list, so that the searches below find words."""


def _plain_straddling(left: str, right: str) -> str:
    words = cues._phrases()
    best = ""
    for i in range(len(left)):
        for j in range(1, len(right) + 1):
            w = left[i:] + right[:j]
            if 2 <= len(w) <= 4 and w in words and len(w) > len(best):
                best = w
    return best


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=WORDY + "a，", max_size=5), st.text(alphabet=WORDY + "1”", max_size=5))
def test_straddling_word_is_the_plain_search(head: str, tail: str) -> None:
    assert cues.straddling_word(head, tail) == _plain_straddling(head[-3:], tail[:3])


def test_straddling_word_finds_the_longest_word_first() -> None:
    assert cues.straddling_word("沿街店", "面建起") == _plain_straddling("沿街店", "面建起")
    assert cues.straddling_word("中国的养", "老金缺口") == "养老金"


END_PATTERNS = {
    "COLON_END": cues.COLON_END,
    "NUMBER_END": cues.NUMBER_END,
    "DIGIT_END": cues.DIGIT_END,
    "LAST_CLAUSES": cues.LAST_CLAUSES,
    "HEAD_END": rejoin.HEAD_END,
    "QUESTION_END": rejoin.QUESTION_END,
    "SENTENCE_END": cues.SENTENCE_END,
    "HEAD_UNFINISHED": rejoin.HEAD_UNFINISHED,
}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="中a1１．.,，、“「（(—-?？!！”」）) \n\u3000：:；。…～~", max_size=12))
def test_end_patterns_searched_backwards_are_the_forward_ones(text: str) -> None:
    """The patterns anchored at the end are searched from the end ((?r)): same matches."""
    for name, pattern in END_PATTERNS.items():
        assert pattern.pattern.startswith("(?r)"), name
        # (pattern.flags has REVERSE, set by the pattern's own (?r): left out, or both go backwards)
        forward = regex.compile(pattern.pattern.removeprefix("(?r)"), pattern.flags & ~regex.R)
        assert not forward.flags & regex.R, name
        a, b = forward.search(text), pattern.search(text)
        assert (a is None) == (b is None), name
        if name == "LAST_CLAUSES" and a is not None and b is not None:
            assert a.groups() == b.groups()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="中“”「」『』\"'甲", max_size=14))
def test_quote_balance_is_the_plain_count(text: str) -> None:
    depth = unopened = 0
    for ch in text:
        if ch in "“「『":
            depth += 1
        elif ch in "”」』":
            if depth:
                depth -= 1
            else:
                unopened += 1
    assert cues.quote_balance(text) == (depth, unopened)


def test_starts_word_and_ends_word() -> None:
    assert cues.starts_word("消毒餐具") and not cues.starts_word("行延长退休")
    assert cues.ends_word("开设") and not cues.ends_word("就业边")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京市血液中心主任刘江表示，开放月期间", True),
        ("网民“林双林”认为，我国", True),
        ("据组委会相关人士介绍，因为", True),
        ("郑州交巡警一大队民警孟繁勇告诉记者：车辆", True),  # who tells the reporter
        ("年审报告中建议，终止", False),
        ("只有两家，而", False),
        ("“我们要让公共交通，”他说，", False),
    ],
)
def test_opens_statement(text: str, expected: bool) -> None:
    assert cues.opens_statement(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("所能的结合点。”道墟", "道墟"),
        ("就在这一提议在社会上传得", "就在这一提议在社会上传得"),
        ("好。", ""),
        ("他说：“好！”然后", "然后"),
    ],
)
def test_last_sentence(text: str, expected: str) -> None:
    assert cues.last_sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("六月一日，儿童节到了", True),
        ("６月底，光明乳业表示", True),
        ("２００８年以来，城市", True),
        ("昨天上午９点，世界献血者日", True),
        ("据专家介绍，贴过膜的", True),
        ("对此，不少网民指出", True),
        ("工商部门表示，黄曲霉毒素", True),  # who says something
        ("此次活动主要针对", True),  # a sentence opener
        ("作为抽检样本，其中９包", False),
        ("年的９３吨，增加到", False),
        ("月１４日。“开放", False),
        ("部社会保障研究所所长", False),
    ],
)
def test_opens_story(text: str, opens: bool) -> None:
    assert cues.opens_story(text) is opens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("领取高于企业人员的养老金", True),
        ("制定的杭州市交通运输局", True),
        ("解决燃料难、照明难", True),
        ("中国是世界１３个缺水国家", False),
        ("基金会的几个头头竟背着", False),
        ("李军也建议", False),
        ("，而", False),
        ("", False),
    ],
)
def test_opens_with_verb(text: str, expected: bool) -> None:
    assert cues.opens_with_verb(text) is expected


@pytest.mark.parametrize(
    ("head", "tail", "expected"),
    [
        ("再说市场化操作并不违反", "基金会的几个头头竟背着大多数副理事长", True),
        ("他建议我国从２０１６年实行延长", "李军也建议适时提高退休年龄。", True),
        ("这家商行向他们承诺茶叶是用于做枕头等", "康师傅是内地最大的即饮茶饮料生产商", True),
        # a title in the subject: 《扬子晚报》文艺部主编鞠健夫也…
        ("第一杯是否献给灾难中逝去", "《扬子晚报》文艺部主编鞠健夫也第一时间在微博上响应", True),
        # the head's last clause has no verb: the subject may be the one it waits for
        ("之所以现在", "刘家庄村民还能闻到刺鼻的柴油味道", False),
        # the head dangles (及), or the tail closes a list (等)
        ("吃饭当天央视及", "ＢＴＶ等数十家媒体都到了现场", False),
        ("报道了，吃饭当天央视及ＢＴＶ", "等数十家媒体都到了现场", False),
        # the phrase before the adverb has a verb of its own: no subject
        ("这是件特别困难的事儿，比出去", "走穴挣钱还要难１０倍。", False),
        # the tail opens with its verb
        ("退休后却能", "领取高于企业人员的养老金", False),
        ("并不违反", "相关规定。", False),
    ],
)
def test_new_subject(head: str, tail: str, expected: bool) -> None:
    assert cues.new_subject(head, tail) is expected


@pytest.mark.parametrize(
    ("head", "tail", "expected"),
    [
        ("而上年总收入为２", "基金会募集资金很困难", True),
        ("大概１", "我们之前捐赠的一个亿", True),
        ("在９", "包当中，有５包做微生物检测", False),  # 包 counts
        ("从６月１４", "日至７月１４日", False),
        ("我们也在东风标致５０８", "汽车的支持下", False),  # a number of three digits is a name
        ("大概１", "万多平方米", False),
        ("为２", "３３万多元", False),
    ],
)
def test_number_cut_off(head: str, tail: str, expected: bool) -> None:
    assert cues.number_cut_off(head, tail) is expected


def test_has_verb_and_the_verb_list() -> None:
    assert cues.has_verb("再说市场化操作并不违反")
    assert not cues.has_verb("之所以现在")
    assert not cues.has_verb("")
    assert cues._verbs() <= cues.phrases() | cues._verbs()
    assert 5000 < len(cues._verbs()) < 30000


def test_build_verbs_keeps_frequent_verbs_only() -> None:
    import gzip

    lines = ["违反 800 v", "违反者 20 n", "建议 3000 v", "罕用 3 v", "看 900 v", "ab 50 v"]
    assert gzip.decompress(cues.build_verbs(lines)).decode("utf-8").split() == ["建议", "违反"]


@pytest.mark.parametrize(
    ("head", "tail", "expected"),
    [
        ("因为即便餐馆填写了单子，也", "另一家回收油脂企业与餐馆合作", True),
        ("此时梁王河水流量已", "距离蓝星石油排水管约６公里外的大码头村", True),
        ("因为即便餐馆填写了单子，也", "有可能把自己收集的废弃油脂卖给油贩子", False),
        ("共有５３４７位网友捐款，已", "募集到善款５２０，９２４．５元", False),  # a verb
        ("这些孩子也", "不能每天吃上热饭", False),  # an adverb
        ("他们的收入不过如此而已", "另一家企业的收入更高", False),  # 而已 ends a word
        ("他们还", "另一家", False),  # only 也 and 已
    ],
)
def test_wants_verb(head: str, tail: str, expected: bool) -> None:
    assert cues.wants_verb(head, tail) is expected
