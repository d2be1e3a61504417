"""``join.split`` (J01): paragraphs cut at a column break are joined back, nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import audit, render
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
