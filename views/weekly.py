import functools

import streamlit as st

from lib import exports, ui, weekly
from lib.ui import forms, team_page, widgets
from lib.ui import queue_page as queue
from lib.ui import weekly_page as page

st.title(ui.t("weekly.title"))
ui.flash()
book = ui.need_book()
ui.as_of_caption(book)
ui.stale_warning(book)
book, collector = team_page.scope(book)  # a collector opens on "my accounts"

view = page.week_view(book, team_page.capacity(book, collector))
left, middle, right = st.columns([2, 1, 1])
day = left.date_input(ui.t("weekly.week"), value=view.day, format="DD/MM/YYYY", key="weekly-day")
week = weekly.iso_week(day)
monday, sunday = weekly.week_bounds(week)
left.caption(ui.t("weekly.week_is", week=week, monday=ui.date(monday), sunday=ui.date(sunday)))
calls = middle.number_input(ui.t("weekly.calls"), min_value=0, value=view.capacity["calls"], step=5, key="weekly-calls")
letters = right.number_input(
    ui.t("weekly.letters"), min_value=0, value=view.capacity["letters"], step=5, key="weekly-letters"
)
filters = widgets.account_filters(book.accounts, key="weekly", start=view.filters)
view = page.WeekView(day, {"calls": int(calls), "letters": int(letters)}, filters)
page.remember(view)  # the letters page lists the same week, capacity and filters

listed, not_fitting = book.week(week, view.capacity, view.filters, ui.lang())
page.week_summary(listed, not_fitting)
team_page.approvals_panel()  # a manager's: the offers beyond a collector's limits
team_page.team_load(book, listed, not_fitting)
mode = queue.view_mode()
if listed.is_empty():
    st.info(ui.t("weekly.nothing", week=week))
elif mode == "queue":
    queue.work_queue_view(book, listed, week)
else:
    chosen = page.action_table(listed, key="weekly-list")
    queue.detail_panel(listed, chosen)
    page.bulk_letters(listed, chosen, book.today, week)
    st.subheader(ui.t("weekly.record"))
    customer, currency = widgets.pick_account(listed, chosen, key="weekly-pick")
    account = book.account(customer, currency)
    forms.log_form(account, book.documents(customer, currency), key="weekly-log", today=book.today, policy=book.policy)

if mode == "table" and not not_fitting.is_empty():
    st.subheader(ui.t("weekly.not_fitting", n=not_fitting.height))
    page.action_table(not_fitting, key="weekly-left", selectable=False)

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
