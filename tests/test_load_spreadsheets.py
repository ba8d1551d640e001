"""What spreadsheets and GIS tools really write is read, normalised, and noted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from fixtures.mutate import (
    copy_data,
    read_rows,
    run_cli,
    set_cell,
    write_rows,
)

from geo import check


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    return copy_data(tmp_path / "data")


def notes_of(data: Path) -> list[str]:
    """The `Note:` lines of a clean `check`, which must succeed."""
    code, out, err = run_cli(["check", "--data", str(data)])
    assert (code, err) == (0, ""), err
    return [line.removeprefix("Note: ") for line in out.splitlines() if line.startswith("Note")]


def test_bom_and_crlf_as_excel_saves_csv_utf8(data):
    path = data / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert notes_of(data) == ["events.csv: ignored a UTF-8 byte-order mark",
                              "events.csv: read Windows (CRLF) line endings"]
    assert check(data).events["event_id"].iloc[0] == "20190822-souran-corridor-announced"


def test_thousands_separators_are_removed(data):
    set_cell(data / "displacement.csv", 2, "figure", "350,000")
    set_cell(data / "displacement.csv", 3, "figure", "1,000,000")
    assert notes_of(data) == ["displacement.csv: removed thousands separators from 2 figure(s)"]
    assert list(check(data).figures["figure"][:2]) == [350_000, 1_000_000]


def test_trailing_blank_rows_are_skipped(data):
    path = data / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8") + ",,,,,,\n\n , ,,,,,\n", encoding="utf-8")
    assert notes_of(data) == ["sources.csv: skipped 3 blank row(s)"]
    assert len(check(data).sources) == len(read_rows(data / "sources.csv")) - 4


def test_surrounding_spaces_are_trimmed(data):
    set_cell(data / "events.csv", 2, "crossing_ids", "  souran ")
    set_cell(data / "events.csv", 2, "date", " 2019-08-22")
    assert notes_of(data) == ["events.csv: trimmed spaces around 2 cell(s)"]
    event = check(data).events.iloc[0]
    assert (event["crossing_ids"], str(event["when"])) == (["souran"], "2019-08-22")


def test_unknown_columns_are_counted_not_silently_dropped(data):
    rows = read_rows(data / "sources.csv")
    write_rows(data / "sources.csv", [row + ["x"] for row in rows])
    rows = read_rows(data / "sources.csv")
    rows[0][-1] = "checked_by"
    write_rows(data / "sources.csv", rows)
    assert notes_of(data) == [
        "sources.csv: ignored column(s) not in the data contract ['checked_by']"]


@pytest.mark.parametrize("name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326",
                                  "urn:ogc:def:crs:EPSG::4326"])
def test_legacy_wgs84_crs_member_is_accepted(data, name):
    path = data / "crossings.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["crs"] = {"type": "name", "properties": {"name": name}}
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert notes_of(data) == [f"crossings.geojson: ignored a legacy 'crs' member naming "
                              f"{name!r} (WGS84)"]


def test_fifteen_digit_coordinates_are_kept_and_noted(data):
    path = data / "crossings.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"][0]["geometry"]["coordinates"] = [36.750351234567891, 35.292571234567]
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert notes_of(data) == ["crossings.geojson: 2 coordinate(s) carry more than 7 decimals "
                              "(finer than 1 cm); kept as given, the exports round them"]
    point = check(data).crossings.geometry.iloc[0]
    assert (point.x, point.y) == (36.750351234567891, 35.292571234567)


def test_clockwise_rings_in_a_boundary_layer_are_rewound(tmp_path):
    data = copy_data(tmp_path / "data", boundaries=True)
    path = data / "boundaries" / "admin1.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    for feature in layer["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        feature["geometry"] = shapely.geometry.mapping(shapely.orient_polygons(
            shape, exterior_cw=True))
    path.write_text(json.dumps(layer), encoding="utf-8")
    rings = sum(len(shapely.get_parts(shapely.geometry.shape(f["geometry"])))
                for f in layer["features"])
    assert notes_of(data) == [f"boundaries/admin1.geojson: rewound {rings} clockwise outer "
                              "ring(s) anticlockwise"]
    assert shapely.is_ccw(shapely.get_exterior_ring(shapely.get_parts(
        check(data).boundaries.admin1.geometry.values))).all()
