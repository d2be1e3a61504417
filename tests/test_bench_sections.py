"""bench.clean_heldout's ``sections`` tuning material: clean articles laid out as news features."""

from __future__ import annotations

import regex
from bench import clean_heldout

BLANK = regex.compile(r"\n\s*\n")


def test_feature_is_deterministic_and_keeps_the_text() -> None:
    body = [
        "本报讯（记者王伟）近日，江苏省教育科技工会组织百名乡村优秀青年教师开展疗休养活动。",
        "2018年，江苏省教育厅、省教育科技工会联合启动实施乡村优秀青年教师培养奖励计划，每年遴选一批。",
        "据悉，这一计划已列入江苏省委、省政府的若干措施，明确从今年开始每年遴选100名乡村教师。",
        "参加疗休养的乡村教师们表示，回到学校以后，要把这份关怀化作教书育人、扎根乡村的动力。",
    ]
    one = clean_heldout.feature("t-1", ["江苏工会组织 乡村教师疗休养"], body, False)
    assert one == clean_heldout.feature("t-1", ["江苏工会组织 乡村教师疗休养"], body, False)
    lines = BLANK.split(one.strip())
    assert lines[0] == "江苏工会组织 乡村教师疗休养"
    # every paragraph is there, in order (a section may open with a number, a date or 答：)
    at = 0
    for para in body:
        at = next(k for k in range(at, len(lines)) if lines[k].endswith(para)) + 1


def test_sections_material_has_both_halves_and_is_in_the_tuning_pages() -> None:
    names_a = {n for n, _ in clean_heldout.feature_articles("a")}
    names_b = {n for n, _ in clean_heldout.feature_articles("b")}
    every = {n for n, _ in clean_heldout.feature_articles()}
    assert names_a and names_b and not names_a & names_b and names_a | names_b == every
    assert not any(n.startswith("share") for n in every)  # fixtures and gold only
    pages = clean_heldout.section_pages("a")
    assert all(1 <= len(texts) <= clean_heldout.CONCAT for _, texts in pages)
    assert sum(len(texts) == 1 for _, texts in pages) == len(names_a)
