import streamlit as st

from lib import simulator, ui

st.title(ui.t("sim.title"))
ui.flash()
ui.simulator_toast()
book = ui.need_book()
ui.as_of_caption(book)

customer, currency, row = ui.chosen_account(book)
facts = simulator.facts(row, book.documents(customer, currency), book.as_of)
key = f"sim-{customer}-{currency}"

# What is already agreed comes first: a new simulation should start from it.
states, instalments = simulator.account_plans(book.log, ui.observations(book), book.as_of, customer, currency)
ui.agreements_in_force(states, instalments, facts, book, key)

st.subheader(ui.t("sim.simulate"))
st.caption(ui.t("sim.intro", date=ui.date(book.as_of)))
choices = ui.simulator_form(facts, simulator.proposal(book.policy, facts, book.as_of), key)
if choices is not None:
    offer, problems = simulator.offer(choices, facts, book.as_of)
    ui.rate_warning(facts, choices, book.as_of)
    if offer is None:
        ui.simulation_problems(problems, book.as_of)
    else:
        ui.simulation(offer, currency)
        ui.agree_form(offer, facts, book, simulator.in_force(states), row["customer_name"] or customer, key)
