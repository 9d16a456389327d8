"""`python -m lib summary`: the JSON contract and the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lib.__main__ import main
from lib.store import Store
from tests.conftest import ROOT, SAMPLES

KEYS = {"as_of", "items", "customers", "open_cents", "overdue_cents", "estimated_due_dates", "issues", "reconciliation"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    code = main(["summary", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def test_summary_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, result, err = run(capsys, str(SAMPLES / "scadenzario_export.csv"))
    assert code == 0 and err == ""
    assert set(result) == KEYS
    assert result["open_cents"] == {"CHF": 995254, "EUR": 55766654, "USD": 1248584}  # never summed across
    assert result["estimated_due_dates"] is False
    assert all(set(issue) == {"sheet", "row", "column", "code", "message"} for issue in result["issues"])


def test_as_of_overrides_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    _, in_file, _ = run(capsys, str(SAMPLES / "scadenzario_gestionale.xlsx"))
    code, earlier, _ = run(capsys, str(SAMPLES / "scadenzario_gestionale.xlsx"), "--as-of", "2026-01-01")
    assert code == 0 and earlier["as_of"] == "2026-01-01"
    assert earlier["open_cents"] == in_file["open_cents"]
    assert earlier["overdue_cents"]["EUR"] < in_file["overdue_cents"]["EUR"]


def test_overdue_means_strictly_before_as_of(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    csv = tmp_path / "two.csv"
    csv.write_text("Cliente;Scadenza;Importo\nRossi;20/11/2026;100,00\nBianchi;19/11/2026;50,00\n")
    code, result, _ = run(capsys, str(csv), "--as-of", "2026-11-20")
    assert code == 0
    assert result["open_cents"] == {"EUR": 15000}
    assert result["overdue_cents"] == {"EUR": 5000}


def test_sheet_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, str(SAMPLES / "scadenzario_gestionale.xlsx"), "--sheet", "Nope")
    assert code == 2 and "Nope" in err and err.count("\n") == 1


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path / "absent.xlsx"))
    assert code == 2 and "absent.xlsx" in err and err.count("\n") == 1


def test_no_as_of_anywhere_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    csv = tmp_path / "undated.csv"
    csv.write_text("Cliente;Scadenza;Importo\nRossi;20/11/2026;100,00\nBianchi;19/11/2026;50,00\n")
    code, _, err = run(capsys, str(csv))
    assert code == 2 and "--as-of" in err


def test_save_stores_once(capsys: pytest.CaptureFixture[str], workspace: Path) -> None:
    path = str(SAMPLES / "riepilogo_scadenze_odoo.xlsx")
    _, first, _ = run(capsys, path, "--save")
    _, second, _ = run(capsys, path, "--save")
    assert first["snapshot_id"] == second["snapshot_id"] == 1
    assert (first["already_saved"], second["already_saved"]) == (False, True)
    assert Store.open(workspace).snapshots().height == 1


def test_save_into_a_ledger_asks_before_replacing_the_same_date(
    capsys: pytest.CaptureFixture[str], workspace: Path
) -> None:
    odoo, gestionale = str(SAMPLES / "riepilogo_scadenze_odoo.xlsx"), str(SAMPLES / "scadenzario_gestionale.xlsx")
    _, first, _ = run(capsys, odoo, "--save", "--ledger", "ACME")
    assert (first["ledger"], first["replaced"]) == ("ACME", [])
    # another export of ACME as of the same date: refused with one line, unless --replace
    code, _, err = run(capsys, gestionale, "--save", "--ledger", "ACME")
    assert code == 2 and "already has snapshot 1 as of 2026-11-20" in err and "--replace" in err
    code, replaced, _ = run(capsys, gestionale, "--save", "--ledger", "ACME", "--replace")
    assert code == 0 and (replaced["snapshot_id"], replaced["replaced"]) == (2, [1])
    # without --ledger: the default ledger, where nothing clashes
    _, default, _ = run(capsys, odoo, "--save")
    assert default["ledger"] == "default" and default["snapshot_id"] == 3
    assert Store.open(workspace).snapshots().select("id", "ledger").rows() == [(3, "default"), (2, "ACME")]
    # the action list of a stored snapshot reads its ledger; of a file, the ledger it is compared with
    assert main(["actions", "--snapshot", "2"]) == 0
    capsys.readouterr()
    assert main(["actions", odoo, "--ledger", "ACME"]) == 0


def test_module_entry_point(workspace: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lib", "summary", str(SAMPLES / "ar_aging_detail_quickbooks.xlsx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["open_cents"] == {"USD": 30426483}
