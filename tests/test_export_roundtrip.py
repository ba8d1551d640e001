"""Exports fed back in as data/ give the same exports again, byte for byte."""

from __future__ import annotations

import json
import shutil

from fixtures.mutate import read_csv
from fixtures.paths import DATA

from geo import export, schema

# The exports that are valid input, and the input file each one replaces.
INPUT_COMPATIBLE = ["crossings.geojson", "events.csv", "displacement.csv", "sources.csv"]


def test_export_as_input_exports_the_same_bytes(site_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "boundaries", data / "boundaries")
    for name in INPUT_COMPATIBLE:
        shutil.copy(site_data / name, data / name)
    out = tmp_path / "again"
    export(data, out)
    names = sorted(p.name for p in site_data.iterdir())
    assert names == sorted(p.name for p in out.iterdir())
    for name in names:
        if name != "datapackage.json":
            assert (out / name).read_bytes() == (site_data / name).read_bytes(), name
    # The package differs only in the manifest of (different) input files.
    first = json.loads((site_data / "datapackage.json").read_text(encoding="utf-8"))
    second = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert first["build"]["inputs"] != second["build"]["inputs"]
    first["build"].pop("inputs"), second["build"].pop("inputs")
    assert first == second


def test_a_location_match_stays_a_location_match(tmp_path):
    # A real row with its named crossing removed: only its Saraqib town point ties it to a
    # crossing, so the atlas matches it by location.
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    events = (data / "events.csv").read_text(encoding="utf-8")
    row = "20210222-saraqib-crossing-opened,2021-02-22,day,saraqib,"
    assert row in events
    (data / "events.csv").write_text(events.replace(row, row.replace(",saraqib,", ",,")),
                                     encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    export(data, first, ["csv", "geojson"])
    _, rows = read_csv(first / "events.csv")
    moved = next(r for r in rows if r["event_id"] == "20210222-saraqib-crossing-opened")
    assert (moved["match"], moved["crossing_ids"], moved["matched_crossing_id"]) == \
        ("nearest", "", "saraqib")
    _, links = read_csv(first / "event_crossings.csv")
    assert {"event_id": moved["event_id"], "crossing_id": "saraqib", "match": "nearest"}.items() \
        <= next(r for r in links if r["event_id"] == moved["event_id"]).items()
    for name in INPUT_COMPATIBLE:
        shutil.copy(first / name, data / name)
    export(data, second, ["csv", "geojson"])
    for path in first.iterdir():
        if path.name != "datapackage.json":
            assert (second / path.name).read_bytes() == path.read_bytes(), path.name


def test_input_compatible_csvs_start_with_the_input_columns(site_data):
    for name, columns in (("events.csv", schema.EVENT_COLUMNS),
                          ("displacement.csv", schema.FIGURE_COLUMNS),
                          ("sources.csv", schema.SOURCE_COLUMNS)):
        header = (site_data / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header[:len(columns)] == columns, name
