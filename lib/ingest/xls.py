"""Where each sheet of a legacy .xls (BIFF8) starts: just enough of the OLE container and of the
BIFF records to find the first non-empty row, because calamine gives the cells, not their offset.

A sheet's grid from calamine begins at its first non-empty row; messages must name the row
Excel shows, so read.py adds this offset. Cells are the record types that hold a value
(blank formatted cells do not count, as in calamine).
"""

from __future__ import annotations

import struct

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_BOUNDSHEET, _BOF, _EOF = 0x0085, 0x0809, 0x000A
# LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA, BOOLERR, RSTRING: records that carry a value
_VALUE_RECORDS = {0x00FD, 0x0204, 0x0203, 0x027E, 0x00BD, 0x0006, 0x0205, 0x00D6}


def first_rows(data: bytes) -> list[int]:
    """Excel row number (1-based) of the first non-empty row of every sheet, in workbook order."""
    stream = _workbook_stream(data)
    starts = []
    position = 0
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        if kind == _BOUNDSHEET:
            starts.append(struct.unpack_from("<I", stream, position + 4)[0])
        position += 4 + size
    return [_sheet_first_row(stream, start) for start in starts]


def _sheet_first_row(stream: bytes, start: int) -> int:
    position, first = start, None
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        if kind == _EOF:
            break
        if kind in _VALUE_RECORDS and size >= 2:
            row = struct.unpack_from("<H", stream, position + 4)[0]
            first = row if first is None else min(first, row)
        position += 4 + size
    return (first or 0) + 1


def _workbook_stream(data: bytes) -> bytes:
    """The `Workbook` stream of an OLE compound file (the container of every .xls)."""
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_sector = 1 << struct.unpack_from("<H", data, 0x20)[0]
    (first_directory,) = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat = struct.unpack_from("<II", data, 0x38)
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)

    def read_sector(number: int) -> bytes:
        offset = (number + 1) * sector
        return data[offset : offset + sector]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END_OF_CHAIN)]
    next_difat = first_difat
    for _ in range(difat_count):
        entries = struct.unpack(f"<{sector // 4}I", read_sector(next_difat))
        fat_sectors += [s for s in entries[:-1] if s not in (_FREE, _END_OF_CHAIN)]
        next_difat = entries[-1]
    fat = [e for s in fat_sectors for e in struct.unpack(f"<{sector // 4}I", read_sector(s))]

    def chain(start: int, table: list[int]) -> list[int]:
        numbers: list[int] = []
        while start not in (_FREE, _END_OF_CHAIN) and start < len(table) and len(numbers) <= len(table):
            numbers.append(start)
            start = table[start]
        return numbers

    directory = b"".join(read_sector(s) for s in chain(first_directory, fat))
    streams: dict[str, tuple[int, int]] = {}
    for offset in range(0, len(directory) - 127, 128):
        name_size = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset : offset + max(0, name_size - 2)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", directory, offset + 116)
        streams[name] = (start, size)
    start, size = streams.get("Workbook") or streams["Book"]
    if size >= cutoff:
        return b"".join(read_sector(s) for s in chain(start, fat))[:size]
    # small streams live in the mini stream, itself a stream of the root entry
    root = next(iter(streams.values()))
    mini_stream = b"".join(read_sector(s) for s in chain(root[0], fat))
    minifat = [e for s in chain(first_minifat, fat) for e in struct.unpack(f"<{sector // 4}I", read_sector(s))]
    pieces = (mini_stream[n * mini_sector : (n + 1) * mini_sector] for n in chain(start, minifat))
    return b"".join(pieces)[:size]
