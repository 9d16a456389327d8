"""`make bench`: the 53rd weekly import against the first, and what a year of snapshots costs on disk.

Issue 16: importing a new weekly snapshot into a workspace that already holds a year of weekly
snapshots (52 x 100k documents) must take no longer than the first import plus 20%, and the
workspace must grow by the new Parquet files plus what indexes them, snapshot after snapshot.

The file is make_big's 100k-row scadenzario (bench/.data/scadenzario_100000.xlsx, written once).
It is imported once (lib.ingest.import_file) and its items give the year: `--weeks` earlier
weekly snapshots, each as many documents as the file, where every week 5% of the documents differ
from the week after (`year`): a document paid since, with an earlier number and due date, in
place of the newer one. They are saved oldest first through Store.save_snapshot (each with its
payment history merged, lib/history_cache.py), with a made-up import report (bench_pages.imported),
and the workspace's bytes are counted after each save.

Then, `--repeat` times (default 5), alternating so that the machine's load weighs on both alike:

    first   the file's bytes through import_file and save_snapshot into an empty workspace
    53rd    the same into a copy of the year's workspace (copied before the clock starts)

The fastest of each counts; the target is their ratio (at most 1.2). The save step alone is
shown too, since import_file does the same work in both. On disk: the bytes the 53rd save added,
against the new snapshot's own folder (its Parquet files); and whether the year grew linearly
(the mean growth of the last 10 saves against the first 10, and their save times).

    python bench/bench_year.py                        # 52 weeks of 100k documents (about 2 min)
    python bench/bench_year.py --weeks 10 --repeat 1  # smaller and quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import bench_pages
import harness
import make_big

if TYPE_CHECKING:
    import polars as pl

    from lib.ingest import Imported

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "year_latest.json"
ROWS = 100_000
WEEKS = 52
SLOTS = 20  # a document is replaced every SLOTS weeks: 1/SLOTS = 5% of them each week
TIME_TARGET = 1.2  # the 53rd import / the first, at most
GROWTH_TARGET = 1.25  # bytes the 53rd save adds / the new snapshot's folder, at most
LINEAR_TARGET = 1.25  # mean growth of the last 10 saves / of the first 10, at most
SEED = 20261120

Result = dict[str, Any]


def year(items: pl.DataFrame, weeks: int) -> list[tuple[dt.date, pl.DataFrame]]:
    """`weeks` earlier weekly snapshots of `items` (as of the file's date), oldest first.

    Each position of the file has a slot (0..SLOTS-1, seeded); `w` weeks back, the positions with
    (w + slot) >= SLOTS * k list the document k generations before: its number suffixed `/pk` and
    its dates SLOTS weeks earlier per generation. So each week 5% of the documents change, and
    every snapshot has as many documents as the file.
    """
    import numpy as np
    import polars as pl

    slot = pl.Series(np.random.default_rng(SEED).integers(0, SLOTS, items.height), dtype=pl.Int32)
    as_of = make_big.AS_OF  # the file's as-of date (its title)
    snapshots = []
    for week in range(weeks, 0, -1):
        back = (pl.lit(week, pl.Int32) + slot) // SLOTS
        shift = pl.duration(days=back * 7 * SLOTS)
        frame = items.with_columns(
            pl.when(back > 0).then(pl.col("doc_number") + "/p" + back.cast(pl.String)).otherwise("doc_number"),
            pl.col("doc_date") - shift,
            pl.col("due_date") - shift,
        )
        snapshots.append((as_of - dt.timedelta(days=7 * week), frame))
    return snapshots


def disk_bytes(home: Path) -> int:
    """The bytes of every file under `home` (apparent sizes)."""
    return sum(path.stat().st_size for path in home.rglob("*") if path.is_file())


def build(home: Path, imported: Imported, weeks: int) -> Result:
    """The year's workspace at `home`: one save per week, oldest first, timed and weighed."""
    from lib.store import Store

    store = Store(home)
    seconds, sizes, folders = [], [disk_bytes(home)], []
    for as_of, frame in year(imported.items, weeks):
        start = time.perf_counter()
        saved = store.save_snapshot(bench_pages.imported(frame, as_of, frame.height))
        seconds.append(time.perf_counter() - start)
        sizes.append(disk_bytes(home))
        folders.append(disk_bytes(home / "snapshots" / str(saved.snapshot_id)))
    return {"save_seconds": seconds, "bytes": sizes, "snapshot_bytes": folders}


def timed_import(home: Path, data: bytes, name: str) -> Result:
    """import_file + save_snapshot of `data` into the workspace at `home`, and what it added on disk."""
    from lib.ingest import import_file
    from lib.store import Store

    store = Store(home)  # opening the workspace is the app's start, not the import
    before = disk_bytes(home)
    start = time.perf_counter()
    imported = import_file(data, name)
    parsed = time.perf_counter()
    saved = store.save_snapshot(imported)
    stored = time.perf_counter()
    return {
        "seconds": stored - start,
        "import_file": parsed - start,
        "save_snapshot": stored - parsed,
        "added_bytes": disk_bytes(home) - before,
        "snapshot_bytes": disk_bytes(home / "snapshots" / str(saved.snapshot_id)),
        "history_bytes": disk_bytes(home / "history"),
    }


def bench(rows: int, weeks: int, repeat: int) -> Result:
    sys.path.insert(0, str(harness.ROOT))
    from lib.ingest import import_file

    path = make_big.ensure(rows)
    data = path.read_bytes()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench_year_") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        built = build(root / "year", import_file(data, path.name), weeks)
        build_seconds = time.perf_counter() - start
        first, later = [], []
        for n in range(repeat):
            first.append(timed_import(root / f"empty{n}", data, path.name))
            shutil.copytree(root / "year", root / f"copy{n}")
            later.append(timed_import(root / f"copy{n}", data, path.name))
            shutil.rmtree(root / f"empty{n}")
            shutil.rmtree(root / f"copy{n}")
    best_first = min(first, key=lambda r: r["seconds"])
    best_later = min(later, key=lambda r: r["seconds"])
    return {
        "rows": rows,
        "weeks": weeks,
        "build_seconds": build_seconds,
        "year": built,
        "first": best_first,
        "later": best_later,
        "first_runs": [r["seconds"] for r in first],
        "later_runs": [r["seconds"] for r in later],
        "load_average": [load_before[0], os.getloadavg()[0]],
    }


def growth(run: Result) -> tuple[float, float, float]:
    """The mean bytes added by the first 10 saves and the last 10 of the year, and their ratio."""
    added = [b - a for a, b in zip(run["year"]["bytes"], run["year"]["bytes"][1:], strict=False)]
    n = max(1, min(10, len(added) // 2))
    head, tail = statistics.mean(added[:n]), statistics.mean(added[-n:])
    return head, tail, tail / head


def verdicts(run: Result) -> list[Result]:
    later = run["later"]
    time_ratio = later["seconds"] / run["first"]["seconds"]
    space_ratio = later["added_bytes"] / later["snapshot_bytes"]
    *_, linear = growth(run)
    return [
        harness.target("53rd import / first import", time_ratio, f"<= {TIME_TARGET}x", time_ratio <= TIME_TARGET, "x"),
        harness.target(
            "53rd save's bytes / its snapshot folder",
            space_ratio,
            f"<= {GROWTH_TARGET}x",
            space_ratio <= GROWTH_TARGET,
            "x",
        ),
        harness.target(
            "bytes per save, last 10 / first 10", linear, f"<= {LINEAR_TARGET}x", linear <= LINEAR_TARGET, "x"
        ),
    ]


def report(run: Result) -> str:
    first, later = run["first"], run["later"]
    saves = run["year"]["save_seconds"]
    n = max(1, min(10, len(saves) // 2))
    early, late = statistics.mean(saves[:n]), statistics.mean(saves[-n:])
    head, tail, _ = growth(run)
    mb = 2**20
    folder = statistics.mean(run["year"]["snapshot_bytes"]) / mb
    lines = [
        f"\n== {run['weeks']} weekly snapshots of {run['rows']:,} documents, then one more import ==",
        harness.load_line(run),
        f"the year built in {run['build_seconds']:.1f} s; a save takes {early:.3f} s (first {n}),"
        f" {late:.3f} s (last {n}): x{late / early:.2f}",
        f"workspace after the year: {run['year']['bytes'][-1] / mb:.1f} MB; added per save {head / mb:.2f} MB"
        f" (first {n}), {tail / mb:.2f} MB (last {n}); a snapshot folder {folder:.2f} MB",
        f"{'import':<8}{'seconds':>9}{'import_file':>13}{'save':>8}{'added MB':>10}{'folder MB':>11}{'history MB':>12}",
    ]
    for name, r in (("first", first), (f"#{run['weeks'] + 1}", later)):
        lines.append(
            f"{name:<8}{r['seconds']:>9.3f}{r['import_file']:>13.3f}{r['save_snapshot']:>8.3f}"
            f"{r['added_bytes'] / mb:>10.2f}{r['snapshot_bytes'] / mb:>11.2f}{r['history_bytes'] / mb:>12.2f}"
        )
    runs = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(run["first_runs"], run["later_runs"], strict=True))
    lines.append(f"runs (first/#{run['weeks'] + 1}, s): {runs}")
    lines.append(f"the save step alone: x{later['save_snapshot'] / first['save_snapshot']:.2f} the first's")
    run["targets"] = verdicts(run)
    for t in run["targets"]:
        lines.append(f"{t['name']:<42} {t['value']:>7.2f}{t['unit']}  (target {t['target']})  {t['verdict']}")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=ROWS, help="documents per snapshot (make_big's file)")
    parser.add_argument("--weeks", type=int, default=WEEKS, help="earlier weekly snapshots")
    parser.add_argument("--repeat", type=int, default=5, help="timed imports of each kind; the fastest counts")
    args = parser.parse_args(argv)
    runs = harness.run_sizes([args.rows], lambda rows: bench(rows, args.weeks, args.repeat), report)
    if runs is None:
        return 1
    harness.finish(runs, RESULTS, ["polars"], "{weeks} weeks of {rows:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
