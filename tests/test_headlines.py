"""join.headline (H01): hard-wrapped headline lines are joined, headline stacks are not."""

from __future__ import annotations

import pytest

from cleaner import audit
from cleaner.filters import headlines
from cleaner.model import Result, from_text

H01 = headlines.join_headlines

KICKER_A = "新疆维吾尔自治区总工会派工作队进驻贫困村,聚焦村民所盼,引进先进"
KICKER_B = "技术、扶持脱贫产业、送上亲情式关怀——"
BODY = "新疆阿图什市阿湖乡托格拉克村环境恶劣，盐碱化严重，导致土地资源匮乏。"


def run(text: str) -> tuple[list[str], Result]:
    result = H01.apply(from_text(text))
    return [p.text for p in result.doc.paragraphs], result


def test_wrapped_kicker_is_joined_and_audited() -> None:
    text = f"{KICKER_A}\n{KICKER_B}\n\n“走心”帮扶暖了村民心\n\n{BODY}\n"
    paras, result = run(text)
    assert paras == [KICKER_A + KICKER_B, "“走心”帮扶暖了村民心", BODY]
    (change,) = result.changes
    assert change.code == "H01" and change.action == "join"
    assert change.data["distance"] == "adjacent" and change.data["cues"]
    assert audit.unaccounted(text, result) == []


@pytest.mark.parametrize(
    "block",
    [
        # a title and its subtitle in one block of a TOC
        "《中国工运》第7期要目\n\n全总十七届三次主席会议在京举行\n王东明主持并讲话",
        "本报记者 胡家慰\n本报记者 叶小钟",  # a two-line byline
        f"{KICKER_B}\n“走心”帮扶暖了村民心",  # a kicker ends with a dash: the stack stays
        f"{KICKER_A}\n——新中国成立70年来的工会与工人阶级……戴文宽",
        f"{KICKER_A}\n{BODY}",  # a sentence is not a headline
    ],
)
def test_not_joined(block: str) -> None:
    text = f"{block}\n\n{BODY}\n\n{BODY}\n"
    paras, result = run(text)
    assert result.changes == ()
    assert paras == [line for line in text.split("\n") if line]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("深圳地铁将设立ＶＩＰ头等车厢　买双倍", "票可享坐票"),  # a narrow column: 18 characters
        ("黄怒波：１０年内捐５００亿　不再", "信任官办慈善机构"),
    ],
)
def test_short_wrap_is_joined(head: str, tail: str) -> None:
    text = f"{head}\n{tail}\n\n{BODY}\n\n{BODY}\n"
    paras, result = run(text)
    assert paras == [head + tail, BODY, BODY]
    assert audit.unaccounted(text, result) == []


def test_stack_in_separate_blocks_stays() -> None:
    text = f"{KICKER_A}\n\n{KICKER_B}\n\n{BODY}\n"
    assert run(text)[1].changes == ()


def test_our_own_output_is_left_alone() -> None:
    # One paragraph per line, blank line between articles: a line break is not a wrap there.
    text = f"{KICKER_A}\n一场情法理交融的援助\n{BODY}\n{BODY}\n\n另一篇文章的标题\n{BODY}\n"
    assert run(text)[1].changes == ()


def test_idempotent() -> None:
    text = f"{KICKER_A}\n{KICKER_B}\n\n“走心”帮扶暖了村民心\n\n{BODY}\n"
    once = H01.apply(from_text(text)).doc
    again = H01.apply(once)
    assert again.changes == ()
