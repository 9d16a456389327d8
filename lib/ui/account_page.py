"""The account page's pieces: the header (rating, exposure, next step and why), links, the
documents with interest and prescription, and the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from lib import charts, customers, i18n
from lib.actionlog import Log
from lib.book import Book
from lib.policy import TERMS
from lib.prescription import prescribing_within
from lib.ui import login
from lib.ui.core import date, labels, lang, money, plain, saved, step_name, store, t
from lib.ui.corrections_page import correction_form, state_words
from lib.ui.safe import form_key, next_round, plain_column, stored
from lib.ui.widgets import date_column, money_column, styled


def account_header(row: Mapping[str, Any]) -> None:
    """Who the debtor is, how it is rated and why, its exposure and its next step with the rule's trace."""
    cur = str(row["currency"])
    st.header(plain(row["customer_name"] or row["customer_id"]))  # names and contacts are text
    contacts = [f"{t(f'col.{c}')}: {plain(row[c])}" for c in ("vat_id", "phone", "email", "pec") if row.get(c)]
    st.caption(" · ".join([f"{t('col.code')}: {plain(row['customer_id'])}", *contacts]))
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
        pl.when(pl.col("open_cents") > 0).then(pl.col("days_overdue")).alias("days_overdue"),  # a credit is not late
        pl.when(pl.col("open_cents") > 0)
        .then(
            pl.col("bucket")
            .cast(pl.String)
            .replace_strict({b: charts.bucket_name(b, code) for b in charts.bucket_labels_of(docs["bucket"])})
        )
        .alias("bucket"),
        pl.col("open_cents").alias("open"),
        pl.col("capital_cents").alias("owed"),
        pl.col("interest_cents").alias("interest"),
        pl.col("compensation_cents").alias("compensation"),
        "prescribes_on",
        "disputed",
    )
    st.dataframe(
        styled(shown, ("open", "owed", "interest", "compensation"), currency),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config={
            "doc_number": t("col.doc_number"),
            "doc_type": t("col.doc_type"),
            "doc_date": date_column(t("col.doc_date")),
            "due_date": date_column(t("col.due")),
            "days_overdue": st.column_config.NumberColumn(t("col.days_overdue")),
            "bucket": t("col.bucket"),
            "open": money_column(t("col.open")),
            "owed": money_column(t("col.owed")),
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
    soon = docs.filter(prescribing_within(current.as_of, months))
    if soon.height:
        numbers = ", ".join(map(plain, soon["doc_number"].fill_null("—").to_list()))
        st.warning(t("account.prescribing", n=soon.height, months=months, numbers=numbers), icon=":material/gavel:")


def timeline_table(events: pl.DataFrame) -> None:
    """The timeline's events with their amounts, newest first: what the chart shows on hover."""
    kinds = events["kind"].unique().to_list()
    st.dataframe(
        events.sort("date", descending=True).select(
            "date", pl.col("kind").replace_strict({k: t(f"timeline.{k}") for k in kinds}), "label"
        ),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config={
            "date": date_column(t("log.date")),
            "kind": t("log.kind"),
            "label": t("col.details"),
        },
    )


def account_log(history: pl.DataFrame, log: Log, currency: str) -> None:
    """Everything recorded on the customer, newest first (lib.account.history of the log as
    recorded: voided and corrected entries marked), and the form that corrects or voids one."""
    if history.is_empty():
        st.caption(t("account.no_log"))
        return
    kinds = {kind: t(f"log.{kind}") for kind in ("step", "promise", "dispute", "hold", "note")}
    shown = history.select(
        pl.col("date").dt.to_string(i18n.date_format(lang())).alias(t("log.date")),
        pl.col("kind").replace_strict(kinds).alias(t("log.kind")),
        plain_column("details").alias(t("col.details")),  # st.table renders Markdown: notes are text
        state_words(history).alias(t("fix.state")),
    )
    st.table(shown, hide_index=True)  # a short history reads better as plain text than as a grid
    with st.expander(t("fix.title"), icon=":material/edit_note:"):
        correction_form(history, log, currency)


def customer_state(row: Mapping[str, Any], current: Book) -> None:
    """Business or consumer (and whether the user confirmed it), the addresses letters go to, the
    regime's basis, and an insolvency procedure with the payments at risk of clawback."""
    if row.get("party_basis") == "inferred":
        st.warning(t("customer.probably_consumer"), icon=":material/person_alert:")
    else:
        st.markdown(t("customer.is_consumer" if row.get("consumer") else "customer.is_business"))
    shown = {key: plain(" ".join(str(row.get(key) or "").split())) or "—" for key in ("address", "pec", "email")}
    st.caption(t("customer.addresses", **shown))
    if customers.address_missing(row, "pec_or_raccomandata"):
        st.warning(t("customer.address_missing"), icon=":material/location_off:")
    if not row.get("consumer"):
        contract = row.get("contract_date")
        st.caption(t("customer.contract", date=date(contract)) if contract else t("customer.by_documents"))
    if row.get("procedure"):
        _insolvency(row, current)


def _insolvency(row: Mapping[str, Any], current: Book) -> None:
    procedure = i18n.word(f"procedure.{row['procedure']}", lang())
    opened, deadline = row["procedure_on"], row.get("claim_deadline")
    key, extra = (
        ("customer.insolvent", {"deadline": date(deadline)}) if deadline else ("customer.insolvent_no_deadline", {})
    )
    st.error(t(key, procedure=procedure, date=date(opened), **extra), icon=":material/gavel:")
    months = current.policy.insolvency.clawback_months
    cur = str(row["currency"])
    risk = customers.clawback_risk(current.paid, current.log.payment, str(row["customer_id"]), cur, opened, months)
    if risk.is_empty():
        st.caption(t("customer.no_clawback", months=months))
        return
    st.markdown(t("customer.clawback", months=months))
    sources = ("snapshot", "entered")
    st.dataframe(
        styled(
            risk.select(
                "date",
                pl.col("source").replace_strict({s: t(f"clawback.{s}") for s in sources}),
                "doc_number",
                pl.col("amount_cents").alias("amount"),
            ),
            ("amount",),
            cur,
        ),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config={
            "date": date_column(t("customer.col_date")),
            "source": t("customer.col_source"),
            "doc_number": t("col.doc_number"),
            "amount": money_column(t("customer.col_amount")),
        },
    )


def profile_form(row: Mapping[str, Any], today: dt.date, current: Book) -> None:
    """What the user knows of the customer (lib.customers.profile_entry decides what may be saved)."""
    customer, name = str(row["customer_id"]), str(row.get("customer_name") or row["customer_id"])
    parties, procedures = ("auto", *customers.PARTIES), ("none", *customers.PROCEDURES)
    years = current.policy.prescription.years_of
    term_names = {k: t("customer.term_years", term=t(f"term.{k}"), years=years(k)) for k in TERMS}
    procedure_names = {"none": t("customer.no_procedure")} | {
        k: i18n.word(f"procedure.{k}", lang()) for k in customers.PROCEDURES
    }
    day = "DD/MM/YYYY"
    form = f"profile-{customer}"
    if not login.allowed("record"):
        return
    with st.expander(t("customer.edit"), icon=":material/badge:"), st.form(form_key(form)):
        left, right = st.columns(2)
        current_party = row.get("party") if row.get("party_basis") == "user" else "auto"
        party = left.selectbox(t("customer.party"), parties, index=parties.index(current_party),
                               format_func=labels("party", parties))  # fmt: skip
        term = right.selectbox(t("customer.term"), TERMS, index=TERMS.index(row.get("term") or "ordinary"),
                               format_func=term_names.__getitem__)  # fmt: skip
        address = st.text_area(t("customer.address"), value=row.get("address") or "", height=80)
        left, right = st.columns(2)
        pec = left.text_input(t("customer.pec"), value=row.get("pec") or "")
        email = right.text_input(t("customer.email"), value=row.get("email") or "")
        contract = st.date_input(
            t("customer.contract_date"), value=row.get("contract_date"), min_value=dt.date(1990, 1, 1),
            max_value=today, format=day, help=t("customer.contract_help"),
        )  # fmt: skip
        left, middle, right = st.columns(3)
        procedure = left.selectbox(t("customer.procedure"), procedures,
                                   index=procedures.index(row.get("procedure") or "none"),
                                   format_func=procedure_names.__getitem__)  # fmt: skip
        opened = middle.date_input(t("customer.procedure_on"), value=row.get("procedure_on"),
                                   min_value=dt.date(1990, 1, 1), max_value=today, format=day)  # fmt: skip
        deadline = right.date_input(t("customer.claim_deadline"), value=row.get("claim_deadline"),
                                    min_value=dt.date(1990, 1, 1), format=day)  # fmt: skip
        if st.form_submit_button(t("customer.save"), type="primary", icon=":material/save:"):
            values = {
                "set_on": today, "party": None if party == "auto" else party, "address": address, "pec": pec,
                "email": email, "contract_date": contract, "term": term,
                "procedure": None if procedure == "none" else procedure, "procedure_on": opened,
                "claim_deadline": deadline, "operator": login.operator(),
            }  # fmt: skip
            rows, problem = customers.profile_entry(customer, values)
            if problem:
                st.error(t(f"customer.need_{problem}"))
            elif stored(lambda: store().record_entries(rows), lang())[0]:
                next_round(form)
                saved(t("customer.saved", customer=plain(name)))
