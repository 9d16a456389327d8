import streamlit as st

from lib import simulator, ui
from lib.ui import agreements_page as agreements
from lib.ui import simulator_page as page
from lib.ui import widgets

st.title(ui.t("sim.title"))
ui.flash()
page.simulator_toast()
book = ui.need_book()
ui.as_of_caption(book)
ui.stale_warning(book)

customer, currency, row = widgets.chosen_account(book)
# Offers are made and valued today (lib/clock.py): a deadline or a first instalment in the past is refused.
today = book.today
docs = book.documents(customer, currency)
facts = simulator.facts(row, docs, today, book.policy)
key = f"sim-{customer}-{currency}"

# What is already agreed comes first: a new simulation should start from it.
states, instalments = simulator.account_plans(book.log, page.observations(book), book.as_of, customer, currency, today)
agreements.agreements_in_force(states, instalments, facts, book, key)

if page.refusal(facts):  # an insolvent debtor: no discount or plan outside the procedure
    page.vat_insolvent(docs, facts, book.policy.offers.vat_pct)
    ui.end_page()

st.subheader(ui.t("sim.simulate"))
st.caption(ui.t("sim.intro", date=ui.date(today)))
choices = page.simulator_form(
    facts, simulator.proposal(book.policy, facts, today), key, book.policy.offers.max_instalments
)
if choices is not None:
    offer, problems = simulator.offer(choices, facts, today)
    page.rate_warning(facts, choices, today)
    if offer is None:
        page.simulation_problems(problems, today)
    else:
        page.simulation(offer, currency)
        page.vat_notes(offer, docs, facts, book.policy.offers.vat_pct)
        agreements.agree_form(offer, facts, book, simulator.in_force(states), row["customer_name"] or customer, key)
