"""AppTest of "Load sample data" with its history: eight weeks, the log of those weeks and a year of
credit sales, so that the portfolio's trend, collected, DSO and promise checks show on first start."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.app.test_pages import start
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "history" / "ground_truth.json").read_text())
ACTIONS = json.loads((SAMPLES / "history" / "actions.json").read_text())


@pytest.fixture
def loaded(workspace: Path) -> AppTest:
    at = start()
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def countback(receivables: int, sales: dict[str, int], as_of: dt.date) -> float:
    """DSO by the countback method, worked out here from actions.json (month by month, newest first)."""
    days = 0.0
    for month in sorted((m for m in sales if dt.date.fromisoformat(m) <= as_of), reverse=True):
        first = dt.date.fromisoformat(month)
        length = ((first + dt.timedelta(days=32)).replace(day=1) - first).days
        if receivables <= sales[month]:
            return days + length * receivables / sales[month]
        receivables -= sales[month]
        days += length
    raise AssertionError("the sample's sales cover its receivables")


def test_load_sample_data_saves_eight_weeks_once(loaded: AppTest, workspace: Path) -> None:
    assert loaded.success[0].value == (
        "Sample data loaded: 8 weekly snapshots from 02 Oct 2026 to 20 Nov 2026; the newest is snapshot #8"
        " (661 items, 119 customers)."
    )
    store = Store.open(workspace)
    catalogue = store.snapshots()
    assert catalogue["as_of"].to_list() == [dt.date.fromisoformat(w["as_of"]) for w in reversed(TRUTH["snapshots"])]
    assert catalogue["ledger"].unique().to_list() == ["ACME S.R.L."]
    rows = {table: getattr(store.log(), table).height for table in ("action", "promise", "dispute", "plan")}
    loaded.button[0].click().run()  # again: nothing new
    assert loaded.success[0].value == "The sample data was already loaded (snapshot #8)."
    assert store.snapshots().height == 8
    assert {table: getattr(store.log(), table).height for table in rows} == rows
    assert sum(rows.values()) == len(ACTIONS["log"]) + len(ACTIONS["plans"])


def test_portfolio_shows_the_trend_collected_dso_and_promises(loaded: AppTest) -> None:
    loaded.switch_page("views/portfolio.py").run()
    assert not loaded.exception
    metrics = {m.label: m.value for m in loaded.metric}
    assert metrics["Open"] == "€615,619.15"  # the newest week is the sample file, as before
    newest = TRUTH["snapshots"][-1]
    assert newest["collected_cents"]["EUR"] == 1_957_400  # invoices paid between 13/11 and 20/11
    assert metrics["Collected"] == "€19,574.00"
    dso = countback(newest["open_cents"]["EUR"], ACTIONS["credit_sales"]["EUR"], dt.date(2026, 11, 20))
    assert metrics["DSO (days)"] == f"{dso:.1f}"
    assert (metrics["Promises kept (EUR)"], metrics["Promises broken (EUR)"], metrics["Promises pending (EUR)"]) == (
        "1",
        "1",
        "0",
    )
    loaded.session_state["portfolio-tab"] = "Trend"  # its tab is drawn when open
    loaded.run()
    trend = next(
        json.loads(c.proto.spec)
        for c in loaded.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"]["title"]["text"] == "Ageing buckets across snapshots"
    )
    weeks = [w["as_of"] for w in TRUTH["snapshots"]]
    assert all([x[:10] for x in line["x"]] == weeks for line in trend["data"])  # eight points per bucket
    assert not [i for i in loaded.info if "second" in i.value]  # no "import a second snapshot"


def test_weekly_page_acts_on_the_broken_promise_at_once(loaded: AppTest) -> None:
    loaded.switch_page("views/weekly.py").run()
    assert not loaded.exception
    table = pl.from_pandas(loaded.dataframe[0].value)
    story = TRUTH["story"]
    linked = table.with_columns(pl.col("link").str.extract(r"customer=([^&]+)").alias("customer_id"))
    broken = linked.filter(pl.col("customer_id") == story["broken"]).row(0, named=True)
    assert broken["step"] == "letter 2 (formal demand)"
    assert "promise for 10 Nov 2026 broken: next step at once" in broken["trace"]
    assert story["kept"] not in linked.filter(pl.col("trace").str.contains("promise"))["customer_id"].to_list()
