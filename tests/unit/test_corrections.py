"""lib/corrections.py and Store.correct: an entry edited or voided by an append-only record, and a
voided entry no longer counting (the engine's next step, the promise checks, the weekly list)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import polars as pl
import pytest

from lib import catalogue, corrections
from lib.actionlog import Log
from lib.book import read_book
from lib.ingest import import_file
from lib.store import DB_NAME, MIGRATIONS, Refused, Store
from lib.weekly import iso_week
from tests.conftest import SAMPLES, TODAY

pytestmark = pytest.mark.usefixtures("backend")

D = dt.date
ACTION = {"customer_id": "C1", "step": "call_1", "date": D(2026, 11, 2), "channel": "phone", "outcome": "reached"}
PROMISE = {"customer_id": "C1", "currency": "EUR", "made_on": D(2026, 11, 2), "promised_date": D(2026, 11, 9),
           "amount_cents": 10_000, "baseline_open_cents": 50_000}  # fmt: skip


def _log(*corrections_rows: dict[str, object]) -> Log:
    return Log.of(
        action=[ACTION, {**ACTION, "customer_id": "C2"}], promise=[PROMISE], correction=list(corrections_rows)
    )


def test_a_void_drops_the_entry_and_an_edit_replaces_its_fields() -> None:
    edit, problem = corrections.correction(_log(), "action", 2, "edit", {"outcome": "no_answer"}, operator="Anna")
    assert problem is None and edit is not None
    void, _ = corrections.correction(_log(), "promise", 1, "void", reason="wrong account")
    log = corrections.applied(_log(edit | {"created_at": "t1"}, void | {"created_at": "t2"}))  # type: ignore[operator]
    assert log.action["outcome"].to_list() == ["reached", "no_answer"]
    assert log.action["id"].to_list() == [1, 2]
    assert log.promise.is_empty()
    assert log.correction.height == 2  # the record of both stays


def test_the_latest_edit_wins_and_fields_not_named_keep_their_values() -> None:
    first, _ = corrections.correction(_log(), "promise", 1, "edit", {"amount_cents": 20_000})
    assert first is not None
    seen = _log(first | {"id": 1})
    second, _ = corrections.correction(seen, "promise", 1, "edit", {"promised_date": D(2026, 11, 20)})
    assert second is not None
    row = corrections.applied(_log(first | {"id": 1}, second | {"id": 2})).promise.row(0, named=True)
    assert (row["amount_cents"], row["promised_date"], row["made_on"]) == (20_000, D(2026, 11, 20), D(2026, 11, 2))
    assert row["baseline_open_cents"] == 50_000  # not editable, untouched


@pytest.mark.parametrize(
    ("table", "entry_id", "kind", "changes", "problem"),
    [
        ("action", 9, "void", None, "missing"),
        ("action", 1, "edit", {"outcome": "reached"}, "unchanged"),
        ("action", 1, "edit", {"date": None}, "date"),
        ("action", 1, "edit", {"step": " "}, "required"),
        ("promise", 1, "edit", {"amount_cents": 0}, "amount"),
    ],
)
def test_corrections_that_are_refused(table: str, entry_id: int, kind: str, changes: dict, problem: str) -> None:
    assert corrections.correction(_log(), table, entry_id, kind, changes) == (None, problem)


def test_a_voided_entry_cannot_be_voided_or_edited_again() -> None:
    void, _ = corrections.correction(_log(), "action", 1, "void")
    log = _log(void | {"id": 1})  # type: ignore[operator]
    assert corrections.correction(log, "action", 1, "void") == (None, "voided")
    assert corrections.correction(log, "action", 1, "edit", {"outcome": "no_answer"}) == (None, "voided")


def test_a_hold_must_still_end_after_it_starts_and_a_note_keep_its_text() -> None:
    log = Log.of(hold=[{"customer_id": "C1", "made_on": D(2026, 11, 2), "until": D(2026, 11, 9)}],
                 note=[{"customer_id": "C1", "date": D(2026, 11, 2), "text": "x"}])  # fmt: skip
    assert corrections.correction(log, "hold", 1, "edit", {"until": D(2026, 11, 1)}) == (None, "until")
    assert corrections.correction(log, "note", 1, "edit", {"text": "  "}) == (None, "text")


def test_customer_and_documents_are_not_editable() -> None:
    with pytest.raises(ValueError, match="customer_id"):
        corrections.correction(_log(), "action", 1, "edit", {"customer_id": "C2"})
    with pytest.raises(ValueError):
        corrections.correction(_log(), "plan", 1, "void")


def test_the_store_appends_corrections_and_keeps_the_entry_as_recorded(workspace: Path) -> None:
    store = Store.open()
    action = store.record("action", **ACTION)
    revision = store.revision()
    store.correct("action", action, "edit", {"outcome": "no_answer"}, reason="misclicked", operator="Anna")
    assert store.revision() != revision
    assert store.log().action["outcome"].to_list() == ["no_answer"]
    assert store.log(corrected=False).action["outcome"].to_list() == ["reached"]
    store.correct("action", action, "void", operator="Bruno")
    assert store.log().action.is_empty()
    record = store.log().correction.select("entry_table", "entry_id", "kind", "reason", "operator").rows()
    assert record == [("action", action, "edit", "misclicked", "Anna"), ("action", action, "void", None, "Bruno")]
    with pytest.raises(Refused) as refused:
        store.correct("action", action, "void")
    assert refused.value.code == "voided"
    with pytest.raises(ValueError, match=r"Store\.correct"):
        store.record("correction", entry_table="action", entry_id=action, kind="void")


@pytest.mark.embedded_only
def test_the_migration_adds_the_correction_table_to_an_older_workspace(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    with sqlite3.connect(home / DB_NAME) as conn:
        for number, script in enumerate(MIGRATIONS[:-1], start=1):
            conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
        conn.execute("INSERT INTO note (customer_id, date, text, created_at) VALUES ('C1', '2026-11-02', 'x', 't')")
    store = Store(home)
    store.correct("note", 1, "void")
    assert store.log().note.is_empty()
    assert store.log(corrected=False).note.height == 1


def test_a_voided_promise_or_step_stops_counting_in_the_engine_and_the_weekly_list(workspace: Path) -> None:
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    store = Store.open()
    store.save_snapshot(import_file(path.read_bytes(), path.name))
    book = read_book(store, TODAY)
    assert book is not None
    first = book.week(iso_week(TODAY))[0].row(0, named=True)
    customer, currency = first["customer_id"], first["currency"]
    promise = store.record(
        "promise", customer_id=customer, currency=currency, made_on=TODAY, promised_date=TODAY + dt.timedelta(days=20),
        amount_cents=100, baseline_open_cents=first["overdue_cents"],
    )  # fmt: skip
    step = store.record("action", customer_id=customer, step=first["step"], date=TODAY, channel="phone",
                        outcome="no_answer", currency=currency)  # fmt: skip
    promised = read_book(store, TODAY)
    assert promised is not None
    assert promised.account(customer, currency)["step"] == "check_promise"  # type: ignore[index]
    assert customer not in promised.week(iso_week(TODAY))[0]["customer_id"].to_list()
    store.correct("promise", promise, "void", reason="wrong account")
    store.correct("action", step, "void", reason="wrong account")
    again = read_book(store, TODAY)
    assert again is not None
    listed = again.week(iso_week(TODAY))[0]
    assert listed.filter(pl.col("customer_id") == customer).row(0, named=True)["step"] == first["step"]
    assert again.log.promise.is_empty() and again.log.action.is_empty()


@pytest.mark.embedded_only
def test_the_catalogue_writes_cells_reads_tables_and_appends_corrections(workspace: Path) -> None:
    store = Store.open()
    note = store.record("note", customer_id="C1", date=D(2026, 11, 2), text="x")
    assert (
        catalogue.cell(D(2026, 11, 2)) == "2026-11-02" and catalogue.cell(["F1"]) == '["F1"]' and catalogue.cell(3) == 3
    )
    with sqlite3.connect(workspace / DB_NAME) as conn:
        log = Log.of(note=catalogue.table(conn, "note").to_dicts())
        assert catalogue.append_correction(conn, log, "note", note, "void", None, "typo", "Anna") == 1
        with pytest.raises(Refused) as refused:
            catalogue.append_correction(conn, log, "note", note + 1, "void", None, None, None)
        assert refused.value.code == "missing"
    assert store.log(corrected=False).correction.select("kind", "reason", "operator").rows() == [
        ("void", "typo", "Anna")
    ]
