"""site/data/datapackage.json is a valid Frictionless Data Package that tells the truth."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from fixtures.mutate import read_csv
from fixtures.paths import DATA

import geo
from geo import schema


def _package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _errors(report) -> list[str]:
    return [f"{task.name}: {error.type}: {error.message}" for task in report.tasks
            for error in task.errors]


def test_frictionless_cli_validates_the_package(site_data):
    cli = Path(sys.executable).with_name("frictionless")
    if not cli.exists():
        pytest.skip(f"the frictionless command is not installed beside {sys.executable}")
    result = subprocess.run([str(cli), "validate", str(site_data / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]


def test_package_is_valid_and_covers_every_file(site_data):
    report = frictionless.validate(site_data / "datapackage.json")
    assert report.valid, _errors(report)
    package = _package(site_data)
    paths = sorted(r["path"] for r in package["resources"])
    assert paths == sorted(p.name for p in site_data.iterdir() if p.name != "datapackage.json")
    for resource in package["resources"]:
        content = (site_data / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        assert resource["bytes"] == len(content)


def test_every_csv_has_a_schema_matching_its_header(site_data):
    for resource in _package(site_data)["resources"]:
        if resource["format"] != "csv":
            continue
        header, _ = read_csv(site_data / resource["path"])
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["path"]
        assert all(f["type"] and f["description"] for f in resource["schema"]["fields"])


def test_schemas_carry_the_contract(site_data):
    schemas = {r["name"]: r["schema"] for r in _package(site_data)["resources"]
               if r["format"] == "csv"}
    events = {f["name"]: f for f in schemas["events"]["fields"]}
    assert events["event_type"]["constraints"]["enum"] == sorted(schema.EVENT_TYPES)
    assert events["claimant_side"]["constraints"]["enum"] == sorted(schema.SIDES)
    assert events["event_id"]["constraints"]["required"] is True
    crossings = {f["name"]: f for f in schemas["crossings"]["fields"]}
    assert crossings["latest_status"]["constraints"]["enum"] == sorted(schema.STATUSES)
    figures = {f["name"]: f for f in schemas["displacement"]["fields"]}
    assert figures["figure"]["type"] == "integer"
    assert figures["metric"]["constraints"]["enum"] == sorted(schema.METRICS)
    keys = {(k["fields"], k["reference"]["resource"], k["reference"]["fields"])
            for name in schemas for k in schemas[name].get("foreignKeys", [])}
    assert ("crossing_id", "crossings", "id") in keys
    assert ("event_id", "events", "event_id") in keys
    assert ("source_id", "sources", "source_id") in keys
    assert schemas["event-crossings"]["primaryKey"] == ["event_id", "crossing_id"]


def test_licences_sources_and_build_manifest(site_data):
    package = _package(site_data)
    assert {lic["name"] for lic in package["licenses"]} == {
        "CC-BY-4.0", "CC-BY-3.0-IGO", "other-pd", "MIT"}
    _, sources = read_csv(DATA / "sources.csv")
    titles = " ".join(s["title"] for s in package["sources"])
    assert all(s["title"] in titles for s in sources)
    build = package["build"]
    assert build["version"] == geo.__version__
    inputs = {i["path"]: i for i in build["inputs"]}
    expected = [schema.CROSSINGS_FILE, schema.EVENTS_FILE, schema.FIGURES_FILE,
                schema.SOURCES_FILE, *(f"boundaries/{p.name}" for p in
                                        sorted((DATA / "boundaries").glob("*.geojson")))]
    assert sorted(inputs) == sorted(expected)
    for name in expected:
        assert inputs[name]["sha256"] == hashlib.sha256((DATA / name).read_bytes()).hexdigest()


def test_a_broken_foreign_key_fails_validation(site_data, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(site_data, folder)
    events = (folder / "event_crossings.csv").read_text(encoding="utf-8")
    first = events.splitlines()[1].split(",")
    (folder / "event_crossings.csv").write_text(
        events.replace(f"{first[0]},{first[1]},", f"{first[0]},no-such-crossing,", 1),
        encoding="utf-8")
    package = _package(folder)
    for resource in package["resources"]:
        if resource["path"] == "event_crossings.csv":
            del resource["hash"], resource["bytes"]
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert {e.type for t in report.tasks for e in t.errors} == {"foreign-key"}


def test_filtered_package_is_valid(tmp_path):
    geo.export(DATA, tmp_path, ["csv"], "2021-02", "2021-03", ["saraqib"])
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, _errors(report)
    assert _package(tmp_path)["build"]["selection"]["crossings"] == ["saraqib"]
