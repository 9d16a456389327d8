"""`make bench`: soak the workspace store (lib/store.py, workspace.py, backup.py, integrity.py)
under concurrency, crashes and backups, each phase printing PASS or FAIL with its figures (issue 14).

1. races    N processes × M rounds record action-log entries (`Store.record_entries`, a note and
            an action per round, one transaction) while S other processes save small snapshots
            (copies of the imported sample, each with its own sha256 and ledger, so each save is
            new) and delete every third. Then: every entry recorded is in `Store.log()` exactly
            once, every snapshot id is unique and readable, `python -m lib check` finds nothing,
            no `.staging-*` / `.deleted-*` leftovers. Reports entries/s and saves/s.
2. crashes  K times: a child saves snapshots and records a note after each, and is killed with
            SIGKILL at a seeded random moment; then `python -m lib check` (a fresh process: it
            opens the workspace, which sweeps what the crash left) must find nothing, no leftover
            must remain, every snapshot and note the child reported done must be there, whole.
3. backup   `lib.backup.write` B times while writers and a saver run; each backup restored into a
            fresh folder: its snapshots are the manifest's and readable, its log counts lie between
            those before and after the backup, each writer's entries are a gap-free prefix, and
            `check` on the restored workspace finds nothing.

Every run works in a temporary folder of its own. As for the other benchmarks, a FAIL is a
finding, not an error: the exit code is 1 only when a measurement crashed.

    python bench/bench_soak.py                   # 8 writers × 200 rounds, 20 crashes
    python bench/bench_soak.py --quick           # small sizes, for development
    python bench/bench_soak.py --seed 7 --writers 16 --rounds 500 --crashes 50
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import pickle
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))  # `lib` imports, wherever we were started from (and in spawned children)

SAMPLE = ROOT / "sample_data" / "scadenzario_gestionale.xlsx"
SNAPSHOT_ROWS = 50  # items per saved copy: small files, the store's work is what is measured

Result = dict[str, Any]


# --- what the child processes do --------------------------------------------------------------


def _copy(imported: Any, tag: str) -> Any:
    """The imported sample as another file: its own sha256 and name, the first rows only."""
    digest = tag.rjust(64, "0")
    report = dataclasses.replace(imported.report, sha256=digest, file_name=f"{tag}.xlsx")
    return dataclasses.replace(imported, report=report, items=imported.items.head(SNAPSHOT_ROWS))


def _tag_hex(*parts: int) -> str:
    """A unique hex tag for a save (the sha256 field must look like one)."""
    return "".join(f"{p:08x}" for p in parts)


def writer(home: str, who: int, rounds: int, start: Any) -> Result:
    """Record `rounds` transactions of a note and an action; the ids SQLite gave them."""
    from lib import clock
    from lib.store import Store

    store = Store.open(home)
    today = clock.today()
    start.wait()
    began = time.monotonic()
    notes, actions = [], []
    for n in range(rounds):
        ids = store.record_entries(
            [
                ("note", {"customer_id": f"C{who}", "date": today, "text": f"w{who}-r{n}", "operator": "soak"}),
                ("action", {"customer_id": f"C{who}", "step": "reminder", "date": today, "note": f"w{who}-r{n}"}),
            ]
        )
        notes.append(ids[0])
        actions.append(ids[1])
    return {"began": began, "ended": time.monotonic(), "note": notes, "action": actions}


def saver(home: str, imported_path: str, who: int, saves: int, start: Any) -> Result:
    """Save `saves` new snapshots (each its own ledger) and delete every third right after."""
    from lib.store import Store

    imported = pickle.loads(Path(imported_path).read_bytes())
    store = Store.open(home)
    start.wait()
    began = time.monotonic()
    saved, deleted, seconds = [], [], []
    for n in range(saves):
        t0 = time.monotonic()
        result = store.save_snapshot(_copy(imported, _tag_hex(1, who, n)), f"soak-{who}-{n}")
        seconds.append(time.monotonic() - t0)
        saved.append(result.snapshot_id)
        if result.duplicate:
            raise RuntimeError(f"save {who}/{n} taken for a duplicate of {result.snapshot_id}")
        if n % 3 == 2:
            if not store.delete_snapshot(result.snapshot_id):
                raise RuntimeError(f"snapshot {result.snapshot_id} was not there to delete")
            deleted.append(result.snapshot_id)
    return {"began": began, "ended": time.monotonic(), "saved": saved, "deleted": deleted, "seconds": seconds}


def crash_child(home: str, imported_path: str, run: int) -> None:
    """Save snapshots and record a note after each, saying what is done, until killed."""
    from lib import clock
    from lib.store import Store

    imported = pickle.loads(Path(imported_path).read_bytes())
    store = Store.open(home)
    print("ready", flush=True)
    for n in range(10_000):
        saved = store.save_snapshot(_copy(imported, _tag_hex(2, run, n)), f"crash-{run}-{n}")
        print(f"saved {saved.snapshot_id}", flush=True)
        note = store.record("note", customer_id="CRASH", date=clock.today(), text=f"k{run}-{n}", operator="soak")
        print(f"note {note}", flush=True)


# --- checks --------------------------------------------------------------------------------------


def lib_check(home: Path) -> Result:
    """`python -m lib check` on `home` in a fresh process (it opens, so sweeps, the workspace)."""
    env = {**os.environ, "SOLLECITO_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "lib", "check"], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        detail = (done.stdout.strip() + done.stderr.strip())[-500:]
        result = {"ok": False, "problems": [{"code": "no_result", "snapshot_id": None, "detail": detail}]}
    return {"exit": done.returncode, "ok": done.returncode == 0 and result.get("ok") is True, **result}


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "snapshots").iterdir() if p.name.startswith((".staging-", ".deleted-")))


def unreadable(store: Any, ids: Sequence[int]) -> list[int]:
    """The snapshots among `ids` whose three files cannot be read back whole."""
    bad = []
    for snapshot_id in ids:
        try:
            store.items(snapshot_id)
            store.issues(snapshot_id)
        except Exception:
            bad.append(snapshot_id)
    return bad


def verdict(name: str, passed: bool, figures: Result, failures: list[str]) -> Result:
    status = "PASS" if passed else "FAIL"
    print(f"\n== {name}: {status} ==")
    for key, value in figures.items():
        print(f"  {key:<38}{value}")
    for failure in failures:
        print(f"  ! {failure}")
    return {"phase": name, "verdict": status, "figures": figures, "failures": failures}


# --- phases ----------------------------------------------------------------------------------


def _context() -> Any:
    return multiprocessing.get_context("spawn")


def races(tmp: Path, imported_path: Path, args: argparse.Namespace) -> Result:
    from lib.store import Store

    home = tmp / "races"
    Store.open(home)
    context = _context()
    with context.Manager() as manager, context.Pool(args.writers + args.savers) as pool:
        start = manager.Barrier(args.writers + args.savers)
        writes = [pool.apply_async(writer, (str(home), w, args.rounds, start)) for w in range(args.writers)]
        saves = [
            pool.apply_async(saver, (str(home), str(imported_path), s, args.saves, start)) for s in range(args.savers)
        ]
        wrote = [w.get() for w in writes]
        saved = [s.get() for s in saves]
    store = Store.open(home)
    log = store.log(corrected=False)
    failures = []
    for table in ("note", "action"):
        ids = [i for w in wrote for i in w[table]]
        found = log.note if table == "note" else log.action
        if len(set(ids)) != len(ids):
            failures.append(f"{table}: {len(ids) - len(set(ids))} ids given twice")
        if sorted(found["id"].to_list()) != sorted(ids):
            failures.append(f"{table}: {len(ids)} recorded, {found.height} in the log, ids differ")
        texts = found["text" if table == "note" else "note"]
        if texts.n_unique() != texts.len():
            failures.append(f"{table}: {texts.len() - texts.n_unique()} entries twice")
    all_saved = [i for s in saved for i in s["saved"]]
    deleted = {i for s in saved for i in s["deleted"]}
    kept = sorted(set(all_saved) - deleted)
    catalogue = sorted(store.snapshots()["id"].to_list())
    if len(set(all_saved)) != len(all_saved):
        failures.append(f"{len(all_saved) - len(set(all_saved))} snapshot ids given twice")
    if catalogue != kept:
        failures.append(f"catalogue {catalogue} is not the snapshots saved and not deleted {kept}")
    if bad := unreadable(store, kept):
        failures.append(f"unreadable snapshots {bad}")
    check = lib_check(home)
    if not check["ok"]:
        failures.append(f"check: {check['problems']}")
    if left := leftovers(home):
        failures.append(f"leftovers {left}")
    entries = sum(len(w["note"]) + len(w["action"]) for w in wrote)
    write_s = max(w["ended"] for w in wrote) - min(w["began"] for w in wrote)
    save_s = max(s["ended"] for s in saved) - min(s["began"] for s in saved)
    seconds = sorted(x for s in saved for x in s["seconds"])
    figures = {
        "writers x rounds": f"{args.writers} x {args.rounds} (2 entries per transaction)",
        "entries recorded / in the log": f"{entries:,} / {log.note.height + log.action.height:,}",
        "entries/s (all writers)": f"{entries / write_s:,.0f}  ({write_s:.1f} s)",
        "savers x saves": f"{args.savers} x {args.saves} ({len(deleted)} deleted)",
        "saves/s (all savers)": f"{len(all_saved) / save_s:.1f}  ({save_s:.1f} s)",
        "save seconds median / max": f"{seconds[len(seconds) // 2]:.2f} / {seconds[-1]:.2f}",
        "snapshots kept / readable": f"{len(kept)} / {len(kept) - len(unreadable(store, kept))}",
        "python -m lib check": "ok" if check["ok"] else f"exit {check['exit']}",
    }
    result = verdict("1. races", not failures, figures, failures)
    result["save_median"] = seconds[len(seconds) // 2]
    return result


def crashes(tmp: Path, imported_path: Path, args: argparse.Namespace, save_seconds: float) -> Result:
    from lib.store import Store

    home = tmp / "crashes"
    Store.open(home)
    rng = random.Random(args.seed)
    window = max(0.05, 3 * save_seconds)  # the kill lands anywhere in the first few saves
    failures: list[str] = []
    done_saves: list[int] = []
    done_notes: list[int] = []
    swept = 0
    found: dict[str, int] = {}  # each problem check reported, with the first kill after which it did
    for run in range(args.crashes):
        child = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--crash-child", str(home), str(imported_path), str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError(f"crash child {run} did not start: {child.stderr.read() if child.stderr else ''}")
        time.sleep(rng.uniform(0, window))
        child.kill()  # SIGKILL: no handler, no finally, no flush
        out, err = child.communicate()
        if child.returncode != -9:
            raise RuntimeError(f"crash child {run} ended by itself (exit {child.returncode}): {err[-2000:]}")
        for line in out.splitlines():
            kind, _, value = line.partition(" ")
            if kind == "saved":
                done_saves.append(int(value))
            elif kind == "note":
                done_notes.append(int(value))
        swept += bool(leftovers(home))
        check = lib_check(home)  # opens the workspace in a fresh process: the sweep runs
        for problem in check["problems"]:
            found.setdefault(json.dumps(problem, sort_keys=True), run)
        if left := leftovers(home):
            failures.append(f"after kill {run}: leftovers {left} not swept")
    store = Store.open(home)
    catalogue = set(store.snapshots()["id"].to_list())
    notes = store.log(corrected=False).note
    orphans = 0
    for text, run in found.items():
        problem = json.loads(text)
        if problem["code"] == "orphan_folder":  # renamed into place, killed before its COMMIT
            orphans += 1
            whole = not unreadable(store, [problem["snapshot_id"]])
            problem["detail"] = "a whole snapshot no catalogue row names" if whole else "a partial folder"
        failures.append(f"after kill {run} (and every check since): {problem}")
    if missing := sorted(set(done_saves) - catalogue):
        failures.append(f"snapshots saved but gone: {missing}")
    if bad := unreadable(store, sorted(catalogue)):
        failures.append(f"half-present snapshots {bad}")
    if missing := sorted(set(done_notes) - set(notes["id"].to_list())):
        failures.append(f"notes recorded but gone: {missing}")
    if notes["text"].n_unique() != notes.height:
        failures.append("a note is in the log twice")
    figures = {
        "kills (seed, window)": f"{args.crashes} (seed {args.seed}, 0-{window:.2f} s after start-up)",
        "saves reported done / committed": f"{len(done_saves)} / {len(catalogue)} (killed before the print)",
        "notes reported done / in the log": f"{len(done_notes)} / {notes.height}",
        "kills that left a staging folder": f"{swept} (swept on the next open)",
        "kills that left an orphan folder": f"{orphans} (not swept, not repaired: check reports it)",
        "python -m lib check after each": "ok" if not found else f"{len(found)} distinct problems",
    }
    return verdict("2. crashes", not failures, figures, failures)


def backups(tmp: Path, imported_path: Path, args: argparse.Namespace) -> Result:
    from lib import backup
    from lib.store import Store

    home = tmp / "backup"
    store = Store.open(home)
    workers = max(1, args.writers // 2) + 1
    context = _context()
    failures: list[str] = []
    rows = []
    with context.Manager() as manager, context.Pool(workers) as pool:
        start = manager.Barrier(workers + 1)
        writes = [pool.apply_async(writer, (str(home), w, args.rounds, start)) for w in range(workers - 1)]
        saves = pool.apply_async(saver, (str(home), str(imported_path), 99, args.saves, start))
        start.wait()
        total = (workers - 1) * args.rounds
        for n in range(args.backups):
            # spread the backups over the writing: each waits for its share of the notes
            share = total * (n + 1) // (args.backups + 1)
            while store.log(corrected=False).note.height < share and not all(w.ready() for w in writes):
                time.sleep(0.01)
            before = store.log(corrected=False).note.height
            t0 = time.monotonic()
            manifest = backup.write(home, tmp / f"backup-{n}.zip")
            seconds = time.monotonic() - t0
            after = store.log(corrected=False).note.height
            rows.append((n, manifest, before, after, seconds))
        for w in writes:
            w.get()
        saves.get()
    for n, manifest, before, after, seconds in rows:
        fresh = tmp / f"restored-{n}"
        backup.restore(fresh, tmp / f"backup-{n}.zip")
        restored = Store.open(fresh)
        ids = sorted(restored.snapshots()["id"].to_list())
        notes = restored.log(corrected=False).note
        if ids != sorted(manifest["snapshots"]):
            failures.append(f"backup {n}: snapshots {ids} but manifest {manifest['snapshots']}")
        if bad := unreadable(restored, ids):
            failures.append(f"backup {n}: unreadable snapshots {bad}")
        if not before <= notes.height <= after:
            failures.append(f"backup {n}: {notes.height} notes, not between {before} and {after}")
        import polars as pl

        parts = pl.col("text").str.extract_groups(r"w(\d+)-r(\d+)")
        rounds = notes.select(w=parts.struct[0].cast(pl.Int64), r=parts.struct[1].cast(pl.Int64))
        gaps = rounds["w"].n_unique()  # writers seen in the backup
        prefix = rounds.group_by("w").agg(n=pl.len(), top=pl.col("r").max())
        holes = prefix.filter(pl.col("n") != pl.col("top") + 1)
        if holes.height:
            failures.append(f"backup {n}: writers with a gap in their entries {holes['w'].to_list()}")
        check = lib_check(fresh)
        if not check["ok"]:
            failures.append(f"backup {n}: check {check['problems']}")
        rows[n] = (n, manifest, before, after, seconds, len(ids), notes.height, gaps)
    final = store.log(corrected=False).note.height
    figures = {
        "writers + saver during backups": f"{workers - 1} + 1",
        "backups written / restored": f"{len(rows)} / {len(rows)}",
        **{
            f"backup {r[0]}": f"{r[4]:.2f} s, {r[5]} snapshots, {r[6]} notes (log had {r[2]}-{r[3]}), {r[7]} writers"
            for r in rows
        },
        "notes at the end": f"{final}",
    }
    return verdict("3. backup under load", not failures, figures, failures)


# --- main --------------------------------------------------------------------------------------


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="small sizes (2 writers x 20 rounds, 1 saver x 4, 3 crashes, 2 backups)"
    )
    parser.add_argument("--seed", type=int, default=14, help="seed of the kill moments (default 14)")
    parser.add_argument("--writers", type=int, default=8, help="processes recording entries (default 8)")
    parser.add_argument("--rounds", type=int, default=200, help="transactions per writer (default 200)")
    parser.add_argument("--savers", type=int, default=2, help="processes saving snapshots (default 2)")
    parser.add_argument("--saves", type=int, default=12, help="snapshots per saver (default 12)")
    parser.add_argument("--crashes", type=int, default=20, help="children killed with SIGKILL (default 20)")
    parser.add_argument("--backups", type=int, default=3, help="backups taken under load (default 3)")
    parser.add_argument("--crash-child", nargs=3, help=argparse.SUPPRESS)
    if "--quick" in argv:  # small defaults; sizes given explicitly still count
        parser.set_defaults(writers=2, rounds=20, savers=1, saves=4, crashes=3, backups=2)
    args = parser.parse_args(argv)
    if args.crash_child:
        crash_child(args.crash_child[0], args.crash_child[1], int(args.crash_child[2]))
        return 0

    from lib.ingest import import_file

    results = []
    with tempfile.TemporaryDirectory(prefix="sollecito-soak-") as scratch:
        tmp = Path(scratch)
        imported_path = tmp / "imported.pickle"
        imported_path.write_bytes(pickle.dumps(import_file(SAMPLE.read_bytes(), SAMPLE.name)))
        print(f"soak in {tmp} (seed {args.seed}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f})")
        try:
            results.append(races(tmp, imported_path, args))
            results.append(crashes(tmp, imported_path, args, results[0]["save_median"]))
            results.append(backups(tmp, imported_path, args))
        except Exception:
            traceback.print_exc()
            print("\nERROR: a measurement crashed", file=sys.stderr)
            return 1
    failed = [r["phase"] for r in results if r["verdict"] == "FAIL"]
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")
    print("ALL PHASES PASS" if not failed else "FAIL: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
