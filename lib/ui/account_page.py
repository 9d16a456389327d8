"""The account page's pieces: the header (rating, exposure, next step and why), links, the
documents with interest and prescription, and the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import charts, i18n, interest
from lib.book import Book
from lib.ui.core import date, lang, money, step_name, t
from lib.ui.widgets import date_column, money_column


def account_header(row: Mapping[str, Any]) -> None:
    """Who the debtor is, how it is rated and why, its exposure and its next step with the rule's trace."""
    cur = str(row["currency"])
    st.header(str(row["customer_name"] or row["customer_id"]))
    contacts = [f"{t(f'col.{c}')}: {row[c]}" for c in ("vat_id", "phone", "email", "pec") if row.get(c)]
    st.caption(" · ".join([f"{t('col.code')}: {row['customer_id']}", *contacts]))
    cards = st.columns([1, 2, 2, 2])
    cards[0].metric(t("col.rating"), str(row["rating"]), border=True, help=f"{t('col.score')}: {row['score']}")
    cards[1].metric(t("kpi.open"), money(row["open_cents"], cur), border=True)
    cards[2].metric(t("kpi.overdue"), money(row["overdue_cents"], cur), border=True)
    cards[3].metric(t("col.disputed"), money(row["disputed_cents"], cur), border=True)
    st.markdown(f"**{t('account.rating_why')}** {row['rating_why']}")
    track = i18n.word(f"track.{row['track']}", lang())
    oldest = "—" if row["oldest_days"] is None else row["oldest_days"]
    st.markdown(f"**{t('col.track')}:** {track} · **{t('col.oldest_days')}:** {oldest}")
    if row["step"]:
        late = int(row["late_days"] or 0)
        when = t("account.late", days=late) if late > 0 else t("account.due_on", date=date(row["due_date"]))
        st.info(f"**{t('account.next')}: {step_name(row['step'])}** ({when})  \n{row['trace']}", icon=":material/flag:")
    else:
        st.success(t("account.nothing_to_do"), icon=":material/check_circle:")
    if row.get("prescribes_on"):
        st.caption(t("account.prescribes", date=date(row["prescribes_on"])))


def account_links(customer: str, currency: str) -> None:
    """To this account's letters and to the payment-plan simulator, the account already chosen there."""
    query = {"customer": customer, "currency": currency}
    left, right = st.columns(2)
    left.page_link("views/letters.py", label=t("account.letters"), icon=":material/mail:", query_params=query)
    right.page_link("views/simulator.py", label=t("account.simulator"), icon=":material/calculate:", query_params=query)


def documents_table(docs: pl.DataFrame, currency: str, today: dt.date) -> None:
    code = lang()
    shown = docs.select(
        "doc_number",
        pl.col("doc_type").replace_strict(
            {k: t(f"doc.{k}") for k in ("invoice", "credit_note", "payment", "other")}, default=pl.col("doc_type")
        ),
        "doc_date",
        "due_date",
        "days_overdue",
        pl.col("bucket")
        .cast(pl.String)
        .replace_strict(
            {b: charts.bucket_name(b, code) for b in charts.bucket_labels_of(docs["bucket"])},
        ),
        i18n.money(pl.col("open_cents"), currency, code).alias("open"),
        i18n.money(pl.col("interest_cents"), currency, code).alias("interest"),
        i18n.money(pl.col("compensation_cents"), currency, code).alias("compensation"),
        "prescribes_on",
        "disputed",
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "doc_number": t("col.doc_number"),
            "doc_type": t("col.doc_type"),
            "doc_date": date_column(t("col.doc_date")),
            "due_date": date_column(t("col.due")),
            "days_overdue": st.column_config.NumberColumn(t("col.days_overdue")),
            "bucket": t("col.bucket"),
            "open": money_column(t("col.open")),
            "interest": money_column(t("col.interest")),
            "compensation": money_column(t("col.compensation")),
            "prescribes_on": date_column(t("col.prescribes_on")),
            "disputed": st.column_config.CheckboxColumn(t("col.disputed")),
        },
    )
    totals = docs.select(pl.col("open_cents", "interest_cents", "compensation_cents").sum()).row(0, named=True)
    st.markdown(
        t(
            "account.totals",
            open=money(totals["open_cents"], currency),
            interest=money(totals["interest_cents"], currency),
            compensation=money(totals["compensation_cents"], currency),
            total=money(sum(totals.values()), currency),
        )
    )
    st.caption(t("account.interest_help", date=date(today)))


def prescription_note(docs: pl.DataFrame, current: Book) -> None:
    """Documents prescribing within the policy's warning months, or already prescribed."""
    months = current.policy.weekly.prescription_warning_months
    soon = docs.filter(interest.prescribing_within(current.as_of, months))
    if soon.height:
        numbers = ", ".join(soon["doc_number"].fill_null("—").to_list())
        st.warning(t("account.prescribing", n=soon.height, months=months, numbers=numbers), icon=":material/gavel:")


def account_log(history: pl.DataFrame) -> None:
    """Everything recorded on the customer, newest first (lib.account.history)."""
    if history.is_empty():
        st.caption(t("account.no_log"))
        return
    kinds = {kind: t(f"log.{kind}") for kind in ("step", "promise", "dispute", "hold", "note")}
    shown = history.select(
        pl.col("date").dt.to_string(i18n.date_format(lang())).alias(t("log.date")),
        pl.col("kind").replace_strict(kinds).alias(t("log.kind")),
        pl.col("details").alias(t("col.details")),
    )
    st.table(shown, hide_index=True)  # a short history reads better as plain text than as a grid
