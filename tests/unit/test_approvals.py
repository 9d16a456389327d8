"""lib/approvals.py: a collector's offer beyond their limits waits for a manager's decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from lib import agreements, approvals, plans
from lib.policy import load_policy
from lib.store import Store

D = dt.date
TEAM = load_policy().team  # collectors: 10% discount, 12 instalments
PLAN = {"customer_id": "C1", "currency": "EUR", "kind": "instalments", "agreed_on": D(2026, 11, 24),
        "claim_cents": 600_000, "baseline_open_cents": 600_000, "grace_days": 5, "operator": "anna"}  # fmt: skip
SCHEDULE = plans.schedule(600_000, 18, D(2026, 12, 31))


@pytest.mark.parametrize(
    ("role", "kind", "instalments", "discount", "expected"),
    [("collector", "settlement", 1, 10.0, ()), ("collector", "settlement", 1, 10.5, ("discount",)),
     ("collector", "instalments", 12, 0.0, ()), ("collector", "instalments", 13, 0.0, ("instalments",)),
     ("collector", "instalments", 12, 30.0, ()),  # a plan's discount is not a settlement's
     ("manager", "settlement", 1, 40.0, ()), ("manager", "instalments", 60, 0.0, ()),
     (None, "settlement", 1, 40.0, ())],  # login off: no limits but the policy's own
)  # fmt: skip
def test_beyond_limits(role: str | None, kind: str, instalments: int, discount: float, expected: tuple) -> None:
    assert approvals.beyond_limits(role, kind, instalments, discount, TEAM) == expected


def test_a_request_waits_then_a_manager_approves_it_as_the_collector_made_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    request = approvals.request(store, SCHEDULE, PLAN, ("instalments",), "collector")
    assert store.log().plan.is_empty()  # nothing agreed yet
    waiting = approvals.pending(store)
    assert waiting.schema == approvals.PENDING
    columns = ("id", "customer_id", "kind", "claim_cents", "instalments", "reasons", "requested_by")
    assert waiting.select(columns).rows() == [(request, "C1", "instalments", 600_000, 18, ["instalments"], "anna")]
    plan_id = approvals.approve(store, request, "manager", "marco")
    assert approvals.pending(store).is_empty()
    log = store.log()
    assert log.plan.select("id", "operator", "agreed_on", "claim_cents").rows() == [
        (plan_id, "anna", D(2026, 11, 24), 600_000)
    ]
    saved = log.instalment.filter(pl.col("plan_id") == plan_id)
    assert saved.select("n", "due_date", "payment_cents").rows() == SCHEDULE.select("n", "date", "payment_cents").rows()
    assert store.query("SELECT status, decided_by, plan_id FROM approval WHERE id = ?", (request,)) == [
        ("approved", "marco", plan_id)
    ]


def test_a_decided_request_is_not_decided_again(tmp_path: Path) -> None:
    store = Store(tmp_path)
    settlement = agreements.settlement_schedule(400_000, D(2026, 12, 4))
    first = approvals.request(store, settlement, {**PLAN, "kind": "settlement"}, ("discount",), "collector")
    second = approvals.request(store, SCHEDULE, PLAN, ("instalments",), "collector")
    approvals.reject(store, first, "manager", "marco")
    with pytest.raises(approvals.Decided):
        approvals.approve(store, first, "manager", "marco")  # rejected: never saved after all
    approvals.approve(store, second, "manager", "marco")
    with pytest.raises(approvals.Decided):
        approvals.reject(store, second, "manager", "marco")
    assert store.log().plan["kind"].to_list() == ["instalments"]


def test_only_a_manager_decides_and_a_viewer_cannot_even_ask(tmp_path: Path) -> None:
    store = Store(tmp_path)
    request = approvals.request(store, SCHEDULE, PLAN, ("instalments",), "collector")
    for role in ("viewer", "collector"):
        with pytest.raises(approvals.NotAllowed):
            approvals.approve(store, request, role, "anna")
        with pytest.raises(approvals.NotAllowed):
            approvals.reject(store, request, role, "anna")
    with pytest.raises(approvals.NotAllowed):
        approvals.request(store, SCHEDULE, PLAN, ("instalments",), "viewer")
    assert approvals.pending(store)["id"].to_list() == [request]
