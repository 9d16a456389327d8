"""lib/prescription.py: which acts interrupt prescription (lib/actionlog.py `interruptions`) and for
which documents, and the terms by the kind of supply (lib/customers.py, [prescription])."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from lib import actionlog
from lib.actionlog import Log
from lib.prescription import prescription

D = dt.date
SCHEMA = {"customer_id": pl.String, "currency": pl.String, "doc_number": pl.String, "due_date": pl.Date}
DOCS = pl.LazyFrame(
    [
        ("C1", "EUR", "F1", D(2017, 3, 31)),  # 10 years: 31/03/2027
        ("C1", "EUR", "F2", D(2017, 6, 30)),  # disputed when the letter went
        ("C1", "USD", "U1", D(2017, 3, 31)),  # another currency: another account, another letter
        ("C1", "EUR", "F3", D(2026, 5, 31)),  # not yet due when the letter went
    ],
    schema=SCHEMA,
    orient="row",
)


def prescribes(log: Log, docs: pl.LazyFrame = DOCS, **kwargs: int) -> dict[str, dt.date]:
    out = prescription(docs, actionlog.interruptions(log), disputes=log.dispute, **kwargs).collect()
    return dict(zip(out["doc_number"], out["prescribes_on"], strict=True))


def test_a_signed_plan_restarts_prescription_arts_1988_and_2944_cc() -> None:
    plan = {"customer_id": "C1", "currency": "EUR", "kind": "instalments", "agreed_on": D(2026, 1, 10),
            "claim_cents": 100_000, "baseline_open_cents": 100_000, "grace_days": 5}  # fmt: skip
    assert prescribes(Log.empty())["F1"] == D(2027, 3, 31)
    assert prescribes(Log.of(plan=[plan]))["F1"] == D(2036, 1, 10)  # the acknowledgement of 10/01/2026
    settlement = {**plan, "kind": "settlement"}
    assert prescribes(Log.of(plan=[settlement]))["F1"] == D(2036, 1, 10)
    cancelled = {**plan, "closed_on": D(2026, 1, 12), "closed_reason": "cancelled"}  # never signed
    assert prescribes(Log.of(plan=[cancelled]))["F1"] == D(2027, 3, 31)


def test_a_formal_demand_interrupts_only_if_it_went_by_pec_or_raccomandata_art_2943_cc() -> None:
    demand = {"customer_id": "C1", "step": "letter_2", "date": D(2026, 2, 1), "currency": "EUR"}
    assert prescribes(Log.of(action=[{**demand, "channel": "raccomandata"}]))["F1"] == D(2036, 2, 1)
    assert prescribes(Log.of(action=[{**demand, "channel": "pec"}]))["F1"] == D(2036, 2, 1)
    for other in ({"channel": None}, {"channel": "email"}, {"channel": "pec", "outcome": "returned"}):
        assert prescribes(Log.of(action=[{**demand, **other}]))["F1"] == D(2027, 3, 31), other


def test_an_act_covers_only_the_documents_it_named_art_2943_cc() -> None:
    demand = {"customer_id": "C1", "step": "letter_2", "date": D(2026, 2, 1), "channel": "pec", "currency": "EUR"}
    dispute = {"customer_id": "C1", "doc_number": "F2", "opened_on": D(2025, 12, 1), "closed_on": D(2026, 3, 1),
               "closed_reason": "resolved"}  # fmt: skip
    assert prescribes(Log.of(action=[demand], dispute=[dispute])) == {
        "F1": D(2036, 2, 1),  # named
        "F2": D(2027, 6, 30),  # disputed on 01/02/2026: the letter left it out
        "U1": D(2027, 3, 31),  # the EUR letter does not name a USD document
        "F3": D(2036, 5, 31),  # not yet due on 01/02/2026
    }
    # a dispute closed before the letter does not keep it out
    early = {**dispute, "closed_on": D(2026, 1, 15)}
    assert prescribes(Log.of(action=[demand], dispute=[early]))["F2"] == D(2036, 2, 1)
    # a step logged before currencies were recorded covers every currency
    assert prescribes(Log.of(action=[{**demand, "currency": None}]))["U1"] == D(2036, 2, 1)


def test_the_term_follows_the_kind_of_supply_art_2948_cc() -> None:
    # periodic payments: 5 years (art. 2948 n. 4 c.c.), per document through `prescription_years`
    periodic = DOCS.with_columns(pl.lit(5).alias("prescription_years"))
    assert prescribes(Log.empty(), periodic)["F1"] == D(2022, 3, 31)
    assert prescribes(Log.empty(), years=1)["F3"] == D(2027, 5, 31)  # art. 2955 n. 5: one year


@pytest.mark.parametrize("seed", range(40))
def test_the_earliest_per_account_is_the_minimum_of_every_documents_date(seed: int) -> None:
    """`after_acts` works out the oldest debit of an account only (each debit where a dispute may
    take it out of an act), and `earliest` adds the term to the oldest debit where no act
    interrupted: the same minimum as every document's."""
    import random

    from lib.prescription import add_years, after_acts, earliest

    rng = random.Random(seed)
    start = D(2015, 1, 1)
    rows = [(f"C{rng.randrange(6)}", rng.choice(["EUR", "USD"]), f"F{i}", start + dt.timedelta(rng.randrange(4000)))
            for i in range(80)]  # fmt: skip
    docs = pl.LazyFrame(rows, schema=SCHEMA, orient="row")
    years = pl.LazyFrame({"customer_id": [f"C{c}" for c in range(6)]}).with_columns(
        pl.col("customer_id")
        .replace_strict({"C0": 5, "C1": 2}, default=10, return_dtype=pl.Int32)
        .alias("prescription_years")
    )
    acts = [{"customer_id": f"C{c}", "step": "letter_2", "date": D(2016, 1, 1) + dt.timedelta(days=rng.randrange(3800)),
             "channel": "pec", "currency": rng.choice(["EUR", None])}
            for c in (0, 1, 1, 2, 2, 3, 4, 4, 4)[: rng.randrange(4, 10)]]  # fmt: skip
    disputed = rng.choice([r for r in rows if r[0] == "C2"] or rows)
    disputes = [{"customer_id": disputed[0], "doc_number": disputed[2], "opened_on": D(2015, 1, 1)}]
    log = Log.of(action=acts, dispute=disputes)
    by = ["customer_id", "currency"]
    every = (
        prescription(docs.join(years, on="customer_id"), actionlog.interruptions(log), disputes=log.dispute)
        .group_by(by)
        .agg(pl.col("prescribes_on").min())
    )
    # the engine's way: the oldest debit's date plus the term, unless an act interrupted it
    oldest = docs.group_by(by).agg(pl.col("due_date").min())
    acted = after_acts(docs, oldest, years, actionlog.interruptions(log), by, disputes=log.dispute)
    fast = (
        oldest.join(years, on="customer_id")
        .join(acted.rename({"prescribes_on": "_acted"}), on=by, how="left")
        .select(
            *by, earliest(pl.col("due_date"), pl.col("prescription_years"), pl.col("_acted")).alias("prescribes_on")
        )
    )
    assert fast.collect().sort(by).equals(every.collect().sort(by))
    assert pl.select(add_years(pl.lit(D(2024, 2, 29)), pl.lit(1))).item() == D(2025, 2, 28)
