"""A collector's offer beyond their limits (`[team]` in the policy) waits for a manager.

`beyond_limits` says which limits an offer passes (none: the collector agrees it at once). An
offer beyond them is kept whole, its plan's values and schedule, as a `pending` row of the
`approval` table (`request`); the manager's weekly page lists them (`pending`) and approves one
(`approve`: the plan saved as the collector made it, their name as its operator, in the same
transaction that marks the request approved with the manager's name) or rejects it (`reject`).
Each is named by its id: a list redrawn meanwhile never approves the wrong one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import polars as pl

from lib import catalogue, clock
from lib.permissions import can
from lib.policy_types import Team

if TYPE_CHECKING:
    from lib.store import Store

SCHEDULE_COLUMNS = ("n", "date", "capital_cents", "interest_cents", "payment_cents")
PENDING = pl.Schema(
    {
        "id": pl.Int64(),
        "customer_id": pl.String(),
        "currency": pl.String(),
        "kind": pl.String(),
        "claim_cents": pl.Int64(),
        "instalments": pl.Int64(),
        "reasons": pl.List(pl.String()),
        "requested_by": pl.String(),
        "created_at": pl.String(),
    }
)


class NotAllowed(PermissionError):
    """The role may not do this (lib/permissions.py)."""


class Decided(LookupError):
    """The request is not pending (approved or rejected meanwhile, or no such id)."""


def beyond_limits(role: str | None, kind: str, instalments: int, discount_pct: float, team: Team) -> tuple[str, ...]:
    """The limits of `role` an offer passes: `discount` (a settlement's discount over the collector's
    maximum), `instalments` (a plan longer than theirs). None when the role has no such limits."""
    if can(role, "agree_beyond_limits"):
        return ()
    reasons = []
    if kind == "settlement" and discount_pct > team.collector_max_discount_pct + 1e-9:
        reasons.append("discount")
    if kind == "instalments" and instalments > team.collector_max_instalments:
        reasons.append("instalments")
    return tuple(reasons)


def request(
    store: Store, schedule: pl.DataFrame, values: Mapping[str, object], reasons: tuple[str, ...], role: str | None
) -> int:
    """Keep an offer for a manager to approve; its id. `values` and `schedule` as Store.save_plan takes them."""
    if not can(role, "agree_plan"):
        raise NotAllowed(role)
    catalogue.check_plan(values, schedule)
    rows = schedule.select(SCHEDULE_COLUMNS).to_dicts()
    with store.transaction() as conn:
        row = conn.execute(
            "INSERT INTO approval (customer_id, currency, kind, plan_values, schedule, reasons, requested_by, status,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
            (
                values["customer_id"], values["currency"], values["kind"], json.dumps(dict(values), default=str),
                json.dumps(rows, default=str), json.dumps(list(reasons)), values.get("operator"), _stamp(),
            ),
        ).fetchone()  # fmt: skip
    return int(row[0])


def pending(store: Store) -> pl.DataFrame:
    """The requests waiting for a manager (PENDING), oldest first."""
    found = store.query(
        "SELECT id, customer_id, currency, kind, plan_values, schedule, reasons, requested_by, created_at"
        " FROM approval WHERE status = 'pending' ORDER BY id"
    )
    rows = [
        (i, customer, currency, kind, json.loads(values)["claim_cents"],
         sum(1 for r in json.loads(schedule) if r["n"] > 0), json.loads(reasons), by, at)
        for i, customer, currency, kind, values, schedule, reasons, by, at in found
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=PENDING, orient="row")


def approve(store: Store, approval_id: int, role: str | None, by: str | None) -> int:
    """Approve a pending request: its plan saved (operator: who made the offer) and the request marked
    approved by `by`, in one transaction; the plan's id. Decided when it is no longer pending."""
    if not can(role, "approve"):
        raise NotAllowed(role)
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT plan_values, schedule FROM approval WHERE id = ? AND status = 'pending'", (int(approval_id),)
        ).fetchone()
        if row is None:
            raise Decided(approval_id)
        values, schedule = _plan(row[0], row[1])
        plan_id = catalogue.insert_plan(conn, schedule, values, _stamp())
        conn.execute(
            "UPDATE approval SET status = 'approved', decided_by = ?, decided_at = ?, plan_id = ? WHERE id = ?",
            (by, _stamp(), plan_id, int(approval_id)),
        )
    return plan_id


def reject(store: Store, approval_id: int, role: str | None, by: str | None) -> None:
    """Reject a pending request (nothing is saved but the decision and who made it)."""
    if not can(role, "approve"):
        raise NotAllowed(role)
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE approval SET status = 'rejected', decided_by = ?, decided_at = ?"
            " WHERE id = ? AND status = 'pending'",
            (by, _stamp(), int(approval_id)),
        ).rowcount
        if not changed:
            raise Decided(approval_id)


def _plan(values_json: str, schedule_json: str) -> tuple[dict[str, Any], pl.DataFrame]:
    values = json.loads(values_json)
    values["agreed_on"] = dt.date.fromisoformat(values["agreed_on"])
    schema = {"n": pl.Int64(), "date": pl.String(), "capital_cents": pl.Int64(), "interest_cents": pl.Int64(),
              "payment_cents": pl.Int64()}  # fmt: skip
    schedule = pl.DataFrame(json.loads(schedule_json), schema=schema)
    return values, schedule.with_columns(pl.col("date").str.to_date("%Y-%m-%d"))


def _stamp() -> str:
    return clock.now().isoformat(timespec="seconds")
