"""Every rule file is valid and its regression fixture matches exactly what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from custodiet.detect.engine import DetectionEngine
from custodiet.detect.rules import RULES_DIR, RuleError, load_rule, load_rules
from custodiet.ingest.service import import_package
from custodiet.lake.engines import open_engine
from tests.fixtures.packages import write_small_package

RULES = load_rules()


@pytest.fixture(scope="module")
def small_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rules")
    package = write_small_package(root / "pkg")
    import_package(lake_path=root / "lake.duckdb", db_url=None, package=package)
    return root / "lake.duckdb"


def test_rule_files_have_the_required_fields() -> None:
    assert len(RULES) >= 15
    for rule in RULES.values():
        assert rule.id and rule.title and rule.description and rule.severity
        assert rule.false_positives, f"{rule.id} lists no known false positives"
        assert rule.fixture.get("package") == "small", f"{rule.id} has no regression fixture"


def test_a_rule_file_without_a_kind_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "Z1"\nname = "z"\ntitle = "t"\nstatus = "stable"\nseverity = "low"\ndescription = "d"\n'
    )
    with pytest.raises(RuleError, match="missing field 'kind'"):
        load_rule(bad)


@pytest.mark.parametrize("name", sorted(RULES), ids=lambda n: f"{RULES[n].id}-{n}")
def test_rule_fixture(name: str, small_lake: Path, tmp_path: Path) -> None:
    rule = RULES[name]
    lake = small_lake
    # A fixture may add rows to any table of the small package: extra_events to the audit
    # trail, extra_rows.TABLE to another table.
    extra = {"access_events": rule.fixture.get("extra_events", [])}
    extra.update(rule.fixture.get("extra_rows", {}))
    if any(extra.values()):
        from tests.fixtures.packages import SMALL

        tables = {
            table: [list(r) for r in SMALL[f"{table}.csv"]] + [list(e) for e in rows]
            for table, rows in extra.items()
        }
        package = write_small_package(tmp_path / "pkg", **tables)
        lake = tmp_path / "lake.duckdb"
        import_package(lake_path=lake, db_url=None, package=package)
    rules = load_rules(RULES_DIR)
    from dataclasses import replace

    if not rules[name].enabled:  # a disabled rule's fixture still checks its logic
        rules[name] = replace(rules[name], status="experimental")
    # A fixture may set parameters for the small force (a share of its handful of staff).
    if rule.fixture.get("parameters"):
        params = {**rules[name].parameters, **rule.fixture["parameters"]}
        rules[name] = replace(rules[name], parameters=params)
    with open_engine("duckdb", lake) as db:
        engine = DetectionEngine(db, rules)
        engine.run()
        matched = engine.matched_events(name)
    expected = set(rule.fixture.get("explains", rule.fixture.get("matches", [])))
    assert expected <= matched, f"{rule.id} should match {sorted(expected - matched)}"
    assert not (set(rule.fixture.get("does_not_explain", [])) & matched)
    if rule.kind == "signal":
        # Signals only see what no strong explanation covers: E1/E2 were tasked work.
        assert not ({"E1", "E2"} & matched), f"{rule.id} fired on explained work"


def test_disabling_a_rule_removes_its_explanations(small_lake: Path) -> None:
    rules = load_rules()
    from dataclasses import replace

    rules["tasked_on_occurrence"] = replace(rules["tasked_on_occurrence"], status="disabled")
    with open_engine("duckdb", small_lake) as db:
        engine = DetectionEngine(db, rules)
        result = engine.run()
        assert engine.matched_events("tasked_on_occurrence") == set()
    assert "tasked_on_occurrence" not in result.summary["explained_by_rule"]


@pytest.mark.parametrize("name", ["address_after", "caseload"])
def test_a_disabled_signal_matches_nothing_though_its_table_is_built(
    name: str, tmp_path: Path
) -> None:
    from dataclasses import replace

    from tests.fixtures.packages import SMALL

    fixture = RULES[name].fixture
    tables = {"access_events": [list(r) for r in SMALL["access_events.csv"]]}
    tables["access_events"] += [list(e) for e in fixture.get("extra_events", [])]
    for table, rows in fixture.get("extra_rows", {}).items():
        tables[table] = [list(r) for r in SMALL[f"{table}.csv"]] + [list(r) for r in rows]
    package = write_small_package(tmp_path / "pkg", **tables)
    import_package(lake_path=tmp_path / "lake.duckdb", db_url=None, package=package)
    for enabled in (True, False):
        rules = load_rules()
        if not enabled:
            rules[name] = replace(rules[name], status="disabled")
        with open_engine("duckdb", tmp_path / "lake.duckdb") as db:
            engine = DetectionEngine(db, rules)
            engine.run()
            matched = engine.matched_events(name)
        assert bool(matched) is enabled, (name, enabled, matched)
