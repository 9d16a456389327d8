"""The weekly list worked one account at a time (lib.work_queue decides the order and what each
outcome writes), the weekly page's choice of view, and the table's detail panel.

The queue stands on an account's key, never on a position: each outcome's button carries the
account it was drawn for (a callback's args), so a click records on the account the user saw even
when the list re-ranks before the click arrives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import account, i18n, work_queue
from lib.book import Book
from lib.ui import login
from lib.ui.core import KEYS, date, lang, money, plain, step_name, store, t
from lib.ui.forms import log_form
from lib.ui.widgets import account_keys

MODES = ("table", "queue")
_MODE = "weekly-mode"  # plain state: the view chosen, kept when the user goes to another page and back
_QUEUES = "work-queue"  # plain state: per ISO week, where the queue stands (see _state)
_PROBLEM = "work-queue-problem"  # why the last outcome was not recorded, shown on the next run
_SIMULATE = "work-queue-simulate"  # an account whose plan request opens the simulator
# What an outcome's form fields are called, per account (widget keys, so bound to the account).
_FIELDS = ("amount", "by", "documents", "reason")
# The account fields an outcome is recorded from, as the button was drawn (work_queue.outcome_entries).
_RECORDED = ("customer_id", "currency", "customer_name", "step", "channel", "pec", "open_cents")


def view_mode() -> str:
    """The table of the week's list or the queue; remembered for the session."""
    chosen = st.segmented_control(
        t("weekly.mode"),
        MODES,
        default=st.session_state.get(_MODE, MODES[0]),
        format_func={m: t(f"weekly.mode_{m}") for m in MODES}.__getitem__,
        required=True,
        key="weekly-mode-switch",
    )
    st.session_state[_MODE] = chosen or MODES[0]
    return str(st.session_state[_MODE])


def _state(week: str) -> dict[str, Any]:
    """Where the week's queue stands in this session: `at` (the account shown, by key), `worked`
    and `skipped` (keys, in the order it happened)."""
    queues = st.session_state.setdefault(_QUEUES, {})
    return queues.setdefault(week, {"at": None, "worked": [], "skipped": []})


def _field(name: str, key: work_queue.Key) -> str:
    return f"queue-{name}-{key[0]}-{key[1]}"


def _name(row: Mapping[str, Any]) -> str:
    return str(row.get("customer_name") or row["customer_id"])


def _record(week: str, outcome: str, shown: dict[str, Any], today: dt.date) -> None:
    """A click on an outcome (a callback: it runs before the next run draws anything), on the
    account `shown` as it was drawn; then the queue moves to the next account."""
    key = (str(shown["customer_id"]), str(shown["currency"]))
    values = {name: st.session_state.get(_field(name, key)) for name in _FIELDS}
    if outcome == "promised":
        values["amount_cents"] = round(float(values["amount"] or 0) * 100)
        values["promised_date"] = values["by"]
    values["doc_numbers"] = values.pop("documents") or []
    if not login.allowed("record"):
        return
    typed = st.session_state.get("queue-operator") or st.session_state.get(KEYS.operator) or None
    user = login.current()
    operator = user.name if user else typed
    rows, problem = work_queue.outcome_entries(outcome, shown, values, today, operator)
    if problem:
        st.session_state[_PROBLEM] = t(f"log.need_{problem}")
        return
    store().record_entries(rows)
    state = _state(week)
    state["worked"].append(key)
    state["at"] = None
    message = t("queue.recorded", customer=_name(shown), outcome=t(f"queue.outcome_{outcome}"))
    if outcome == "plan":  # said on the simulator's page, which this run opens
        st.session_state[_SIMULATE] = (key, message)
    else:
        st.session_state[KEYS.flash] = message


def _skip(week: str, key: work_queue.Key, name: str) -> None:
    state = _state(week)
    state["skipped"] = [k for k in state["skipped"] if k != key] + [key]
    state["at"] = None
    st.session_state[KEYS.flash] = t("queue.skipped", customer=name)


def _restart(week: str) -> None:
    st.session_state.setdefault(_QUEUES, {}).pop(week, None)


def work_queue_view(current: Book, listed: pl.DataFrame, week: str) -> None:
    """The week's list (`listed`: Book.week, the table's own rows) one account at a time."""
    simulate = st.session_state.pop(_SIMULATE, None)
    if simulate:  # a plan was asked for: open the simulator on that account
        (customer, currency), st.session_state[KEYS.flash] = simulate
        st.switch_page("views/simulator.py", query_params={"customer": customer, "currency": currency})
    state = _state(week)
    keys = account_keys(listed)
    worked = set(state["worked"]) | work_queue.worked_keys(current.log, current.today, keys)
    queue = work_queue.order(keys, worked, state["skipped"])
    at = state["at"] = work_queue.current(queue, state["at"])
    if problem := st.session_state.pop(_PROBLEM, None):
        st.error(problem, icon=":material/error:")
    if at is None:
        st.success(t("queue.done", total=len(keys)), icon=":material/task_alt:")
        st.button(t("queue.restart"), on_click=_restart, args=(week,), icon=":material/replay:")
        return
    skipped = sum(k in queue for k in dict.fromkeys(state["skipped"]))
    st.caption(t("queue.position", n=len(keys) - len(queue) + 1, total=len(keys), worked=len(keys) - len(queue),
                 skipped=skipped))  # fmt: skip
    if login.current() is None:
        operator = login.operator_input(st, key="queue-operator", help=t("queue.operator_help"))
        st.session_state[KEYS.operator] = operator
    entry = listed.filter(pl.col("customer_id") == at[0], pl.col("currency") == at[1]).row(0, named=True)
    row = {**(current.account(at[0], at[1], lang()) or {}), **entry}
    with st.container(border=True, key=f"queue-card-{at[0]}-{at[1]}"):
        _card(current, row)
        if not login.refused("record"):
            _outcomes(current, row, week)


def _card(current: Book, row: Mapping[str, Any]) -> None:
    """Who, how to reach them, what they owe and since when, the step and its rule, what was done."""
    cur = str(row["currency"])
    st.subheader(plain(_name(row)))
    st.caption(t("queue.code", code=plain(row["customer_id"]), currency=cur))
    left, middle, right = st.columns([2, 2, 3])
    since = t("queue.since", date=date(row.get("oldest_due")), days=row.get("oldest_days") or 0)
    left.metric(t("queue.owes"), money(row.get("overdue_cents"), cur), border=True)
    left.caption(since)
    middle.metric(t("queue.step"), step_name(row.get("step")), border=True)
    middle.caption(t(f"channel.{row['channel']}") if row.get("channel") else "")
    with right:
        st.markdown(f"**{t('queue.contacts')}**")
        contacts = [f"{t(f'col.{c}')}: {row[c]}" for c in ("phone", "email", "pec") if row.get(c)]
        st.text("\n".join(contacts) or t("queue.no_contact"))
    st.info(plain(row.get("trace") or ""), icon=":material/rule:")
    _recent(current, row)


def _recent(current: Book, row: Mapping[str, Any]) -> None:
    """The last three entries of the log, the open promises and plans."""
    key = (str(row["customer_id"]), str(row["currency"]))
    cur = key[1]
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{t('queue.last_actions')}**")
        last = account.history(current.log, *key, lang(), limit=3)
        if last.is_empty():
            st.caption(t("queue.no_actions"))
        else:
            kinds = {k: t(f"log.{k}") for k in ("step", "promise", "dispute", "hold", "note")}
            st.dataframe(
                last.select(
                    pl.col("date").dt.to_string(i18n.date_format(lang())).alias(t("log.date")),
                    pl.col("kind").replace_strict(kinds).alias(t("log.kind")),
                    pl.col("details").alias(t("col.details")),
                ),
                hide_index=True,
                width="stretch",
            )
    with right:
        grace = current.policy.promises.grace_days
        promises = work_queue.open_promises(current.log.promise, key, current.as_of, grace)
        if promises.height:
            st.markdown(f"**{t('queue.promises')}**")
            lines = [
                t(
                    "queue.promise_line",
                    amount=money(p["amount_cents"], cur),
                    date=date(p["promised_date"]),
                    made=date(p["made_on"]),
                )
                for p in promises.to_dicts()
            ]
            st.text("\n".join(lines))
        plans = work_queue.open_plans(current.log.plan, key)
        if plans.height:
            st.markdown(f"**{t('queue.plans')}**")
            lines = [
                t(
                    "queue.plan_line",
                    kind=i18n.word(f"plan_kind.{p['kind']}", lang()),
                    date=date(p["agreed_on"]),
                    amount=money(p["claim_cents"], cur),
                )
                for p in plans.to_dicts()
            ]
            st.text("\n".join(lines))


def _outcomes(current: Book, row: Mapping[str, Any], week: str) -> None:
    """One click per common outcome; a promise and a dispute ask for their amount, date or documents."""
    key = (str(row["customer_id"]), str(row["currency"]))
    shown = {name: row.get(name) for name in _RECORDED}
    args = (shown, current.today)
    offered = work_queue.outcomes_for(row.get("channel"))
    icons = {"no_answer": ":material/phone_missed:", "sent": ":material/mark_email_read:",
             "plan": ":material/calculate:"}  # fmt: skip
    clicks = [o for o in ("no_answer", "sent", "plan") if o in offered]
    columns = st.columns(len(clicks) + 1)
    for column, outcome in zip(columns, clicks, strict=False):
        column.button(t(f"queue.{outcome}"), key=_field(f"do-{outcome}", key), on_click=_record,
                      args=(week, outcome, *args), icon=icons[outcome], width="stretch")  # fmt: skip
    columns[-1].button(t("queue.skip"), key=_field("skip", key), on_click=_skip, args=(week, key, _name(row)),
                       icon=":material/skip_next:", width="stretch")  # fmt: skip
    left, right = st.columns(2)
    with left.form(_field("promise-form", key), border=True):
        st.number_input(t("queue.promise_amount", currency=key[1]), min_value=0.0, step=100.0, format="%.2f",
                        value=max(int(row.get("overdue_cents") or 0), 0) / 100, key=_field("amount", key))  # fmt: skip
        by = current.today + dt.timedelta(days=current.policy.promises.default_days)
        st.date_input(t("queue.promise_date"), value=by, min_value=current.today, format="DD/MM/YYYY",
                      key=_field("by", key))  # fmt: skip
        st.form_submit_button(t("queue.promised"), on_click=_record, args=(week, "promised", *args),
                              icon=":material/handshake:", type="primary")  # fmt: skip
    with right.form(_field("dispute-form", key), border=True):
        items = current.items.filter(
            pl.col("customer_id") == key[0], pl.col("currency") == key[1], pl.col("open_cents") > 0
        )
        numbers = items["doc_number"].drop_nulls().unique(maintain_order=True).to_list()
        st.multiselect(t("log.documents"), numbers, key=_field("documents", key), placeholder="")
        st.text_input(t("log.reason"), key=_field("reason", key))
        st.form_submit_button(t("queue.disputed"), on_click=_record, args=(week, "disputed", *args),
                              icon=":material/gavel:")  # fmt: skip
    with st.expander(t("queue.other"), icon=":material/edit_note:"):
        log_form(row, current.documents(*key), key=_field("log", key), today=current.today, policy=current.policy)


def detail_panel(listed: pl.DataFrame, chosen: list[tuple[str, str]]) -> None:
    """The details of the first row selected in the table: the columns the table leaves out."""
    if not chosen:
        st.caption(t("weekly.details_hint"))
        return
    customer, currency = chosen[0]
    found = listed.filter(pl.col("customer_id") == customer, pl.col("currency") == currency)
    if found.is_empty():
        return
    row = found.row(0, named=True)
    code = lang()
    with st.container(border=True, key=f"weekly-details-{customer}-{currency}"):
        st.markdown(f"**{t('weekly.details', customer=plain(_name(row)))}**")
        facts = {
            t("col.code"): row["customer_id"],
            t("col.channel"): t(f"channel.{row['channel']}") if row.get("channel") else "—",
            t("col.due"): date(row.get("due_date")),
            t("col.oldest_days"): str(row.get("oldest_days") if row.get("oldest_days") is not None else "—"),
            t("col.rating"): str(row.get("rating") or "—"),
            t("col.track"): i18n.word(f"track.{row['track']}", code) if row.get("track") else "—",
            **{t(f"col.{c}"): str(row.get(c) or "—") for c in ("phone", "email", "pec")},
        }
        st.dataframe(
            pl.DataFrame({"field": list(facts), "value": list(facts.values())}),
            hide_index=True,
            width="stretch",
            column_config={"field": st.column_config.TextColumn(""), "value": st.column_config.TextColumn("")},
        )
        st.text(str(row.get("trace") or ""))
