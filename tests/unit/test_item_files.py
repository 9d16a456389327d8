"""lib/item_files.py: items written to Parquet come back equal; a constant column is not stored per row."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from lib.item_files import METADATA_KEY, constants, read_items, to_bytes, write_items

ROWS = 50_000
ITEMS = pl.DataFrame(
    {
        "customer_id": [f"C{i % 700:04d}" for i in range(ROWS)],
        "doc_date": [dt.date(2026, 1, 1) + dt.timedelta(days=i % 300) for i in range(ROWS)],
        "open_cents": list(range(ROWS)),
        "currency": ["EUR"] * ROWS,  # one value everywhere
        "due_estimated": [False] * ROWS,
        "notes": pl.Series([None] * ROWS, dtype=pl.String),  # empty everywhere
        "paid_on": pl.Series([None] * ROWS, dtype=pl.Date),
        "pec": [None, *(["a@pec.example.it"] * (ROWS - 1))],  # one value, but not on every row
        "source_row": [7] * ROWS,  # a repeated number is read as it is
    }
)


def test_constants_are_the_columns_with_one_value_on_every_row() -> None:
    assert constants(ITEMS) == {"currency": "EUR", "due_estimated": False, "notes": None, "paid_on": None}
    assert constants(ITEMS.head(0)) == {}


def test_items_come_back_equal_and_their_constants_take_no_room_per_row(tmp_path: Path) -> None:
    write_items(ITEMS, tmp_path / "items.parquet")
    back = read_items(tmp_path / "items.parquet")
    assert_frame_equal(back, ITEMS)
    assert pl.read_parquet_metadata(tmp_path / "items.parquet")[METADATA_KEY]
    per_row = ITEMS.select("currency", "notes").estimated_size()
    assert back.select("currency", "notes").estimated_size() < per_row / 100


def test_bytes_and_the_smallest_frames_come_back_equal() -> None:
    assert_frame_equal(read_items(to_bytes(ITEMS)), ITEMS)
    for frame in (ITEMS.head(1), ITEMS.head(0)):  # one row: every column constant
        assert_frame_equal(read_items(to_bytes(frame)), frame)


def test_a_file_written_without_the_list_is_read_whole() -> None:
    buffer = io.BytesIO()
    ITEMS.write_parquet(buffer)
    assert_frame_equal(read_items(buffer.getvalue()), ITEMS)
