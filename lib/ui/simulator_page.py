"""The simulator page's form and results: the claim and the four options' assumptions, the
comparison, curves, expected cash and the plan's schedule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import streamlit as st

from lib import charts, explain, exports, i18n, plans, simulator, vat
from lib.book import Book
from lib.ui.core import date, labels, lang, money, saved, store, t
from lib.ui.widgets import Columns, money_column, styled

_SIM_TOAST = "sim-toast"  # a saved agreement or payment, said again where the user is looking


def _pct(value: float) -> str:
    """A percentage with one decimal, in the language's decimal mark."""
    return i18n.format_percent(value, lang())


def day_text(column: str) -> pl.Expr:
    """A date column as text in the language's format, "—" when missing (a total row, not yet paid)."""
    return pl.col(column).dt.to_string(i18n.date_format(lang())).fill_null("—")


def sim_saved(message: str, forget: str | None = None) -> None:
    """Like `saved`, with a toast too (the flash is at the top of a long page); `forget` drops a
    session key (the simulation just agreed on)."""
    if forget:
        st.session_state.pop(forget, None)
    st.session_state[_SIM_TOAST] = message
    saved(message)


def simulator_toast() -> None:
    message = st.session_state.pop(_SIM_TOAST, None)
    if message:
        st.toast(message, icon=":material/check_circle:")


def observations(current: Book) -> pl.LazyFrame:
    """The book's ledger's snapshots up to its as-of date (what plans are checked against)."""
    return store().observations(current.as_of, current.ledger)


def _percent(where: Any, label: str, value: float, key: str, help: str | None = None) -> float:
    """A percentage from 0 to 100 in half points (`where`: st or a column)."""
    return float(where.number_input(label, 0.0, 100.0, float(value), 0.5, "%.1f", key=key, help=help))


def _days(label: str, value: int, key: str) -> int:
    """A number of days, up to ten years, in months of 30."""
    return int(st.number_input(label, 0, 3650, int(value), 30, key=key))


def simulator_form(
    facts: simulator.Facts, start: simulator.Choices, key: str, max_instalments: int
) -> simulator.Choices | None:
    """The claim, the risk and the four options' assumptions, submitted together; the choices of
    the last submission for this account (kept for the session), None before the first."""
    cur = facts.currency
    with st.form(key):
        st.markdown(f"**{t('sim.claim')}**")
        claim, extras, capital_cost, risk = st.columns([1.1, 1.8, 1.1, 1])
        capital = claim.number_input(
            t("sim.capital", currency=cur), min_value=0.0, value=start.capital_cents / 100, step=100.0, format="%.2f",
            help=t("sim.capital_help", overdue=money(facts.overdue_cents, cur)), key=f"{key}-capital",
        )  # fmt: skip
        add_interest = extras.checkbox(
            t("sim.add_interest", amount=money(facts.interest_cents, cur)), value=start.add_interest,
            key=f"{key}-add-interest",
        )  # fmt: skip
        add_compensation = extras.checkbox(
            t("sim.add_compensation", n=facts.invoices, amount=money(facts.compensation_cents, cur)),
            value=start.add_compensation, key=f"{key}-add-compensation",
        )  # fmt: skip
        cost = _percent(
            capital_cost,
            t("sim.cost_of_capital"),
            start.cost_of_capital_pct,
            f"{key}-cost",
            t("sim.cost_of_capital_help"),
        )
        probability = _percent(
            risk, t("sim.default_probability"), start.default_probability_pct, f"{key}-risk",
            t("sim.default_probability_help", rating=facts.rating or "—"),
        )  # fmt: skip
        discount_box, plan_box, agency_box, legal_box = (c.container(border=True) for c in st.columns([1, 2, 1, 1]))
        with discount_box:
            st.markdown(f"**{t('sim.discount')}**")
            discount = _percent(st, t("sim.discount_pct"), start.discount_pct, f"{key}-discount")
            deadline = st.date_input(
                t("sim.deadline"), value=start.deadline, format="DD/MM/YYYY", key=f"{key}-deadline"
            )
        with plan_box:
            st.markdown(f"**{t('sim.plan')}**")
            left, right = st.columns(2)
            down = left.number_input(
                t("sim.down", currency=cur), min_value=0.0, value=start.down_cents / 100, step=100.0, format="%.2f",
                help=t("sim.down_help"), key=f"{key}-down",
            )  # fmt: skip
            count = right.number_input(
                t("sim.instalments"),
                min_value=1,
                max_value=max_instalments,
                value=start.instalments,
                step=1,
                key=f"{key}-count",
            )
            left, right = st.columns(2)
            frequency = left.selectbox(
                t("sim.frequency"), tuple(plans.FREQUENCIES), format_func=labels("sim_frequency", plans.FREQUENCIES),
                index=tuple(plans.FREQUENCIES).index(start.frequency), key=f"{key}-frequency",
            )  # fmt: skip
            first = right.date_input(t("sim.first"), value=start.first, format="DD/MM/YYYY", key=f"{key}-first")
            left, right = st.columns(2)
            kinds = {k: t(f"sim_interest.{k}") for k in simulator.INTEREST} | {
                "late": t("sim_interest.late", rate=_pct(float(facts.late_rate.pct)))
            }
            interest_kind = left.selectbox(
                t("sim.interest"), simulator.INTEREST, index=simulator.INTEREST.index(start.interest),
                format_func=kinds.__getitem__, key=f"{key}-interest",
            )  # fmt: skip
            contractual = _percent(
                right, t("sim.contractual_pct"), start.contractual_pct, f"{key}-contractual", t("sim.contractual_help")
            )
            method = left.selectbox(
                t("sim.method"), plans.METHODS, index=plans.METHODS.index(start.method),
                format_func=labels("sim_method", plans.METHODS), key=f"{key}-method",
            )  # fmt: skip
        with agency_box:
            st.markdown(f"**{t('sim.agency')}**")
            fee = _percent(st, t("sim.agency_fee"), start.agency_fee_pct, f"{key}-fee")
            agency_days = _days(t("sim.agency_days"), start.agency_days, f"{key}-agency-days")
            recoverable = _percent(
                st, t("sim.recoverable"), start.recoverable_pct, f"{key}-recoverable",
                t("sim.recoverable_help", days=facts.oldest_days),
            )  # fmt: skip
        with legal_box:
            st.markdown(f"**{t('sim.legal')}**")
            costs = st.number_input(
                t("sim.legal_costs", currency=cur), min_value=0.0, value=start.legal_costs_cents / 100, step=100.0,
                format="%.2f", help=t("sim.legal_costs_help"), key=f"{key}-legal-costs",
            )  # fmt: skip
            legal_days = _days(t("sim.legal_days"), start.legal_days, f"{key}-legal-days")
            success = _percent(st, t("sim.legal_success"), start.legal_success_pct, f"{key}-success")
        submitted = st.form_submit_button(t("sim.run"), type="primary", icon=":material/calculate:")
    if submitted:
        st.session_state[f"{key}-choices"] = simulator.Choices(
            capital_cents=round(capital * 100), add_interest=add_interest, add_compensation=add_compensation,
            cost_of_capital_pct=cost, default_probability_pct=probability, discount_pct=discount,
            deadline=deadline, down_cents=round(down * 100), instalments=int(count), frequency=frequency,
            first=first, interest=interest_kind, contractual_pct=contractual, method=method,
            agency_fee_pct=fee, agency_days=int(agency_days), recoverable_pct=recoverable,
            legal_costs_cents=round(costs * 100), legal_days=int(legal_days), legal_success_pct=success,
        )  # fmt: skip
    return st.session_state.get(f"{key}-choices")


def rate_warning(facts: simulator.Facts, choices: simulator.Choices, as_of: dt.date) -> None:
    """Say so when the plan uses a late-payment rate that is unconfirmed or out of date."""
    rate = facts.late_rate
    if choices.interest != "late" or rate.status == "confirmed":
        return
    key = "sim.rate_stale" if rate.status == "stale" else "sim.rate_unconfirmed"
    st.warning(t(key, since=date(rate.since), rate=_pct(float(rate.pct)), date=date(as_of)), icon=":material/percent:")


def simulation_problems(problems: list[str], as_of: dt.date) -> None:
    for code in problems:
        st.error(t(f"sim.problem_{code}", date=date(as_of)), icon=":material/error:")


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=16)
def _results(offer: simulator.Simulated) -> simulator.Results:
    """The simulation's figures, once per offer whatever the language (a long plan takes a second
    or two to value)."""
    return simulator.results(offer)


def simulation(offer: simulator.Simulated, currency: str) -> None:
    """The options compared: the recommendation, the key figures and the table, then the curves,
    the expected cash over time and the plan's schedule in tabs; both tables downloadable."""
    code = lang()
    found = _results(offer)
    table, plan, even = found.comparison, found.plan, found.break_even
    expected = dict(table.select("option", "expected_cents").rows())
    st.subheader(t("sim.results"))
    st.success(explain.recommendation(found.recommendation, currency, code), icon=":material/lightbulb:")
    cards = st.columns(3)
    cards[0].metric(
        t("sim.break_even"), "—" if even is None else _pct(even * 100), help=t("sim.break_even_help"), border=True
    )
    cards[1].metric(
        t("sim.settlement_metric", date=date(offer.deadline)),
        money(simulator.settlement_cents(offer), currency),
        f"-{_pct(offer.discount * 100)}",
        delta_color="off",
        border=True,
    )
    first = plan.filter(pl.col("n") == 1)["payment_cents"].item()
    frequency = t(f"sim_frequency.{offer.frequency}")
    cards[2].metric(
        t("sim.instalment_metric", n=offer.instalments, frequency=frequency), money(first, currency), border=True
    )
    shown = table.select(
        i18n.names("option", "sim_option", plans.OPTIONS, code),
        "npv_cents",
        "expected_cents",
        "cash_cents",
        day_text("last_cash"),
    )
    headers = {
        "option": t("sim.col_option"),
        "npv_cents": t("sim.col_npv"),
        "expected_cents": t("sim.col_expected"),
        "cash_cents": t("sim.col_cash"),
        "last_cash": t("sim.col_last_cash"),
    }
    money_names = ("npv_cents", "expected_cents", "cash_cents")
    columns: Columns = {name: money_column(label) for name, label in headers.items() if name in money_names}
    columns |= {
        "option": headers["option"],
        "last_cash": st.column_config.TextColumn(headers["last_cash"], help=t("sim.col_last_cash_help")),
    }
    st.dataframe(
        styled(shown, money_names, currency), hide_index=True, placeholder="—", width="stretch", column_config=columns
    )
    st.caption(
        t("sim.valued", claim=money(offer.claim_cents, currency), date=date(offer.as_of),
          rate=_pct(offer.cost_of_capital * 100))
    )  # fmt: skip
    st.download_button(
        t("sim.download_comparison"),
        data=exports.xlsx_bytes(
            table.with_columns(i18n.names("option", "sim_option", plans.OPTIONS, code)).rename(headers),
            t("sim.results"),
            [headers[n] for n in money_names],
        ),
        file_name="confronto.xlsx" if code == "it" else "comparison.xlsx",
        mime=_XLSX, icon=":material/download:", on_click="ignore",
    )  # fmt: skip
    schedule_tab, values_tab, cash_tab = st.tabs([t("sim.schedule"), t("sim.tab_values"), t("sim.tab_cash")])
    with schedule_tab:
        _schedule(plan, currency)
    with values_tab:
        left, right = st.columns(2)
        left.plotly_chart(
            charts.value_by_discount(
                found.by_discount,
                expected["plan"],
                (offer.discount, expected["discount"]),
                even,
                currency,
                code,
            ),
            key="sim-by-discount",
        )
        right.plotly_chart(
            charts.value_by_instalments(found.by_instalments, offer.instalments, expected["discount"], currency, code),
            key="sim-by-instalments",
        )
    with cash_tab:
        st.plotly_chart(charts.expected_cash(found.cash, currency, code), key="sim-cash")


def _schedule(plan: pl.DataFrame, currency: str) -> None:
    """The plan's schedule with its totals row, the check that it adds up, and its download."""
    code = lang()
    rows = simulator.schedule_rows(plan).with_columns(explain.schedule_labels(code))
    money_names = ("capital_cents", "interest_cents", "payment_cents", "residual_cents")
    headers = {name: t(f"sim.col_{name.removesuffix('_cents')}") for name in ("n", "date", *money_names)}
    st.dataframe(
        styled(rows.select("n", day_text("date"), *money_names), money_names, currency),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config={name: money_column(label) if name in money_names else label for name, label in headers.items()},
    )
    sums = plans.totals(plan)
    st.caption(
        t(
            "sim.schedule_check",
            claim=money(sums["capital_cents"], currency),
            interest=money(sums["interest_cents"], currency),
            total=money(sums["payment_cents"], currency),
        )
    )
    st.download_button(
        t("sim.download_schedule"),
        data=exports.xlsx_bytes(rows.rename(headers), t("sim.schedule"), [headers[n] for n in money_names]),
        file_name="piano_di_rientro.xlsx" if code == "it" else "instalment_plan.xlsx",
        mime=_XLSX, icon=":material/download:", on_click="ignore",
    )  # fmt: skip


def refusal(facts: simulator.Facts) -> bool:
    """Say why no discount or plan is offered (lib.simulator.refused), with the VAT a credit note
    gives back from the procedure's opening; True when refused."""
    code = simulator.refused(facts)
    if code is None:
        return False
    procedure = i18n.word(f"procedure.{facts.procedure}", lang())
    st.warning(t(f"sim.refused_{code}", procedure=procedure, date=date(facts.procedure_on)), icon=":material/gavel:")
    return True


def vat_notes(offer: simulator.Simulated, docs: pl.DataFrame, facts: simulator.Facts, vat_pct: float) -> None:
    """The VAT in the settlement's discount that a credit note gives back (or not), and in the claim
    if it is lost (lib/vat.py: art. 26 DPR 633/72)."""
    cur = facts.currency
    discount = offer.claim_cents - simulator.settlement_cents(offer)
    relief = vat.settlement(docs, offer.claim_cents, discount, offer.as_of, vat_pct)
    if relief.vat_cents:
        st.caption(
            t("sim.vat_settlement", vat=money(relief.vat_cents, cur), recoverable=money(relief.recoverable_cents, cur),
              blocked=money(relief.blocked_cents, cur))
        )  # fmt: skip
    lost = vat.unpaid(docs, vat_pct, facts.procedure_on)
    if lost.vat_cents:
        st.caption(t("sim.vat_loss", vat=money(lost.vat_cents, cur)))


def vat_insolvent(docs: pl.DataFrame, facts: simulator.Facts, vat_pct: float) -> None:
    """For a debtor in a procedure: the VAT in the claim comes back from the day it opened."""
    relief = vat.unpaid(docs, vat_pct, facts.procedure_on)
    if relief.recoverable_cents:
        st.caption(
            t("sim.vat_insolvent", vat=money(relief.recoverable_cents, facts.currency), date=date(facts.procedure_on))
        )
