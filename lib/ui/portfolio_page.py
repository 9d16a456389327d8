"""The portfolio page's pieces: KPI cards with their changes, monthly credit sales (for DSO and
CEI), a click on a chart opening the account, the top debtors table."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from lib import i18n, portfolio
from lib.book import Book
from lib.ui import login
from lib.ui.core import date, lang, money, plain, saved, store, t
from lib.ui.safe import stored
from lib.ui.widgets import account_link, money_column, styled


def of_chosen(frame: pl.DataFrame, accounts: pl.DataFrame, current: Book) -> pl.DataFrame:
    """The rows of the accounts the filters keep (portfolio.of_accounts); every row as it is when no
    filter is set (select_accounts handed back the book's own accounts): no join of every item."""
    return frame if accounts is current.accounts else portfolio.of_accounts(frame, accounts)


def kpi_cards(row: dict, collected: pl.DataFrame | None, sales: dict[str, pl.DataFrame], current: Book) -> None:
    """One currency's KPI cards, each with its change since the previous snapshot."""
    cur = row["currency"]
    prev = row["prev_open_cents"] is not None
    st.markdown(f"**{plain(cur)}**")
    cards = [*st.columns(3), *st.columns(3)]

    def change(name: str) -> str | None:
        """The change since the previous snapshot, signed: "+€1,200.00", "-2.5 pp", "+3"."""
        now, before = row[name], row[f"prev_{name}"]
        if now is None or before is None or now == before:
            return None
        size = abs(now - before)
        if name.endswith("_cents"):
            text = money(round(size), cur)
        elif name == "overdue_share":
            text = f"{i18n.format_number(size * 100, lang())} pp"
        else:
            text = i18n.format_count(round(size), lang())
        return ("+" if now > before else "-") + text

    cards[0].metric(t("kpi.open"), money(row["open_cents"], cur), change("open_cents"), delta_color="off", border=True)
    cards[1].metric(
        t("kpi.overdue"), money(row["overdue_cents"], cur), change("overdue_cents"), delta_color="inverse", border=True
    )
    share = row["overdue_share"]
    share_text = "—" if share is None else i18n.format_percent(share * 100, lang())
    cards[2].metric(t("kpi.share"), share_text, change("overdue_share"), delta_color="inverse", border=True)
    days = row["avg_days_delinquent"]
    cards[3].metric(t("kpi.days"), "—" if days is None else f"{days:.0f}", change("avg_days_delinquent"),
                    delta_color="inverse", border=True, help=t("kpi.days_help"))  # fmt: skip
    cards[4].metric(t("kpi.accounts_overdue"), i18n.format_count(row["accounts_overdue"], lang()),
                    change("accounts_overdue"), delta_color="inverse", border=True)  # fmt: skip
    got = collected.filter(pl.col("currency") == cur) if collected is not None else None
    cards[5].metric(
        t("kpi.collected"),
        money(int(got["collected_cents"].sum()), cur) if got is not None else "—",
        help=t("kpi.collected_help", date=date(current.previous["as_of"]))
        if current.previous
        else t("kpi.no_previous"),
        border=True,
    )
    mine = sales.get(cur)
    before = {"open_cents": row["prev_open_cents"]} if prev else None
    figures = portfolio.sales_figures(
        row, before, mine, current.as_of, current.previous["as_of"] if current.previous else None
    ) if mine is not None else None  # fmt: skip
    if figures is None:
        return
    extra = st.columns(4)
    bound = "" if figures["complete"] else "≥ "
    extra[0].metric(
        t("kpi.dso"), bound + i18n.format_number(figures["dso_days"], lang()), border=True, help=t("kpi.dso_help")
    )
    extra[1].metric(t("kpi.best_dso"), i18n.format_number(figures["best_dso_days"], lang()), border=True)
    add = figures["add_days"]
    extra[2].metric(t("kpi.add"), "—" if add is None else i18n.format_number(add, lang()), border=True)
    cei = figures["cei_pct"]
    extra[3].metric(
        t("kpi.cei"), "—" if cei is None else i18n.format_percent(cei, lang()), border=True, help=t("kpi.cei_help")
    )


def promise_cards(row: dict) -> None:
    """How the promises of one currency went (a `portfolio.promise_counts` row): the accounts whose
    latest promise was kept, broken or is still pending."""
    cards = st.columns(3)
    for card, status in zip(cards, ("kept", "broken", "open"), strict=True):
        card.metric(
            t(f"kpi.promises_{status}", currency=row["currency"]),
            i18n.format_count(row[status], lang()),
            border=True,
            help=t("kpi.promises_help"),
        )


def credit_sales() -> dict[str, pl.DataFrame]:
    """Monthly credit sales per currency as typed on the portfolio page: month, sales_cents."""
    saved_sales = store().settings().get("credit_sales", {})
    return {
        cur: pl.DataFrame(
            {"month": list(months), "sales_cents": list(months.values())},
            schema={"month": pl.String, "sales_cents": pl.Int64},
        ).with_columns(pl.col("month").str.to_date("%Y-%m-%d"))
        for cur, months in saved_sales.items()
        if months
    }


def credit_sales_form(currencies: list[str], as_of: dt.date) -> None:
    """Credit sales per month (not in an ageing report): the DSO, best DSO, ADD and CEI need them."""
    if login.refused("settings"):  # a setting: a manager's
        return
    st.caption(t("sales.help"))
    current = credit_sales()
    first = (as_of.replace(day=1) - dt.timedelta(days=365)).replace(day=1)  # the same month a year before
    months = pl.DataFrame({"month": pl.date_range(first, as_of, "1mo", eager=True)})
    for cur in currencies:
        known = current.get(cur, pl.DataFrame(schema={"month": pl.Date, "sales_cents": pl.Int64}))
        months = months.join(
            known.select(pl.col("month").dt.month_start(), (pl.col("sales_cents") / 100).alias(cur)),
            on="month",
            how="left",
        )
    with st.form("credit-sales"):
        edited = st.data_editor(
            months.sort("month", descending=True),
            hide_index=True,
            placeholder="—",
            disabled=["month"],
            column_config={
                "month": st.column_config.DateColumn(t("sales.month"), format="MM/YYYY"),
                **{cur: st.column_config.NumberColumn(cur, min_value=0.0, format="%.2f") for cur in currencies},
            },
            key="credit-sales-editor",
        )
        if st.form_submit_button(t("sales.save"), icon=":material/save:"):
            table = pl.from_pandas(edited) if not isinstance(edited, pl.DataFrame) else edited
            value = {
                cur: {
                    str(m): round(v * 100)
                    for m, v in table.select(pl.col("month").cast(pl.Date), cur).drop_nulls().rows()
                }
                for cur in currencies
            }
            if stored(lambda: store().save_setting("credit_sales", value), lang())[0]:
                login.noted("setting", "credit_sales")
                saved(t("sales.saved"))


def open_clicked(event: object, currency: str) -> None:
    """A click on a point that stands for an account opens that account's page."""
    points = getattr(getattr(event, "selection", None), "points", None) or (
        event.get("selection", {}).get("points", []) if isinstance(event, dict) else []
    )
    for point in points:
        customer = point.get("customdata")
        if isinstance(customer, list):
            customer = customer[0] if customer else None
        if customer:
            st.switch_page("views/account.py", query_params={"customer": customer, "currency": currency})


def debtors_table(top: pl.DataFrame, currency: str) -> None:
    """The Pareto's debtors as a table; the name opens the account page."""
    shown = top.select(
        "rank",
        account_link(pl.lit(currency)).alias("link"),
        pl.col("customer_name").fill_null(pl.col("customer_id")),
        pl.col("overdue_cents").alias("overdue"),
        (pl.col("cum_share") * 100).alias("cum_share"),
        "rating",
    )
    st.dataframe(
        styled(shown, ("overdue",), currency, percent=("cum_share",)),
        hide_index=True,
        placeholder="—",
        width="stretch",
        column_config={
            "rank": "#",
            "link": st.column_config.LinkColumn(t("col.account"), display_text=r"customer=([^&]+)"),
            "customer_name": t("col.customer"),
            "overdue": money_column(t("col.overdue")),
            "cum_share": st.column_config.NumberColumn(t("col.cum_share")),
            "rating": t("col.rating"),
        },
    )


def needs_second_snapshot(current: Book) -> None:
    """Trend and roll rates compare snapshots: with one, say that a second import shows them."""
    st.info(t("portfolio.one_snapshot", date=date(current.as_of)), icon=":material/timeline:")
    st.page_link("views/import_data.py", label=t("empty.import"), icon=":material/upload_file:")
