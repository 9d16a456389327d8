"""The letters page's pieces: the week's letters prepared as one zip and confirmed as sent (bound
to what was prepared), and one account's letter."""

from __future__ import annotations

import datetime as dt
import functools

import polars as pl
import streamlit as st

from lib import company, i18n, letters, weekly
from lib.actionlog import SENT_BY
from lib.ageing import ACCOUNT
from lib.book import Book
from lib.policy import STEPS, ladder_channel
from lib.ui import login, mail_outbox, mail_post
from lib.ui.core import labels, lang, plain, saved, store, t
from lib.ui.forms import record_sent, sent_text
from lib.ui.weekly_page import WeekView, bounce_note, with_bounce_columns
from lib.ui.widgets import fingerprint, money_column, styled


def week_asked(today: dt.date) -> dt.date:
    """The Monday of the week in the address (?week=2026-W48, from the weekly page), else today."""
    try:
        return weekly.week_bounds(st.query_params.get("week", ""))[0]
    except ValueError:
        return today


def same_list(view: WeekView) -> str:
    """Says that the list is the weekly page's: the same capacity and filters."""
    text = t("letters.same_list", calls=view.capacity["calls"], letters=view.capacity["letters"])
    chosen = [
        f"{t(f'filters.{name}')}: {', '.join(map(plain, values))}" for name, values in view.filters.items() if values
    ]
    return f"{text} {t('letters.filtered', filters='; '.join(chosen))}" if chosen else text


def company_for_letters() -> company.Company | None:
    """The company details letters are signed with; None (and a link to Settings) when incomplete."""
    details = store().settings().get("company", {})
    problems = company.problems(details)
    if problems:
        missing = ", ".join(t(f"company.{field}") for field, _ in problems)
        st.warning(t("letters.no_company", missing=missing), icon=":material/domain:")
        st.page_link("views/settings.py", label=t("nav.settings"), icon=":material/settings:")
        return None
    return company.Company.from_mapping(details)


def week_letters(current: Book, listed: pl.DataFrame, week: str, company: company.Company | None) -> None:
    """The letters the week's list asks for: one zip of PDFs and texts, then confirm them as sent."""
    due = current.letters_due(listed)
    if due.is_empty():
        st.info(t("letters.none_due", week=week))
        return
    shown = with_bounce_columns(due).select(
        "priority",
        pl.col("customer_name").fill_null(pl.col("customer_id")),
        i18n.names("step", "step", STEPS, lang()),
        i18n.names("channel", "channel", tuple(SENT_BY), lang()),
        pl.col("overdue_cents").alias("overdue"),
        bounce_note().alias("note"),
    )
    st.dataframe(
        styled(shown, ("overdue",), due["currency"]),
        hide_index=True, placeholder="—",
        width="stretch",
        column_config={"priority": "#", "customer_name": t("col.customer"), "step": t("col.step"),
                       "channel": t("col.channel"), "overdue": money_column(t("col.overdue")),
                       "note": t("post.col_note")},
    )  # fmt: skip
    if company is None:
        return
    # What was prepared is remembered by its accounts and letters: if the list changes before the
    # confirmation (a step logged, a new snapshot), the letters are prepared afresh, never confirmed
    # for accounts the user did not download.
    prepared = f"letters-prepared-{week}"
    batch_key = fingerprint(due.select(*ACCOUNT, "step", "template"))
    if st.button(t("letters.prepare", n=due.height), type="primary", icon=":material/description:"):
        st.session_state[prepared] = batch_key
    if st.session_state.get(prepared) != batch_key:
        if st.session_state.pop(prepared, None):
            st.warning(t("letters.list_changed"), icon=":material/sync_problem:")
        return
    today = current.today
    made: list[letters.Letter] = []
    try:
        for (kind,), group in due.partition_by("template", as_dict=True).items():
            batch, skipped = letters.compose_many(
                str(kind), group, current.items, company, today, lang(), current.policy, as_of=current.as_of,
                paid=current.paid,
            )  # fmt: skip
            made += batch
            for code, reason in skipped.select("code", "reason").rows():  # e.g. "address missing": listed, not made
                if code in ("address_missing", "insolvent"):  # reasons and errors name the customer: text
                    st.warning(plain(reason), icon=":material/location_off:")
                else:
                    st.caption(plain(reason))
    except letters.LetterError as error:
        st.error(plain(error))
        return
    st.download_button(
        t("letters.download_zip", n=len(made)), data=functools.partial(letters.zip_letters, made),
        file_name=f"lettere_{week}.zip",
        mime="application/zip", icon=":material/folder_zip:", on_click="ignore",
    )  # fmt: skip
    mail_outbox.put_button(due, made, week)  # to send them from here, by e-mail and PEC
    by_post = {(x.customer_id, x.currency) for x in mail_post.raccomandate(due, made, week, today)}
    by_hand = [x for x in made if (x.customer_id, x.currency) not in by_post]  # raccomandate: with their numbers
    if (
        by_hand
        and login.allowed("send_letters")
        and st.button(
            t("letters.confirm_all", n=len(by_hand)), icon=":material/mark_email_read:", key=f"confirm-{batch_key}"
        )
    ):
        made_for = pl.DataFrame([(x.customer_id, x.currency) for x in by_hand], schema=list(ACCOUNT), orient="row")
        logged = record_sent(due.join(made_for, on=list(ACCOUNT), how="semi"), today, week)  # the letters made
        if logged is not None:
            st.session_state.pop(prepared, None)
            saved(sent_text(logged, len(by_hand)))


def preview(letter: letters.Letter) -> None:
    """The letter as the PDF lays it out: addressee, date, subject, text, and its tables as
    monospaced text (aligned columns, numbers to the right) rather than proportional text."""
    with st.container(border=True):
        st.text("\n".join(letter.addressee))  # the name, address and PEC the letter goes to
        st.text(letter.dateline)
        st.markdown(f"**{plain(letter.subject)}**")
        for block in letter.blocks:
            if isinstance(block, letters.Table):
                st.code(letters.table_text(block), language=None, wrap_lines=False)
            else:
                st.text(block)


def one_letter(current: Book, customer: str, currency: str, company: company.Company | None) -> None:
    """One account's letter: preview, PDF and text, and confirm it as sent."""
    row = current.account(customer, currency, lang())
    if row is None or company is None:
        return
    kinds = letters.LADDER_KINDS
    kind = st.segmented_control(
        t("letters.kind"), kinds, default=row["template"] if row["template"] in kinds else "reminder",
        format_func=labels("letters.kind", kinds), key=f"letter-kind-{customer}-{currency}", required=True,
    )  # fmt: skip
    today = current.today
    try:
        letter = letters.compose(
            kind, row, current.items, company, today, lang(), current.policy, as_of=current.as_of, paid=current.paid
        )
    except letters.LetterError as error:
        st.warning(plain(error))
        return
    for warning in letter.warnings:
        st.caption(plain(warning))
    preview(letter)
    stem = letters.file_stem(letter)
    left, right = st.columns(2)
    left.download_button(t("letters.pdf"), data=functools.partial(letters.to_pdf, letter), file_name=f"{stem}.pdf",
                         mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore")  # fmt: skip
    right.download_button(t("letters.txt"), data=letters.to_text(letter).encode(), file_name=f"{stem}.txt",
                          mime="text/plain", icon=":material/mail:", on_click="ignore")  # fmt: skip
    step = letters.STEP_OF_KIND[kind]
    options = SENT_BY[ladder_channel(current.policy, row["track"], step)]
    with st.form(f"sent-{customer}-{currency}-{kind}"):
        left, right = st.columns(2)
        channel = left.selectbox(t("log.channel"), options, format_func=labels("channel", options))
        on = right.date_input(t("log.date"), value=today, max_value=today, format="DD/MM/YYYY")
        if st.form_submit_button(t("letters.confirm_one"), type="primary", icon=":material/mark_email_read:"):
            sent = {"customer_id": [customer], "step": [step], "channel": [channel], "currency": [currency]}
            logged = record_sent(pl.DataFrame(sent), on, weekly.iso_week(on))
            if logged is not None:
                name = plain(row["customer_name"] or customer)
                saved(t("letters.sent", customer=name) if logged else t("post.outbox_logged", n=1))
