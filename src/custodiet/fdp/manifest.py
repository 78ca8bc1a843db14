"""Reading and checking an FDP package's manifest.json."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from custodiet.fdp.schema import Table, table_for_file


class PackageRefused(Exception):
    """A package that cannot be imported at all; nothing of it is loaded."""

    def __init__(self, package: Path, message: str, *, file: str | None = None) -> None:
        self.package = package
        self.file = file
        where = f"{package}/{file}" if file else str(package)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ManifestFile:
    """One file listed in the manifest."""

    name: str
    rows: int
    sha256: str
    table: Table


@dataclass(frozen=True)
class Manifest:
    """A checked manifest."""

    package: Path
    force_code: str
    force_name: str | None
    timezone: str
    period_start: date | None
    period_end: date | None
    files: tuple[ManifestFile, ...]
    dst_overlap: str  # earliest | latest
    dst_gap: str  # shift_forward | reject
    raw_sha256: str


def _field(obj: dict[str, Any], key: str, package: Path) -> Any:
    if key not in obj:
        raise PackageRefused(package, f"manifest.json: missing field '{key}'", file="manifest.json")
    return obj[key]


def read_manifest(package: Path) -> Manifest:
    """Parse and check manifest.json; raise PackageRefused with the reason if it is wrong."""
    path = package / "manifest.json"
    if not package.is_dir():
        raise PackageRefused(package, "not a folder")
    if not path.exists():
        raise PackageRefused(package, "manifest.json is missing", file="manifest.json")
    raw = path.read_bytes()
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PackageRefused(
            package,
            f"manifest.json line {exc.lineno}: not valid JSON ({exc.msg})",
            file="manifest.json",
        ) from exc
    if not isinstance(doc, dict):
        raise PackageRefused(package, "manifest.json: must be a JSON object", file="manifest.json")
    version = _field(doc, "fdp_version", package)
    if version != 1:
        raise PackageRefused(
            package,
            f"manifest.json field 'fdp_version': unsupported version {version!r}",
            file="manifest.json",
        )
    force = _field(doc, "force", package)
    code = force.get("code") if isinstance(force, dict) else None
    if not isinstance(code, str) or not code.strip():
        raise PackageRefused(
            package, "manifest.json field 'force.code': missing", file="manifest.json"
        )
    tz = doc.get("timezone") or "Europe/London"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PackageRefused(
            package,
            f"manifest.json field 'timezone': unknown time zone {tz!r}",
            file="manifest.json",
        ) from exc
    period = doc.get("period") or {}
    try:
        start = date.fromisoformat(period["start"]) if period.get("start") else None
        end = date.fromisoformat(period["end"]) if period.get("end") else None
    except (TypeError, ValueError) as exc:
        raise PackageRefused(
            package, f"manifest.json field 'period': bad date ({exc})", file="manifest.json"
        ) from exc
    files_doc = _field(doc, "files", package)
    if not isinstance(files_doc, dict) or not files_doc:
        raise PackageRefused(package, "manifest.json field 'files': empty", file="manifest.json")
    files: list[ManifestFile] = []
    for name, meta in sorted(files_doc.items()):
        table = table_for_file(name)
        if table is None:
            raise PackageRefused(
                package,
                "listed in the manifest but not an FDP table (read other layouts with --mapping)",
                file=name,
            )
        if not isinstance(meta, dict) or "rows" not in meta or "sha256" not in meta:
            raise PackageRefused(
                package,
                f"manifest.json field 'files.{name}': needs 'rows' and 'sha256'",
                file="manifest.json",
            )
        files.append(
            ManifestFile(
                name=name, rows=int(meta["rows"]), sha256=str(meta["sha256"]).lower(), table=table
            )
        )
    names = {f.table.name for f in files}
    for required in ("staff", "access_events"):
        if required not in names:
            raise PackageRefused(
                package,
                f"manifest.json: required table '{required}' is not listed",
                file="manifest.json",
            )
    res = doc.get("dst") or {}
    return Manifest(
        package=package,
        force_code=code.strip(),
        force_name=force.get("name"),
        timezone=tz,
        period_start=start,
        period_end=end,
        files=tuple(files),
        dst_overlap=str(res.get("overlap", "earliest")),
        dst_gap=str(res.get("gap", "shift_forward")),
        raw_sha256=hashlib.sha256(raw).hexdigest(),
    )


def file_sha256(path: Path, *, chunk: int = 1 << 22) -> str:
    """SHA-256 of a file, streamed."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(
    package: Path,
    *,
    force_code: str,
    force_name: str,
    period_start: date,
    period_end: date,
    timezone: str = "Europe/London",
) -> Path:
    """Write manifest.json for the CSV files already in `package` (counts and hashes)."""
    import csv

    files: dict[str, dict[str, object]] = {}
    for path in sorted(package.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        files[path.name] = {"rows": max(rows, 0), "sha256": file_sha256(path)}
    doc = {
        "fdp_version": 1,
        "force": {"code": force_code, "name": force_name},
        "timezone": timezone,
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "files": files,
    }
    out = package / "manifest.json"
    out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return out
