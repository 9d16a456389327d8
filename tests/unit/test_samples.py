"""lib/samples.py: the sample's eight weekly snapshots, its log and credit sales, loaded once."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import polars as pl
import pytest

from lib import actionlog, agreements, samples
from lib.actionlog import Log
from lib.ingest import Imported
from lib.ingest.layouts import company_name
from lib.store import Store
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "history" / "ground_truth.json").read_text())
STORY = TRUTH["story"]
WEEKS = [dt.date(2026, 10, 2) + dt.timedelta(weeks=k) for k in range(8)]


@functools.cache
def read(path: Path) -> Imported:
    return samples.read_file(path)


@pytest.fixture(scope="module")
def loaded() -> samples.SampleLoad:
    return samples.load(Log.empty(), {}, read)


def record(store: Store, loaded: samples.SampleLoad) -> None:
    """What lib/ui/saving.load_sample writes, without the UI."""
    for imported in loaded.imports:
        store.save_snapshot(imported, "ACME S.R.L.", replace=True)
    store.record_entries(loaded.entries)
    for plan in loaded.plans:
        store.save_plan(plan.schedule, **plan.values)
    if loaded.credit_sales is not None:
        store.save_setting("credit_sales", loaded.credit_sales)


def test_eight_weekly_snapshots_oldest_first_the_newest_is_the_sample_file(loaded: samples.SampleLoad) -> None:
    assert [i.report.as_of for i in loaded.imports] == WEEKS
    assert [i.report.file_name for i in loaded.imports][-1] == "scadenzario_gestionale.xlsx"
    assert samples.files()[-1] == SAMPLES / "scadenzario_gestionale.xlsx"
    assert [i.items.height for i in loaded.imports] == [s["items"] for s in TRUTH["snapshots"]]


def test_the_weeks_share_one_ledger_and_its_customers(loaded: samples.SampleLoad) -> None:
    assert {company_name(i.report.title) for i in loaded.imports} == {"ACME S.R.L."}  # the sample's ledger
    newest = set(loaded.imports[-1].items["customer_id"])
    for imported in loaded.imports[:-1]:
        assert set(imported.items["customer_id"]) <= newest


def test_the_log_lands_on_customers_of_the_ledger_in_the_past(loaded: samples.SampleLoad) -> None:
    newest = set(loaded.imports[-1].items["customer_id"])
    assert len(loaded.entries) == TRUTH["log_rows"]
    assert {row["customer_id"] for _, row in loaded.entries} <= newest
    days = [row.get("date") or row.get("made_on") or row.get("opened_on") for _, row in loaded.entries]
    assert all(WEEKS[0] - dt.timedelta(days=7) < day < dt.date(2026, 11, 24) for day in days)
    tables = {(table, row["customer_id"]) for table, row in loaded.entries if table != "action"}
    assert tables == {
        ("promise", STORY["kept"]),
        ("promise", STORY["broken"]),
        ("dispute", STORY["dispute"]),
    }
    [plan] = loaded.plans
    assert (
        plan.values["customer_id"] == STORY["plan"]
        and plan.schedule["payment_cents"].sum() == (plan.values["claim_cents"])
    )
    disputed = next(row for table, row in loaded.entries if table == "dispute")
    mine = loaded.imports[-1].items.filter(pl.col("customer_id") == STORY["dispute"])
    assert disputed["doc_number"] in mine["doc_number"].to_list()


def test_the_story_reads_as_told_against_the_snapshots(workspace: Path, loaded: samples.SampleLoad) -> None:
    store = Store.open(workspace)
    record(store, loaded)
    observations = store.observations(dt.date(2026, 11, 20))
    promises = actionlog.promise_status(store.log().promise, observations, grace_days=3)
    assert dict(zip(promises["customer_id"], promises["status"], strict=True)) == {
        STORY["kept"]: "kept",
        STORY["broken"]: "broken",
    }
    [plan] = agreements.plan_state(store.log(), observations, dt.date(2026, 11, 20)).iter_rows(named=True)
    assert (plan["customer_id"], plan["state"], plan["next_n"]) == (STORY["plan"], "honoured", 3)
    assert plan["paid_cents"] == plan["claim_cents"] // 2  # two instalments of four, each paid on time


def test_loading_twice_records_nothing_twice(workspace: Path, loaded: samples.SampleLoad) -> None:
    store = Store.open(workspace)
    record(store, loaded)
    again = samples.load(store.log(), store.settings()["credit_sales"], read)
    assert again.entries == [] and again.plans == [] and again.credit_sales is None
    record(store, again)
    assert store.snapshots().height == 8
    log = store.log()
    assert (log.action.height, log.promise.height, log.dispute.height, log.plan.height) == (
        sum(t == "action" for t, _ in loaded.entries),
        2,
        1,
        1,
    )


def test_missing_keys_on_the_entry_not_on_every_column() -> None:
    made = dt.date(2026, 11, 3)
    log = Log.of(
        action=[{"customer_id": "C1", "step": "call_1", "date": made, "outcome": "reached", "note": "edited later"}]
    )
    entries = [
        ("action", {"customer_id": "C1", "step": "call_1", "date": made, "outcome": "reached"}),  # there
        ("action", {"customer_id": "C1", "step": "call_2", "date": made}),  # another step
        ("action", {"customer_id": "C2", "step": "call_2", "date": made}),  # another customer
        ("action", {"customer_id": "C2", "step": "call_2", "date": made}),  # given twice: once
        ("note", {"customer_id": "C1", "date": made, "text": "x"}),
    ]
    assert samples.missing(entries, log) == [entries[1], entries[2], entries[4]]


def test_credit_sales_keep_the_users_months() -> None:
    saved = {"EUR": {"2026-10-01": 1}, "USD": {"2026-10-01": 2}}
    sample = {"EUR": {"2026-10-01": 100, "2026-11-01": 200}}
    assert samples.merged_sales(saved, sample) == {"EUR": {"2026-10-01": 1, "2026-11-01": 200}, "USD": saved["USD"]}
    assert samples.merged_sales({"EUR": {"2026-10-01": 1, "2026-11-01": 5}}, sample) is None


def test_a_year_of_monthly_credit_sales(loaded: samples.SampleLoad) -> None:
    assert loaded.credit_sales is not None
    months = sorted(loaded.credit_sales["EUR"])
    assert months[0] == "2025-11-01" and months[-1] == "2026-11-01" and len(months) == 13
    assert all(cents > 0 for cents in loaded.credit_sales["EUR"].values())
