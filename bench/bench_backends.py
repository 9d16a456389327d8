"""`make bench`: the PostgreSQL backend as ratios to the embedded one (issue 17; goal: within 1.5x).

A throw-away PostgreSQL server is started from Debian's package (tests/pg_server.py: initdb and
pg_ctl in a temporary folder, a private port; fsync off, as for the embedded workspace's temporary
folder the difference is the disk's, not the code's). On each backend, in this one process, with
bench_engine's seeded synthetic open items (generated once under bench/.data/):

    save_1m     Store.save_snapshot of a 1M-document snapshot (Parquet folder / COPY into the database)
    load_1m_first  Store.items of it as another instance reads it first: on PostgreSQL its Parquet
                image fetched from the database (lib/pg_schema.py; the local copy removed before each run)
    load_1m     Store.items again: on PostgreSQL from the instance's local Parquet copy
    engine_1m   lib.book.read_book(store): the snapshot loaded and the engine run on it, as a page does
    book_100k   read_book on a 100k-document workspace with 4 earlier weekly snapshots
    page_100k   the weekly page's first run (cold caches) on that workspace, through app.py in AppTest

Each is the fastest of --repeat runs (the page: its cold first run, --repeat times). The table shows
both times and the ratio PostgreSQL / embedded; results go to bench/results/backends_latest.json.
A ratio over the goal is a finding, not an error: the exit code is 0 unless a measurement crashed.

    python bench/bench_backends.py               # 1M and 100k documents
    python bench/bench_backends.py --repeat 5
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import bench_engine
import bench_pages
import harness

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results" / "backends_latest.json"
GOAL = 1.5
WEEKLY = "views/weekly.py"


def fastest(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(location: str, repeat: int) -> dict[str, float]:
    """Every measurement on the workspace at `location` (a folder or a database URL)."""
    import polars as pl
    import streamlit as st

    from lib import db
    from lib.book import read_book
    from lib.store import Store

    os.environ.pop(db.DATABASE_URL, None)
    if db.is_url(location):
        os.environ[db.DATABASE_URL] = location
    else:
        os.environ["SOLLECITO_HOME"] = location
    store = Store.open(location)
    items = pl.read_parquet(bench_engine.data_path(1_000_000))
    made = iter(range(1_000))

    def save() -> None:  # a new file and ledger each time: each run saves a whole new snapshot
        run = next(made)
        made_up = bench_pages.imported(items, bench_engine.AS_OF, 1_000_000)
        report = dataclasses.replace(made_up.report, sha256=hashlib.sha256(f"{run}".encode()).hexdigest())
        store.save_snapshot(dataclasses.replace(made_up, report=report), f"run {run}")

    results = {"save_1m": fastest(save, repeat)}
    snapshot_id = int(store.latest()["id"])  # type: ignore[index]

    def first_read() -> None:  # another instance's first read: from the database
        if not store.folders:
            (store.home / "items" / f"{snapshot_id}.parquet").unlink(missing_ok=True)
        store.items(snapshot_id)

    results["load_1m_first"] = fastest(first_read, repeat)
    results["load_1m"] = fastest(lambda: store.items(snapshot_id), repeat)
    ledger = str(store.latest()["ledger"])  # type: ignore[index]
    results["engine_1m"] = fastest(lambda: read_book(store, ledger=ledger), repeat)
    for row in store.snapshots().iter_rows(named=True):
        store.delete_snapshot(row["id"])
    bench_pages.build_workspace(location, 100_000, bench_engine.HISTORY_WEEKS)  # type: ignore[arg-type]
    results["book_100k"] = fastest(lambda: read_book(store), repeat)
    book = read_book(store)
    top = book.accounts.sort("open_cents", descending=True).row(0, named=True)  # type: ignore[union-attr]
    debtor = (top["customer_id"], top["currency"])

    def page() -> None:
        at = bench_pages.open_page(WEEKLY, debtor)
        st.cache_data.clear()
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].value)

    page()  # the process's first visit pays imports and plotly's lazy loading
    results["page_100k"] = fastest(page, repeat)
    return results


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("SOLLECITO_TODAY", str(bench_pages.WEEK_DAY + dt.timedelta(days=1)))
    from streamlit import config, logger

    from tests import pg_server

    config.set_option("logger.level", "error")
    logger.set_log_level("error")
    for docs in (1_000_000, 100_000):
        bench_engine.ensure_data(docs)
    server = pg_server.Server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="sollecito-bench-backends-") as tmp:
            print("embedded workspace ...", flush=True)
            embedded = measure(str(Path(tmp) / "workspace"), args.repeat)
            print("postgresql ...", flush=True)
            os.environ["SOLLECITO_HOME"] = str(Path(tmp) / "cache")
            postgres = measure(server.database(), args.repeat)
    finally:
        server.stop()
    rows = {name: {"embedded": embedded[name], "postgresql": postgres[name],
                   "ratio": postgres[name] / embedded[name]} for name in embedded}  # fmt: skip
    print(f"\n{'':12} {'embedded':>10} {'postgresql':>11} {'ratio':>7}")
    for name, row in rows.items():
        verdict = "PASS" if row["ratio"] <= GOAL else "FAIL"
        print(f"{name:12} {row['embedded']:9.2f}s {row['postgresql']:10.2f}s {row['ratio']:6.2f}x  {verdict}")
    run = {
        "goal_ratio": GOAL,
        "repeat": args.repeat,
        "results": rows,
        "machine": harness.machine(("polars", "psycopg")),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(run, indent=2, default=str))
    written = args.output.resolve()
    print(f"\nwritten to {written.relative_to(ROOT) if written.is_relative_to(ROOT) else written}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
