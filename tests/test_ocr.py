"""O01–O04: " and " for 和, doubled 的, the documented confusion list, doubled-character flags."""

from __future__ import annotations

import pytest

from cleaner.audit import replay, unaccounted
from cleaner.filters import FILTERS
from cleaner.filters.ocr_confusions import CONFUSIONS
from cleaner.model import from_text


def run(name: str, text: str) -> str:
    result = FILTERS[name].apply(from_text(text))
    assert unaccounted(text, result) == []
    assert replay(text, result) == [p.text for p in result.doc.paragraphs]
    assert FILTERS[name].apply(result.doc).changes == ()
    return "\n".join(p.text for p in result.doc.paragraphs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("并为她丈夫提供技能培训 and 转岗培训。", "并为她丈夫提供技能培训和转岗培训。"),
        ("切实帮助企业 and 求职者解决", "切实帮助企业和求职者解决"),
        ("让求职者 and 招聘企业“少跑路”", "让求职者和招聘企业“少跑路”"),
    ],
)
def test_and(text: str, expected: str) -> None:
    assert run("ocr.and", text) == expected


@pytest.mark.parametrize(
    "text", ["Tom and Jerry", "APP and 微信", "技能培训 And 转岗", "培训andy", "中文 and"]
)
def test_and_negatives(text: str) -> None:
    assert run("ocr.and", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("我们的的工作", "我们的工作"), ("美丽的的的家园", "美丽的家园")],
)
def test_doubled_de(text: str, expected: str) -> None:
    assert run("ocr.doubled-de", text) == expected


@pytest.mark.parametrize(
    "text",
    ["的的确确", "他说的的确是事实", "实现目的的手段", "一个个 实实在在 村村 天天"],
)
def test_doubled_de_negatives(text: str) -> None:
    assert run("ocr.doubled-de", text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("为王森林申请“纳人大病保险和医疗互助保险”", "为王森林申请“纳入大病保险和医疗互助保险”"),
        ("将其纳人医保范围", "将其纳入医保范围"),
        ("本报讯 记者胡翀 通讯员员燕飞报道", "本报讯 记者胡翀 通讯员燕飞报道"),
        ("本报记者者王伟", "本报记者王伟"),
    ],
)
def test_confusions(text: str, expected: str) -> None:
    assert run("ocr.confusions", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "吸纳人才",
        "采纳人大代表的建议",
        "接纳人员",
        "容纳人数",
        "缴纳人大病保险",
        "纳人",
        "通讯员燕飞",
        "记者王伟",
        "通讯员员",
    ],
)
def test_confusions_negatives(text: str) -> None:
    assert run("ocr.confusions", text) == text


def test_every_confusion_is_documented() -> None:
    for entry in CONFUSIONS:
        assert entry.why and entry.example


def test_doubled_only_flags() -> None:
    flt = FILTERS["ocr.doubled"]
    assert not flt.enabled
    result = flt.apply(from_text("这是是一个个村村天天的的"))
    assert result.changes == ()
    para = result.doc.paragraphs[0]
    assert para.text == "这是是一个个村村天天的的"
    assert para.flags == ("O04 doubled 是是",)
    assert flt.apply(result.doc).doc == result.doc
