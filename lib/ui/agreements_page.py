"""Agreements on the simulator page: saving the plan or settlement simulated, the agreements in
force with each instalment's status, their letters, payments entered by hand, cancelling."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import agreements, approvals, company, i18n, letters, simulator
from lib.book import Book
from lib.ui import login
from lib.ui.core import KEYS, date, lang, money, plain, store, t
from lib.ui.safe import form_key, next_round, stored
from lib.ui.simulator_page import day_text, sim_saved
from lib.ui.widgets import Columns, money_column, styled


def agree_form(
    offer: simulator.Simulated, facts: simulator.Facts, current: Book, in_force: bool, customer_name: str, key: str
) -> None:
    """Save the plan simulated, or the settlement at the discount simulated, as agreed today."""
    cur = facts.currency
    grace = current.policy.plans.grace_days
    st.subheader(t("sim.agree"))
    if login.refused("agree_plan"):
        return
    st.caption(t("sim.agree_help", date=date(current.today), grace=grace))
    team = current.policy.team
    if not login.allowed("agree_beyond_limits"):
        st.caption(t("sim.limits", discount=f"{team.collector_max_discount_pct:g}",
                     instalments=team.collector_max_instalments))  # fmt: skip
    if in_force:
        st.warning(t("sim.already"), icon=":material/warning:")
    settlement = simulator.settlement_cents(offer)
    with st.form(f"{key}-agree"):
        left, right = st.columns(2)
        operator = login.operator_input(left)
        note = right.text_input(t("log.note"))
        left, right = st.columns(2)
        save_plan = left.form_submit_button(
            t("sim.save_plan", n=offer.instalments), type="primary", icon=":material/event_repeat:"
        )
        save_settlement = right.form_submit_button(
            t("sim.save_settlement", amount=money(settlement, cur), date=date(offer.deadline)),
            icon=":material/handshake:",
        )
    if not (save_plan or save_settlement):
        return
    st.session_state[KEYS.operator] = operator
    schedule = offer.plan() if save_plan else agreements.settlement_schedule(settlement, offer.deadline)
    kind = "instalments" if save_plan else "settlement"
    values = {
        "customer_id": facts.customer_id, "currency": cur, "kind": kind, "agreed_on": current.today,
        "claim_cents": offer.claim_cents, "baseline_open_cents": facts.open_cents, "grace_days": grace,
        "operator": operator or None, "note": note or None,
    }  # fmt: skip
    beyond = approvals.beyond_limits(login.role(), kind, offer.instalments, offer.discount * 100, team)
    if beyond:  # a collector's offer past their limits: kept for a manager, nothing agreed yet
        if stored(lambda: approvals.request(store(), schedule, values, beyond, login.role()), lang())[0]:
            sim_saved(t("sim.waiting", customer=plain(customer_name)), forget=f"{key}-choices")
        return
    if not stored(lambda: store().save_plan(schedule, **values), lang())[0]:
        return
    message = t("sim.saved_plan" if save_plan else "sim.saved_settlement", customer=plain(customer_name))
    sim_saved(message, forget=f"{key}-choices")


def agreements_in_force(
    states: pl.DataFrame, instalments: pl.DataFrame, facts: simulator.Facts, current: Book, key: str
) -> None:
    """The account's agreements with each instalment's status, a cancel button each, and a form
    for a payment the snapshots do not show yet; one line when there is none."""
    cur, code = facts.currency, lang()
    if states.is_empty():
        st.caption(t("sim.no_agreements"))
        return
    st.subheader(t("sim.agreements"))
    st.caption(t("sim.status_at", date=date(current.as_of)))
    shown = instalments.select(
        "plan_id",
        pl.when(pl.col("n") == 0).then(pl.lit(t("sim.down_payment"))).otherwise(pl.col("n").cast(pl.String)).alias("n"),
        day_text("due_date"),
        day_text("deadline"),
        "payment_cents",
        "cumulative_cents",
        "paid_cents_by_then",
        day_text("paid_on"),
        i18n.names("status", "instalment_status", agreements.STATUSES, code),
    )
    columns: Columns = {
        "n": t("sim.col_n"),
        "due_date": t("sim.col_date"),
        "deadline": t("sim.col_deadline"),
        "payment_cents": money_column(t("sim.col_payment")),
        "cumulative_cents": money_column(t("sim.col_cumulative")),
        "paid_cents_by_then": money_column(t("sim.col_paid")),
        "paid_on": t("sim.col_paid_on"),
        "status": t("sim.col_status"),
    }
    for plan in states.rows(named=True):
        state = i18n.word(f"plan_state.{plan['state']}", code)
        title = t("sim.agreement_title", kind=t(f"sim_kind.{plan['kind']}"), date=date(plan["agreed_on"]), state=state)
        with st.expander(title, expanded=plan["state"] in ("honoured", "defaulted"), icon=":material/handshake:"):
            figures = t(
                "sim.agreement_figures",
                paid=money(plan["paid_cents"], cur),
                scheduled=money(plan["scheduled_cents"], cur),
                residual=money(plan["residual_cents"], cur),
            )
            if plan["state"] == "honoured" and plan["next_due_date"]:
                figures += " " + t("sim.next", amount=money(plan["next_payment_cents"], cur),
                                   date=date(plan["next_deadline"]))  # fmt: skip
            if plan["state"] == "defaulted":
                defaulted = t("sim.defaulted", date=date(plan["defaulted_on"]))
                st.warning(f"{figures} {defaulted}", icon=":material/gpp_bad:")
            else:
                st.markdown(figures)
            mine = shown.filter(pl.col("plan_id") == plan["plan_id"]).drop("plan_id")
            money_names = ("payment_cents", "cumulative_cents", "paid_cents_by_then")
            st.dataframe(
                styled(mine, money_names, cur), hide_index=True, placeholder="—", width="stretch", column_config=columns
            )
            schedule = instalments.filter(pl.col("plan_id") == plan["plan_id"])
            _agreement_letter(plan, schedule, facts, current, f"{key}-letter-{plan['plan_id']}")
            cancel = functools.partial(store().close_plan, plan["plan_id"], current.today, "cancelled")
            if plan["cancellable"] and login.allowed("agree_plan") and st.button(
                t("sim.cancel"), key=f"{key}-cancel-{plan['plan_id']}", icon=":material/cancel:",
                help=t("sim.cancel_help", date=date(current.today)),
            ) and stored(cancel, lang())[0]:  # fmt: skip
                sim_saved(t("sim.cancelled"))
    awaited = states.filter(pl.col("state") == "honoured")["next_payment_cents"].drop_nulls()
    if not login.allowed("record"):
        return
    with st.expander(t("sim.payment"), icon=":material/payments:"):
        _payment_form(facts, current, int(awaited[0]) if awaited.len() else 0, key)


def _agreement_letter(
    plan: Mapping[str, Any], schedule: pl.DataFrame, facts: simulator.Facts, current: Book, key: str
) -> None:
    """The signed terms of a saved plan or settlement as a letter (PDF and e-mail text)."""
    details = store().settings().get("company", {})
    if company.problems(details):
        st.caption(t("sim.letter_needs_company"))
        return
    row = current.account(facts.customer_id, facts.currency, lang())
    if row is None:
        return
    terms = agreements.letter_terms(plan, schedule)
    try:
        letter = letters.compose(
            terms.kind, row, current.items, company.Company.from_mapping(details), plan["agreed_on"], lang(),
            current.policy, plan=terms.plan, settlement=terms.settlement, grace_days=plan["grace_days"],
        )  # fmt: skip
    except letters.LetterError as error:
        st.caption(plain(error))
        return
    stem = letters.file_stem(letter)
    left, right = st.columns(2)
    pdf = functools.partial(letters.to_pdf, letter)
    text = letters.to_text(letter).encode()
    left.download_button(t("sim.letter_pdf"), data=pdf, file_name=f"{stem}.pdf", mime="application/pdf",
                         icon=":material/picture_as_pdf:", on_click="ignore", key=f"{key}-pdf")  # fmt: skip
    right.download_button(t("letters.txt"), data=text, file_name=f"{stem}.txt", mime="text/plain",
                          icon=":material/mail:", on_click="ignore", key=f"{key}-txt")  # fmt: skip


def _payment_form(facts: simulator.Facts, current: Book, proposed_cents: int, key: str) -> None:
    cur = facts.currency
    today = current.today
    st.caption(t("sim.payment_help", date=date(current.as_of)))
    with st.form(form_key(f"{key}-payment"), border=False):  # emptied after a save only
        left, middle, right = st.columns(3)
        paid_on = left.date_input(t("sim.paid_on"), value=today, max_value=today, format="DD/MM/YYYY")
        amount = middle.number_input(
            t("log.amount", currency=cur), min_value=0.01, value=max(proposed_cents, 1) / 100, step=100.0, format="%.2f"
        )
        operator = login.operator_input(right)
        note = st.text_input(t("log.note"))
        if st.form_submit_button(t("sim.save_payment"), icon=":material/payments:"):
            st.session_state[KEYS.operator] = operator
            cents = round(amount * 100)
            if stored(lambda: store().record(
                "payment", customer_id=facts.customer_id, currency=cur, paid_on=paid_on, amount_cents=cents,
                operator=operator or None, note=note or None,
            ), lang())[0]:  # fmt: skip
                next_round(f"{key}-payment")
                sim_saved(t("sim.saved_payment", amount=money(cents, cur)))
