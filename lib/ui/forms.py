"""The recording form (a step done, a promise, a dispute, a hold, a note) and letters marked sent:
what they write is decided by lib.actionlog; a form is bound to the account it was filled for."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import actionlog
from lib.mail import tracking
from lib.policy import CHECKS, STEPS, Policy
from lib.ui import login
from lib.ui.core import KEYS, labels, lang, plain, saved, step_name, store, t
from lib.ui.safe import form_key, next_round, stored


def log_form(account: Mapping[str, Any], documents: pl.DataFrame, key: str, today: dt.date, policy: Policy) -> None:
    """Record on one account: a step done with its outcome, a promise, a dispute, a hold or a note.

    The form is bound to the account's key (customer and currency), never to a position in a list:
    a submit is taken only by the form of the account it was filled for, and names it.
    """
    if login.refused("record"):
        return
    kinds = actionlog.ENTRY_KINDS
    kind = st.segmented_control(
        t("log.kind"), kinds, default="step", format_func=labels("log", kinds), key=f"{key}-kind", required=True
    )
    customer, currency = str(account["customer_id"]), str(account["currency"])
    name = str(account.get("customer_name") or customer)
    form = f"{key}-{kind}-{customer}-{currency}"
    with st.form(form_key(form), border=True):  # emptied after a save only: a refused one keeps the text
        st.markdown(t("log.on_account", customer=plain(name), code=plain(customer), currency=currency))
        left, right = st.columns(2)
        on = left.date_input(t("log.date"), value=today, format="DD/MM/YYYY", max_value=today)
        operator = login.operator_input(right)
        values: dict[str, Any] = {}
        if kind == "step":
            steps = actionlog.loggable_steps(account.get("step"), (*STEPS, *CHECKS))
            step = left.selectbox(t("log.step_done"), steps, format_func={s: step_name(s) for s in steps}.__getitem__)
            policy_channel = str(account.get("channel") or "phone")
            sent_by = actionlog.SENT_BY.get(policy_channel, (policy_channel,))
            channel = right.selectbox(t("log.channel"), sent_by, format_func=labels("channel", sent_by))
            outcomes = actionlog.outcomes_of(channel)
            outcome = left.selectbox(t("log.outcome"), outcomes, format_func=labels("outcome", outcomes))
            note = right.text_input(t("log.note"))
            values = {
                "step": step, "date": on, "channel": channel, "outcome": outcome, "note": note or None,
                "currency": currency,
            }  # fmt: skip
        elif kind == "promise":
            promised = left.date_input(
                t("log.promised_date"),
                value=today + dt.timedelta(days=policy.promises.default_days),
                format="DD/MM/YYYY",
            )
            amount = right.number_input(
                t("log.amount", currency=currency),
                min_value=0.01,
                value=max(int(account.get("overdue_cents") or 0), 1) / 100,
                step=100.0,
                format="%.2f",
            )
            note = st.text_input(t("log.note"))
            values = {
                "currency": currency,
                "made_on": on,
                "promised_date": promised,
                "amount_cents": round(amount * 100),
                "baseline_open_cents": int(account.get("open_cents") or 0),
                "note": note or None,
            }
        elif kind == "dispute":
            numbers = documents.filter(pl.col("open_cents") > 0)["doc_number"].drop_nulls().unique(maintain_order=True)
            chosen = st.multiselect(t("log.documents"), numbers.to_list(), placeholder=t("log.documents_placeholder"))
            reason = st.text_input(t("log.reason"))
            values = {"doc_numbers": chosen, "opened_on": on, "reason": reason or None}
        elif kind == "hold":
            until = left.date_input(
                t("log.until"), value=today + dt.timedelta(days=policy.holds.default_days), format="DD/MM/YYYY"
            )
            reason = right.text_input(t("log.reason"))
            values = {"made_on": on, "until": until, "reason": reason or None}
        else:
            values = {"date": on, "text": st.text_area(t("log.text"))}
        if st.form_submit_button(t(f"log.save_{kind}"), type="primary", icon=":material/save:"):
            st.session_state[KEYS.operator] = operator
            rows, problem = actionlog.entries(kind, customer, {**values, "operator": operator or None})
            if problem:
                st.error(t(f"log.need_{problem}"))
            elif stored(lambda: store().record_entries(rows), lang())[0]:
                next_round(form)
                saved(t(f"log.saved_{kind}", customer=plain(name)))


def record_sent(listed: pl.DataFrame, on: dt.date, batch: str) -> int | None:
    """Log the entries of `listed` (customer_id, currency, step, channel) as sent on `on`, each by
    the first channel its step allows, by the session's operator, but those the week's outbox
    logs itself (lib.mail.tracking.log_by_hand: one rule for both); how many were logged, None
    (and said) when the store refused it."""
    if not login.allowed("send_letters"):
        return None
    operator = login.operator()
    done, logged = stored(lambda: tracking.log_by_hand(store(), batch, listed, on, operator), lang())
    return logged if done else None


def sent_text(logged: int, asked: int) -> str:
    """What a "sent" click logged, and how many the outbox had logged already."""
    text = t("weekly.marked", n=logged)
    return f"{text} {t('post.outbox_logged', n=asked - logged)}" if asked > logged else text
