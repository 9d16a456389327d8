"""lib/team.py: which collector works which account (rules and by hand), capacity, the team's load;
lib/audit.py: who changed what."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

from lib import audit, team
from lib.policy import PolicyError, check, load_policy
from lib.policy_types import FrozenMap
from lib.store import Store

POLICY = load_policy()
TEAM = dataclasses.replace(
    POLICY.team,
    by_overdue_over=FrozenMap({"50000": "marco", "10000": "lucia"}),
    by_salesperson=FrozenMap({"ROSSI": "anna"}),
    by_rating=FrozenMap({"D": "bruno"}),
    calls=FrozenMap({"anna": 12}),
)
ACCOUNTS = pl.DataFrame(
    {
        "customer_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
        "currency": ["EUR"] * 6,
        "overdue_cents": [6_000_000, 2_000_000, 500_000, 100_000, 0, 300_000],
        "salesperson": ["ROSSI", "ROSSI", "ROSSI", None, "BIANCHI", "BIANCHI"],
        "rating": ["A", "B", "D", "D", "A", "C"],
    }
)
NOBODY = pl.DataFrame(schema={"customer_id": pl.String, "collector": pl.String})


def collectors(frame: pl.DataFrame) -> list[tuple[str, str | None, str | None]]:
    return frame.select("customer_id", "collector", "assigned_by").rows()


def test_the_first_rule_that_matches_wins() -> None:
    assert collectors(team.assign(ACCOUNTS, TEAM, NOBODY)) == [
        ("C1", "marco", "overdue"),  # over 50,000: the highest amount first
        ("C2", "lucia", "overdue"),  # over 10,000 (not over 50,000)
        ("C3", "anna", "salesperson"),  # ROSSI's, before its rating D
        ("C4", "bruno", "rating"),
        ("C5", None, None),  # no rule, no default collector: unassigned
        ("C6", None, None),
    ]


def test_the_default_collector_takes_the_rest_and_a_hand_assignment_comes_first() -> None:
    rules = dataclasses.replace(TEAM, default_collector="dario")
    by_hand = pl.DataFrame({"customer_id": ["C1", "C6"], "collector": ["anna", "lucia"]})
    assert collectors(team.assign(ACCOUNTS, rules, by_hand)) == [
        ("C1", "anna", "hand"), ("C2", "lucia", "overdue"), ("C3", "anna", "salesperson"),
        ("C4", "bruno", "rating"), ("C5", "dario", "default"), ("C6", "lucia", "hand"),
    ]  # fmt: skip


def test_without_rules_nobody_is_assigned_and_the_accounts_keep_their_columns() -> None:
    assigned = team.assign(ACCOUNTS, POLICY.team, NOBODY)
    assert assigned.drop("collector", "assigned_by").equals(ACCOUNTS)
    assert assigned["collector"].null_count() == ACCOUNTS.height


def test_capacity_is_the_collectors_own_else_the_weekly_one() -> None:
    assert team.capacity(TEAM, POLICY.weekly, "anna") == {"calls": 12, "letters": POLICY.weekly.letters}
    assert team.capacity(TEAM, POLICY.weekly, "marco") == {"calls": POLICY.weekly.calls,
                                                          "letters": POLICY.weekly.letters}  # fmt: skip


def test_the_teams_load_counts_accounts_overdue_amounts_and_actions() -> None:
    assigned = team.assign(ACCOUNTS, TEAM, NOBODY)
    listed = pl.DataFrame({"customer_id": ["C1", "C3", "C6", "C6"], "currency": ["EUR"] * 4})
    load = team.load(assigned, listed)
    assert load.schema == team.LOAD
    assert load.rows() == [
        ("anna", "EUR", 1, 500_000, 1),
        ("bruno", "EUR", 1, 100_000, 0),
        ("lucia", "EUR", 1, 2_000_000, 0),
        ("marco", "EUR", 1, 6_000_000, 1),
        (None, "EUR", 1, 300_000, 2),  # C5 owes nothing: not counted
    ]


@pytest.mark.parametrize(
    ("change", "key"),
    [({"collector_max_discount_pct": 120.0}, "team.collector_max_discount_pct"),
     ({"collector_max_instalments": 0}, "team.collector_max_instalments"),
     ({"letters": FrozenMap({"anna": -1})}, "team.letters.anna"),
     ({"by_overdue_over": FrozenMap({"many": "anna"})}, "team.by_overdue_over.many")],
)  # fmt: skip
def test_the_policy_check_names_a_team_key_that_cannot_work(change: dict[str, object], key: str) -> None:
    policy = dataclasses.replace(POLICY, team=dataclasses.replace(POLICY.team, **change))
    with pytest.raises(PolicyError) as error:
        check(policy)
    assert error.value.params["key"] == key


def test_hand_assignments_are_append_only_the_latest_counts(tmp_path: Path) -> None:
    store = Store(tmp_path)
    before = store.revision()
    team.assign_by_hand(store, "C1", "anna", "marco")
    team.assign_by_hand(store, "C2", "anna", "marco")
    team.assign_by_hand(store, "C1", "bruno", "marco")
    team.assign_by_hand(store, "C2", None, "marco")  # back to the rules
    assert store.revision() == before + 4
    assert team.hand_assignments(store).select("customer_id", "collector", "operator").rows() == [
        ("C1", "bruno", "marco")
    ]
    assert store.query("SELECT count(*) FROM assignment") == [(4,)]


def test_audit_keeps_who_did_what_newest_first(tmp_path: Path) -> None:
    store = Store(tmp_path)
    audit.note(store, "setting", "policy", "marco")
    audit.note(store, "import", "default #1", "anna")
    recent = audit.recent(store)
    assert recent.schema == audit.AUDIT
    assert recent.select("operator", "what", "subject").rows() == [
        ("anna", "import", "default #1"), ("marco", "setting", "policy")
    ]  # fmt: skip
    assert recent["created_at"].str.starts_with("2026-11-24").all()  # the pinned clock
    with pytest.raises(ValueError, match="unknown"):
        audit.note(store, "coffee", None, "anna")
