"""Test vectors from other projects' suites (fixtures/peer_vectors.json, copied from
../shared/reference): what our character stage does with each of them.

Where our output equals the peer's expected output, the test asserts that. Where it differs, the
test asserts OUR convention instead, with the reason, in :data:`OURS`: entries whose note says
"peer convention differs" (full-width punctuation is canonical, we add no spaces, we keep URLs and
U+3000), and the places where our stray-character rule is deliberately more conservative than
OpenCC's t2s (only traditional-only characters change; 於 沈 甦 擡 stay). Repeat-removal vectors
belong to the dedup filters and are not run here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cleaner.config import Settings
from cleaner.filters import FILTERS, ORDER
from cleaner.runner import clean_text

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "peer_vectors.json").read_text(encoding="utf-8")
)
STAGE1 = tuple(
    n
    for n in ORDER
    if n.split(".")[0] in ("whitespace", "unicode", "punct", "script", "ocr") and FILTERS[n].enabled
)

# index -> (our output, why it differs from the peer's expected output)
OURS: dict[int, tuple[str, str]] = {
    0: (VECTORS[0]["input"], "peer maps full-width punctuation to ASCII; ours keeps it"),
    9: (
        "x \t" + " " * 14 + "\u3000\ufffcy",
        "peer: every space-like char to ' '; ours deletes zero-width chars, makes odd spaces ASCII "
        "and keeps U+3000 (typesetting); U+FFFC is not whitespace",
    ),
    15: ("中文；中文", "autocorrect keeps ';' between Han; our rule converts it"),
    16: ("“请求参数错误。”", "straight quotes around Chinese become “ ” too"),
    17: (
        "英文，逗号后面.阿里巴巴.US有空格？的情况！测试",
        "no added spaces; a '.' inside a paragraph is not certainly a sentence end: kept",
    ),
    18: (VECTORS[18]["input"], "we add no spaces between Han and digits"),
    19: ("公告：（美股）阿里巴巴[BABA.US]发布2019下半年财报！", "our spec, as the note says"),
    20: (VECTORS[20]["input"], "URL kept byte-identical; no added spaces"),
    21: (VECTORS[21]["input"], "URL kept byte-identical; no added spaces"),
    24: (
        VECTORS[24]["expected"].replace("莫过于此", "莫过於此"),
        "於 never changes (a surname: 於梨华); the rest as OpenCC",
    ),
    26: (
        "甦 杨甦棣 复甦 甦醒 甦生 心肺复甦术 杨苏棣 复苏 苏醒",
        "甦 is valid simplified in names (通用规范汉字表 annex 1): never changed",
    ),
    27: ("抬头 擡头 抬头 擡头", "OpenCC lists 擡 as its own candidate: not traditional-only"),
    28: (
        VECTORS[28]["expected"].replace("沉厚", "沈厚"),
        "沈 is a simplified character and a surname: never 沉",
    ),
    31: (
        VECTORS[31]["input"].replace("這", "这"),
        "the stray 這 converts; 老么 stays (tw2s's 老幺 is vocabulary)",
    ),
    32: (
        "今天天气好晴朗，想吃速食面。妳还在工作吗？在太空梭上工作吗？",
        "character-level OpenCC t2s: 妳 kept (jionlp's own table maps it to 你)",
    ),
    33: (
        "今天天气好晴朗，想吃速食面。妳还在工作吗？在太空梭上工作吗？",
        "no vocabulary rewriting (速食麵 -> 方便面 changes content)",
    ),
    34: (
        "抖音知识分享 https://v.douyin.com/RtKFFah/ 复制Ci链接，打开Dou音搜索，直接观看视频",
        "URL kept (jionlp deletes it); stray 鏈 視 頻 in simplified text converted",
    ),
    35: (
        "抖音知识分享https://v.douyin.com/RtKFFah/复制Ci链接，打开Dou音搜索，直接观看视频",
        "URL kept (jionlp deletes it); stray 鏈 視 頻 in simplified text converted",
    ),
    36: (VECTORS[36]["input"], "mojibake repair is out of scope: left as it is, not made worse"),
    37: (VECTORS[37]["input"], "mojibake left as it is; never ，->, (peer convention differs)"),
    38: (VECTORS[38]["input"], "mojibake repair is out of scope: left as it is"),
    39: (VECTORS[39]["input"], "full-width letters stay by default (U03 is an option)"),
}
# Traditional-to-simplified vectors of whole traditional texts: by default such a text is a
# traditional document and is left alone; these run with `mode = "simplified"` (--script).
FORCED = {1, 3, 24, 25, 26, 27, 28, 29, 32, 33}

CASES = [i for i, v in enumerate(VECTORS) if v["op"] != "repeat_removal"]


def stage1(text: str, mode: str = "auto") -> str:
    settings = Settings(select=STAGE1, filters={"script.simplify": {"mode": mode}})
    return "\n".join(p.text for p in clean_text(text, settings).doc.paragraphs)


@pytest.mark.parametrize("index", CASES)
def test_peer_vector(index: int) -> None:
    vector = VECTORS[index]
    expected = OURS[index][0] if index in OURS else vector["expected"]
    assert stage1(vector["input"], "simplified" if index in FORCED else "auto") == expected


# Of those, the ones that are whole traditional texts (26, 27 and 29 mix in simplified text or
# are too short to tell, so their traditional-only characters are converted as strays).
TRADITIONAL = FORCED - {26, 27, 29}


@pytest.mark.parametrize("index", sorted(TRADITIONAL))
def test_traditional_vectors_untouched_by_default(index: int) -> None:
    text = VECTORS[index]["input"]
    assert stage1(text) == text


def test_fullwidth_letters_option() -> None:
    settings = Settings(select=(*STAGE1, "U03"))
    out = clean_text(VECTORS[39]["input"], settings).doc.paragraphs[0].text
    assert out == "LOUD\u3000NOISES"  # letters to ASCII; U+3000 kept
