"""`make bench`: time the collection engine and the ageing rollup at 1M and 10M open documents.

For each size a seeded synthetic portfolio of canonical open items (lib.schema.OPEN_ITEM) is
generated once and cached as Parquet under bench/.data/ (git-ignored). 1M documents belong to
100k customers, 10M to 1M customers (about 10 documents per customer at both sizes). Each
measurement then runs in its own fresh child process, which loads the Parquet before its clock
starts, so that each peak RSS belongs to that measurement alone:

    engine               lib.engine.evaluate(items, as_of, policy) with an empty log and no
                         history, then lib.weekly.action_list(accounts, iso_week(as_of), policy)
    polars_ageing        lib.ageing.account_rollup(lib.ageing.age(items.lazy(), as_of)).collect()
    pandas_ageing        the same ageing and per-account rollup in idiomatic vectorised pandas
                         (np.searchsorted buckets, masked columns, one groupby().agg): the baseline
    engine_with_history  (1M only) the engine with 4 earlier weekly snapshots as observations;
                         each week going back lists about 5% more documents (paid since then)

Each child repeats its work --repeat times (default 3) and keeps the fastest time
(time.perf_counter around the work only: interpreter start-up, imports and the Parquet load are
excluded), and reports resource.getrusage(RUSAGE_SELF).ru_maxrss as its peak. The parent prints
a table, the targets with PASS/FAIL, and writes everything to bench/results/engine_latest.json.
A failing target is a finding, not an error: the exit code is 0 unless a measurement crashed.

    python bench/bench_engine.py                   # 1M and 10M documents
    python bench/bench_engine.py --docs 1000000    # one size
    python bench/bench_engine.py --repeat 5        # more runs, less noise
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import harness

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

    from lib.actionlog import Log

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA_DIR = BENCH / ".data"
RESULTS = BENCH / "results" / "engine_latest.json"
DEFAULT_DOCS = (1_000_000, 10_000_000)

AS_OF = dt.date(2026, 11, 20)
SEED = 20261120
DOCS_PER_CUSTOMER = 10  # 100k customers at 1M documents, 1M customers at 10M
DATA_VERSION = 3  # bump when the generator changes, so that old cached files are not reused
EDGES = (0, 30, 60, 90, 120, 180, 365)  # the default bucket edges (lib.ageing.DEFAULT_EDGES)

ENGINE_SECONDS_TARGET = 1.0  # engine wall time, below ...
TIME_TARGET_DOCS = 1_000_000  # ... at this many documents
MEMORY_TARGET_MB = 2048.0  # engine peak RSS, below ... (at TIME_TARGET_DOCS)
SPEEDUP_TARGET = 2.0  # pandas_ageing / polars_ageing, at least
HISTORY_DOCS = 1_000_000  # engine_with_history and engine_full run at this size only
FULL_RATIO_TARGET = 6.0  # engine_full (history + log) / the bare ageing + rollup of the same child, at most
FULL_MEMORY_MB = 1536.0  # engine_full peak RSS, below
BIG_DOCS = 10_000_000
GROWTH_TARGET = 11.0  # engine time at BIG_DOCS / at TIME_TARGET_DOCS, at most
BIG_MEMORY_MB = 4096.0  # engine peak RSS at BIG_DOCS, below
HISTORY_WEEKS = 4
PAID_PER_WEEK = 0.05

Result = dict[str, Any]


# --- the synthetic portfolio -----------------------------------------------------------------


def data_path(docs: int) -> Path:
    """Where the items of `docs` documents are cached (the name records what shaped them)."""
    return DATA_DIR / f"engine_items_{docs}_c{customers_for(docs)}_v{DATA_VERSION}.parquet"


def truth_path(docs: int) -> Path:
    """The generator's facts about those items, next to them."""
    return data_path(docs).with_suffix(".json")


def customers_for(docs: int) -> int:
    return max(1, docs // DOCS_PER_CUSTOMER)


def generate(docs: int) -> Result:
    """Write the items of `docs` documents as Parquet (through a temporary name) and their facts.

    Per customer: a payment term (0-90 days), contacts (PEC and phone sometimes missing), one
    of 40 salespeople; 8% are inactive (every document dated over 12 months ago, due 400-1095
    days ago); 2% also owe in a second currency (USD, CHF or GBP on about 40% of their
    documents). Per document: due from 90 days ahead to 3 years overdue (40% not yet due, 35%
    1-120 days overdue, 20% 121-365, 5% beyond), doc_date = due_date - the customer's term,
    3% credit notes (negative open), 10% of invoices partly paid. Customers' documents are
    contiguous and their counts skewed (lognormal), as in a real export sorted by customer.
    """
    import numpy as np
    import polars as pl

    from lib.item_files import write_items
    from lib.schema import OPEN_ITEM

    rng = np.random.default_rng(SEED + docs)
    n, c = docs, customers_for(docs)
    epoch = (AS_OF - dt.date(1970, 1, 1)).days

    # Customers: one row each, gathered onto their documents below.
    term = rng.choice(np.array([0, 30, 60, 90], dtype=np.int32), size=c, p=[0.1, 0.4, 0.3, 0.2])
    inactive = rng.random(c) < 0.08
    second = rng.random(c) < 0.02
    second_currency = rng.choice(np.array(["USD", "CHF", "GBP"]), size=c)
    code = pl.int_range(1, c + 1, eager=True).cast(pl.String).str.zfill(7)
    suffix = pl.Series(rng.choice(np.array(["S.r.l.", "S.p.A.", "S.n.c.", "S.a.s."]), size=c))
    customers = pl.DataFrame(
        {
            "customer_id": "C" + code,
            "customer_name": "Cliente " + code + " " + suffix,
            "vat_id": pl.Series(rng.integers(10**10, 10**11, size=c)).cast(pl.String),
            "email": "amministrazione@cliente" + code + ".example.it",
            "address": "Via Roma " + pl.Series(rng.integers(1, 200, size=c)).cast(pl.String) + ", Milano",
            "pec": pl.Series(np.where(rng.random(c) < 0.7, "cliente", "")).replace("", None) + code + "@pec.example.it",
            "phone": pl.Series(np.where(rng.random(c) < 0.85, "+39 02 ", "")).replace("", None) + code,
            "salesperson": "Agente " + pl.Series(rng.integers(1, 41, size=c)).cast(pl.String).str.zfill(2),
            "payment_method": pl.Series(term)
            .cast(pl.String)
            .replace_strict(
                {"0": "Rimessa diretta", "30": "RiBa 30 gg DF FM", "60": "RiBa 60 gg DF FM", "90": "Bonifico 90 gg DF"}
            ),
        }
    )

    # Documents: every customer at least once, the rest skewed towards some customers.
    weights = rng.lognormal(0.0, 1.0, size=c)
    owner = np.sort(np.concatenate([np.arange(c), rng.choice(c, size=n - c, p=weights / weights.sum())]))
    kind = rng.random(n)
    overdue_days = np.select(
        [kind < 0.40, kind < 0.75, kind < 0.95],
        [rng.integers(-90, 1, size=n), rng.integers(1, 121, size=n), rng.integers(121, 366, size=n)],
        rng.integers(366, 1096, size=n),
    )
    overdue_days = np.where(inactive[owner], rng.integers(400, 1096, size=n), overdue_days).astype(np.int32)
    due = epoch - overdue_days
    credit = rng.random(n) < 0.03
    amount = np.clip(np.round(rng.lognormal(np.log(150_000), 1.2, size=n)), 1_000, 50_000_000).astype(np.int64)
    amount = np.where(credit, -np.maximum(amount // 5, 500), amount)
    partly = ~credit & (rng.random(n) < 0.10)
    open_cents = np.where(partly, np.round(amount * rng.uniform(0.1, 0.9, size=n)).astype(np.int64), amount)
    currency = np.where(second[owner] & (rng.random(n) < 0.4), second_currency[owner], "EUR")

    items = (
        customers[owner]
        .with_columns(
            pl.Series("doc_type", np.where(credit, "credit_note", "invoice")),
            pl.Series("_seq", np.arange(1, n + 1)),
            pl.Series("doc_date", due - term[owner]).cast(pl.Date),
            pl.Series("due_date", due).cast(pl.Date),
            pl.lit(False).alias("due_estimated"),
            pl.Series("amount_cents", amount),
            pl.Series("open_cents", open_cents),
            pl.Series("currency", currency),
            pl.lit(None, pl.String).alias("notes"),
            pl.lit("Scadenzario").alias("source_sheet"),
            pl.Series("source_row", np.arange(5, n + 5)),
        )
        .with_columns(
            pl.concat_str(
                pl.when(pl.col("doc_type") == "credit_note").then(pl.lit("NC")).otherwise(pl.lit("FT")),
                pl.lit("-"),
                pl.col("doc_date").dt.year().cast(pl.String),
                pl.lit("/"),
                pl.col("_seq").cast(pl.String).str.zfill(8),
            ).alias("doc_number")
        )
        .select(pl.col(name).cast(dtype) for name, dtype in OPEN_ITEM.items())
    )
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    partial = data_path(docs).with_suffix(".partial")
    write_items(items, partial)  # as a workspace keeps a snapshot's items (lib/item_files.py)
    partial.replace(data_path(docs))
    last_doc = items.group_by("customer_id").agg(pl.col("doc_date").max())
    truth = {
        "docs": items.height,
        "customers": items["customer_id"].n_unique(),
        "accounts": items.select(pl.struct("customer_id", "currency").n_unique()).item(),
        "credit_notes": int(credit.sum()),
        "second_currency_customers": int(second.sum()),
        "inactive_customers": last_doc.filter(pl.col("doc_date") <= AS_OF.replace(year=AS_OF.year - 1)).height,
        "open_cents": int(items["open_cents"].sum()),
        "file_mb": data_path(docs).stat().st_size / 2**20,
    }
    truth_path(docs).write_text(json.dumps(truth, indent=2) + "\n")
    return truth


def history(items: pl.DataFrame, weeks: int = HISTORY_WEEKS) -> list[tuple[dt.date, pl.DataFrame]]:
    """`weeks` earlier weekly snapshots of `items`, as (as_of, frame), newest first.

    Going back, each week lists about PAID_PER_WEEK more documents: debits that have been paid
    since (copies of sampled items under a new document number). Snapshot k lists the items
    and the documents paid in the k weeks after it; the frames share the items' memory.
    """
    import polars as pl

    debits = items.filter(pl.col("open_cents") > 0)
    snapshots: list[tuple[dt.date, pl.DataFrame]] = []
    paid: list[pl.DataFrame] = []
    for week in range(1, weeks + 1):
        fraction = min(1.0, PAID_PER_WEEK * items.height / debits.height)
        gone = debits.sample(fraction=fraction, seed=SEED + week).with_columns(pl.col("doc_number") + f"/paid{week}")
        paid.append(gone)
        snapshots.append((AS_OF - dt.timedelta(days=7 * week), pl.concat([items, *paid], rechunk=False)))
    return snapshots


LOG_ENTRIES = 200_000  # engine_with_log: calls, letters, promises, disputes and plans
# The share of each kind in the log (the rest are calls).
LOG_SHARES = {"letters": 0.30, "promises": 0.12, "disputes": 0.08, "plans": 0.05}


def action_log(items: pl.DataFrame, entries: int = LOG_ENTRIES) -> Log:
    """A seeded action log of `entries` rows over the items' accounts, as months of collection leave it.

    Calls (call_1, call_2 by phone: reached or not) and letters (courtesy and reminders by e-mail,
    formal demands by PEC or raccomandata) dated in the 180 days before AS_OF; promises made in the
    last 90 days for part of the account's open amount; disputes on real documents (a fifth of
    them resolved); instalment plans of 3 to 12 monthly instalments agreed in the last year (a
    tenth closed). Accounts are drawn skewed towards the most overdue, as a collector works.
    """
    import numpy as np
    import polars as pl

    from lib.actionlog import SCHEMAS, frame
    from lib.actionlog import Log as LogClass

    rng = np.random.default_rng(SEED + 7)
    epoch = (AS_OF - dt.date(1970, 1, 1)).days
    accounts = (
        items.filter(pl.col("open_cents") > 0, pl.col("due_date") < AS_OF)
        .group_by("customer_id", "currency")
        .agg(pl.col("open_cents").sum())
        .sort("customer_id", "currency")
    )
    counts = {kind: int(entries * share) for kind, share in LOG_SHARES.items()}
    counts["calls"] = entries - sum(counts.values())

    def pick(n: int) -> pl.DataFrame:
        return accounts[rng.integers(0, accounts.height, size=n)]

    def dates(n: int, back: int) -> pl.Series:
        return pl.Series(epoch - rng.integers(0, back, size=n)).cast(pl.Date)

    def where(mask: np.ndarray, values: pl.Series) -> pl.Series:
        return pl.select(pl.when(pl.Series(mask)).then(values)).to_series()

    def ids(n: int) -> pl.Series:
        return pl.Series("id", np.arange(1, n + 1))

    def table(name: str, columns: dict[str, object]) -> pl.DataFrame:
        n = len(next(iter(columns.values())))  # type: ignore[arg-type]
        empty = frame(name, [])
        data = pl.DataFrame({"id": ids(n), **columns})
        return data.select(
            pl.col(c).cast(t) if c in data.columns else pl.lit(None, t).alias(c) for c, t in empty.schema.items()
        )

    calls, letters = pick(counts["calls"]), pick(counts["letters"])
    letter_step = rng.choice(np.array(["courtesy", "letter_1", "letter_2"]), size=letters.height, p=[0.3, 0.45, 0.25])
    letter_channel = np.where(
        letter_step == "letter_2",
        rng.choice(np.array(["pec", "raccomandata"]), size=letters.height),
        "email",
    )
    action = pl.concat(
        [
            table(
                "action",
                {
                    "customer_id": calls["customer_id"],
                    "currency": calls["currency"],
                    "step": rng.choice(np.array(["call_1", "call_2"]), size=calls.height),
                    "date": dates(calls.height, 180),
                    "channel": ["phone"] * calls.height,
                    "outcome": rng.choice(np.array(["reached", "no_answer", "wrong_number"]), size=calls.height),
                },
            ),
            table(
                "action",
                {
                    "customer_id": letters["customer_id"],
                    "currency": letters["currency"],
                    "step": letter_step,
                    "date": dates(letters.height, 180),
                    "channel": letter_channel,
                    "outcome": rng.choice(
                        np.array(["sent", "delivered", "returned"]), size=letters.height, p=[0.5, 0.45, 0.05]
                    ),
                },
            ),
        ]
    ).with_columns(ids(counts["calls"] + counts["letters"]))
    promised = pick(counts["promises"])
    made_days = epoch - rng.integers(0, 90, size=promised.height)
    made_on = pl.Series(made_days).cast(pl.Date)
    promise = table(
        "promise",
        {
            "customer_id": promised["customer_id"],
            "currency": promised["currency"],
            "made_on": made_on,
            "promised_date": pl.Series(made_days + rng.integers(7, 31, size=promised.height)).cast(pl.Date),
            "amount_cents": (promised["open_cents"] * rng.uniform(0.2, 1.0, size=promised.height))
            .round()
            .cast(pl.Int64),
            "baseline_open_cents": promised["open_cents"],
        },
    )
    debits = items.filter(pl.col("open_cents") > 0, pl.col("due_date") < AS_OF)
    disputed = debits[rng.choice(debits.height, size=counts["disputes"], replace=False)]
    opened = dates(disputed.height, 120)
    resolved = rng.random(disputed.height) < 0.2
    dispute = table(
        "dispute",
        {
            "customer_id": disputed["customer_id"],
            "doc_number": disputed["doc_number"],
            "opened_on": opened,
            "reason": ["merce non conforme"] * disputed.height,
            "closed_on": where(resolved, dates(disputed.height, 10)),
            "closed_reason": where(resolved, pl.Series(["resolved"] * disputed.height)),
        },
    )
    planned = pick(counts["plans"]).unique(["customer_id", "currency"], keep="first", maintain_order=True)
    agreed = dates(planned.height, 365)
    closed = rng.random(planned.height) < 0.1
    plan = table(
        "plan",
        {
            "customer_id": planned["customer_id"],
            "currency": planned["currency"],
            "kind": ["instalments"] * planned.height,
            "agreed_on": agreed,
            "claim_cents": planned["open_cents"],
            "baseline_open_cents": planned["open_cents"],
            "grace_days": [5] * planned.height,
            "closed_on": where(closed, dates(planned.height, 30)),
            "closed_reason": where(
                closed, pl.Series(rng.choice(np.array(["completed", "defaulted", "cancelled"]), size=planned.height))
            ),
        },
    )
    n_instalments = rng.integers(3, 13, size=plan.height)
    instalment = (
        plan.select(
            pl.col("id").alias("plan_id"),
            "agreed_on",
            "claim_cents",
            pl.Series("count", n_instalments),
        )
        .with_columns(pl.int_ranges(1, pl.col("count") + 1).alias("n"))
        .explode("n")
        .select(
            pl.int_range(1, pl.len() + 1).alias("id"),
            "plan_id",
            "n",
            pl.col("agreed_on").dt.offset_by(pl.format("{}mo", pl.col("n"))).alias("due_date"),
            (pl.col("claim_cents") // pl.col("count")).alias("capital_cents"),
            pl.lit(0, pl.Int64).alias("interest_cents"),
            (pl.col("claim_cents") // pl.col("count")).alias("payment_cents"),
        )
    )
    tables = {"action": action, "promise": promise, "dispute": dispute, "plan": plan, "instalment": instalment}
    return LogClass(**{name: tables.get(name, frame(name, [])) for name in SCHEMAS})


# --- the pandas baseline ---------------------------------------------------------------------


DETAILS = ("customer_name", "vat_id", "email", "pec", "phone", "salesperson", "payment_method")  # as lib.ageing


def bucket_names(edges: Sequence[int]) -> list[str]:
    """lib.ageing.bucket_labels without importing polars: not_due, 1-30, …, over_365."""
    return ["not_due", *(f"{low + 1}-{high}" for low, high in itertools.pairwise(edges)), f"over_{edges[-1]}"]


def pandas_rollup(frame: pd.DataFrame, as_of: dt.date, edges: Sequence[int] = EDGES) -> pd.DataFrame:
    """Ageing and per-account rollup in vectorised pandas: the same work as lib.ageing.

    Days overdue, right-closed buckets (not_due ≤ 0, 1-30, …, over_365), then per
    (customer_id, currency) every column of `account_rollup`: open, overdue (credit notes
    netted), pursued and disputed (nothing is disputed here, as in the engine's empty log),
    open per bucket, the oldest overdue debit's due date and days, the amount-weighted average
    days of overdue debits, the next due date, documents, overdue documents, the last document
    date, the estimated-dates flag, the credit-balance flag, and the customer's details from its
    first row. Each measure is a plain (masked) column first, then one groupby().agg.
    """
    import numpy as np
    import pandas as pd

    labels = bucket_names(edges)
    days = (pd.Timestamp(as_of) - frame["due_date"]).dt.days
    open_ = frame["open_cents"]
    overdue = days > 0
    disputed = pd.Series(False, index=frame.index)  # the engine's empty log disputes nothing
    debit = overdue & (open_ > 0) & ~disputed
    bucket = np.searchsorted(np.asarray(edges), days.to_numpy(), side="left")  # right-closed: 30 -> 1-30
    measures = pd.DataFrame(
        {
            "customer_id": frame["customer_id"],
            "currency": frame["currency"],
            "open_cents": open_,
            "overdue_cents": open_.where(overdue, 0),
            "pursued_cents": open_.where(overdue & ~disputed, 0),
            "disputed_cents": open_.where(disputed, 0),
            **{label: open_.where(bucket == i, 0) for i, label in enumerate(labels)},
            "_debit": open_.where(debit, 0),
            "_weighted": (days.astype("float64") * open_).where(debit, 0.0),
            "overdue_documents": debit.astype("int64"),
            "oldest_due": frame["due_date"].where(debit),  # NaT when not an overdue debit: min skips it
            "oldest_days": days.where(debit),
            "next_due": frame["due_date"].where(~overdue & (open_ > 0)),
            "last_doc_date": frame["doc_date"],
            "due_estimated": frame["due_estimated"],
        }
    )
    sums = ("open_cents", "overdue_cents", "pursued_cents", "disputed_cents", *labels, "_debit", "_weighted",
            "overdue_documents")  # fmt: skip
    rollup = measures.groupby(["customer_id", "currency"], sort=False).agg(
        **{name: (name, "sum") for name in sums},
        oldest_due=("oldest_due", "min"),
        next_due=("next_due", "min"),
        oldest_days=("oldest_days", "max"),
        last_doc_date=("last_doc_date", "max"),
        documents=("open_cents", "size"),
        due_estimated=("due_estimated", "any"),
    )
    rollup["avg_days"] = (rollup["_weighted"] / rollup["_debit"]).where(rollup["_debit"] > 0)
    rollup["credit_balance"] = rollup["open_cents"] < 0
    details = frame.drop_duplicates("customer_id")[["customer_id", *DETAILS]]
    return rollup.drop(columns=["_weighted", "_debit"]).reset_index().merge(details, on="customer_id", how="left")


def checksum(
    accounts: int, documents: int, sums: dict[str, int], oldest: float, avg_days: float, buckets: Sequence[str]
) -> Result:
    """What two rollups must agree on: account count, totals, bucket totals, oldest and average days."""
    return {
        "accounts": accounts,
        "documents": documents,
        "open_cents": sums["open_cents"],
        "overdue_cents": sums["overdue_cents"],
        "buckets": [sums[b] for b in buckets],
        "oldest_days_sum": oldest,
        "avg_days_sum": avg_days,
    }


# --- child side: one measurement per process ------------------------------------------------


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The fastest of `repeat` runs of `work` and the last run's result."""
    best, result = math.inf, None
    for _ in range(repeat):
        result = None  # the previous result is freed before the next run
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def _engine(docs: int, repeat: int, case: str) -> Result:
    """evaluate + action_list in one of three cases (ENGINE_CASES), with the bare polars ageing +
    rollup of the same items timed in the same process as the baseline (runs interleaved, so
    that load on the machine weighs on both alike)."""
    import polars as pl

    from lib import actionlog, history
    from lib.ageing import account_rollup, age
    from lib.engine import evaluate
    from lib.item_files import read_items
    from lib.policy import load_policy
    from lib.weekly import action_list, iso_week

    items = read_items(data_path(docs))  # as the store reads a snapshot's items
    policy = load_policy()
    snapshots: list[tuple[dt.date, pl.DataFrame]] = []
    earlier: Any = None
    log = None
    if case in ("history", "full"):
        snapshots = history_snapshots = globals()["history"](items)
        observations = pl.concat([actionlog.observation(frame.lazy(), as_of) for as_of, frame in history_snapshots])
        earlier = observations if case == "history" else history.of_observations(observations)
    if case == "full":
        log = action_log(items)
    loaded_mb = harness.peak_mb()
    steps: dict[str, float] = {"evaluate": math.inf, "action_list": math.inf}
    if case == "full":
        steps["history.add (at import)"] = math.inf
    base = total = math.inf

    def work() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        nonlocal base, total
        start = time.perf_counter()
        account_rollup(age(items.lazy(), AS_OF)).collect()
        base = min(base, time.perf_counter() - start)
        known = earlier
        if case == "full":  # what the import does once: merge the new snapshot into the kept history
            start = time.perf_counter()
            known = history.add(earlier, items, AS_OF)
            steps["history.add (at import)"] = min(steps["history.add (at import)"], time.perf_counter() - start)
        start = time.perf_counter()
        accounts = evaluate(items, AS_OF, policy, log=log, history=known)
        evaluated = time.perf_counter()
        listed, not_fitting = action_list(accounts, iso_week(AS_OF), policy)
        steps["evaluate"] = min(steps["evaluate"], evaluated - start)
        steps["action_list"] = min(steps["action_list"], time.perf_counter() - evaluated)
        total = min(total, time.perf_counter() - start)
        return accounts, listed, not_fitting

    _, (accounts, listed, not_fitting) = timed(work, repeat)
    seconds = total
    found: Result = {
        "accounts": accounts.height,
        "with_step": accounts["step"].is_not_null().sum(),
        "listed": listed.height,
        "not_fitting": not_fitting.height,
        "tracks": dict(accounts["track"].value_counts().iter_rows()),
        "ratings": dict(accounts["rating"].value_counts().sort("rating").iter_rows()),
        "situations": dict(accounts["situation"].value_counts().iter_rows()),
    }
    if snapshots:
        found["history_snapshots"] = len(snapshots)
        found["history_documents"] = [frame.height for _, frame in snapshots]
        if "paid_documents" in accounts.columns:
            found["with_payment_history"] = accounts.filter(pl.col("paid_documents") > 0).height
            found["paid_documents"] = int(accounts["paid_documents"].sum())
    if log is not None:
        found["log_entries"] = sum(getattr(log, t).height for t in ("action", "promise", "dispute", "plan"))
    return {"seconds": seconds, "baseline_seconds": base, "steps": steps, "found": found, "loaded_mb": loaded_mb}


def measure_engine(docs: int, repeat: int) -> Result:
    """evaluate + action_list, empty log, no history."""
    return _engine(docs, repeat, "empty")


def measure_engine_with_history(docs: int, repeat: int) -> Result:
    """evaluate + action_list with 4 earlier weekly snapshots as observations (no kept history)."""
    return _engine(docs, repeat, "history")


def measure_engine_full(docs: int, repeat: int) -> Result:
    """evaluate + action_list with the kept history of 4 earlier weekly snapshots and the newest
    (lib/history.py), and an action log of LOG_ENTRIES entries."""
    return _engine(docs, repeat, "full")


def measure_polars_ageing(docs: int, repeat: int) -> Result:
    """The project's ageing + rollup on the loaded items."""
    import polars as pl

    from lib.ageing import account_rollup, age, bucket_labels
    from lib.item_files import read_items

    items = read_items(data_path(docs))  # as the store reads a snapshot's items
    loaded_mb = harness.peak_mb()
    seconds, rollup = timed(lambda: account_rollup(age(items.lazy(), AS_OF)).collect(), repeat)
    labels = bucket_labels(EDGES)
    sums = rollup.select(pl.col("open_cents", "overdue_cents", *labels).sum()).row(0, named=True)
    check = checksum(
        rollup.height,
        int(rollup["documents"].sum()),
        sums,
        float(rollup["oldest_days"].sum()),
        float(rollup["avg_days"].sum()),
        labels,
    )
    return {"seconds": seconds, "check": check, "loaded_mb": loaded_mb}


def measure_pandas_ageing(docs: int, repeat: int) -> Result:
    """The pandas baseline on the same items (pd.read_parquet, dates as datetime64 before timing)."""
    import pandas as pd

    frame = pd.read_parquet(data_path(docs))
    # pyarrow hands date32 columns over as Python date objects; datetime64 is pandas' own.
    for column in ("doc_date", "due_date"):
        frame[column] = pd.to_datetime(frame[column])
    loaded_mb = harness.peak_mb()
    seconds, rollup = timed(lambda: pandas_rollup(frame, AS_OF), repeat)
    labels = bucket_names(EDGES)
    sums = {name: int(rollup[name].sum()) for name in ("open_cents", "overdue_cents", *labels)}
    check = checksum(
        len(rollup),
        int(rollup["documents"].sum()),
        sums,
        float(rollup["oldest_days"].sum()),
        float(rollup["avg_days"].sum()),
        labels,
    )
    dtypes = {name: str(frame[name].dtype) for name in ("customer_id", "currency", "due_date", "open_cents")}
    return {"seconds": seconds, "check": check, "loaded_mb": loaded_mb, "dtypes": dtypes}


def measure_generate(docs: int, repeat: int) -> Result:
    """Not a measurement: write the cached items (in a child, so the parent stays small)."""
    start = time.perf_counter()
    truth = generate(docs)
    return {"seconds": time.perf_counter() - start, "truth": truth}


MEASUREMENTS: dict[str, Callable[[int, int], Result]] = {
    "engine": measure_engine,
    "polars_ageing": measure_polars_ageing,
    "pandas_ageing": measure_pandas_ageing,
    "engine_with_history": measure_engine_with_history,
    "engine_full": measure_engine_full,
}
CHILD_KINDS: dict[str, Callable[[int, int], Result]] = {**MEASUREMENTS, "generate": measure_generate}

# What each child imports before anything is measured: imports are start-up, not the work.
PRELOAD = {
    "engine": ("polars", "lib.engine", "lib.weekly", "lib.policy", "lib.actionlog"),
    "engine_with_history": ("polars", "lib.engine", "lib.weekly", "lib.policy", "lib.actionlog"),
    "engine_full": ("polars", "numpy", "lib.engine", "lib.weekly", "lib.policy", "lib.actionlog", "lib.history"),
    "polars_ageing": ("polars", "lib.ageing"),
    "pandas_ageing": ("pandas", "numpy", "pyarrow"),
    "generate": ("numpy", "polars", "lib.schema"),
}


# --- parent side: run the children, compare, report ----------------------------------------


def run_child(kind: str, docs: int, repeat: int) -> Result:
    """One child process, with its wall time; raises RuntimeError with its stderr on failure."""
    started = time.perf_counter()
    failure = f"{kind} at {docs:,} documents failed"
    result = harness.run_child(__file__, [kind, str(docs), str(repeat)], failure, show_exit=True)
    return {**result, "wall_seconds": time.perf_counter() - started}


def ensure_data(docs: int) -> tuple[Result, float | None]:
    """The generator's facts for `docs`, generating the Parquet first when it is missing."""
    if data_path(docs).exists() and truth_path(docs).exists():
        return json.loads(truth_path(docs).read_text()), None
    print(f"  generating {data_path(docs).relative_to(ROOT)} ...", flush=True)
    made = run_child("generate", docs, 1)
    return made["truth"], made["seconds"]


def warm_page_cache(path: Path) -> None:
    """Read the file once, so that no child pays a cold disk read.

    In chunks: a child's ru_maxrss starts at its parent's peak (Linux carries it across
    fork and exec), so the parent must never hold a whole file.
    """
    with path.open("rb") as handle:
        while handle.read(8 * 2**20):
            pass


def bench(docs: int, repeat: int) -> Result:
    """Generate (if needed) and measure one size; the results and verdicts."""
    print(f"\n{docs:,} documents, {customers_for(docs):,} customers", flush=True)
    truth, generated = ensure_data(docs)
    warm_page_cache(data_path(docs))
    results: Result = {}
    load_before = os.getloadavg()[0]
    for kind in MEASUREMENTS:
        if kind in ("engine_with_history", "engine_full") and docs != HISTORY_DOCS:
            continue
        print(f"  {kind}: best of {repeat} ...", flush=True)
        results[kind] = run_child(kind, docs, repeat)
    return {
        "docs": docs,
        "customers": customers_for(docs),
        "file": str(data_path(docs).relative_to(ROOT)),
        "generate_seconds": generated,
        "expected": truth,
        "measurements": results,
        "load_average": [load_before, os.getloadavg()[0]],
        "checks": checks(truth, results),
        "targets": verdicts(docs, results),
    }


def checks(truth: Result, results: Result) -> dict[str, str]:
    """Whether each result is right: a fast wrong answer is no result."""
    out: dict[str, str] = {}
    polars_check = results["polars_ageing"]["check"]
    pandas_check = results["pandas_ageing"]["check"]
    wrong = [
        f"{key} {pandas_check[key]} != {polars_check[key]}"
        for key in polars_check
        if not _same(pandas_check[key], polars_check[key])
    ]
    if polars_check["accounts"] != truth["accounts"] or polars_check["open_cents"] != truth["open_cents"]:
        wrong.append("polars rollup does not match the generator's accounts or open cents")
    out["pandas vs polars rollup"] = "OK" if not wrong else "WRONG: " + "; ".join(wrong)
    for kind in ("engine", "engine_with_history", "engine_full"):
        if kind in results:
            found = results[kind]["found"]["accounts"]
            ok = found == truth["accounts"]
            out[f"{kind} accounts"] = "OK" if ok else f"WRONG: {found:,} != {truth['accounts']:,}"
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


ENGINES: dict[int, Result] = {}  # the engine's result at each size measured so far (for the 10M / 1M ratio)


def verdicts(docs: int, results: Result) -> list[Result]:
    """Each target with its measured value and PASS / FAIL (n/a when it does not apply)."""
    engine = results["engine"]
    ENGINES[docs] = engine
    speedup = results["pandas_ageing"]["seconds"] / results["polars_ageing"]["seconds"]
    applies = docs == TIME_TARGET_DOCS
    targets = [
        harness.target(
            "engine time",
            engine["seconds"],
            f"< {ENGINE_SECONDS_TARGET:g} s",
            (engine["seconds"] < ENGINE_SECONDS_TARGET) if applies else None,
            " s",
        ),
        harness.target(
            "engine peak memory",
            engine["peak_mb"],
            f"< {MEMORY_TARGET_MB:g} MB",
            (engine["peak_mb"] < MEMORY_TARGET_MB) if applies else None,
            " MB",
        ),
        harness.target("pandas / polars ageing", speedup, f">= {SPEEDUP_TARGET:g}x", speedup >= SPEEDUP_TARGET, "x"),
    ]
    if "engine_full" in results:
        full = results["engine_full"]
        ratio = full["seconds"] / full["baseline_seconds"]
        targets += [
            harness.target(
                "full engine / ageing", ratio, f"<= {FULL_RATIO_TARGET:g}x", ratio <= FULL_RATIO_TARGET, "x"
            ),
            harness.target(
                "full engine peak memory", full["peak_mb"], f"< {FULL_MEMORY_MB:g} MB",
                full["peak_mb"] < FULL_MEMORY_MB, " MB"
            ),
        ]  # fmt: skip
    if docs == BIG_DOCS and TIME_TARGET_DOCS in ENGINES:
        growth = engine["seconds"] / ENGINES[TIME_TARGET_DOCS]["seconds"]
        targets += [
            harness.target("engine 10M / 1M time", growth, f"<= {GROWTH_TARGET:g}x", growth <= GROWTH_TARGET, "x"),
            harness.target(
                "engine 10M peak memory", engine["peak_mb"], f"< {BIG_MEMORY_MB:g} MB",
                engine["peak_mb"] < BIG_MEMORY_MB, " MB"
            ),
        ]  # fmt: skip
    return targets


def report(run: Result) -> str:
    """The table for one size, as printed."""
    m = run["measurements"]
    expected = run["expected"]
    lines = [
        "",
        f"== {run['docs']:,} documents, {run['customers']:,} customers, {expected['accounts']:,} accounts "
        f"({run['file']}, {expected['file_mb']:.0f} MB) ==",
        harness.load_line(run),
        f"{'docs':>11}  {'measurement':<22}{'seconds':>9}{'peak MB':>10}{'loaded MB':>11}{'start MB':>10}{'runs':>6}",
    ]
    for kind, r in m.items():
        lines.append(
            f"{run['docs']:>11,}  {kind:<22}{r['seconds']:>9.3f}{r['peak_mb']:>10.0f}{r['loaded_mb']:>11.0f}"
            f"{r['start_mb']:>10.0f}{r['runs']:>6}"
        )
        for step, seconds in r.get("steps", {}).items():
            lines.append(f"{'':>11}    {step:<20}{seconds:>9.3f}")
    found = m["engine"]["found"]
    lines.append(
        f"engine: {found['accounts']:,} accounts, {found['with_step']:,} with a next step, "
        f"{found['listed']:,} listed this week, {found['not_fitting']:,} beyond capacity"
    )
    if "engine_full" in m:
        f = m["engine_full"]["found"]
        lines.append(
            f"full: {f['log_entries']:,} log entries, kept history of {len(f['history_documents']) + 1} snapshots; "
            f"{m['engine_full']['seconds']:.3f} s against {m['engine_full']['baseline_seconds']:.3f} s of bare "
            f"ageing + rollup in the same process; situations {f['situations']}"
        )
    if "engine_with_history" in m:
        h = m["engine_with_history"]
        docs = ", ".join(f"{n:,}" for n in h["found"]["history_documents"])
        lines.append(
            f"history: snapshots of {docs} documents; {h['found'].get('with_payment_history', 0):,} accounts "
            f"with a payment history; {h['seconds'] / m['engine']['seconds']:.2f}x the engine without history"
        )
    lines.extend(f"check {name}: {verdict}" for name, verdict in run["checks"].items())
    lines.extend(["", f"{'target':<26}{'measured':>12}{'goal':>14}{'':>4}result"])
    for t in run["targets"]:
        value = (
            f"{t['value']:.2f}x" if t["unit"] == "x" else f"{t['value']:.{3 if t['unit'] == ' s' else 0}f}{t['unit']}"
        )
        note = f"  (target is for {TIME_TARGET_DOCS:,} documents)" if t["verdict"] == "n/a" else ""
        lines.append(f"{t['name']:<26}{value:>12}{t['target']:>14}{'':>4}{t['verdict']}{note}")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=list(DEFAULT_DOCS), help="open documents per run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement; the fastest counts (default 3)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "DOCS", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, docs, repeat = args.child[0], int(args.child[1]), int(args.child[2])
        harness.child(PRELOAD[kind], lambda: CHILD_KINDS[kind](docs, repeat), {"runs": repeat}, json_default=int)
        return 0

    runs = harness.run_sizes(args.docs, lambda docs: bench(docs, max(1, args.repeat)), report)
    if runs is None:
        return 1
    harness.finish(runs, args.output, ("polars", "pandas", "numpy", "pyarrow"), "{docs:,} documents")
    wrong = [f"{r['docs']:,} documents: {n}" for r in runs for n, v in r["checks"].items() if v != "OK"]
    if wrong:
        print("WRONG RESULTS: " + "; ".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
