"""A team's pieces of the weekly and account pages: "my accounts" for a collector, the requests
waiting for a manager's approval, the team's load, and who works an account (assigned by hand)."""

from __future__ import annotations

import dataclasses

import polars as pl
import streamlit as st

from lib import approvals, audit, i18n, team
from lib.ageing import ACCOUNT
from lib.book import Book
from lib.ui import login
from lib.ui.core import lang, money, plain, saved, store, t
from lib.ui.widgets import Columns

SCOPES = ("mine", "team")


def assigned(current: Book) -> pl.DataFrame:
    """The book's accounts with their `collector` and `assigned_by` (lib.team.assign)."""
    return team.assign(current.accounts, current.policy.team, team.hand_assignments(store()))


def scope(current: Book) -> tuple[Book, str | None]:
    """The book the weekly page lists: a collector's own accounts ("my accounts", where the page opens
    for them) or the team's; with the collector whose capacity applies (None: the team's)."""
    user = login.current()
    if user is None or user.role == "viewer":
        return current, None
    default = "mine" if user.role == "collector" else "team"
    picked = st.segmented_control(
        t("team.scope"), SCOPES, default=default, format_func={s: t(f"team.{s}") for s in SCOPES}.__getitem__,
        key="weekly-scope", required=True,
    )  # fmt: skip
    if picked != "mine":
        return current, None
    mine = assigned(current).filter(pl.col("collector") == user.name).drop("collector", "assigned_by")
    st.caption(t("team.mine_caption", n=mine.height, name=plain(user.name)))
    return dataclasses.replace(current, accounts=mine), user.name


def capacity(current: Book, collector: str | None) -> dict[str, int] | None:
    """A collector's own weekly capacity ([team] in the policy); None: the team's ([weekly])."""
    return None if collector is None else team.capacity(current.policy.team, current.policy.weekly, collector)


def approvals_panel() -> None:
    """The offers waiting for a manager, each approved or rejected by its id (a manager's page only)."""
    if login.current() is None or not login.allowed("approve"):
        return
    waiting = approvals.pending(store())
    with st.expander(t("team.approvals", n=waiting.height), expanded=not waiting.is_empty(), icon=":material/gavel:"):
        if waiting.is_empty():
            st.caption(t("team.no_approvals"))
        for row in waiting.rows(named=True):
            reasons = ", ".join(t(f"team.beyond_{r}") for r in row["reasons"])
            st.markdown(t(
                "team.request", customer=plain(row["customer_id"]), kind=t(f"sim_kind.{row['kind']}"),
                amount=money(row["claim_cents"], row["currency"]), n=row["instalments"],
                by=plain(row["requested_by"] or "—"), reasons=reasons,
            ))  # fmt: skip
            left, right = st.columns(2)
            if left.button(t("team.approve"), key=f"approve-{row['id']}", icon=":material/check:"):
                _decide(approvals.approve, row["id"], "team.approved")
            if right.button(t("team.reject"), key=f"reject-{row['id']}", icon=":material/close:"):
                _decide(approvals.reject, row["id"], "team.rejected")


def _decide(decide: object, approval_id: int, message: str) -> None:
    user = login.current()
    try:
        decide(store(), approval_id, login.role(), user.name if user else None)  # type: ignore[operator]
    except approvals.Decided:
        st.warning(t("team.decided"), icon=":material/info:")
        return
    saved(t(message))


def team_load(current: Book, listed: pl.DataFrame, not_fitting: pl.DataFrame) -> None:
    """Per collector: the accounts with something overdue, how much, and the week's actions due
    (listed or not fitting the capacity); with each collector's capacity (a manager's page only)."""
    if login.current() is None or not login.allowed("assign"):
        return
    due = pl.concat([listed.select(ACCOUNT), not_fitting.select(ACCOUNT)])
    load = team.load(assigned(current), due)
    policy = current.policy
    calls = {name: team.capacity(policy.team, policy.weekly, name)["calls"] for name in load["collector"].drop_nulls()}
    shown = load.select(
        pl.col("collector").fill_null(t("team.nobody")),
        "currency", "accounts", "overdue_cents", "actions",
        pl.col("collector").replace_strict(calls, default=None, return_dtype=pl.Int64).alias("calls"),
    )  # fmt: skip
    columns: Columns = {
        "collector": t("team.collector"),
        "currency": t("filters.currency"),
        "accounts": t("team.accounts"),
        "overdue_cents": st.column_config.NumberColumn(t("col.overdue"), format="%.0f"),
        "actions": t("team.actions"),
        "calls": t("team.calls"),
    }
    with st.expander(t("team.load"), icon=":material/groups:"):
        st.dataframe(
            shown.with_columns(pl.col("overdue_cents") / 100), hide_index=True, width="stretch",
            column_config=columns, placeholder="—",
        )  # fmt: skip


def assignment(current: Book, customer: str, currency: str) -> None:
    """Who works the account and why; a manager gives the customer to someone by hand (logged in only)."""
    if login.current() is None:
        return
    row = assigned(current).filter(pl.col("customer_id") == customer, pl.col("currency") == currency)
    if row.is_empty():
        return
    collector, rule = row["collector"][0], row["assigned_by"][0]
    if collector:
        st.caption(t("team.worked_by", name=plain(collector), rule=t(f"team.rule_{rule}")))
    else:
        st.caption(t("team.unassigned"))
    if not login.allowed("assign"):
        return
    names = ["", *sorted(n for n, u in login.members().items() if u.role != "viewer")]
    with st.form(f"assign-{customer}"):
        picked = st.selectbox(
            t("team.assign"), names, index=names.index(collector) if collector in names and rule == "hand" else 0,
            format_func=lambda n: n or t("team.by_rules"),
        )  # fmt: skip
        if st.form_submit_button(t("team.assign_save"), icon=":material/assignment_ind:"):
            user = login.current()
            team.assign_by_hand(store(), customer, picked or None, user.name if user else None)
            audit.note(store(), "assignment", f"{customer} → {picked or '-'}", user.name if user else None)
            saved(t("team.assigned", customer=plain(customer)))


def audit_table() -> None:
    """Who changed a setting or imported a file, newest first (logged in only)."""
    if login.current() is None:
        return
    recent = audit.recent(store())
    with st.expander(t("team.audit"), icon=":material/history:"):
        if recent.is_empty():
            st.caption(t("team.no_audit"))
            return
        st.dataframe(
            recent.with_columns(i18n.names("what", "audit", audit.WHAT, lang())),
            hide_index=True, width="stretch", placeholder="—",
            column_config={"created_at": t("team.at"), "operator": t("log.operator"), "what": t("team.what"),
                           "subject": t("team.subject")},
        )  # fmt: skip
