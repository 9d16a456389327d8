"""`python -m lib receipts`: the JSON list contract, through main() and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lib.__main__ import main
from tests.conftest import ROOT
from tests.unit.pec import receipt_eml

KEYS = {"file", "kind", "at", "msgid", "recipient", "subject"}


def test_one_entry_per_file_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "accepted.eml": receipt_eml("accettazione", "m1@sollecito.local"),
        "delivered.eml": receipt_eml("avvenuta-consegna", "m1@sollecito.local", hour="10:16:02"),
        "bounced.eml": receipt_eml("errore-consegna", "m2@sollecito.local", extended="casella piena"),
        "refused.eml": receipt_eml("non-accettazione", "m3@sollecito.local", errore="altro"),
        "note.eml": b"From: a@b.it\r\nSubject: ciao\r\n\r\nhello\r\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    code = main(["receipts", *(str(tmp_path / name) for name in files), str(tmp_path / "missing.eml")])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    entries = json.loads(out)
    assert [e["file"] for e in entries] == [*files, "missing.eml"]
    assert [e["kind"] for e in entries] == [
        "acceptance", "delivery", "non_delivery", "non_acceptance", "other", "other"
    ]  # fmt: skip
    assert all(set(e) >= KEYS for e in entries)
    assert entries[1] == {
        "file": "delivered.eml",
        "kind": "delivery",
        "at": "2026-11-25T10:16:02+01:00",
        "msgid": "m1@sollecito.local",
        "recipient": "amministrazione@pec.cliente.it",
        "subject": "Diffida ad adempiere",
    }
    assert entries[2]["reason"] == "casella piena"
    assert all(e["reason"] for e in entries[4:])


def test_as_a_process_a_damaged_file_is_no_traceback(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.eml"
    damaged.write_bytes(receipt_eml("accettazione", "m@x", xml="<postacert tipo='accettazione'><dati>"))
    done = subprocess.run(
        [sys.executable, "-m", "lib", "receipts", str(damaged)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr
    [entry] = json.loads(done.stdout)
    assert entry["kind"] == "other" and "damaged" in entry["reason"]


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["receipts"])
    assert exit_.value.code == 2
