"""Every file of the bad-input corpus gets one clear sentence, never a traceback."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from lib.__main__ import main
from lib.ingest import ImportFailed, import_file

BAD = Path(__file__).parent / "corpus" / "bad"
EXPECTED: dict[str, str] = tomllib.loads((BAD / "expected.toml").read_text())["files"]


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert on_disk == set(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_fails_cleanly(name: str) -> None:
    with pytest.raises(ImportFailed) as failure:
        import_file((BAD / name).read_bytes(), name)
    assert failure.value.code == EXPECTED[name]
    message = str(failure.value)
    assert name in message
    assert "\n" not in message and message.endswith(".")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_exits_2_with_one_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(BAD / name)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and name in captured.err


def test_over_the_size_limit() -> None:
    data = (Path(__file__).parents[1] / "sample_data" / "scadenzario_gestionale.xlsx").read_bytes()
    with pytest.raises(ImportFailed) as failure:
        import_file(data, "big.xlsx", max_bytes=len(data) - 1)
    assert failure.value.code == "too_large"
