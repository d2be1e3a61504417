"""The documented, context-bound list of OCR confusions that O03 corrects.

Each entry fixes one known misreading only in a context where the reading is certain. Add an entry
only with an example from a real page and a must-not-change negative in ``tests/test_ocr.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Confusion:
    pattern: str  # a regex whose whole match is replaced
    trigger: str  # a literal every match contains (to find candidate paragraphs fast)
    new: str
    why: str
    example: str  # where it was seen


# What 纳入 ("include in") typically takes as object in news text; 纳人 before one of them is 入
# misread as 人. Not after 吸/采/接/容/缴…: 吸纳人才, 采纳人大代表建议, 缴纳人 are right as written.
_NARU_OBJECTS = (
    "大病|保险|医保|社保|低保|范围|体系|名单|计划|预算|规划|考核|议程|管理|视野|统计|财政|目录"
    "|省|市|县|国家|全国|重点|帮扶|保障|监管|日常|法治|制度|城镇"
)

CONFUSIONS: tuple[Confusion, ...] = (
    Confusion(
        rf"(?<![吸采接容归出缴交收])纳人(?={_NARU_OBJECTS})",
        "纳人",
        "纳入",
        "人 misread for 入 in 纳入 before its object",
        "004: 为王森林申请“纳人大病保险和医疗互助保险”",
    ),
    Confusion(
        r"(?<=通讯员)员(?=\p{Han})",
        "通讯员员",
        "",
        "role word 通讯员 with its last character doubled",
        "004: 本报讯 记者胡翀 通讯员员燕飞报道",
    ),
    Confusion(
        r"(?<=记者)者(?=\p{Han})",
        "记者者",
        "",
        "role word 记者 with its last character doubled",
        "same pattern as 通讯员员 (synthetic pages)",
    ),
)
