import streamlit as st

from lib import account, charts, ui

st.title(ui.t("account.title"))
ui.flash()
book = ui.need_book()
ui.as_of_caption(book)

customer, currency, row = ui.chosen_account(book)

ui.account_header(row)
ui.account_links(customer, currency)
docs = book.documents(customer, currency)

documents_tab, timeline_tab, log_tab = st.tabs([ui.t("account.tab_documents"), ui.t("account.tab_timeline"),
                                                ui.t("account.tab_log")])  # fmt: skip
with documents_tab:
    ui.documents_table(docs, currency)
    ui.prescription_note(docs, book)
with timeline_tab:
    events = account.timeline(docs, book.paid.lazy(), book.log, customer, currency, ui.lang())
    st.plotly_chart(charts.timeline(events, currency, ui.lang()), key="account-timeline")
with log_tab:
    ui.account_log(book.log, customer, currency)

st.subheader(ui.t("account.record"))
ui.log_form(row, docs, key="account-log", today=book.today)
