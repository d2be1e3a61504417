from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_seeds_clean_to_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, [str(ROOT / "seeds"), "-o", str(tmp_path), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.jsonl"))) == 5
