"""lib/workspace_copy.py: a whole workspace into PostgreSQL and back, verified by counts and totals."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lib import plans, workspace_copy
from lib.__main__ import main
from lib.ingest import Imported, import_file
from lib.mail import outbox
from lib.mail.outbox import Draft
from lib.store import Store
from tests import pg_server
from tests.conftest import SAMPLES, TODAY


@pytest.fixture(scope="module")
def imported() -> Imported:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    return import_file(path.read_bytes(), path.name)


def _filled(store: Store, imported: Imported) -> None:
    """A workspace with a row in every kind of table."""
    store.save_snapshot(imported)
    other = import_file((SAMPLES / "scadenzario_export.csv").read_bytes(), "scadenzario_export.csv")
    store.save_snapshot(other, "Other company")
    first = imported.items.row(0, named=True)
    store.record("action", customer_id="C1", step="call_1", date=TODAY, operator="anna", currency="EUR")
    store.record("promise", customer_id="C1", currency="EUR", made_on=TODAY, promised_date=TODAY,
                 amount_cents=12_345, baseline_open_cents=99_999)  # fmt: skip
    store.record("dispute", customer_id=first["customer_id"], doc_number=first["doc_number"], opened_on=TODAY)
    store.record("flag", customer_id="C1", set_on=TODAY, negative=True, reason="protesto")
    note = store.record("note", customer_id="C1", date=TODAY, text="l'ho chiamato; 50% subito?")
    store.correct("note", note, "void", reason="typo", operator="anna")
    schedule = plans.schedule(600_000, 3, TODAY)
    store.save_plan(schedule, customer_id="C1", currency="EUR", kind="instalments", agreed_on=TODAY,
                    claim_cents=600_000, baseline_open_cents=600_000, grace_days=5)  # fmt: skip
    store.save_setting("policy", {"grace_days": 5, "text": 'quote " and, comma'})
    store.save_layout("abc", {"columns": {"A": "customer_id"}})
    draft = Draft("C1", "EUR", "letter_1", "letter_1", "email", "c1@example.com", "Sollecito", "Gentile…",
                  "c1.pdf", b"%PDF-1.4 \x00\xff binary")  # fmt: skip
    outbox.put(store, "2026-W48", [draft], "example.com")


def test_a_workspace_goes_to_postgresql_and_back_whole(
    tmp_path: Path, imported: Imported, postgresql: pg_server.Server
) -> None:
    source = Store.open(tmp_path / "source")
    _filled(source, imported)
    url = postgresql.database()
    result = workspace_copy.copy(source, Store.open(url))
    assert result["ok"] and result["source"] == result["target"]
    assert result["source"]["tables"]["promise"] == {"rows": 1, "amount_cents": 12_345, "baseline_open_cents": 99_999}
    back = Store.open(tmp_path / "back")
    assert workspace_copy.copy(Store.open(url), back)["ok"]
    for copied in (Store.open(url), back):
        for table in ("action", "promise", "dispute", "flag", "note", "correction", "plan", "instalment"):
            assert_frame_equal(getattr(copied.log(corrected=False), table), getattr(source.log(corrected=False), table))
        assert_frame_equal(copied.snapshots(), source.snapshots())
        for snapshot_id in source.snapshots()["id"]:
            assert_frame_equal(copied.items(snapshot_id), source.items(snapshot_id))
            assert_frame_equal(copied.issues(snapshot_id), source.issues(snapshot_id))
        assert copied.settings() == source.settings() and copied.layout("abc") == source.layout("abc")
        assert_frame_equal(outbox.messages(copied), outbox.messages(source))
        assert outbox.pdf(copied, 1) == b"%PDF-1.4 \x00\xff binary"
        # The ids go on from the copied ones: nothing new takes an id a copied row has.
        assert copied.record("note", customer_id="C2", date=TODAY, text="new") == 2
        third = dataclasses.replace(imported, report=dataclasses.replace(imported.report, sha256="3" * 64))
        assert copied.save_snapshot(third, "Third").snapshot_id == 3


def test_the_command_prints_the_counts_and_refuses_a_target_that_is_not_empty(
    tmp_path: Path, imported: Imported, postgresql: pg_server.Server, capsys: pytest.CaptureFixture[str]
) -> None:
    Store.open().save_snapshot(imported)
    url = postgresql.database()
    assert main(["workspace", "copy", "--to", url]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["ok"] and printed["target"]["snapshots"] == {"1": {"items": 661, "open_cents": 61_561_915,
                                                                       "amount_cents": 65_379_115}}  # fmt: skip
    assert main(["workspace", "copy", "--to", url]) == 2
    assert "not empty (snapshot)" in capsys.readouterr().err
    assert main(["workspace", "copy", "--from", url, "--to", str(tmp_path / "back")]) == 0


def test_a_copy_that_does_not_add_up_exits_1(
    imported: Imported,
    postgresql: pg_server.Server,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Store.open().save_snapshot(imported)
    url = postgresql.database()
    Store.open(url)
    put = type(Store.open(url)).put_files

    def loses_a_row(self: Store, conn: object, snapshot_id: int, items: pl.DataFrame, files: object) -> None:
        put(self, conn, snapshot_id, items.slice(1), files)  # type: ignore[arg-type]

    monkeypatch.setattr(type(Store.open(url)), "put_files", loses_a_row)
    assert main(["workspace", "copy", "--to", url]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert not printed["ok"] and printed["target"]["snapshots"]["1"]["items"] == 660


def test_backup_and_restore_send_a_database_to_pg_dump(
    postgresql: pg_server.Server, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOLLECITO_DATABASE_URL", postgresql.database())
    for command in (["backup", "x.zip"], ["restore", "x.zip"]):
        assert main(command) == 2
        assert "pg_dump" in capsys.readouterr().err
    assert main(["check"]) == 0 and json.loads(capsys.readouterr().out)["ok"]
