"""The Arabic twins (`…_ar`): every bundled text has its Arabic; `check` refuses a gap, naming
file, row and column; `build` publishes an English-only row and says which; an Arabic text
without its English, or without Arabic letters, is refused by both."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from fixtures.mutate import copy_data, read_csv, read_rows, run_cli, set_cell, write_rows
from fixtures.paths import DATA

from geo import schema

ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
NEW_EVENT = "20210326-editor-adds-english-only"


def _rows(name: str) -> list[dict]:
    if name == schema.CROSSINGS_FILE:
        features = json.loads((DATA / name).read_text(encoding="utf-8"))["features"]
        return [f["properties"] for f in features]
    return read_csv(DATA / name)[1]


@pytest.mark.parametrize("name", sorted(schema.ARABIC_TWINS))
def test_every_bundled_text_has_its_arabic(name):
    rows = _rows(name)
    assert rows
    for row in rows:
        for english, arabic in schema.ARABIC_TWINS[name].items():
            if row.get(english):
                assert ARABIC_LETTER.search(row.get(arabic) or ""), \
                    f"{name} {row[schema.ROW_IDS[name]]}: {arabic} is missing"


def test_the_bundled_data_passes_the_gate(atlas):
    assert atlas.untranslated == []


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def test_check_names_file_row_and_column_of_a_missing_translation(data):
    event_id = set_cell(data / "events.csv", 3, "summary_ar", "")
    code, out, err = run_cli(["check", "--data", str(data)])
    assert code == 1 and out == ""
    assert err.strip() == (
        f"Error: events.csv row 3 (event_id '{event_id}'): summary_ar is empty but summary is "
        "filled: the text has no Arabic. Fix: add the Arabic translation of summary in "
        "summary_ar (data/README.md, 'Arabic text')")


def test_check_reports_a_missing_crossing_translation(data):
    path = data / "crossings.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    del collection["features"][1]["properties"]["location_source_ar"]
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli(["check", "--data", str(data)])
    assert code == 1
    assert err.startswith("Error: crossings.geojson feature 2 (id 'abu-al-duhur'): "
                          "location_source_ar is empty but location_source is filled")


def _add_english_only_event(data: Path) -> None:
    rows = read_rows(data / "events.csv")
    head = rows[0]
    row = dict.fromkeys(head, "")
    row.update(event_id=NEW_EVENT, date="2021-03-25", date_precision="day",
               crossing_ids="saraqib", place="Saraqib", event_type="statement",
               claimant="An editor's test claimant", claimant_side="media",
               summary="A claim added in English only.", source_id="newarab-2021-03-25")
    rows.append([row[c] for c in head])
    write_rows(data / "events.csv", rows)


def test_build_publishes_an_english_only_row_and_says_which(data, tmp_path):
    _add_english_only_event(data)
    code, _, err = run_cli(["check", "--data", str(data)])
    assert code == 1
    assert [line.split(": ", 1)[1].split(" is empty")[0] for line in err.splitlines()[1:]] == \
        ["place_ar", "claimant_ar", "summary_ar"]
    code, out, err = run_cli(["build", "--data", str(data), "--out", str(tmp_path / "site")])
    assert code == 0, err
    assert (f"1 row(s) have text in English only, with no Arabic yet (events.csv {NEW_EVENT}): "
            "the page shows their English, marked as English") in out
    exported = read_csv(tmp_path / "site" / "data" / "events.csv")[1]
    row = next(r for r in exported if r["event_id"] == NEW_EVENT)
    assert row["summary"] == "A claim added in English only." and row["summary_ar"] == ""
    code, out, err = run_cli(["export", "--data", str(data), "--format", "csv", "--out",
                              str(tmp_path / "exports")])
    assert code == 0, err
    assert f"(events.csv {NEW_EVENT})" in out


def test_a_file_without_its_arabic_columns_still_builds(data, tmp_path):
    rows = read_rows(data / "sources.csv")
    keep = [i for i, c in enumerate(rows[0]) if not c.endswith("_ar")]
    write_rows(data / "sources.csv", [[r[i] for i in keep] for r in rows])
    code, out, err = run_cli(["build", "--data", str(data), "--out", str(tmp_path / "site")])
    assert code == 0, err
    ids = ", ".join(r["source_id"] for r in read_csv(DATA / "sources.csv")[1])
    assert "6 row(s) have text in English only" in out
    assert ids.replace(", ", "; sources.csv ") in out


@pytest.mark.parametrize("file, column, value, message", [
    ("displacement.csv", "note", "", "note_ar is filled but note is empty; the English is the "
     "reference the Arabic translates. Fix: fill in note, or empty note_ar"),
    ("events.csv", "summary_ar", "The corridor was open.", "summary_ar 'The corridor was "
     "open.' has no Arabic letter. Fix: write the Arabic translation of summary there, or "
     "leave it empty"),
])
def test_arabic_without_english_or_without_arabic_is_refused_by_build_too(data, tmp_path, file,
                                                                          column, value,
                                                                          message):
    set_cell(data / file, 2, column, value)
    code, _, err = run_cli(["build", "--data", str(data), "--out", str(tmp_path / "site")])
    assert code == 1
    assert err.strip() == f"Error: {file} row 2: {message}"
    assert not (tmp_path / "site").exists()


# Each export layer, with the input file whose Arabic columns it carries.
EXPORTED = {"crossings": schema.CROSSINGS_FILE, "events": schema.EVENTS_FILE,
            "displacement": schema.FIGURES_FILE, "sources": schema.SOURCES_FILE}


def _twins(layer: str) -> list[str]:
    return list(schema.ARABIC_TWINS[EXPORTED[layer]].values())


def _by_id(rows: list[dict], layer: str) -> dict[str, dict]:
    key = schema.ROW_IDS[EXPORTED[layer]]
    return {row[key]: row for row in rows}


@pytest.mark.parametrize("layer", sorted(EXPORTED))
def test_every_format_carries_the_arabic_as_the_data_has_it(site_data, layer):
    wanted = _by_id(_rows(EXPORTED[layer]), layer)
    tables = {"csv": read_csv(site_data / f"{layer}.csv")[1],
              "gpkg": pyogrio.read_dataframe(site_data / "atlas.gpkg", layer=layer,
                                             read_geometry=False).to_dict("records")}
    if layer != "sources":
        tables["parquet"] = gpd.read_parquet(site_data / f"{layer}.parquet").to_dict("records")
        features = json.loads((site_data / f"{layer}.geojson").read_text(encoding="utf-8"))
        tables["geojson"] = [f["properties"] for f in features["features"]]
    for fmt, rows in tables.items():
        got = _by_id(rows, layer)
        assert set(got) == set(wanted), fmt
        for row_id, row in wanted.items():
            for column in _twins(layer):
                assert (got[row_id][column] or "") == (row.get(column) or ""), \
                    (fmt, row_id, column)


def test_the_crossings_geojson_nests_the_arabic_too(site_data):
    events = _by_id(_rows(schema.EVENTS_FILE), "events")
    features = json.loads((site_data / "crossings.geojson").read_text(encoding="utf-8"))
    nested = 0
    for feature in features["features"]:
        for entry in feature["properties"]["timeline"]:
            for column in ("claimant_ar", "summary_ar", "note_ar"):
                assert (entry[column] or "") == events[entry["event_id"]][column]
            nested += 1
        for step in feature["properties"]["status_history"]:
            assert step["claimant_ar"] == events[step["event_id"]]["claimant_ar"]
    assert nested


def test_hxl_twins_and_table_schemas_describe_the_arabic(site_data):
    package = json.loads((site_data / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["path"]: r["schema"] for r in package["resources"] if "schema" in r}
    for layer in ("crossings", "events", "displacement"):
        header, rows = read_csv(site_data / f"{layer}_hxl.csv")
        tags = dict(zip(header, [rows[0][h] for h in header], strict=True))
        for arabic in _twins(layer):
            english = arabic.removesuffix("_ar")
            assert tags[arabic] == tags[english] + "+i_ar", arabic
    for layer in EXPORTED:
        for path in (f"{layer}.csv", f"{layer}_hxl.csv"):
            if path not in schemas:
                continue
            described = {f["name"]: f for f in schemas[path]["fields"]}
            for arabic in _twins(layer):
                assert "Arabic" in described[arabic]["description"], (path, arabic)
                assert ARABIC_LETTER.search(described[arabic]["example"]), (path, arabic)
