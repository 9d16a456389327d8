"""`make bench`: time every page of the app, run through app.py in AppTest, on a 100k-document workspace.

The workspace is built in a temporary folder (SOLLECITO_HOME) from bench_engine's seeded synthetic
open items (bench/.data/engine_items_<docs>_..., generated once): the newest snapshot holds the
items as of 20/11/2026, and bench_engine.history adds --weeks earlier weekly snapshots (each week
back lists 5% more documents, paid since), so the portfolio's trend and roll rates and the diff
between the last two snapshots have work to do. Each snapshot goes through
lib.store.Store.save_snapshot like an upload; only its import report is made up (see
`imported`), since no Excel file was read.

Everything runs in this one process. For each page listed in app.py's st.navigation:

    first    AppTest.from_file(app.py), language "it", run (the start page, untimed),
             switch_page(page), st.cache_data and st.cache_resource cleared, then the timed run: the page with cold
             caches, so it computes ui.book() (lib.book.read_book) itself
    cached   the same AppTest run again, --repeat times (default 3); the fastest run counts
    switch   then the language switched (it → en) and the page run once more: words are made at
             the edge, so the switch must rerun no engine step (lib.engine.evaluate is counted
             in this process) and cost no more than a cached run

A page that shows an exception is a FAIL, not a time. So that every page has its work to do,
the workspace also holds the company details (Settings) that letters need, the pages with a
week's date input (weekly, letters: keys in WEEK_INPUTS) run for the week of 23/11/2026, set
before their first run, and the pages of one account (account, letters) open the largest debtor
(query params customer and currency). The weekly page's list must not be empty and the account
page must show that debtor, or the page FAILs.

Before that, a pass outside the targets runs every page once ("warm-up"): a process pays
its imports and plotly's lazy loading on the first page that draws a chart, whichever page
that is. The warm-up times are reported as they are; the targets apply to the measured pass.

The baseline is lib.book.read_book(store) timed in the same process (the fastest of
--repeat runs): the uncached work every book page shares. Each page time is also shown as a
ratio to it. Targets: first run < 3 s, cached run < 1 s, and a language switch < 1 s that
evaluates nothing, for every page. The results go to
bench/results/pages_latest.json. A failing target is a finding, not an error: the exit code is 0
unless a measurement crashed.

    python bench/bench_pages.py                  # 100k documents, 4 earlier weeks
    python bench/bench_pages.py --docs 1000000   # another size
    python bench/bench_pages.py --repeat 5       # more cached runs, less noise
    python bench/bench_pages.py --profile weekly # then the project's top calls in a first and a cached run
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bench_engine
import harness

if TYPE_CHECKING:
    import polars as pl
    from streamlit.testing.v1 import AppTest

    from lib.ingest import Imported

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
APP = ROOT / "app.py"
RESULTS = BENCH / "results" / "pages_latest.json"
DEFAULT_DOCS = (100_000, 1_000_000)
LANG = "it"
AS_OF = bench_engine.AS_OF  # 20/11/2026, the newest snapshot's date
WEEK_DAY = dt.date(2026, 11, 23)  # the weekly page's week: the Monday after the newest snapshot

# How the pages are set up before their first run, so that they have something to show.
WEEK_INPUTS = {"views/weekly.py": "weekly-day", "views/letters.py": "letters-day"}  # date inputs set to WEEK_DAY
ONE_ACCOUNT = ("views/account.py", "views/letters.py")  # pages given ?customer=…&currency=… (the largest debtor)

COMPANY = {  # the company details letters are signed with (Settings); a valid IBAN and partita IVA
    "name": "Bench S.r.l.",
    "vat_id": "01234560157",
    "address": "Via Roma 1, 20121 Milano",
    "iban": "IT60X0542811101000000123456",
    "signature": "Ufficio crediti",
    "email": "crediti@bench.example.it",
    "place": "Milano",
}

# Seconds, by documents: (the first run of a page with cold caches, a run once ui.book() is cached).
TARGETS = {100_000: (1.5, 0.3), 1_000_000: (5.0, 1.0)}
FIRST_TARGET, CACHED_TARGET = TARGETS[100_000]  # other sizes are judged as 100k
PROFILE_TOP = 12  # calls shown per profiled run
RUN_TIMEOUT = 300.0  # AppTest's own limit per run (its default, 3 s, would turn a slow page into a crash)

Result = dict[str, Any]


# --- the workspace ---------------------------------------------------------------------------


def imported(items: pl.DataFrame, as_of: dt.date, docs: int) -> Imported:
    """An Imported as lib.ingest.import_file would return it, without an Excel file behind it.

    The items are canonical already (lib.schema.OPEN_ITEM), sorted as import_file sorts them.
    The report says what is true of them: a detail layout, the as-of date found in the file,
    no issue and no file total (so no reconciliation). Its sha256 is derived from the as-of date
    and size, so that each snapshot is new to the store.
    """
    import polars as pl

    from lib.ingest import Imported
    from lib.ingest.report import ISSUE_SCHEMA, RECONCILIATION_SCHEMA, ImportReport

    items = items.sort("customer_id", "due_date", "source_row")
    file_name = f"scadenzario_bench_{docs}_{as_of:%Y%m%d}.xlsx"
    report = ImportReport(
        file_name=file_name,
        sha256=hashlib.sha256(f"bench_pages {docs} {as_of} {items.height}".encode()).hexdigest(),
        kind="xlsx",
        sheet="Scadenzario",
        sheets=("Scadenzario",),
        header_row=4,
        headers=(),
        mapping={},
        layout="detail",
        as_of=as_of,
        as_of_source="file",
        as_of_in_file=as_of,
        date_order="dmy",
        default_currency="EUR",
        estimated_due_dates=False,
        counts={"items": items.height, "customers": items["customer_id"].n_unique(), "data_rows": items.height},
        issues=pl.DataFrame(schema=ISSUE_SCHEMA),
        reconciliation=pl.DataFrame(schema=RECONCILIATION_SCHEMA),
        columns=pl.DataFrame(schema={"column": pl.String, "field": pl.String, "examples": pl.String}),
    )
    return Imported(items, report)


def build_workspace(home: Path, docs: int, weeks: int) -> Result:
    """Save the earlier weekly snapshots (oldest first), then the newest, in the workspace at `home`."""
    import polars as pl

    from lib.store import Store

    items = pl.read_parquet(bench_engine.data_path(docs))
    snapshots = [*reversed(bench_engine.history(items, weeks)), (AS_OF, items)]
    store = Store.open(home)
    for as_of, frame in snapshots:
        store.save_snapshot(imported(frame, as_of, docs))
    store.save_setting("company", COMPANY)  # as an operator would first: without it no letter is written
    catalogue = store.snapshots()
    return {
        "snapshots": [
            {"as_of": str(row["as_of"]), "items": row["items"], "customers": row["customers"]}
            for row in catalogue.iter_rows(named=True)
        ],
    }


# --- the pages ---------------------------------------------------------------------------------


def pages() -> tuple[list[str], list[str]]:
    """The pages app.py's st.navigation lists, in its order, and any views/ file it does not list."""
    listed = list(dict.fromkeys(re.findall(r"st\.Page\(\s*\"(views/[^\"]+\.py)\"", APP.read_text())))
    present = sorted(f"views/{path.name}" for path in (ROOT / "views").glob("*.py"))
    return listed, [page for page in present if page not in listed]


def short(page: str) -> str:
    return Path(page).stem


def open_page(page: str, debtor: tuple[str, str]) -> AppTest:
    """A fresh session on the start page, set up for `page` and switched to it (not yet run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=RUN_TIMEOUT)
    at.session_state["language"] = LANG
    at.run()
    if page in WEEK_INPUTS:
        at.session_state[WEEK_INPUTS[page]] = WEEK_DAY
    if page in ONE_ACCOUNT:
        at.query_params["customer"], at.query_params["currency"] = debtor
    return at.switch_page(page)


def problems(at: AppTest, page: str, debtor_name: str | None) -> list[str]:
    """What is wrong with the run just made: its exceptions, or a page that did not show its work."""
    found = [f"exception: {e.message}" for e in at.exception]
    if found:
        return found
    if not at.title:
        found.append("no title")
    if page == "views/weekly.py":
        from lib import i18n, weekly

        nothing = i18n.t("weekly.nothing", LANG, week=weekly.iso_week(WEEK_DAY))
        if any(info.value == nothing for info in at.info):
            found.append(f"the weekly list is empty: {nothing}")
    if page == "views/account.py" and (not at.header or at.header[0].value != debtor_name):
        found.append(f"the account page does not show the largest debtor {debtor_name!r}")
    return found


def profile_run(at: AppTest, top: int) -> list[Result]:
    """One run of `at` under cProfile: the project's calls (lib/, views/) by cumulative time.

    AppTest runs the script in a thread of its own, which a profiler enabled on this thread
    would not see (it sees time.sleep while it waits): the profiler is enabled from that
    thread's first event instead. Times are inflated by the profiler (openpyxl about 3x).
    """
    import cProfile
    import pstats
    import threading

    profiler = cProfile.Profile()

    def start(*_: object) -> None:
        sys.setprofile(None)
        profiler.enable()

    threading.setprofile(start)
    try:
        at.run()
    finally:
        threading.setprofile(None)
    ours = (str(ROOT / "lib"), str(ROOT / "views"))
    rows = [
        {"call": f"{Path(file).relative_to(ROOT)}:{line} {name}", "seconds": cumulative, "calls": calls}
        for (file, line, name), (_, calls, _, cumulative, _) in pstats.Stats(profiler).stats.items()  # type: ignore[attr-defined]
        if file.startswith(ours)
    ]
    return sorted(rows, key=lambda row: -row["seconds"])[:top]


def profile_page(page: str, debtor: tuple[str, str], top: int) -> Result:
    """The project's top calls in a first run (cold caches), a cached run and a run in the other
    language of one page."""
    import streamlit as st

    at = open_page(page, debtor)
    st.cache_data.clear()
    st.cache_resource.clear()  # the book (lib/ui/core.py) and the portfolio's figures (lib/ui/figures.py)
    first = profile_run(at, top)
    cached = profile_run(at, top)
    at.session_state["language"] = "en" if LANG == "it" else "it"
    return {"first": first, "cached": cached, "switch": profile_run(at, top)}


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


ENGINE_RUNS = [0]  # lib.engine.evaluate calls in this process (see count_engine_runs)


def count_engine_runs() -> None:
    """Count every evaluation of the engine the pages ask for (through lib.book, its one caller)."""
    import lib.book

    evaluate = lib.book.evaluate

    def counted(*args: Any, **kwargs: Any) -> Any:
        ENGINE_RUNS[0] += 1
        return evaluate(*args, **kwargs)

    lib.book.evaluate = counted  # type: ignore[assignment]


def measure_page(page: str, debtor: tuple[str, str], debtor_name: str, repeat: int) -> Result:
    """The first run with cold caches, the fastest of `repeat` cached runs of one page, and a run
    with the language switched (its time and the engine runs it caused)."""
    import streamlit as st

    at = open_page(page, debtor)
    st.cache_data.clear()
    st.cache_resource.clear()  # the book (lib/ui/core.py) and the portfolio's figures (lib/ui/figures.py)
    first = timed_run(at)
    found = problems(at, page, debtor_name)
    cached = math.inf
    for _ in range(repeat):
        if found:
            break
        cached = min(cached, timed_run(at))
        found = problems(at, page, debtor_name)
    switch, engine_runs = None, None
    if not found:
        at.session_state["language"] = "en" if LANG == "it" else "it"
        before = ENGINE_RUNS[0]
        switch = timed_run(at)
        engine_runs = ENGINE_RUNS[0] - before
        found = [f"in the other language: {p}" for p in problems(at, page, None) if "largest debtor" not in p]
    return {
        "title": at.title[0].value if at.title else None,
        "first_seconds": first,
        "cached_seconds": None if math.isinf(cached) else cached,
        "switch_seconds": switch,
        "switch_engine_runs": engine_runs,
        "problems": found,
    }


def warm_up(page: str, debtor: tuple[str, str]) -> float:
    """One run of the page in this process, caches as they are: the process's first visit."""
    at = open_page(page, debtor)
    return timed_run(at)


# --- the run -------------------------------------------------------------------------------------


def baseline(home: Path, repeat: int) -> tuple[float, float, Any]:
    """read_book(store): the fastest of `repeat` runs, the first run, and the last book."""
    from lib.book import read_book
    from lib.store import Store

    store = Store.open(home)
    times = []
    book = None
    for _ in range(repeat):
        book = None
        start = time.perf_counter()
        book = read_book(store)
        times.append(time.perf_counter() - start)
    return min(times), times[0], book


def bench(docs: int, weeks: int, repeat: int, profile: Sequence[str] | None) -> Result:
    """Build the workspace for `docs`, then measure the baseline and every page."""
    print(f"\n{docs:,} documents, {bench_engine.customers_for(docs):,} customers, {weeks} earlier weeks", flush=True)
    started = time.perf_counter()
    truth, _ = bench_engine.ensure_data(docs)
    listed, not_listed = pages()
    with tempfile.TemporaryDirectory(prefix="sollecito-bench-pages-") as tmp:
        home = Path(tmp) / "workspace"
        os.environ["SOLLECITO_HOME"] = str(home)
        build_start = time.perf_counter()
        workspace = build_workspace(home, docs, weeks)
        build_seconds = time.perf_counter() - build_start
        print(f"  workspace: {len(workspace['snapshots'])} snapshots saved in {build_seconds:.1f} s", flush=True)

        from streamlit.testing.v1 import AppTest  # noqa: F401  (imports are start-up, not the work)

        load_before = os.getloadavg()[0]
        print(f"  baseline read_book: best of {repeat} ...", flush=True)
        base, base_first, book = baseline(home, repeat)
        top = book.accounts.sort("open_cents", descending=True).row(0, named=True)
        debtor = (top["customer_id"], top["currency"])
        debtor_name = top["customer_name"] or top["customer_id"]
        facts = {
            "accounts": book.accounts.height,
            "with_step": int(book.accounts["step"].is_not_null().sum()),
            "changes": None if book.changes is None else book.changes.height,
            "trend_rows": book.trend.height,
            "paid_documents": book.paid.height,
            "largest_debtor": {"customer_id": debtor[0], "currency": debtor[1], "open_cents": top["open_cents"]},
            "weekly_day": str(WEEK_DAY),
        }
        del book

        print(f"  warm-up: every page once ({len(listed)} pages) ...", flush=True)
        warm = {short(page): warm_up(page, debtor) for page in listed}
        measured: Result = {}
        for page in listed:
            print(f"  {short(page)}: first run, then best of {repeat} cached ...", flush=True)
            measured[short(page)] = {"page": page, "warm_up_seconds": warm[short(page)]}
            measured[short(page)].update(measure_page(page, debtor, debtor_name, repeat))
        load_after = os.getloadavg()[0]
        profiles: Result = {}
        for page in listed:
            if profile is not None and (not profile or short(page) in profile):
                print(f"  {short(page)}: profiling a first and a cached run ...", flush=True)
                profiles[short(page)] = profile_page(page, debtor, PROFILE_TOP)
    return {
        "docs": docs,
        "customers": bench_engine.customers_for(docs),
        "weeks": weeks,
        "expected": truth,
        "workspace": workspace,
        "build_seconds": build_seconds,
        "book": facts,
        "baseline": {"name": "lib.book.read_book(store)", "seconds": base, "first_seconds": base_first},
        "pages": measured,
        "not_in_navigation": not_listed,
        "load_average": [load_before, load_after],
        "profiles": profiles,
        "total_seconds": time.perf_counter() - started,
        "targets": verdicts(measured, *TARGETS.get(docs, (FIRST_TARGET, CACHED_TARGET))),
    }


def verdicts(measured: Result, first_target: float, cached_target: float) -> list[Result]:
    """Per page: it runs without an exception, its first run < `first_target`, its cached run and
    a language switch < `cached_target` (TARGETS)."""
    out = []
    for name, m in measured.items():
        ran = not m["problems"]
        out.append(harness.target(f"{name} runs", float(len(m["problems"])), "no problem", ran, " problems"))
        first, cached = m["first_seconds"], m["cached_seconds"]
        out.append(
            harness.target(f"{name} first", first, f"< {first_target:g} s", first < first_target if ran else None, " s")
        )
        cached_value = math.nan if cached is None else cached
        out.append(
            harness.target(
                f"{name} cached",
                cached_value,
                f"< {cached_target:g} s",
                cached_value < cached_target if ran else None,
                " s",
            )
        )
        switch = math.nan if m["switch_seconds"] is None else m["switch_seconds"]
        out.append(
            harness.target(
                f"{name} IT→EN", switch, f"< {cached_target:g} s", switch < cached_target if ran else None, " s"
            )
        )
        runs = math.nan if m["switch_engine_runs"] is None else float(m["switch_engine_runs"])
        out.append(harness.target(f"{name} IT→EN engine", runs, "0 runs", runs == 0 if ran else None, " runs"))
    return out


def report(run: Result) -> str:
    """The table for one size, as printed."""
    base = run["baseline"]["seconds"]
    snapshots = run["workspace"]["snapshots"]
    sizes = ", ".join(f"{s['items']:,}" for s in snapshots)
    book = run["book"]
    lines = [
        "",
        f"== {run['docs']:,} documents, {run['customers']:,} customers, {book['accounts']:,} accounts; "
        f"{len(snapshots)} snapshots of {sizes} documents (newest first) ==",
        harness.load_line(run),
        f"baseline {run['baseline']['name']}: {base:.3f} s "
        f"(fastest run; first run {run['baseline']['first_seconds']:.3f} s)",
        f"book: {book['changes']:,} changed documents, {book['paid_documents']:,} paid documents, "
        f"{book['with_step']:,} accounts with a next step; largest debtor {book['largest_debtor']['customer_id']} "
        f"{book['largest_debtor']['currency']}; weekly page at {book['weekly_day']}",
        "",
        f"{'page':<14}{'warm-up s':>11}{'first s':>10}{'x base':>8}{'cached s':>10}{'x base':>8}"
        f"{'IT→EN s':>10}{'x base':>8}{'engine':>8}  result",
    ]
    for name, m in run["pages"].items():
        cached, switch = m["cached_seconds"], m["switch_seconds"]
        cached_text = f"{cached:>10.3f}{cached / base:>7.2f}x" if cached is not None else f"{'-':>10}{'-':>8}"
        switch_text = (
            f"{switch:>10.3f}{switch / base:>7.2f}x{m['switch_engine_runs']:>8}"
            if switch is not None
            else f"{'-':>10}{'-':>8}{'-':>8}"
        )
        verdict = "; ".join(m["problems"]) or "ok"
        lines.append(
            f"{name:<14}{m['warm_up_seconds']:>11.3f}{m['first_seconds']:>10.3f}{m['first_seconds'] / base:>7.2f}x"
            f"{cached_text}{switch_text}  {verdict}"
        )
    if run["not_in_navigation"]:
        lines.append(f"not in app.py's navigation, not timed: {', '.join(run['not_in_navigation'])}")
    lines.extend(["", f"{'target':<26}{'measured':>12}{'goal':>14}{'':>4}result"])
    for t in run["targets"]:
        seconds = "-" if math.isnan(t["value"]) else f"{t['value']:.3f} s"
        value = seconds if t["unit"] == " s" else "-" if math.isnan(t["value"]) else f"{t['value']:.0f}"
        lines.append(f"{t['name']:<26}{value:>12}{t['target']:>14}{'':>4}{t['verdict']}")
    for name, runs in run["profiles"].items():
        for kind, rows in runs.items():
            lines.append(
                f"\nprofile of {name}, {kind} run (cumulative s under cProfile, inflated; lib/ and views/ only):"
            )
            lines.extend(f"  {row['seconds']:>8.3f}  {row['calls']:>6}x  {row['call']}" for row in rows)
    lines.append(f"\nwhole bench: {run['total_seconds']:.1f} s (workspace built in {run['build_seconds']:.1f} s)")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=int, nargs="+", default=list(DEFAULT_DOCS), help="documents in the newest snapshot"
    )
    parser.add_argument("--weeks", type=int, default=bench_engine.HISTORY_WEEKS, help="earlier weekly snapshots")
    parser.add_argument("--repeat", type=int, default=3, help="cached runs per page; the fastest counts (default 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    parser.add_argument(
        "--profile",
        nargs="*",
        metavar="PAGE",
        help="after the timings, profile a first and a cached run of these pages (none named: every page)",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))  # so that `lib` imports, wherever we were started from
    os.chdir(ROOT)  # app.py's pages are paths relative to the project root
    os.environ.setdefault("SOLLECITO_TODAY", str(WEEK_DAY + dt.timedelta(days=1)))  # the day the figures are for
    from streamlit import config, logger

    # AppTest set up outside a script run warns "missing ScriptRunContext"; errors are still logged.
    config.set_option("logger.level", "error")
    logger.set_log_level("error")
    # .streamlit/config.toml hides error details from users; the report needs them.
    config.set_option("client.showErrorDetails", "full")
    repeat = max(1, args.repeat)
    count_engine_runs()
    runs = harness.run_sizes(args.docs, lambda docs: bench(docs, args.weeks, repeat, args.profile), report)
    if runs is None:
        return 1
    harness.finish(runs, args.output, ("polars", "streamlit", "plotly", "pyarrow"), "{docs:,} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
