import streamlit as st

from lib import ui, weekly

st.title(ui.t("letters.title"))
ui.flash()
book = ui.need_book()
ui.stale_warning(book)
company = ui.company_for_letters()

week_tab, one_tab = st.tabs([ui.t("letters.tab_week"), ui.t("letters.tab_one")])
with week_tab:
    day = st.date_input(ui.t("weekly.week"), value=ui.week_asked(book.today), format="DD/MM/YYYY", key="letters-day")
    week = weekly.iso_week(day)
    listed, _ = weekly.action_list(book.accounts, week, book.policy, lang=ui.lang())
    ui.week_letters(book, listed, week, company)
with one_tab:
    customer, currency = ui.choose_account(book)
    ui.one_letter(book, customer, currency, company)
