"""A snapshot's items as a Parquet file, and back.

A column with one value on every row (one sheet, no notes, one currency: most exports) is named
in the file's metadata with its value, and read back as a constant: polars keeps a constant
column as that one value, where a text column read from the file costs 16 bytes a row (153 MB at
10M documents, bench/README.md). A file without the metadata (saved before it was written) is
read whole.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO, Any

import polars as pl

METADATA_KEY = "sollecito.constant_columns"


def constants(items: pl.DataFrame) -> dict[str, Any]:
    """The columns of `items` with one value on every row, and that value: empty on every row
    (any type), or the same text or flag (what a text column repeats; a number costs no more
    per row than its constant would save)."""
    if items.is_empty():
        return {}
    kinds = (pl.String(), pl.Boolean())
    summary = items.select(
        pl.all().null_count().name.prefix("nulls:"),
        pl.col(kinds).min().name.prefix("min:"),
        pl.col(kinds).max().name.prefix("max:"),
    ).row(0, named=True)
    found: dict[str, Any] = {}
    for name in items.columns:
        nulls, low = summary[f"nulls:{name}"], summary.get(f"min:{name}")
        if nulls == items.height:
            found[name] = None
        elif nulls == 0 and low is not None and low == summary[f"max:{name}"]:
            found[name] = low
    return found


def write_items(items: pl.DataFrame, target: Path | IO[bytes]) -> None:
    """`items` as Parquet, their constant columns named in the file's metadata."""
    items.write_parquet(target, metadata={METADATA_KEY: json.dumps(constants(items))})


def to_bytes(items: pl.DataFrame) -> bytes:
    """`write_items` into bytes (the image a team database keeps)."""
    buffer = io.BytesIO()
    write_items(items, buffer)
    return buffer.getvalue()


def read_items(source: Path | bytes) -> pl.DataFrame:
    """The items of a Parquet file, a column `write_items` found constant set as that constant."""
    listed = pl.read_parquet_metadata(source).get(METADATA_KEY)
    fixed: dict[str, Any] = json.loads(listed) if listed else {}
    schema = pl.read_parquet_schema(source)
    # at least one column is read: it gives the number of rows
    read = [name for name in schema if name not in fixed] or list(schema)[:1]
    frame = pl.read_parquet(io.BytesIO(source) if isinstance(source, bytes) else source, columns=read)
    set_ = [
        pl.lit(value, schema[name]).alias(name) for name, value in fixed.items() if name in schema and name not in read
    ]
    return frame.with_columns(set_).select(list(schema)) if set_ else frame
