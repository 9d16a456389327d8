import functools

import streamlit as st

from lib import exports, ui, weekly

st.title(ui.t("weekly.title"))
ui.flash()
book = ui.need_book()
ui.as_of_caption(book)
ui.stale_warning(book)

limits = book.policy["weekly"]
left, middle, right = st.columns([2, 1, 1])
day = left.date_input(ui.t("weekly.week"), value=book.today, format="DD/MM/YYYY", key="weekly-day")
week = weekly.iso_week(day)
monday, sunday = weekly.week_bounds(week)
left.caption(ui.t("weekly.week_is", week=week, monday=ui.date(monday), sunday=ui.date(sunday)))
calls = middle.number_input(ui.t("weekly.calls"), min_value=0, value=limits["calls"], step=5, key="weekly-calls")
letters = right.number_input(ui.t("weekly.letters"), min_value=0, value=limits["letters"], step=5, key="weekly-letters")
accounts = ui.account_filters(book.accounts, key="weekly")

listed, not_fitting = weekly.action_list(accounts, week, book.policy, {"calls": calls, "letters": letters}, ui.lang())
ui.week_summary(listed, not_fitting)
if listed.is_empty():
    st.info(ui.t("weekly.nothing", week=week))
else:
    chosen = ui.action_table(listed, key="weekly-list")
    ui.bulk_letters(listed, chosen, book.today)
    st.subheader(ui.t("weekly.record"))
    customer, currency = ui.pick_account(listed, chosen, key="weekly-pick")
    account = book.account(customer, currency)
    ui.log_form(account, book.documents(customer, currency), key="weekly-log", today=book.today)

if not not_fitting.is_empty():
    st.subheader(ui.t("weekly.not_fitting", n=not_fitting.height))
    ui.action_table(not_fitting, key="weekly-left", selectable=False)

left, right = st.columns(2)
left.page_link(
    "views/letters.py", label=ui.t("weekly.letters_link"), icon=":material/mail:", query_params={"week": week}
)
right.download_button(
    ui.t("weekly.download"),
    data=functools.partial(exports.action_list_xlsx, listed, not_fitting, ui.lang()),  # built on click
    file_name=f"sollecito_{week}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
