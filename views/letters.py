import streamlit as st

from lib import ui, weekly
from lib.ui import letters_page as page
from lib.ui import mail_outbox, weekly_page, widgets

st.title(ui.t("letters.title"))
ui.flash()
book = ui.need_book()
ui.stale_warning(book)
company = page.company_for_letters()

week_tab, one_tab = st.tabs([ui.t("letters.tab_week"), ui.t("letters.tab_one")])
with week_tab:
    view = weekly_page.week_view(book)  # the weekly page's capacity and filters: the same list
    day = st.date_input(ui.t("weekly.week"), value=page.week_asked(view.day), format="DD/MM/YYYY", key="letters-day")
    week = weekly.iso_week(day)
    st.caption(page.same_list(view))
    listed, _ = book.week(week, view.capacity, view.filters, ui.lang())
    page.week_letters(book, listed, week, company)
    mail_outbox.outbox_panel(book, week)
    mail_outbox.receipts_upload()
    mail_outbox.receipts_from_imap()
with one_tab:
    customer, currency = widgets.choose_account(book)
    page.one_letter(book, customer, currency, company)
