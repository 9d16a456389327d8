"""The letters page's raccomandate: the week's formal demands to accounts without a PEC address as
one PDF to print (addresses in the window of a DL envelope), and a form to record each one's
raccomandata number and date, which logs it as sent (bound to the account, not to a row)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

import polars as pl
import streamlit as st

from lib import letters
from lib.mail import post
from lib.ui import login
from lib.ui.core import lang, plain, saved, store, t
from lib.ui.safe import stored


def raccomandate(due: pl.DataFrame, made: Sequence[letters.Letter], week: str, today: dt.date) -> list[letters.Letter]:
    """The formal demands that go by post: their PDF and the form; returns them (the bulk "sent"
    leaves them to this form, which knows their numbers)."""
    posted = post.by_post(made, due.select("customer_id", "currency", "pec"))
    if not posted:
        return []
    st.subheader(t("post.title", n=len(posted)))
    st.download_button(
        t("post.print", n=len(posted)),
        data=functools.partial(letters.print_batch, posted, t("post.title", n=len(posted))),
        file_name=f"raccomandate_{week}.pdf", mime="application/pdf", icon=":material/print:", on_click="ignore",
        key=f"post-pdf-{week}",
    )  # fmt: skip
    if not login.allowed("send_letters"):  # a viewer may print them, not record them
        return posted
    with st.form(f"post-{week}"):
        st.caption(t("post.form_help"))
        for letter in posted:
            key = f"{letter.customer_id}-{letter.currency}"
            left, middle, right = st.columns([3, 2, 2])
            name = letter.addressee[1] if len(letter.addressee) > 1 else letter.customer_id
            left.markdown(f"**{plain(letter.customer_id)}** · {plain(name)}")
            middle.text_input(t("post.number"), key=f"post-number-{key}")
            right.date_input(t("post.date"), value=today, max_value=today, format="DD/MM/YYYY", key=f"post-date-{key}")
        submitted = st.form_submit_button(t("post.record"), type="primary", icon=":material/local_post_office:")
    if submitted:
        _record(posted, today)
    return posted


def _record(posted: Sequence[letters.Letter], today: dt.date) -> None:
    records = [
        post.Posted(x.customer_id, x.currency, st.session_state.get(f"post-number-{x.customer_id}-{x.currency}", ""),
                    st.session_state.get(f"post-date-{x.customer_id}-{x.currency}"))
        for x in posted
    ]  # fmt: skip
    operator = login.operator()
    rows, problems = post.entries(records, t("post.note"), today, operator)
    for customer, problem in problems:
        st.error(t(f"post.need_{problem}", customer=plain(customer)))
    if problems:
        return
    if not rows:
        st.warning(t("post.none"))
        return
    if stored(lambda: store().record_entries(rows), lang())[0]:
        saved(t("post.recorded", n=len(rows)))
