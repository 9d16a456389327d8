"""The payment history of each ledger kept in the workspace (lib/history.py), so that an evaluation
reads two small Parquet files instead of every earlier snapshot.

    history/<ledger key>/held.json               the snapshots it holds ([id, as_of] pairs) and a token
    history/<ledger key>/sightings-<token>.parquet, totals-<token>.parquet

It is derivable: deleting the folder costs only the time to rebuild it. `load` checks it against
the catalogue every time: snapshots added since are merged in (`history.add`), and when one it
holds is gone (deleted or replaced) or its files are unreadable, it is rebuilt from the
snapshots. The store calls `refresh` after a snapshot is committed, so that the import pays the
merge and the pages do not. Files are written under a new token and `held.json` replaced last, so
a reader never pairs a list with other files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from lib.history import History, add, of_observations

if TYPE_CHECKING:
    from lib.store import Store

FOLDER = "history"
HELD = "held.json"
# Rewritten whole at every import and read back whole: lz4 without column statistics writes about
# 3x faster than polars' default (zstd, statistics) for 40% more bytes (bench/bench_year.py).
WRITE: dict[str, Any] = {"compression": "lz4", "statistics": False}


def folder(store: Store, ledger: str) -> Path:
    """Where the history of `ledger` is kept (the ledger's name hashed: any text is a safe folder)."""
    return store.home / FOLDER / hashlib.sha256(ledger.encode()).hexdigest()[:16]


def load(store: Store, ledger: str) -> History:
    """The history of every stored snapshot of `ledger`, brought up to date (and saved) first."""
    catalogue = store.snapshots(ledger).sort("as_of", "id")
    wanted = [(int(i), d) for i, d in zip(catalogue["id"], catalogue["as_of"], strict=True)]
    held, history = _read(folder(store, ledger))
    if history is None or not set(held) <= set(wanted):
        history = _rebuild(store, ledger, catalogue)
        if catalogue.height:
            _keep(store, ledger, wanted, history)
        return history
    added = [pair for pair in wanted if pair not in set(held)]
    for snapshot_id, as_of in added:
        history = add(history, store.items(snapshot_id), as_of)
    if added:
        _keep(store, ledger, wanted, history)
    return history


def refresh(store: Store, ledger: str) -> None:
    """Bring the history of `ledger` up to date after a snapshot was saved or deleted. A failure
    leaves no history behind (the next `load` rebuilds it): the snapshot itself is safe."""
    try:
        load(store, ledger)
    except (OSError, ValueError, pl.exceptions.PolarsError):
        forget(store, ledger)


def forget(store: Store, ledger: str) -> None:
    """Drop the history of `ledger` (rebuilt on the next `load`)."""
    held = folder(store, ledger) / HELD
    held.unlink(missing_ok=True)


def _rebuild(store: Store, ledger: str, catalogue: pl.DataFrame) -> History:
    if catalogue.is_empty():
        return History.empty()
    return of_observations(store.observations(catalogue["as_of"].max(), ledger))  # type: ignore[arg-type]


def _read(where: Path) -> tuple[list[tuple[int, dt.date]], History | None]:
    try:
        meta = json.loads((where / HELD).read_text())
        token = meta["token"]
        history = History(
            pl.read_parquet(where / f"sightings-{token}.parquet"), pl.read_parquet(where / f"totals-{token}.parquet")
        )
        held = [(int(i), dt.date.fromisoformat(d)) for i, d in meta["snapshots"]]
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return [], None
    return held, history


def _keep(store: Store, ledger: str, held: list[tuple[int, dt.date]], history: History) -> None:
    """Save the history for the next read, when the workspace can be written: a read-only one is
    viewed with the history computed on each read, and a failed write only costs that time."""
    if store.read_only:
        return
    try:
        _write(folder(store, ledger), held, history)
    except OSError:  # held.json is replaced last: what it names is whole, old or new
        return


def _write(where: Path, held: list[tuple[int, dt.date]], history: History) -> None:
    where.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(6)
    history.sightings.write_parquet(where / f"sightings-{token}.parquet", **WRITE)
    history.totals.write_parquet(where / f"totals-{token}.parquet", **WRITE)
    meta = {"token": token, "snapshots": [[i, d.isoformat()] for i, d in held]}
    partial = where / f"{HELD}.{token}"
    partial.write_text(json.dumps(meta))
    partial.replace(where / HELD)
    for old in where.glob("*.parquet"):  # the files of earlier tokens
        if token not in old.name:
            old.unlink(missing_ok=True)
