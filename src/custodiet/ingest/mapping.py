"""Declarative mappings: a force's own export layout read as FDP tables, without code.

A mapping is a TOML file that says, for each FDP table, which of the export's files feed it,
how those files are delimited and encoded, and where each FDP column comes from (a source
column, a constant, a template, a code translation, a time format, a list separator).
The importer stages each source file as text, turns it into the FDP columns with one SQL
SELECT built from the mapping, and then validates, quarantines and merges exactly as for a
native package, so a bad source row is quarantined with the source file, its line, the FDP
field and the source column it came from. Rules are applied row by row: every source row
becomes one row of its table, and nothing is filtered away.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from custodiet.fdp.manifest import Manifest, ManifestFile, PackageRefused, file_sha256
from custodiet.fdp.schema import TABLES_BY_NAME, Kind, Table
from custodiet.lake.store import quote, sql_str

if TYPE_CHECKING:
    from _csv import Reader

ENCODINGS = ("utf-8", "utf-16", "latin-1")
CASES = ("upper", "lower")
RULE_KEYS = {"from", "value", "template", "map", "default", "format", "split", "case"}
TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the key."""

    def __init__(self, path: Path, key: str, message: str) -> None:
        self.path = path
        self.key = key
        super().__init__(f"{path}: [{key}] {message}" if key else f"{path}: {message}")


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file is written: the FDP's own (comma, double quote, UTF-8) or an export's."""

    delimiter: str = ","
    quote: str = '"'
    encoding: str = "utf-8"

    @contextmanager
    def reader(self, path: Path) -> Iterator[Reader]:
        """Python's csv reader over the file (header first), for counting and locating records.

        Decoding errors are replaced, not raised: DuckDB's own staging reports a badly
        encoded row.
        """
        encoding = "utf-8-sig" if self.encoding == "utf-8" else self.encoding
        with path.open(newline="", encoding=encoding, errors="replace") as handle:
            yield csv.reader(handle, delimiter=self.delimiter, quotechar=self.quote)


FDP_DIALECT = CsvDialect()


@dataclass(frozen=True)
class ColumnRule:
    """Where one FDP column's text comes from, and how it is translated."""

    target: str
    source: str | None = None
    value: str | None = None
    template: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    formats: tuple[str, ...] = ()
    split: str | None = None
    case: str | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        """The source columns this rule reads."""
        if self.source is not None:
            return (self.source,)
        if self.template is not None:
            return tuple(dict.fromkeys(TEMPLATE_FIELD.findall(self.template)))
        return ()

    def describe(self) -> str:
        """A short account of the rule for quarantine reasons, e.g. 'ts from AUD_DATE'."""
        if self.source is not None:
            origin = f"from {self.source}"
        elif self.template is not None:
            origin = f"from template {self.template!r}"
        else:
            origin = f"constant {self.value!r}"
        if self.formats:
            origin += " (format " + " or ".join(self.formats) + ")"
        if self.values:
            origin += " (code map)"
        return f"{self.target} {origin}"


@dataclass(frozen=True)
class TableMapping:
    """How one FDP table is read from the export's files."""

    table: Table
    files: str  # a glob inside the export folder
    dialect: CsvDialect = FDP_DIALECT
    rules: tuple[ColumnRule, ...] = ()


@dataclass(frozen=True)
class Layout:
    """A whole mapping file: the force, its time zone and period, and its tables."""

    path: Path
    name: str
    force_code: str
    force_name: str | None
    timezone: str
    period_start: date | None
    period_end: date | None
    tables: tuple[TableMapping, ...]
    sha256: str


def _text(value: Any, path: Path, key: str) -> str:
    if not isinstance(value, str):
        raise MappingError(path, key, f"expected text, got {type(value).__name__} {value!r}")
    return value


def _rule(target: str, spec: Any, table: Table, path: Path, key: str) -> ColumnRule:
    """Read one column rule: a source column name, or a table of options."""
    if isinstance(spec, str):
        return ColumnRule(target=target, source=spec)
    if not isinstance(spec, dict):
        raise MappingError(path, key, "expected a source column name or a table of options")
    unknown = sorted(set(spec) - RULE_KEYS)
    if unknown:
        raise MappingError(
            path,
            key,
            f"unknown option(s) {', '.join(unknown)} (allowed: {', '.join(sorted(RULE_KEYS))})",
        )
    origins = [k for k in ("from", "value", "template") if k in spec]
    if len(origins) != 1:
        raise MappingError(path, key, "needs exactly one of 'from', 'value' or 'template'")
    kind = table.column(target).kind
    values = spec.get("map", {})
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise MappingError(path, key, "'map' must be a table of source value = FDP value")
    formats_raw = spec.get("format", [])
    formats = (formats_raw,) if isinstance(formats_raw, str) else tuple(formats_raw)
    if formats and kind not in (Kind.TIMESTAMP, Kind.DATE):
        raise MappingError(
            path, key, f"'format' applies to times and dates, not to a {kind} column"
        )
    if formats and len({"%z" in f for f in formats}) > 1:
        raise MappingError(path, key, "formats must all have a UTC offset (%z) or none")
    split = spec.get("split")
    if split is not None and kind is not Kind.CODE_LIST:
        raise MappingError(path, key, f"'split' applies to list columns, not to a {kind} column")
    case = spec.get("case")
    if case is not None and case not in CASES:
        raise MappingError(path, key, f"'case' must be one of {', '.join(CASES)}")
    template = spec.get("template")
    if template is not None and not TEMPLATE_FIELD.search(_text(template, path, key)):
        raise MappingError(
            path, key, "a template names source columns in braces, e.g. '{FORENAME} {SURNAME}'"
        )
    return ColumnRule(
        target=target,
        source=_text(spec["from"], path, key) if "from" in spec else None,
        value=_text(spec["value"], path, key) if "value" in spec else None,
        template=template,
        values={str(k): v for k, v in values.items()},
        default=_text(spec["default"], path, key) if "default" in spec else None,
        formats=tuple(_text(f, path, key) for f in formats),
        split=_text(split, path, key) if split is not None else None,
        case=case,
    )


def _table_mapping(name: str, spec: Any, defaults: dict[str, Any], path: Path) -> TableMapping:
    key = f"tables.{name}"
    table = TABLES_BY_NAME.get(name)
    if table is None:
        raise MappingError(
            path, key, f"not an FDP table (tables: {', '.join(sorted(TABLES_BY_NAME))})"
        )
    if not isinstance(spec, dict) or "files" not in spec:
        raise MappingError(path, key, "needs 'files', the export file(s) that feed this table")
    options = {**defaults, **{k: v for k, v in spec.items() if k != "columns"}}
    delimiter = _text(options.get("delimiter", ","), path, key)
    quote_char = _text(options.get("quote", '"'), path, key)
    if len(delimiter) != 1 or len(quote_char) != 1:
        raise MappingError(path, key, "'delimiter' and 'quote' are single characters")
    encoding = _text(options.get("encoding", "utf-8"), path, key).lower()
    if encoding not in ENCODINGS:
        raise MappingError(path, key, f"'encoding' must be one of {', '.join(ENCODINGS)}")
    columns = spec.get("columns", {})
    if not isinstance(columns, dict):
        raise MappingError(path, f"{key}.columns", "expected a table of FDP column = rule")
    rules: list[ColumnRule] = []
    for target, rule_spec in columns.items():
        if target not in table.column_names:
            raise MappingError(
                path,
                f"{key}.columns.{target}",
                f"not a column of {name} (columns: {', '.join(table.column_names)})",
            )
        rules.append(_rule(target, rule_spec, table, path, f"{key}.columns.{target}"))
    return TableMapping(
        table=table,
        files=_text(spec["files"], path, key),
        dialect=CsvDialect(delimiter=delimiter, quote=quote_char, encoding=encoding),
        rules=tuple(rules),
    )


def read_layout(path: Path) -> Layout:
    """Parse and check a mapping file; raise MappingError naming the key that is wrong."""
    raw = path.read_bytes()
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(path, "", f"not valid TOML ({exc})") from exc
    force = doc.get("force")
    if (
        not isinstance(force, dict)
        or not isinstance(force.get("code"), str)
        or not force["code"].strip()
    ):
        raise MappingError(path, "force", "needs 'code', the force's code")
    timezone = _text(force.get("timezone", "Europe/London"), path, "force")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise MappingError(path, "force", f"unknown time zone {timezone!r}") from exc
    try:
        start = date.fromisoformat(force["period_start"]) if force.get("period_start") else None
        end = date.fromisoformat(force["period_end"]) if force.get("period_end") else None
    except (TypeError, ValueError) as exc:
        raise MappingError(path, "force", f"bad period date ({exc})") from exc
    defaults = doc.get("csv", {})
    if not isinstance(defaults, dict):
        raise MappingError(path, "csv", "expected a table of delimiter, quote, encoding")
    tables_doc = doc.get("tables")
    if not isinstance(tables_doc, dict) or not tables_doc:
        raise MappingError(path, "tables", "no tables are mapped")
    # A table may be fed by several layouts (each system's audit trail is often its own):
    # [[tables.access_events]] then gives one entry per layout.
    tables = tuple(
        _table_mapping(name, one, defaults, path)
        for name, spec in tables_doc.items()
        for one in (spec if isinstance(spec, list) else [spec])
    )
    for required in ("staff", "access_events"):
        if required not in tables_doc:
            raise MappingError(path, "tables", f"the required table '{required}' is not mapped")
    return Layout(
        path=path,
        name=str(doc.get("name") or path.stem),
        force_code=force["code"].strip(),
        force_name=force.get("name"),
        timezone=timezone,
        period_start=start,
        period_end=end,
        tables=tables,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def count_records(path: Path, mapping: TableMapping) -> int:
    """CSV records after the header, counted by Python's reader independently of DuckDB."""
    with mapping.dialect.reader(path) as records:
        next(records, None)
        return sum(1 for fields in records if fields)


@dataclass(frozen=True)
class MappedPackage:
    """An export folder read through a layout: a manifest the importer can follow."""

    manifest: Manifest
    by_file: dict[tuple[str, str], TableMapping]  # (file name, table name) -> mapping

    def mapping_for(self, item: ManifestFile) -> TableMapping | None:
        """The table mapping an item of the manifest is read with."""
        return self.by_file.get((item.name, item.table.name))


def mapped_manifest(folder: Path, layout: Layout) -> MappedPackage:
    """The manifest of an export folder read through `layout`: files, counts and hashes."""
    if not folder.is_dir():
        raise PackageRefused(folder, "not a folder")
    files: list[ManifestFile] = []
    by_file: dict[tuple[str, str], TableMapping] = {}
    for mapping in layout.tables:
        matched = sorted(p for p in folder.glob(mapping.files) if p.is_file())
        if not matched:
            raise PackageRefused(
                folder,
                f"mapping {layout.path.name} [tables.{mapping.table.name}]: no file matches "
                f"{mapping.files!r}",
            )
        for source in matched:
            name = source.relative_to(folder).as_posix()
            if (name, mapping.table.name) in by_file:
                raise PackageRefused(
                    folder,
                    f"mapping {layout.path.name}: two layouts of {mapping.table.name} both match "
                    "this file; make their 'files' patterns distinct",
                    file=name,
                )
            files.append(
                ManifestFile(
                    name=name,
                    rows=count_records(source, mapping),
                    sha256=file_sha256(source),
                    table=mapping.table,
                )
            )
            by_file[(name, mapping.table.name)] = mapping
    manifest = Manifest(
        package=folder,
        force_code=layout.force_code,
        force_name=layout.force_name,
        timezone=layout.timezone,
        period_start=layout.period_start,
        period_end=layout.period_end,
        files=tuple(files),
        dst_overlap="earliest",
        dst_gap="shift_forward",
        raw_sha256=layout.sha256,
    )
    return MappedPackage(manifest=manifest, by_file=by_file)


def _source_column(header: list[str], wanted: str) -> str | None:
    """The header name a rule means: exact, else the same name ignoring case and spaces."""
    if wanted in header:
        return wanted
    folded = [h for h in header if h.strip().lower() == wanted.strip().lower()]
    return folded[0] if len(folded) == 1 else None


def _translate(expr: str, rule: ColumnRule) -> str:
    """SQL translating one value through the rule's code map (unmapped: default or as is)."""
    if not rule.values:
        return expr
    whens = " ".join(
        f"WHEN {sql_str(k)} THEN {sql_str(v) if v != '' else 'NULL'}"
        for k, v in rule.values.items()
    )
    otherwise = (
        expr if rule.default is None else (sql_str(rule.default) if rule.default else "NULL")
    )
    return f"CASE trim({expr}) {whens} ELSE {otherwise} END"


TIME_DIRECTIVES = ("%H", "%I", "%M", "%S", "%f", "%p", "%T", "%R", "%X", "%c", "%z")


def rule_sql(rule: ColumnRule, kind: Kind, columns: dict[str, str]) -> str:
    """SQL giving the FDP column's text from the staged source row `src`.

    A value the rule cannot translate (an unmapped code, a time in another format) is passed
    on as it was, so that validation quarantines the row naming the field and the value.
    """
    if rule.source is not None:
        expr = f"src.{quote(columns[rule.source])}"
    elif rule.template is not None:
        parts: list[str] = []
        last = 0
        for found in TEMPLATE_FIELD.finditer(rule.template):
            if found.start() > last:
                parts.append(sql_str(rule.template[last : found.start()]))
            parts.append(f"coalesce(src.{quote(columns[found.group(1)])}, '')")
            last = found.end()
        if last < len(rule.template):
            parts.append(sql_str(rule.template[last:]))
        expr = f"NULLIF(trim(concat({', '.join(parts)})), '')"
    else:
        expr = sql_str(rule.value or "")
    if rule.case is not None:
        expr = f"{rule.case}({expr})"
    if rule.split is not None:
        items = f"list_transform(string_split({expr}, {sql_str(rule.split)}), lambda x: {_translate('trim(x)', rule)})"
        expr = f"array_to_string(list_filter({items}, lambda x: x IS NOT NULL AND x <> ''), ';')"
    else:
        expr = _translate(expr, rule)
    if rule.formats:
        fmts = "[" + ", ".join(sql_str(f) for f in rule.formats) + "]"
        parsed = f"try_strptime(trim({expr}), {fmts})"
        if kind is Kind.DATE or not any(d in f for f in rule.formats for d in TIME_DIRECTIVES):
            # a time column given dates only stays a bare date: validation knows what a date
            # means there (midnight at a start, the whole day at a period's end)
            shown = f"strftime({parsed}, '%Y-%m-%d')"
        elif "%z" in rule.formats[0]:
            shown = f"strftime(timezone('UTC', {parsed}), '%Y-%m-%dT%H:%M:%S.%fZ')"
        else:
            shown = f"strftime({parsed}, '%Y-%m-%dT%H:%M:%S.%f')"
        expr = f"coalesce({shown}, {expr})"
    return expr


def mapped_select(mapping: TableMapping, header: list[str], *, folder: Path, file: str) -> str:
    """SELECT over the staged source `src` giving the FDP columns, then the unused columns.

    Source columns no rule reads are kept (as attributes, like any unknown column); one whose
    name is an FDP column that a rule fills is renamed `source_<name>` so it cannot collide.
    """
    columns: dict[str, str] = {}
    for rule in mapping.rules:
        for wanted in rule.reads:
            found = _source_column(header, wanted)
            if found is None:
                raise PackageRefused(
                    folder,
                    f"line 1: header lacks column {wanted!r}, which the mapping reads for "
                    f"{mapping.table.name}.{rule.target}",
                    file=file,
                )
            columns[wanted] = found
    ruled = {r.target for r in mapping.rules}
    unruled = set(mapping.table.column_names) - ruled
    used = set(columns.values())
    selects = [
        f"{rule_sql(r, mapping.table.column(r.target).kind, columns)} AS {quote(r.target)}"
        for r in mapping.rules
    ]
    taken = set(ruled)
    for name in header:
        norm = name.strip().lower()
        if norm in unruled:
            # Already in the FDP's own name: the importer reads it as that column.
            taken.add(norm)
            selects.append(f"src.{quote(name)}")
            continue
        if name in used:
            continue
        alias = f"source_{name}" if norm in taken else name
        taken.add(alias.strip().lower())
        selects.append(f"src.{quote(name)} AS {quote(alias)}")
    return f"SELECT {', '.join(selects)} FROM src ORDER BY src.rowid"
