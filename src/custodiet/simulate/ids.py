"""Identifier formats, vectorised (Arrow) and scalar, kept in one place so they always agree."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from custodiet.simulate.writer import digits, lpad

I64 = npt.NDArray[np.int64]
_LETTERS = np.frombuffer(b"ABCDEFGHJKLMNOPRSTUVWXY", dtype=np.uint8)
_AGE_IDS = np.array([*range(2, 26), *range(51, 76)], dtype=np.int64)


def nominal_id(num: int) -> str:
    return f"N{num:07d}"


def nominal_ids(nums: I64) -> pa.Array:
    return digits(nums, 7, "N")


def occurrence_ref(force: str, num: int, yy: int) -> str:
    return f"{force}/{num:06d}/{yy:02d}"


def occurrence_refs(force: str, nums: I64, yy: npt.NDArray[np.integer]) -> pa.Array:
    return pc.binary_join_element_wise(
        pa.scalar(f"{force}/"), lpad(nums, 6), pa.scalar("/"), lpad(yy.astype(np.int64), 2), ""
    )


def custody_id(num: int) -> str:
    return f"CUS{num:07d}"


def custody_ids(nums: I64) -> pa.Array:
    return digits(nums, 7, "CUS")


def vrms(v: I64, space: bool = True) -> pa.Array:
    """UK-style registration marks (AB12 CDE) derived from integers."""
    k = len(_LETTERS)
    space_size = k**5 * len(_AGE_IDS)
    # a bijective scramble so that consecutive vehicle numbers look unrelated
    v = (v.astype(np.int64) % space_size * 1_000_003 + 7_919) % space_size
    n = len(v)
    out = np.empty((n, 8 if space else 7), dtype=np.uint8)
    out[:, 0] = _LETTERS[v % k]
    out[:, 1] = _LETTERS[(v // k) % k]
    age = _AGE_IDS[(v // (k * k)) % len(_AGE_IDS)]
    out[:, 2] = 48 + age // 10
    out[:, 3] = 48 + age % 10
    j = 4
    if space:
        out[:, 4] = 32
        j = 5
    rest = v // (k * k * len(_AGE_IDS))
    for i in range(3):
        out[:, j + i] = _LETTERS[(rest // (k**i)) % k]
    width = out.shape[1]
    return pc.cast(pa.array(out.reshape(-1).view(f"S{width}")), pa.string())
