"""`python -m lib` keeps its contract: every failure is one line on stderr and exit status 2, and
output into a closed pipe ends quietly."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import lib.__main__ as cli
from tests.conftest import ROOT, SAMPLES


def fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the command line in-process; return the one line it printed on stderr."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code  # argparse's own exit
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.endswith("\n") and err.count("\n") == 1, err
    return err


def test_a_claim_over_the_maximum_is_one_line_from_the_real_process() -> None:
    argv = ["plan", "--claim", "90000000000000000.00", "--instalments", "3", "--first", "2026-12-01"]
    done = subprocess.run(
        [sys.executable, "-m", "lib", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--claim" in done.stderr and "9999999999999.99" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["interest", "--capital", "100.00", "--due", "2026-01-01", "--until", "9999-12-31"],
        ["interest", "--capital", "100.00", "--due", "0001-01-01", "--until", "2026-01-01"],
        ["interest", "--capital", "NaN", "--due", "2026-01-01", "--until", "2026-02-01"],
        ["interest", "--capital", "1e30", "--due", "2026-01-01", "--until", "2026-02-01"],
        ["plan", "--claim", "100.00", "--instalments", "3", "--first", "9999-12-01"],
        ["plan", "--claim", "100.00", "--instalments", "3"],
        ["actions", "--snapshot", "x"],
        ["nonsense"],
    ],
)
def test_wrong_arguments_are_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    fails(capsys, *argv)


def test_a_long_csv_field_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Cliente;Scadenza;Importo\nRossi;15/01/2026;" + "9" * 200_000 + "\n")
    assert "long.csv" in fails(capsys, "summary", str(path), "--as-of", "2026-11-20")


def test_an_amount_over_the_maximum_in_a_file_is_an_issue_not_a_wrapped_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Cliente;Scadenza;Importo\nRossi;15/01/2026;92233720368547758,07\nBianchi;15/01/2026;1,00\n")
    assert cli.main(["summary", str(path), "--as-of", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert '"EUR": 100' in out and "amount_too_large" in out


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.DatabaseError("file is not a database"),
        sqlite3.OperationalError("database is locked"),
        pl.exceptions.ComputeError("a message\nover\nseveral lines"),
        RuntimeError("a bug of ours\nwith a second line"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_sqlite_polars_and_unexpected_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(cli, "import_file", broken)
    line = fails(capsys, "summary", str(SAMPLES / "scadenzario_export.csv"))
    assert str(error).splitlines()[0] in line


def test_a_corrupt_workspace_is_one_line(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    workspace.mkdir(parents=True)
    (workspace / "sollecito.db").write_bytes(b"this is not a database" * 100)
    fails(capsys, "summary", str(SAMPLES / "scadenzario_export.csv"), "--save")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """`python -m lib ... | head`: the reader is gone before the JSON is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    closed = io.TextIOWrapper(io.FileIO(write_end, "w"), write_through=False)
    monkeypatch.setattr(sys, "stdout", closed)
    code = cli.main(["summary", str(SAMPLES / "scadenzario_export.csv")])
    assert code == 0
    assert capfd.readouterr().err == ""
    closed.close()  # stdout now points at /dev/null: closing writes nothing, raises nothing
