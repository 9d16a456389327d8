"""Each collector's queue: which collector works which account, by the policy's `[team]` rules
or by hand, each collector's weekly capacity, and the team's load as the manager sees it.

The rules, first match wins: an assignment made by hand (the `assignment` table, append-only: the
latest row of a customer counts, an empty collector gives the customer back to the rules), then
`by_overdue_over` (the highest amount the account's overdue is over), `by_salesperson`,
`by_rating`, and `default_collector`. Amounts are in the account's own currency.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import polars as pl

from lib import clock
from lib.ageing import ACCOUNT
from lib.policy_types import PolicyError, Team, Weekly

if TYPE_CHECKING:
    from lib.store import Store

RULES = ("hand", "overdue", "salesperson", "rating", "default")  # `assigned_by`, in the order they apply
LOAD = pl.Schema(
    {
        "collector": pl.String(),
        "currency": pl.String(),
        "accounts": pl.UInt32(),
        "overdue_cents": pl.Int64(),
        "actions": pl.UInt32(),
    }
)


def thresholds(team: Team) -> list[tuple[int, str]]:
    """`by_overdue_over` as (cents, collector), the highest amount first; PolicyError for a key
    that is not an amount."""
    found = []
    for amount, collector in team.by_overdue_over.items():
        try:
            cents = int(Decimal(str(amount).replace(",", ".")) * 100)
        except (InvalidOperation, ValueError) as error:
            raise PolicyError("threshold", key=f"team.by_overdue_over.{amount}") from error
        if cents < 0:
            raise PolicyError("threshold", key=f"team.by_overdue_over.{amount}")
        found.append((cents, str(collector)))
    return sorted(found, reverse=True)


def check(team: Team) -> None:
    """Raise PolicyError naming the first `[team]` key that cannot work."""
    if not 0 <= team.collector_max_discount_pct <= 100:
        raise PolicyError("percent", key="team.collector_max_discount_pct")
    if team.collector_max_instalments < 1:
        raise PolicyError("positive", key="team.collector_max_instalments")
    for table in ("calls", "letters"):
        for name, value in getattr(team, table).items():
            if value < 0:
                raise PolicyError("negative", key=f"team.{table}.{name}")
    thresholds(team)


def assign(accounts: pl.DataFrame, team: Team, by_hand: pl.DataFrame) -> pl.DataFrame:
    """`accounts` with `collector` (null: nobody) and `assigned_by` (one of RULES, null with nobody).

    `by_hand` has customer_id and collector (`hand_assignments`: one row per customer)."""
    over = [(pl.col("overdue_cents") > cents, pl.lit(name)) for cents, name in thresholds(team)]
    by_overdue = pl.lit(None, pl.String)
    for condition, collector in reversed(over):  # the highest amount is tested first
        by_overdue = pl.when(condition).then(collector).otherwise(by_overdue)
    choices = {
        "hand": pl.col("hand_collector"),
        "overdue": by_overdue,
        "salesperson": _mapped("salesperson", team.by_salesperson),
        "rating": _mapped("rating", team.by_rating),
        "default": pl.lit(team.default_collector or None, pl.String),
    }
    rule = pl.lit(None, pl.String)
    for name in reversed(RULES):
        rule = pl.when(choices[name].is_not_null()).then(pl.lit(name)).otherwise(rule)
    hand = by_hand.select(pl.col("customer_id").cast(pl.String), pl.col("collector").alias("hand_collector"))
    joined = accounts.join(hand, on="customer_id", how="left", maintain_order="left")
    return joined.with_columns(pl.coalesce(*choices.values()).alias("collector"), rule.alias("assigned_by")).drop(
        "hand_collector"
    )


def _mapped(column: str, rules: Mapping[str, str]) -> pl.Expr:
    if not rules:
        return pl.lit(None, pl.String)
    return pl.col(column).cast(pl.String).replace_strict(dict(rules), default=None, return_dtype=pl.String)


def capacity(team: Team, weekly: Weekly, collector: str) -> dict[str, int]:
    """A collector's calls and letters a week: `[team]`'s for them, else `[weekly]`'s."""
    return {
        "calls": int(team.calls.get(collector, weekly.calls)),
        "letters": int(team.letters.get(collector, weekly.letters)),
    }


def load(assigned: pl.DataFrame, listed: pl.DataFrame) -> pl.DataFrame:
    """The team's load (LOAD): per collector (null: nobody) and currency, the accounts with
    something overdue, their overdue amount, and the actions `listed` (a week's list) holds."""
    actions = (
        listed.join(assigned.select(*ACCOUNT, "collector"), on=list(ACCOUNT), how="left")
        .group_by("collector", "currency")
        .agg(pl.len().alias("actions"))
    )
    owing = (
        assigned.filter(pl.col("overdue_cents") > 0)
        .group_by("collector", "currency")
        .agg(pl.len().alias("accounts"), pl.col("overdue_cents").sum())
    )
    both = owing.join(actions, on=["collector", "currency"], how="full", coalesce=True, nulls_equal=True)
    return both.select(
        "collector", "currency", pl.col("accounts").fill_null(0), pl.col("overdue_cents").fill_null(0),
        pl.col("actions").fill_null(0),
    ).cast(LOAD).sort("collector", "currency", nulls_last=True)  # fmt: skip


# --- assignments by hand, in the store -------------------------------------------------------------


def hand_assignments(store: Store) -> pl.DataFrame:
    """The customers assigned by hand: customer_id, collector, operator (who assigned), created_at."""
    rows = store.query("SELECT customer_id, collector, operator, created_at FROM assignment ORDER BY id")
    schema = {"customer_id": pl.String(), "collector": pl.String(), "operator": pl.String(), "created_at": pl.String()}
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.unique("customer_id", keep="last", maintain_order=True).filter(pl.col("collector").is_not_null())


def assign_by_hand(store: Store, customer_id: str, collector: str | None, operator: str | None) -> None:
    """Give a customer to `collector` (None or "": back to the rules), remembering who did it."""
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO assignment (customer_id, collector, operator, created_at) VALUES (?, ?, ?, ?)",
            (customer_id, (collector or "").strip() or None, operator, clock.now().isoformat(timespec="seconds")),
        )
