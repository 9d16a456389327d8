"""lib/store.py plans: save_plan and close_plan round-trip through the log, and drive the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from lib import agreements, plans
from lib.engine import evaluate
from lib.ingest import import_file
from lib.policy import load_policy
from lib.store import Store
from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("backend")

D = dt.date
PLAN = {"customer_id": "C1", "currency": "EUR", "kind": "instalments", "agreed_on": D(2026, 11, 23),
        "claim_cents": 600_000, "baseline_open_cents": 600_000, "grace_days": 5}  # fmt: skip


def test_save_plan_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path)
    schedule = plans.schedule(500_000, 6, D(2026, 12, 31), down_cents=100_000, down_date=D(2026, 11, 30))
    plan_id = store.save_plan(schedule, **PLAN, operator="anna", note="piano di rientro")
    settlement = store.save_plan(
        agreements.settlement_schedule(300_000, D(2026, 12, 4)), **{**PLAN, "kind": "settlement"}
    )
    log = store.log()
    assert log.plan.select("id", "kind", "agreed_on", "grace_days", "operator", "closed_on").rows() == [
        (plan_id, "instalments", D(2026, 11, 23), 5, "anna", None),
        (settlement, "settlement", D(2026, 11, 23), 5, None, None),
    ]
    columns = ["n", "capital_cents", "interest_cents", "payment_cents"]
    stored = log.instalment.filter(pl.col("plan_id") == plan_id)
    assert stored.select(*columns, pl.col("due_date").alias("date")).rows() == schedule.select(*columns, "date").rows()
    assert stored["n"].to_list() == [0, 1, 2, 3, 4, 5, 6]  # the down payment first
    assert log.instalment.filter(pl.col("plan_id") == settlement).select("n", "due_date", "payment_cents").rows() == [
        (1, D(2026, 12, 4), 300_000)
    ]

    before = store.revision()
    store.close_plan(plan_id, D(2027, 1, 5), "cancelled")
    store.close_plan(plan_id, D(2027, 2, 1), "completed")  # already closed: unchanged
    assert store.revision() != before
    closed = store.log().plan.filter(pl.col("id") == plan_id)
    assert closed.select("closed_on", "closed_reason").row(0) == (D(2027, 1, 5), "cancelled")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "unknown colour"),
        ({"grace_days": None}, "missing grace_days"),
        ({"closed_reason": "completed"}, "unknown closed_reason"),
        ({"kind": "discount"}, "instalments or settlement"),
    ],
)
def test_save_plan_refuses_what_it_cannot_store(tmp_path: Path, changes: dict[str, object], message: str) -> None:
    store = Store(tmp_path)
    schedule = plans.schedule(600_000, 2, D(2026, 12, 31))
    with pytest.raises(ValueError, match=message):
        store.save_plan(schedule, **{**PLAN, **changes})
    with pytest.raises(ValueError, match="no instalment"):
        store.save_plan(schedule.clear(), **PLAN)
    with pytest.raises(ValueError, match="completed, defaulted or cancelled"):
        store.close_plan(1, D(2027, 1, 5), "forgiven")
    assert store.log().plan.is_empty() and store.log().instalment.is_empty()


def test_a_saved_plan_is_checked_by_the_engine(tmp_path: Path) -> None:
    # The page's path: the latest snapshot, a plan on one of its overdue accounts, then the
    # engine on the stored log and observations.
    path = SAMPLES / "scadenzario_gestionale.xlsx"
    imported = import_file(path.read_bytes(), path.name)
    store = Store(tmp_path)
    store.save_snapshot(imported)
    as_of = imported.report.as_of
    assert as_of is not None
    policy = load_policy()
    before = evaluate(imported.items, as_of, policy, store.log(), store.observations(as_of))
    account = before.filter(pl.col("pursued_cents") > 0).sort("customer_id").row(0, named=True)
    first = as_of + dt.timedelta(days=10)
    store.save_plan(
        plans.schedule(account["open_cents"], 3, first),
        customer_id=account["customer_id"],
        currency=account["currency"],
        kind="instalments",
        agreed_on=as_of,
        claim_cents=account["open_cents"],
        baseline_open_cents=account["open_cents"],
        grace_days=policy.plans.grace_days,
    )
    status = agreements.instalment_status(store.log(), store.observations(as_of), as_of)
    assert status["status"].to_list() == ["upcoming"] * 3
    after = evaluate(imported.items, as_of, policy, store.log(), store.observations(as_of))
    row = after.filter(pl.col("customer_id") == account["customer_id"]).row(0, named=True)
    assert (row["step"], row["due_date"], row["plan_state"]) == (
        "check_instalment",
        first + dt.timedelta(days=5),
        "honoured",
    )
    # Every other account is as it was.
    others = pl.col("customer_id") != account["customer_id"]
    assert (
        after.filter(others)
        .select("customer_id", "step", "due_date")
        .sort("customer_id")
        .equals(before.filter(others).select("customer_id", "step", "due_date").sort("customer_id"))
    )
