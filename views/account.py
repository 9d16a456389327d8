import streamlit as st

from lib import account, charts, ui
from lib.ui import account_page as page
from lib.ui import forms, mail_outbox, team_page, widgets

st.title(ui.t("account.title"))
ui.flash()
book = ui.need_book()
ui.as_of_caption(book)

customer, currency, row = widgets.chosen_account(book)

page.account_header(row)
page.customer_state(row, book)
page.account_links(customer, currency)
team_page.assignment(book, customer, currency)
docs = book.documents(customer, currency)

# only the open tab is computed and drawn (a rerun when another is chosen); the tab stays open
# from one account to the next
documents_tab, timeline_tab, log_tab = st.tabs(
    [ui.t("account.tab_documents"), ui.t("account.tab_timeline"), ui.t("account.tab_log")],
    key="account-tab",
    on_change="rerun",
)
with documents_tab:
    if documents_tab.open:
        page.documents_table(docs, currency, book.today)
        page.prescription_note(docs, book)
with timeline_tab:
    if timeline_tab.open:
        events = account.timeline(docs, book.paid.lazy(), book.log, customer, currency, ui.lang())
        st.plotly_chart(charts.timeline(events, currency, ui.lang()), key="account-timeline")
        page.timeline_table(events)
with log_tab:
    if log_tab.open:
        recorded = ui.store().log(corrected=False)  # voided entries too, marked
        page.account_log(account.history(recorded, customer, currency, ui.lang()), recorded, currency)
        mail_outbox.account_receipts(customer, currency)

st.subheader(ui.t("account.record"))
forms.log_form(row, docs, key="account-log", today=book.today, policy=book.policy)

st.subheader(ui.t("customer.section"))
page.profile_form(row, book.today, book)
