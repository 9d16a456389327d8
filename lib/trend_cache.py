"""The bucket trend of each snapshot kept in the workspace, so that the portfolio's trend reads one
small file per snapshot (open cents per account and bucket) instead of every snapshot's items.

    history/trend/<snapshot id>-<bucket edges>.parquet   lib.portfolio.bucket_trend of that snapshot

A snapshot's items never change after its save (a replacement is a new snapshot, with a new id, and
ids are never reused), so a file stays true for as long as its snapshot exists; the bucket edges
(a setting) are in its name. It is derivable: a missing or unreadable file is computed again from
the snapshot and written (unless the workspace is read-only). `forget` removes the files of deleted
or replaced snapshots, so that they do not pile up.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from lib.ageing import ACCOUNT, bucket_enum
from lib.history_cache import FOLDER, WRITE
from lib.portfolio import bucket_trend

if TYPE_CHECKING:
    from lib.store import Store


def folder(store: Store) -> Path:
    return store.home / FOLDER / "trend"


def _path(store: Store, snapshot_id: int, edges: Sequence[int]) -> Path:
    return folder(store) / f"{int(snapshot_id)}-{'_'.join(str(int(e)) for e in edges)}.parquet"


def trend(store: Store, ledger: str, through: dt.date, edges: Sequence[int], skip: Sequence[int] = ()) -> pl.DataFrame:
    """`bucket_trend` of every snapshot of `ledger` dated up to `through` but those in `skip`
    (damaged: lib/integrity.py), each aged at its own as-of date: as_of, ACCOUNT, bucket, open_cents."""
    catalogue = (
        store.snapshots(ledger).filter(pl.col("as_of") <= through, ~pl.col("id").is_in(list(skip))).sort("as_of", "id")
    )
    frames = [of_snapshot(store, i, as_of, edges) for i, as_of in zip(catalogue["id"], catalogue["as_of"], strict=True)]
    return pl.concat(frames) if frames else bucket_trend(store.amounts(None, through), edges)


def of_snapshot(store: Store, snapshot_id: int, as_of: dt.date, edges: Sequence[int]) -> pl.DataFrame:
    """One snapshot's bucket trend, read from its file or computed (and kept) when there is none."""
    path = _path(store, snapshot_id, edges)
    try:
        return pl.read_parquet(path).with_columns(pl.col("bucket").cast(bucket_enum(edges)))
    except (OSError, pl.exceptions.PolarsError):
        pass
    computed = bucket_trend(store.amounts(snapshot_id, as_of), edges)
    if not store.read_only:
        _write(path, computed)
    return computed


def forget(store: Store, snapshot_ids: Sequence[int]) -> None:
    """Remove the kept trends of these snapshots (deleted or replaced), for every bucket edges."""
    for snapshot_id in snapshot_ids:
        for path in folder(store).glob(f"{int(snapshot_id)}-*.parquet"):
            path.unlink(missing_ok=True)


def _write(path: Path, frame: pl.DataFrame) -> None:
    """Write under a temporary name and rename, so that a reader never sees half a file; a failed
    write only costs computing it again next time."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.select("as_of", *ACCOUNT, "bucket", "open_cents").write_parquet(partial, **WRITE)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
