"""Typing and validation of a staged CSV, written as one vectorised DuckDB query.

Each FDP column becomes a typed expression and an error expression; the row's reason is
the list of its column errors, so a quarantined row names every field that was wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from custodiet.fdp.schema import Column, Kind, Table
from custodiet.lake.store import quote, sql_str

TIME_WITH_ZONE = r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)$"
YES = ("yes", "y", "true", "1")
MAX_HOURS = 2_000_000
NO = ("no", "n", "false", "0")


def sql_list(values: tuple[str, ...]) -> str:
    """A SQL list literal of strings."""
    return "[" + ", ".join(sql_str(v) for v in values) + "]"


@dataclass(frozen=True)
class TimePolicy:
    """How local times without an offset become UTC."""

    timezone: str
    dst_overlap: str = "earliest"
    dst_gap: str = "shift_forward"


def local_to_utc(local: str, policy: TimePolicy) -> str:
    """SQL turning a local TIMESTAMP expression into a UTC TIMESTAMP, resolving DST."""
    tz = sql_str(policy.timezone)
    # ICU resolves the autumn overlap to the later instant and shifts spring-gap times forward.
    icu = f"timezone('UTC', timezone({tz}, {local}))"
    if policy.dst_overlap == "earliest":
        earlier = f"({icu} - INTERVAL 1 HOUR)"
        icu = (
            f"CASE WHEN timezone({tz}, timezone('UTC', {earlier})) = {local} "
            f"THEN {earlier} ELSE {icu} END"
        )
    return icu


def in_dst_gap(local: str, policy: TimePolicy) -> str:
    """SQL true when a local time does not exist (spring-forward gap)."""
    tz = sql_str(policy.timezone)
    return f"(timezone({tz}, timezone('UTC', timezone({tz}, {local}))) <> {local})"


DATE_ONLY = r"\d{4}-\d{2}-\d{2}"


def local_timestamp(col: Column) -> str:
    """SQL casting a column of `stg` to a local TIMESTAMP (NULL if it is not one).

    A bare date in a period's end column means the whole of that day: the next midnight.
    """
    raw = f"NULLIF(trim(stg.{quote(col.name)}), '')"
    if not col.period_end:
        return f"try_cast({raw} AS TIMESTAMP)"
    return (
        f"CASE WHEN regexp_full_match({raw}, {sql_str(DATE_ONLY)}) "
        f"THEN CAST(try_cast({raw} AS DATE) + INTERVAL 1 DAY AS TIMESTAMP) "
        f"ELSE try_cast({raw} AS TIMESTAMP) END"
    )


def typed_and_error(
    col: Column, policy: TimePolicy, offset_alias: str | None = None
) -> tuple[str, str]:
    """(typed expression, error-message expression or NULL) for one column of `stg`.

    With `offset_alias`, local times take their UTC offset from a joined `tz_hours` row
    (one time-zone computation per distinct hour instead of three per row).
    """
    raw = f"NULLIF(trim(stg.{quote(col.name)}), '')"
    label = sql_str(f"{col.name}: ")
    shown = f"'''' || {raw} || ''''"
    missing = f"CASE WHEN {raw} IS NULL THEN {label} || 'missing required field' END"
    kind = col.kind
    if kind is Kind.TEXT:
        typed = raw
        error = missing if col.required else "NULL"
        return typed, error
    if kind is Kind.TIMESTAMP:
        local = local_timestamp(col)
        to_utc = f"{local} + {offset_alias}.off" if offset_alias else local_to_utc(local, policy)
        typed = (
            f"CASE WHEN regexp_matches({raw}, {sql_str(TIME_WITH_ZONE)}) "
            f"THEN timezone('UTC', try_cast({raw} AS TIMESTAMPTZ)) "
            f"ELSE {to_utc} END"
        )
        bad = f"{label} || 'bad timestamp ' || {shown}"
        gap = ""
        if policy.dst_gap == "reject":
            gap = (
                f"WHEN NOT regexp_matches({raw}, {sql_str(TIME_WITH_ZONE)}) "
                f"AND {in_dst_gap(local, policy)} "
                f"THEN {label} || 'local time does not exist (DST gap) ' || {shown} "
            )
        error = f"CASE WHEN {raw} IS NOT NULL AND ({typed}) IS NULL THEN {bad} {gap}END"
    elif kind is Kind.DATE:
        typed = f"try_cast({raw} AS DATE)"
        error = f"CASE WHEN {raw} IS NOT NULL AND {typed} IS NULL THEN {label} || 'bad date ' || {shown} END"
    elif kind is Kind.INTEGER:
        typed = f"try_cast({raw} AS BIGINT)"
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND {typed} IS NULL "
            f"THEN {label} || 'not a whole number ' || {shown} END"
        )
    elif kind is Kind.CODE:
        lowered = [c.lower() for c in col.codes]
        whens = " ".join(
            f"WHEN {sql_str(lc)} THEN {sql_str(c)}"
            for lc, c in zip(lowered, col.codes, strict=True)
        )
        typed = f"CASE lower({raw}) {whens} END"
        allowed = sql_str(", ".join(col.codes))
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND ({typed}) IS NULL "
            f"THEN {label} || 'unknown code ' || {shown} || ' (allowed: ' || {allowed} || ')' END"
        )
    elif kind is Kind.CODE_LIST:
        items = f"list_filter(list_transform(string_split({raw}, ';'), lambda x: trim(x)), lambda x: x <> '')"
        typed = f"CASE WHEN {raw} IS NULL THEN NULL ELSE list_sort(list_distinct({items})) END"
        unknown = f"list_filter({items}, lambda x: NOT list_contains({sql_list(col.codes)}, x))"
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND len({unknown}) > 0 "
            f"THEN {label} || 'unknown code(s) ' || array_to_string({unknown}, ';') END"
        )
    elif kind is Kind.YES_NO:
        typed = (
            f"CASE WHEN lower({raw}) IN {tuple(YES)} THEN true "
            f"WHEN lower({raw}) IN {tuple(NO)} THEN false END"
        )
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND ({typed}) IS NULL "
            f"THEN {label} || 'expected yes or no, got ' || {shown} END"
        )
    else:  # pragma: no cover - every Kind is handled above
        raise AssertionError(kind)
    if col.required:
        error = f"coalesce({missing}, {error})"
    return typed, error


def hour_offsets_sql(table: Table, policy: TimePolicy) -> str | None:
    """CREATE the `tz_hours` table: UTC offset of every local hour the file's times fall in.

    The offset is taken at the middle of the hour, which resolves the spring gap (shift
    forward) and the autumn overlap (earliest or latest) the same way as per row for zones
    whose changes fall on the hour, as the UK's do.
    """
    casts = [local_timestamp(c) for c in table.columns if c.kind is Kind.TIMESTAMP]
    if not casts:
        return None
    # One pass for the range (cheaper than DISTINCT), then every hour in it; a range of
    # more than MAX_HOURS (a typo'd year) falls back to per-row conversion.
    lo = "least(" + ", ".join(f"min({c})" for c in casts) + ")"
    hi = "greatest(" + ", ".join(f"max({c})" for c in casts) + ")"
    mid = "(h + INTERVAL 30 MINUTE)"
    return (
        f"CREATE OR REPLACE TEMP TABLE tz_hours AS "
        f"WITH span AS (SELECT {lo} AS lo, {hi} AS hi FROM stg) "
        f"SELECT h, {local_to_utc(mid, policy)} - {mid} AS off "
        f"FROM (SELECT unnest(generate_series(date_trunc('hour', lo), date_trunc('hour', hi), "
        f"INTERVAL 1 HOUR)) AS h FROM span WHERE date_diff('hour', lo, hi) <= {MAX_HOURS})"
    )


def validation_select(
    table: Table,
    extra_columns: list[str],
    policy: TimePolicy,
    rowid_base: int = 0,
    *,
    hour_offsets: bool = False,
) -> str:
    """SELECT over `stg` giving typed columns, attributes JSON, the reason and the record no."""
    typed_cols: list[str] = []
    errors: list[str] = []
    joins: list[str] = []
    for i, col in enumerate(table.columns):
        alias = None
        if hour_offsets and col.kind is Kind.TIMESTAMP:
            alias = f"tz_{i}"
            joins.append(
                f"LEFT JOIN tz_hours {alias} ON {alias}.h = date_trunc('hour', "
                f"{local_timestamp(col)})"
            )
        typed, error = typed_and_error(col, policy, alias)
        typed_cols.append(f"{typed} AS {quote(col.name)}")
        errors.append(error)
    if extra_columns:
        pairs = ", ".join(f"{sql_str(c)}, stg.{quote(c)}" for c in extra_columns)
        attributes = f"json_object({pairs})::VARCHAR"
    else:
        attributes = "NULL::VARCHAR"
    reason = f"NULLIF(concat_ws('; ', {', '.join(errors)}), '')"
    return (
        f"SELECT stg.rowid - {rowid_base} AS _rec, {', '.join(typed_cols)}, {attributes} AS attributes, "
        f"{reason} AS _reason FROM stg {' '.join(joins)}"
    )


def row_hash_expr(table: Table) -> str:
    """Hash of a typed row's content (declared columns and attributes)."""
    cols = ", ".join(quote(c) for c in table.column_names)
    return f"hash({cols}, attributes)"


def key_expr(table: Table, alias: str = "") -> str:
    """A readable key string for change records, e.g. 'SYS1|E0001'."""
    prefix = f"{alias}." if alias else ""
    parts = ", ".join(f"coalesce({prefix}{quote(k)}::VARCHAR, '')" for k in table.key)
    return f"concat_ws('|', {parts})"
