"""lib/charts.py: each builder gives a plotly Figure with the right traces, in currency units, translated."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest

from lib import charts
from lib.actionlog import observation
from lib.ageing import age, bucket_labels, buckets_by_currency
from lib.diff import diff_documents, roll_rates
from lib.portfolio import breakdown, bucket_trend, pareto, trend_totals
from tests.unit.frames import AS_OF, days_ago, from_rows, items

D = dt.date
IT_BUCKETS = ["non scaduto", "1-30 gg", "31-60 gg", "61-90 gg", "91-120 gg", "121-180 gg", "181-365 gg", "oltre 365 gg"]
RANGES = ("1-30", "31-60", "61-90", "91-120", "121-180", "181-365")
EN_BUCKETS = ["not due", *(f"{r} days" for r in RANGES), "over 365 days"]
SEPARATORS = {"it": ",.", "en": ".,"}


def _names(fig: go.Figure) -> list[str]:
    return [trace.name for trace in fig.data]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_ageing_one_stacked_bar_per_currency_in_units(lang: str) -> None:
    book = items(
        open_cents=[12_345, -5_000, 50_000],  # EUR 123.45 at 10 days, a EUR −50.00 credit at 400 days, USD 500.00
        due_date=[days_ago(10), days_ago(400), days_ago(-5)],
        currency=["EUR", "EUR", "USD"],
    )
    fig = charts.ageing(buckets_by_currency(age(book.lazy(), AS_OF)), lang)
    assert isinstance(fig, go.Figure)
    assert len(fig.data) == 16  # 2 currencies × 8 buckets
    assert all(trace.type == "bar" and trace.orientation == "h" for trace in fig.data)
    assert _names(fig) == (IT_BUCKETS if lang == "it" else EN_BUCKETS) * 2
    eur, usd = fig.data[:8], fig.data[8:]
    assert [trace.x[0] for trace in eur] == [0.0, 123.45, 0.0, 0.0, 0.0, 0.0, 0.0, -50.0]
    assert [trace.x[0] for trace in usd] == [500.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert {trace.y[0] for trace in eur} == {"EUR"} and {trace.y[0] for trace in usd} == {"USD"}
    assert [trace.showlegend for trace in fig.data] == [True] * 8 + [False] * 8  # one legend entry per bucket
    assert fig.layout.separators == SEPARATORS[lang]
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == ("Aperto per fascia di scaduto" if lang == "it" else "Open amount by ageing bucket")


# Two snapshots: 20 Oct (A 100.00 at 10 days, A 50.00 not due, B 70.00 at 80 days) and 20 Nov
# (A's 100.00 now at 41 days, B's 70.00 partly paid to 52.50 and at 111 days, a new A 30.00 not due).
PREVIOUS_AS_OF = D(2026, 10, 20)
ROWS = ("customer_id", "doc_number", "due_date", "open_cents")
BEFORE = from_rows(
    ROWS,
    [("A", "1", D(2026, 10, 10), 10_000), ("A", "2", D(2026, 11, 30), 5_000), ("B", "3", D(2026, 8, 1), 7_000)],
    customer_name=["Alfa", "Alfa", "Beta"],
)
NOW = from_rows(
    ROWS,
    [("A", "1", D(2026, 10, 10), 10_000), ("A", "4", D(2026, 12, 10), 3_000), ("B", "3", D(2026, 8, 1), 5_250)],
    customer_name=["Alfa", "Alfa", "Beta"],
)


def test_trend_one_line_per_bucket_across_the_snapshots() -> None:
    trend = bucket_trend(pl.concat([observation(BEFORE.lazy(), PREVIOUS_AS_OF), observation(NOW.lazy(), AS_OF)]))
    totals = trend_totals(trend, trend.select("customer_id", "currency").unique())
    fig = charts.trend(totals, "en")
    assert len(fig.data) == 8 and _names(fig) == EN_BUCKETS
    assert all(trace.type == "scatter" and trace.stackgroup == "EUR" for trace in fig.data)
    assert list(fig.data[0].x) == [PREVIOUS_AS_OF, AS_OF]
    # not due: 50.00 then 30.00; 1-30: 100.00 then 0; 31-60: 0 then 100.00; 61-90: 70.00 then 0; 91-120: 0 then 52.50
    lines = [list(trace.y) for trace in fig.data]
    assert lines == [[50.0, 30.0], [100.0, 0.0], [0.0, 100.0], [70.0, 0.0], [0.0, 52.5], *[[0.0, 0.0]] * 3]
    assert fig.layout.separators == ".,"
    assert fig.layout.xaxis.tickformat == "%d %b %Y"
    italian = charts.trend(totals, "it")
    assert _names(italian) == IT_BUCKETS
    assert (italian.layout.separators, italian.layout.xaxis.tickformat) == (",.", "%d/%m/%Y")


ACCOUNTS = pl.DataFrame(
    {
        "customer_id": ["A", "B", "C", "D"],
        "customer_name": ["Alfa", None, "Gamma", "Delta"],
        "currency": ["EUR"] * 4,
        "overdue_cents": [500_050, 300_000, 200_000, 0],
        "rating": ["D", "C", "A", "A"],
        "score": [60, 30, 5, 0],
        "documents": [4, 2, 1, 3],
    }
)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_pareto_bars_and_cumulative_line_carry_customer_ids(lang: str) -> None:
    fig = charts.pareto(pareto(ACCOUNTS), "EUR", lang)
    bars, line, *legend = fig.data
    assert (bars.type, line.type) == ("bar", "scatter")
    assert _names(fig) == (
        ["Scaduto EUR", "Quota cumulata dello scaduto", "Rating A", "Rating C", "Rating D"]
        if lang == "it"
        else ["Overdue EUR", "Cumulative share of overdue", "Rating A", "Rating C", "Rating D"]
    )
    assert not bars.showlegend and [entry.marker.color for entry in legend] == ["#2E8B57", "#E69F00", "#C0392B"]
    right = fig.layout.yaxis2.title.text
    assert right == ("Quota cumulata (%)" if lang == "it" else "Cumulative share (%)")
    assert list(bars.x) == ["Alfa", "B", "Gamma"]  # a debtor without a name shows its id; D owes nothing overdue
    assert list(bars.y) == [5_000.5, 3_000.0, 2_000.0]
    assert list(bars.customdata) == list(line.customdata) == ["A", "B", "C"]
    assert list(bars.marker.color) == ["#C0392B", "#E69F00", "#2E8B57"]  # ratings D, C, A
    # Cumulative share of 1,000,050: 500,050 → 50.0…%, 800,050 → 80.0…%, 100%.
    assert list(line.y) == pytest.approx([500_050 / 10_000.5, 800_050 / 10_000.5, 100.0])
    assert line.yaxis == "y2"
    assert fig.layout.separators == SEPARATORS[lang]
    assert fig.layout.title.text == ("Maggiori debitori (EUR)" if lang == "it" else "Top debtors (EUR)")


def test_risk_map_one_trace_per_rating_among_debtors() -> None:
    fig = charts.risk_map(ACCOUNTS, (10, 25, 45), "EUR", "it")
    assert _names(fig) == ["Rating A", "Rating C", "Rating D"]  # no B; D (rated A) owes nothing overdue
    a, c, d = fig.data
    assert (list(a.customdata), list(a.x), list(a.y), list(a.marker.size)) == (["C"], [5], [2_000.0], [1])
    assert (list(c.customdata), list(c.x), list(c.y), list(c.text)) == (["B"], [30], [3_000.0], ["B"])
    assert (list(d.customdata), list(d.x), list(d.y), list(d.text)) == (["A"], [60], [5_000.5], ["Alfa"])
    assert [shape.x0 for shape in fig.layout.shapes] == [10.5, 25.5, 45.5]  # the rating ceilings
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Mappa del rischio (EUR)"


def test_roll_rates_heatmap_in_percent() -> None:
    labels = bucket_labels()
    rates = roll_rates(diff_documents(BEFORE, PREVIOUS_AS_OF, NOW, AS_OF))
    fig = charts.roll_rates(rates.filter(pl.col("currency") == "EUR"), labels, "it")
    (heatmap,) = fig.data
    assert heatmap.type == "heatmap"
    assert list(heatmap.x) == [*IT_BUCKETS, "incassato"]
    assert list(heatmap.y) == ["non scaduto", "1-30 gg", "61-90 gg"]  # the old buckets that held money
    none = [None] * 9
    # not due 50.00 → paid; 1-30 100.00 → 31-60; 61-90 70.00 → 52.50 in 91-120 (75%) and 17.50 paid (25%).
    assert [list(row) for row in heatmap.z] == [
        [*none[:8], 100.0],
        [None, None, 100.0, *none[:6]],
        [None, None, None, None, 75.0, None, None, None, 25.0],
    ]
    assert heatmap.text[2][4] == "75%" and heatmap.text[2][0] == ""
    assert fig.layout.separators == ",."


@pytest.mark.parametrize("lang", ["it", "en"])
def test_breakdown_open_and_overdue_per_salesperson(lang: str) -> None:
    book = items(
        open_cents=[100_000, 25_000, 40_000],
        due_date=[days_ago(20), days_ago(-10), days_ago(5)],
        customer_id=["A", "A", "B"],
        salesperson=["Rossi", "Rossi", None],
    )
    table = breakdown(age(book.lazy(), AS_OF), "salesperson")
    assert table is not None
    fig = charts.breakdown(table, "salesperson", "EUR", lang)
    opened, overdue = fig.data
    assert _names(fig) == (["Aperto", "Scaduto"] if lang == "it" else ["Open", "Overdue"])
    unnamed = "(non indicato)" if lang == "it" else "(not given)"
    assert list(opened.y) == list(overdue.y) == ["Rossi", unnamed]
    assert list(opened.x) == [1_250.0, 400.0]  # Rossi 1,000.00 + 250.00; B 400.00
    assert list(overdue.x) == [1_000.0, 400.0]  # the 250.00 is not yet due
    assert fig.layout.separators == SEPARATORS[lang]
    assert fig.layout.title.text == ("Per agente (EUR)" if lang == "it" else "By salesperson (EUR)")


def test_timeline_one_lane_per_kind() -> None:
    events = pl.DataFrame(
        {
            "date": [D(2026, 4, 30), D(2026, 5, 31), D(2026, 6, 30), D(2026, 11, 20)],
            "kind": ["issued", "due", "due", "paid"],
            "label": ["F1: 1.000,00 EUR", "F1: 1.000,00 EUR", "F2: 500,00 EUR", "F0: 123,45 EUR"],
        }
    )
    fig = charts.timeline(events, "EUR", "it")
    assert _names(fig) == ["Emessi", "Scadenze", "Pagati"]
    issued, due, paid = fig.data
    assert (list(due.x), list(due.y), list(due.text)) == (
        [D(2026, 5, 31), D(2026, 6, 30)],
        ["Scadenze", "Scadenze"],
        ["F1: 1.000,00 EUR", "F2: 500,00 EUR"],
    )
    assert (issued.marker.symbol, due.marker.symbol, paid.marker.symbol) == ("circle-open", "triangle-down", "square")
    assert list(paid.text) == ["F0: 123,45 EUR"]
    assert fig.layout.showlegend is False
    assert fig.layout.separators == ",."
    assert fig.layout.title.text == "Storia del cliente (EUR)"
    assert charts.timeline(events, "EUR", "en").layout.xaxis.tickformat == "%d %b %Y"


def test_names_and_notes_are_text_in_charts_not_plotly_html() -> None:
    """Plotly draws <b>, <i>, <a href> in labels and hovers: a name is escaped to show as typed."""
    hostile = '<a href="http://evil.example">x</a> <b>B</b> &amp;'
    escaped = '&lt;a href="http://evil.example"&gt;x&lt;/a&gt; &lt;b&gt;B&lt;/b&gt; &amp;amp;'
    accounts = ACCOUNTS.with_columns(pl.lit(hostile).alias("customer_name"))
    bars, *_ = charts.pareto(pareto(accounts), "EUR", "en").data
    assert list(bars.x) == [f"{escaped}"] * 3
    risk = charts.risk_map(accounts.with_columns(pl.lit(10).alias("oldest_days")), (10, 30, 60), "EUR", "en")
    assert {text for trace in risk.data for text in trace.text} == {escaped}
    events = pl.DataFrame({"date": [D(2026, 4, 30)], "kind": ["action"], "label": [hostile]})
    assert list(charts.timeline(events, "EUR", "en").data[0].text) == [escaped]
    table = pl.DataFrame({"salesperson": [hostile], "open_cents": [100], "overdue_cents": [0]})
    assert list(charts.breakdown(table, "salesperson", "EUR", "en").data[0].y) == [escaped]


def test_risk_map_draws_the_largest_debtors_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "RISK_MAP_POINTS", 2)
    fig = charts.risk_map(ACCOUNTS, (10, 25, 45), "EUR", "en")
    assert sorted(c for trace in fig.data for c in trace.customdata) == ["A", "B"]  # 5,000.50 and 3,000 overdue
    (note,) = fig.layout.annotations
    assert note.text == "The 2 debtors with the most overdue of 3: the others are not drawn"
    monkeypatch.setattr(charts, "RISK_MAP_POINTS", 3)
    assert not charts.risk_map(ACCOUNTS, (10, 25, 45), "EUR", "en").layout.annotations  # all drawn: no note


def test_log_ticks_are_round_amounts_covering_the_values() -> None:
    from lib.charts import log_ticks

    assert log_ticks(pl.Series([300.0, 4_000.0])) == [200.0, 500.0, 1_000.0, 2_000.0, 5_000.0]
    assert log_ticks(pl.Series([120.5, 71_627.4])) == [100.0, 1_000.0, 10_000.0, 100_000.0]
    assert log_ticks(pl.Series([0.0, -5.0])) == []
