"""Declarative mappings: a legacy export read through a mapping equals the FDP it came from."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from custodiet.cli import app
from custodiet.fdp.manifest import PackageRefused, file_sha256
from custodiet.fdp.schema import TABLES
from custodiet.ingest.mapping import MappingError, read_layout
from custodiet.ingest.service import import_package
from custodiet.lake.store import open_lake, quote
from custodiet.simulate import simulate_force
from tests.fixtures.legacy_export import EXAMPLE_MAPPING, write_legacy_export

MAPPED_TABLES = [t.name for t in TABLES]


@pytest.fixture(scope="module")
def fdp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small simulated force, with a staff name that needs more than ASCII."""
    out = tmp_path_factory.mktemp("fdp")
    package = simulate_force(out=out / "sim", staff=120, days=7, seed=5).package
    staff = package / "staff.csv"
    with staff.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("name")] = "Zoë Brontë-Núñez"
    with staff.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["staff.csv"]["sha256"] = file_sha256(staff)
    (package / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return package


def _table_rows(lake: Path, table: str) -> list[tuple[object, ...]]:
    with open_lake(lake) as con:
        cols = [
            r[0]
            for r in con.execute(f"DESCRIBE {table}").fetchall()
            if r[0] not in ("force", "attributes", "row_hash", "import_run")
        ]
        return con.execute(
            f"SELECT {', '.join(quote(c) for c in cols)} FROM {table} ORDER BY ALL"
        ).fetchall()


def test_legacy_export_through_the_mapping_loads_what_the_fdp_loads(
    fdp: Path, tmp_path: Path
) -> None:
    export = write_legacy_export(fdp, tmp_path / "export")
    layout = read_layout(EXAMPLE_MAPPING)
    direct = import_package(lake_path=tmp_path / "direct.duckdb", db_url=None, package=fdp)
    mapped = import_package(
        lake_path=tmp_path / "mapped.duckdb", db_url=None, package=export, layout=layout
    )
    assert sum(c.quarantined for c in direct.files.values()) == 0
    assert {n: c.quarantined for n, c in mapped.files.items() if c.quarantined} == {}
    assert sum(c.rows for c in mapped.files.values()) == sum(c.rows for c in direct.files.values())
    assert "pnc_audit.csv" in mapped.files and "AUDIT_RMS.txt" in mapped.files
    for table in MAPPED_TABLES:
        rows = _table_rows(tmp_path / "direct.duckdb", table)
        assert _table_rows(tmp_path / "mapped.duckdb", table) == rows, table
    with open_lake(tmp_path / "mapped.duckdb") as con:
        # A source column no rule reads is kept as an attribute, as in a native package.
        attrs = con.execute("SELECT attributes FROM staff LIMIT 1").fetchone()
        assert attrs is not None and "PAYROLL_NO" in json.loads(str(attrs[0]))
        names = {r[0] for r in con.execute("SELECT name FROM staff").fetchall()}
        assert "Zoë Brontë-Núñez" in names
        package = con.execute("SELECT force, manifest_sha256 FROM packages").fetchone()
        assert package == ("LG", layout.sha256)
    # The same export again changes nothing.
    again = import_package(
        lake_path=tmp_path / "mapped.duckdb", db_url=None, package=export, layout=layout
    )
    assert all(c.loaded == 0 and c.unchanged == c.rows for c in again.files.values())


def _rewrite_line(path: Path, line: int, old: str, new: str) -> str:
    """Replace `old` by `new` on physical line `line` (1-based) of a Latin-1 file."""
    lines = path.read_bytes().decode("latin-1").split("\r\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_bytes("\r\n".join(lines).encode("latin-1"))
    return lines[line - 1]


def test_bad_source_rows_are_quarantined_naming_source_file_line_field_and_rule(
    fdp: Path, tmp_path: Path
) -> None:
    export = write_legacy_export(fdp, tmp_path / "export")
    audit = export / "AUDIT_RMS.txt"
    lines = audit.read_bytes().decode("latin-1").split("\r\n")
    header, fields = lines[0].split("|"), lines[9].split("|")
    when = fields[header.index("WHEN")]
    _rewrite_line(audit, 10, when, "31/02/2026 10:00:00")
    fields = lines[19].split("|")
    _rewrite_line(audit, 20, f"|{fields[header.index('OP')]}|", "|Z|")
    result = import_package(
        lake_path=tmp_path / "lake.duckdb",
        db_url=None,
        package=export,
        layout=read_layout(EXAMPLE_MAPPING),
    )
    counts = result.files["AUDIT_RMS.txt"]
    assert counts.quarantined == 2
    assert counts.loaded + counts.quarantined == counts.rows
    with open_lake(tmp_path / "lake.duckdb") as con:
        rows = con.execute(
            "SELECT file, line, field, reason, raw FROM quarantine ORDER BY line"
        ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("AUDIT_RMS.txt", 10, "ts"),
        ("AUDIT_RMS.txt", 20, "action"),
    ]
    assert "bad timestamp '31/02/2026 10:00:00'" in rows[0][3]
    assert "[mapping: ts from WHEN (format %d/%m/%Y %H:%M:%S)]" in rows[0][3]
    assert "unknown code 'Z'" in rows[1][3] and "action from OP (code map)" in rows[1][3]
    # The quarantined row is shown as the force sent it.
    assert json.loads(rows[0][4])["WHEN"] == "31/02/2026 10:00:00"


def _mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = """[force]
code = "LG"
[tables.staff]
files = "staff.csv"
[tables.access_events]
files = "access_events*.csv"
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[force]\ncode = ", "not valid TOML"),
        ('[tables.staff]\nfiles = "x"', "[force] needs 'code'"),
        (BASE + '[tables.rosters]\nfiles = "r.csv"', "[tables.rosters] not an FDP table"),
        (
            BASE.replace('files = "staff.csv"', 'files = "staff.csv"\ncolumns = { nme = "N" }'),
            "[tables.staff.columns.nme] not a column of staff",
        ),
        (
            BASE.replace(
                'files = "staff.csv"',
                'files = "staff.csv"\ncolumns = { name = { from = "A", value = "B" } }',
            ),
            "needs exactly one of 'from', 'value' or 'template'",
        ),
        (
            BASE.replace(
                'files = "staff.csv"',
                'files = "staff.csv"\ncolumns = { name = { from = "A", format = "%d" } }',
            ),
            "'format' applies to times and dates, not to a text column",
        ),
        (
            BASE.replace(
                'files = "staff.csv"',
                'files = "staff.csv"\ncolumns = { sex = { from = "A", mapp = {} } }',
            ),
            "unknown option(s) mapp",
        ),
        (
            BASE.replace('[force]\ncode = "LG"', '[force]\ncode = "LG"\ntimezone = "Mars/Olympus"'),
            "unknown time zone 'Mars/Olympus'",
        ),
        (
            BASE.replace("[tables.access_events]\nfiles", "[tables.vetting]\nfiles"),
            "required table 'access_events' is not mapped",
        ),
        (BASE + '[csv]\nencoding = "ebcdic"', "'encoding' must be one of"),
    ],
)
def test_a_wrong_mapping_is_refused_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(MappingError) as err:
        read_layout(_mapping(tmp_path, text))
    assert message in str(err.value)
    assert "m.toml" in str(err.value)


def test_export_that_does_not_fit_the_mapping_is_refused_and_nothing_loaded(
    fdp: Path, tmp_path: Path
) -> None:
    export = write_legacy_export(fdp, tmp_path / "export")
    layout = read_layout(EXAMPLE_MAPPING)
    (export / "CUSTODY.txt").unlink()
    with pytest.raises(PackageRefused, match=r"\[tables.custody\]: no file matches 'CUSTODY.txt'"):
        import_package(lake_path=tmp_path / "a.duckdb", db_url=None, package=export, layout=layout)
    export = write_legacy_export(fdp, tmp_path / "export2")
    text = (export / "ROSTER.txt").read_text(encoding="latin-1")
    (export / "ROSTER.txt").write_text(
        text.replace("OFF_DUTY", "OFF_DUTY_AT", 1), encoding="latin-1"
    )
    with pytest.raises(PackageRefused) as err:
        import_package(lake_path=tmp_path / "b.duckdb", db_url=None, package=export, layout=layout)
    assert "ROSTER.txt: line 1: header lacks column 'OFF_DUTY'" in str(err.value)
    assert "shifts.end" in str(err.value)
    with open_lake(tmp_path / "b.duckdb") as con:
        assert con.execute("SELECT count(*) FROM staff").fetchone() == (0,)


def test_cli_imports_an_export_with_a_mapping(fdp: Path, tmp_path: Path) -> None:
    export = write_legacy_export(fdp, tmp_path / "export")
    runner = CliRunner()
    home = ["--home", str(tmp_path / "home")]
    done = runner.invoke(
        app, [*home, "import", str(export), "--mapping", str(EXAMPLE_MAPPING), "--json"]
    )
    assert done.exit_code == 0, done.output
    result = json.loads(done.output.strip().splitlines()[-1])
    assert result["force"] == "LG"
    assert result["files"]["HR_USERS.txt"]["loaded"] == 120
    bad = _mapping(tmp_path, BASE + '[tables.rosters]\nfiles = "r.csv"')
    refused = runner.invoke(app, [*home, "import", str(export), "--mapping", str(bad)])
    assert refused.exit_code == 2
    assert "not an FDP table" in refused.output
