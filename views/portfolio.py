import functools

import streamlit as st

from lib import charts, diff, portfolio, ui
from lib.ageing import bucket_labels, buckets_by_currency
from lib.ui import portfolio_page as page
from lib.ui import widgets
from lib.ui.figures import for_book

st.title(ui.t("portfolio.title"))
book = ui.need_book()
lang = ui.lang()
edges = book.policy.ageing.bucket_edges
ui.as_of_caption(book)

filters = widgets.account_filters(book.accounts, key="portfolio")
accounts = portfolio.select_accounts(book.accounts, filters)
items = page.of_chosen(book.items, accounts, book)
if accounts.is_empty():
    st.info(ui.t("filters.nothing"))
    ui.end_page()

before = (
    portfolio.kpis(page.of_chosen(book.previous_items, accounts, book).lazy())
    if book.previous_items is not None
    else None
)
figures = portfolio.kpi_changes(portfolio.kpis(items.lazy()), before)
collected = diff.collected(page.of_chosen(book.changes, accounts, book)) if book.changes is not None else None
sales = page.credit_sales()
for row in figures.iter_rows(named=True):
    page.kpi_cards(row, collected, sales, book)
for row in portfolio.promise_counts(accounts).iter_rows(named=True):
    page.promise_cards(row)

figure = for_book()
# Only the open tab is computed and drawn (a rerun when another is chosen): the page's 22 figures
# and their tables cost the cached run most of its time when all were drawn on every run.
ageing_tab, trend_tab, top_tab, risk_tab, roll_tab, breakdown_tab = st.tabs(
    [ui.t(f"portfolio.tab_{name}") for name in ("ageing", "trend", "top", "risk", "roll", "breakdown")],
    key="portfolio-tab",
    on_change="rerun",
)
with ageing_tab:
    if ageing_tab.open:
        ageing = figure("ageing", lambda: charts.ageing(buckets_by_currency(items.lazy(), edges), lang), filters)
        st.plotly_chart(ageing, key="chart-ageing")
with trend_tab:
    if trend_tab.open:
        totals = portfolio.trend_totals(book.trend, accounts, edges)
        if totals["as_of"].n_unique() < 2:  # one dot per bucket says nothing: ask for the second import
            page.needs_second_snapshot(book)
        else:
            st.plotly_chart(figure("trend", lambda: charts.trend(totals, lang), filters), key="chart-trend")
with top_tab:
    if top_tab.open:
        top = portfolio.pareto(accounts)
        for currency in top["currency"].unique(maintain_order=True):
            mine = top.filter(top["currency"] == currency)
            page.open_clicked(
                st.plotly_chart(
                    figure("pareto", functools.partial(charts.pareto, mine, currency, lang), filters, currency),
                    on_select="rerun",
                    selection_mode="points",
                    key=f"pareto-{currency}",
                ),
                currency,
            )
            page.debtors_table(mine, currency)
with risk_tab:
    if risk_tab.open:
        thresholds = (book.policy.rating.a_max, book.policy.rating.b_max, book.policy.rating.c_max)
        for currency in accounts["currency"].unique(maintain_order=True).sort():
            mine = accounts.filter(accounts["currency"] == currency)
            page.open_clicked(
                st.plotly_chart(
                    figure(
                        "risk", functools.partial(charts.risk_map, mine, thresholds, currency, lang), filters, currency
                    ),
                    on_select="rerun",
                    selection_mode="points",
                    key=f"risk-{currency}",
                ),
                currency,
            )
        st.caption(ui.t("portfolio.risk_help"))
with roll_tab:
    if roll_tab.open:
        if book.changes is None:
            page.needs_second_snapshot(book)
        else:
            rates = diff.roll_rates(page.of_chosen(book.changes, accounts, book), edges)
            for currency in rates["currency"].unique(maintain_order=True):
                mine = rates.filter(rates["currency"] == currency)
                roll = functools.partial(charts.roll_rates, mine, bucket_labels(edges), lang)
                st.plotly_chart(figure("roll", roll, filters, currency), key=f"roll-{currency}")
            st.caption(ui.t("portfolio.roll_help", before=ui.date(book.previous["as_of"]), after=ui.date(book.as_of)))
with breakdown_tab:
    if breakdown_tab.open:
        for by in portfolio.BREAKDOWNS:
            table = portfolio.breakdown(items.lazy(), by)
            if table is None:  # the file has no such column: say so rather than draw an empty chart
                st.caption(ui.t(f"portfolio.no_{by}"))
                continue
            for currency in table["currency"].unique(maintain_order=True):
                mine = table.filter(table["currency"] == currency)
                shares = functools.partial(charts.breakdown, mine, by, currency, lang)
                st.plotly_chart(figure("breakdown", shares, filters, by, currency), key=f"breakdown-{by}-{currency}")

with st.expander(ui.t("sales.title"), icon=":material/point_of_sale:"):
    page.credit_sales_form(sorted(book.accounts["currency"].unique().to_list()), book.as_of)
