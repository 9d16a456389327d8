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

documents_tab, timeline_tab, log_tab = st.tabs(
    [ui.t("account.tab_documents"), ui.t("account.tab_timeline"), ui.t("account.tab_log")]
)
with documents_tab:
    page.documents_table(docs, currency, book.today)
    page.prescription_note(docs, book)
with timeline_tab:
    events = account.timeline(docs, book.paid.lazy(), book.log, customer, currency, ui.lang())
    st.plotly_chart(charts.timeline(events, currency, ui.lang()), key="account-timeline")
    page.timeline_table(events)
with log_tab:
    recorded = ui.store().log(corrected=False)  # voided entries too, marked
    page.account_log(account.history(recorded, customer, currency, ui.lang()), recorded, currency)
    mail_outbox.account_receipts(customer, currency)

st.subheader(ui.t("account.record"))
forms.log_form(row, docs, key="account-log", today=book.today, policy=book.policy)

st.subheader(ui.t("customer.section"))
page.profile_form(row, book.today, book)
