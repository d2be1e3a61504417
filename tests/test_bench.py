"""The quality benchmark: metrics equal the reference scorer, synthetic pages are reproducible,
and the quick gate passes against the committed baseline."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from bench import metrics, quality, synth

from cleaner import render
from cleaner.model import Change
from cleaner.runner import clean_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = sorted((ROOT / "fixtures" / "gold").glob("*.json"))


def _reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared is not beside the repository")
@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:3] for p in GOLD])
@pytest.mark.parametrize("which", ["raw", "out"])
def test_metrics_equal_reference_scorer(gold_path: Path, which: str, tmp_path: Path) -> None:
    ref = _reference()
    raw = (ROOT / "seeds" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    shared_gold = SHARED / "gold" / gold_path.name
    gold = metrics.load_gold(gold_path)
    if which == "raw":
        expected = ref.score(
            ref.gold_articles(shared_gold),
            ref.raw_articles(ROOT / "seeds" / f"{gold_path.stem}.txt"),
        )
        ours = metrics.score(gold, metrics.raw_page(raw))
    else:
        jsonl = render.to_jsonl(clean_text(raw, source=gold_path.stem).doc, gold_path.stem)
        out = tmp_path / "page.jsonl"
        out.write_text(jsonl, encoding="utf-8")
        expected = ref.score(ref.gold_articles(shared_gold), ref.out_articles(out))
        ours = metrics.score(gold, metrics.jsonl_page(jsonl))
    got = ours.as_dict()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=0.001), key


def test_metrics_on_a_perfect_and_an_empty_output() -> None:
    gold = [
        ["标题一行", "第一段正文，有足够的长度来计算重复。"],
        ["另一篇", "第二篇的正文段落也够长够长够长。"],
    ]
    perfect = metrics.score(gold, gold)
    assert (perfect.cer, perfect.para_f1, perfect.group_f1) == (0, 1, 1)
    assert (perfect.dup_left, perfect.lost, perfect.halfwidth) == (0, 0, 0)
    doubled = metrics.score(gold, [gold[0] + gold[0][1:], gold[1]])
    assert doubled.dup_left == 1
    merged = metrics.score(gold, [gold[0] + gold[1]])
    assert merged.group_f1 < 1 and merged.para_f1 == 1
    empty = metrics.score(gold, [])
    assert empty.lost > 0.8 and empty.para_f1 == 0  # chunks under 8 characters do not count


def test_synthetic_pages_are_deterministic() -> None:
    a, b = synth.make_page(7), synth.make_page(7)
    assert (a.text, a.gold, a.log) == (b.text, b.gold, b.log)
    assert synth.make_page(8).text != a.text
    assert not set(quality.TUNE) & set(quality.HELDOUT)


@pytest.mark.parametrize("seed", range(1000, 1012))
def test_synthetic_log_points_into_the_page(seed: int) -> None:
    page = synth.make_page(seed)
    text = page.text
    assert 3 <= sum(a["kind"] != "photo" for a in page.gold["articles"]) <= 6
    for copy in page.log["copies"]:
        piece = text[copy["start"] : copy["end"]]
        assert piece.startswith(copy["text_prefix"]) and "\n" not in piece
        assert copy["kept"] < copy["start"]
        if copy["kind"] in ("exact", "block"):
            assert text[copy["kept"] :].startswith(piece)
    for cut in page.log["joins"]:
        assert text[cut["tail_start"] :].startswith(cut["tail_prefix"])
        assert text[: cut["head_end"]].endswith(cut["head_suffix"])
        if cut["distance"] == "adjacent":
            assert text[cut["head_end"] : cut["tail_start"]] == "\n\n"
    gold_text = "".join(metrics.squeeze("".join(lines)) for lines in metrics.gold_page(page.gold))
    fixes = quality.rates(quality.match(page.log, [], gold_text))
    assert fixes.get("fix.all.R") in (None, 1.0)  # the gold has every correction made


def test_match_counts_a_perfect_audit() -> None:
    page = synth.make_page(1003)
    changes = [
        Change("x", "D99", "remove", (c["start"], c["end"]), "", "", "", data={"kind": c["kind"]})
        for c in page.log["copies"]
    ] + [
        Change(
            "x",
            "J99",
            "join",
            (j["tail_start"], j["tail_end"]),
            "",
            "",
            "",
            data={"distance": j["distance"]},
        )
        for j in page.log["joins"]
    ]
    figures = quality.rates(quality.match(page.log, changes))
    assert figures["copy.all.P"] == figures["copy.all.R"] == 1
    assert figures["join.all.P"] == figures["join.all.R"] == 1
    wrong = [Change("x", "D99", "remove", (0, 3), "", "", "", data={"kind": "exact"})]
    assert quality.rates(quality.match(page.log, wrong))["copy.exact.P"] == 0


@pytest.mark.parametrize(
    ("metric", "now", "base", "bad"),
    [
        ("cer", 0.10, 0.09, False),
        ("cer", 0.12, 0.09, True),
        ("group_f1", 0.80, 0.83, True),
        ("join.all.R", 0.50, 0.51, False),
        ("removed", 2, 0, False),
        ("removed", 3, 0, True),
        ("dup_left", 54, 50, False),
        ("dup_left", 56, 50, True),
        ("copy.near.P", None, 0.9, False),
    ],
)
def test_gate_tolerance(metric: str, now: float | None, base: float | None, bad: bool) -> None:
    assert quality.worse(metric, now, base) is bad


def test_gate_allows_one_item_of_a_small_support() -> None:
    assert not quality.worse("join.distant.R", 0.5, 1.0, support=2)
    assert quality.worse("join.distant.R", 0.0, 1.0, support=2)


def test_quick_gate_passes_against_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    baseline = ROOT / "bench" / "baseline.json"
    assert "quick" in json.loads(baseline.read_text(encoding="utf-8"))
    code = quality.main(["--quick", "--baseline", str(baseline)])
    assert code == 0, capsys.readouterr().err


def test_misses_lists_errors_and_refuses_heldout(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import misses

    assert misses.main(["--seeds", "1011", "--what", "join"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(("1011 ", "# ")) for line in lines)
    with pytest.raises(SystemExit) as exc:
        misses.main(["--seeds", "9000-9001"])
    assert exc.value.code == 2


@pytest.mark.parametrize("kind", ["page", "clean", "dirty"])
def test_normalization_benchmark_runs_on_each_file(kind: str) -> None:
    from bench import normalize_speed

    text = normalize_speed.build(kind, 0.05)
    figures = normalize_speed.measure(text)
    assert figures["megabytes"] >= 0.04
    assert (figures["changes"] > 0) == (kind != "clean")


def test_speed_reports_the_character_stage_on_the_big_page() -> None:
    from bench import speed

    per_step = {"(read)": 1.0, "W01 w": 0.5, "P01 p": 1.0, "O03 o": 0.5, "D01 d": 9.0, "S01 s": 3.0}
    assert speed._stage1(per_step) == 2.0
    report = {"pipeline": {"big": {"seconds": 20.0, "normalization_mb_s": 25.0}}, "cli": {}}
    found = speed.targets(report)["normalization_mb_s_big"]
    assert found["met"] and found["target"] == ">= 20"
