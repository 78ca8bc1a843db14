"""Fast CSV output: columns are built as Arrow string arrays and joined into lines in C++."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from custodiet.simulate.roster import DAY

Col: TypeAlias = pa.Array | pa.ChunkedArray | npt.NDArray[Any] | Sequence[str | None]
NEEDS_QUOTE = r'[,"\r\n]'


def as_str(col: Col) -> pa.Array:
    """Any column (Arrow, numpy, list) as an Arrow string array."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if isinstance(col, pa.Array):
        arr = col
    elif isinstance(col, np.ndarray) and col.dtype.kind in "iuf":
        arr = pa.array(col)
    else:
        arr = pa.array(col, type=pa.string())
    if arr.type != pa.string():
        arr = pc.cast(arr, pa.string())
    return arr


def escape(arr: pa.Array) -> pa.Array:
    """RFC 4180 quoting for values that need it."""
    if len(arr) == 0:
        return arr
    needs = pc.match_substring_regex(arr, NEEDS_QUOTE)
    if not pc.any(needs).as_py():
        return arr
    quoted = pc.binary_join_element_wise(
        pa.scalar('"'), pc.replace_substring(arr, '"', '""'), pa.scalar('"'), ""
    )
    return pc.if_else(needs, quoted, arr)


def with_nulls(arr: pa.Array, null_mask: npt.NDArray[np.bool_]) -> pa.Array:
    if not null_mask.any():
        return arr
    return pc.if_else(pa.array(null_mask), pa.scalar(None, pa.string()), arr)


def fixed_width(mat: npt.NDArray[np.uint8]) -> pa.Array:
    """An (n x w) byte matrix of ASCII as an Arrow string array, without per-row work."""
    n, width = mat.shape
    offsets = np.arange(0, (n + 1) * width, width, dtype=np.int64)
    if offsets[-1] < 2**31:
        offsets = offsets.astype(np.int32)
        typ = pa.string()
    else:
        typ = pa.large_string()
    data = np.ascontiguousarray(mat).reshape(-1)
    arr = pa.Array.from_buffers(typ, n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    return arr if typ == pa.string() else pc.cast(arr, pa.string())


def digits(nums: npt.NDArray[np.integer[Any]], width: int, prefix: str = "") -> pa.Array:
    """Zero-padded numbers with a prefix (numbers must fit in `width` digits)."""
    p = prefix.encode()
    if len(nums) and (int(np.max(nums)) >= 10**width or int(np.min(nums)) < 0):
        return lpad(np.asarray(nums), width, prefix)
    out = np.empty((len(nums), len(p) + width), dtype=np.uint8)
    if p:
        out[:, : len(p)] = np.frombuffer(p, dtype=np.uint8)
    v = np.asarray(nums, dtype=np.int64).copy()
    for i in range(width - 1, -1, -1):
        out[:, len(p) + i] = 48 + v % 10
        v //= 10
    return fixed_width(out)


def lpad(nums: npt.NDArray[np.integer[Any]], width: int, prefix: str = "") -> pa.Array:
    s = pc.utf8_lpad(pc.cast(pa.array(nums), pa.string()), width, padding="0")
    if prefix:
        s = pc.binary_join_element_wise(pa.scalar(prefix), s, "")
    return s


class TableWriter:
    """Streams one CSV file, counting data rows and hashing the bytes written."""

    def __init__(self, path: Path, header: Sequence[str], *, escape_all: bool = True) -> None:
        self.path = path
        self.header = list(header)
        self.rows = 0
        self.escape_all = escape_all
        self._sha = hashlib.sha256()
        self._fh = path.open("wb")
        self._emit((",".join(self.header) + "\n").encode())

    def _emit(self, data: bytes | memoryview) -> None:
        self._sha.update(data)
        self._fh.write(data)

    def write(self, columns: dict[str, Col], *, safe: Sequence[str] = ()) -> None:
        """Write rows; `columns` must cover the header. Columns in `safe` are not escaped."""
        arrays = []
        n = -1
        for name in self.header:
            arr = as_str(columns[name])
            if self.escape_all and name not in safe:
                arr = escape(arr)
            if n < 0:
                n = len(arr)
            elif len(arr) != n:
                raise ValueError(f"column {name} has {len(arr)} rows, expected {n}")
            arrays.append(arr)
        if n <= 0:
            return
        line = pc.binary_join_element_wise(
            *arrays, ",", null_handling="replace", null_replacement=""
        )
        line = pc.binary_join_element_wise(line, pa.scalar("\n"), "")
        if isinstance(line, pa.ChunkedArray):
            line = line.combine_chunks()
        width = np.int64 if line.type == pa.large_string() else np.int32
        offsets: npt.NDArray[Any] = np.frombuffer(line.buffers()[1], dtype=width)[line.offset :]
        data = line.buffers()[2]
        assert data is not None
        self._emit(memoryview(data)[int(offsets[0]) : int(offsets[len(line)])])
        self.rows += n

    def close(self) -> tuple[int, str]:
        self._fh.close()
        return self.rows, self._sha.hexdigest()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._fh.close()


def _last_sunday(year: int, month: int) -> dt.date:
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


class Clock:
    """Formats seconds-from-period-start (local wall clock, Europe/London) as ISO 8601."""

    def __init__(self, start: dt.date, days: int) -> None:
        self.start = start
        self.lo = -3
        self.hi = days + 30
        base = np.datetime64(start, "D")
        dates = np.datetime_as_string(base + np.arange(self.lo, self.hi), unit="D")
        self.day_str = pa.array([f"{d}T" for d in dates])
        self.date_str = pa.array([str(d) for d in dates])
        self.day_bytes = np.frombuffer(
            "".join(f"{d}T" for d in dates).encode(), dtype=np.uint8
        ).reshape(-1, 11)
        sec = np.arange(DAY)
        hms = np.empty((DAY, 8), dtype=np.uint8)
        for j, v in ((0, sec // 3600), (3, sec // 60 % 60), (6, sec % 60)):
            hms[:, j] = 48 + v // 10
            hms[:, j + 1] = 48 + v % 10
        hms[:, 2] = hms[:, 5] = ord(":")
        self.hms_bytes = hms
        # DST: [gap_start, gap_end) does not exist locally; BST runs from gap_end to bst_end.
        self.gaps: list[tuple[int, int, int]] = []
        for year in range(start.year, (start + dt.timedelta(days=days + 4)).year + 1):
            spring = (_last_sunday(year, 3) - start).days * DAY
            autumn = (_last_sunday(year, 10) - start).days * DAY
            self.gaps.append((spring + 3600, spring + 7200, autumn + 7200))

    def utc_offset(self, t: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        off = np.zeros(len(t), dtype=np.int64)
        for _g0, g1, b1 in self.gaps:
            # the autumn overlap 01:00-02:00 reads as the earliest (BST) instant
            off[(t >= g1) & (t < b1)] = 3600
        return off

    def _fmt(self, t: npt.NDArray[np.int64], zulu: bool) -> pa.Array:
        d, sod = np.divmod(t, DAY)
        if len(t) and (d.min() < self.lo or d.max() >= self.hi):
            raise ValueError("timestamp outside the clock's range")
        out = np.empty((len(t), 20 if zulu else 19), dtype=np.uint8)
        out[:, :11] = self.day_bytes[d - self.lo]
        out[:, 11:19] = self.hms_bytes[sod]
        if zulu:
            out[:, 19] = ord("Z")
        return fixed_width(out)

    def local(self, t: npt.NDArray[np.int64]) -> pa.Array:
        """Local time without offset, as the force's systems log it (gap times move forward)."""
        t = t.copy()
        for g0, g1, _ in self.gaps:
            t[(t >= g0) & (t < g1)] += 3600
        return self._fmt(t, zulu=False)

    def utc(self, t: npt.NDArray[np.int64]) -> pa.Array:
        """Exact UTC instant with a Z."""
        return self._fmt(t - self.utc_offset(t), zulu=True)

    def date(self, t: npt.NDArray[np.int64]) -> pa.Array:
        d = np.clip(t // DAY - self.lo, 0, self.hi - self.lo - 1)
        return self.date_str.take(pa.array(d))


def dates(start: dt.date, day_idx: npt.NDArray[np.integer[Any]]) -> pa.Array:
    """Day indices relative to `start` (any range) as YYYY-MM-DD."""
    base = np.datetime64(start, "D")
    return pa.array(np.datetime_as_string(base + day_idx.astype("timedelta64[D]"), unit="D"))


def local_ts(start: dt.date, secs: npt.NDArray[np.int64]) -> pa.Array:
    """Seconds relative to `start` midnight (any range) as local ISO timestamps."""
    base = np.datetime64(start, "s")
    return pa.array(np.datetime_as_string(base + secs.astype("timedelta64[s]"), unit="s"))
