"""One test per kind of bad input: the exact problem an editor is shown, and its fix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fixtures.mutate import (
    copy_data,
    read_rows,
    run_cli,
    set_cell,
    write_rows,
)

from geo import check
from geo.errors import DataError

FIRST_EVENT = "20190822-souran-corridor-announced"


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    """A fresh copy of the bundled data to break."""
    return copy_data(tmp_path / "data")


def only_error(data: Path) -> str:
    """The single `Error:` line `check` prints, after asserting exit code 1."""
    code, out, err = run_cli(["check", "--data", str(data)])
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def edit_gazetteer(data: Path, edit) -> None:
    path = data / "crossings.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    edit(collection)
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def test_unknown_crossing_suggests_the_nearest_alias(data):
    set_cell(data / "events.csv", 2, "crossing_ids", "Abu Zuhur")
    assert only_error(data) == (
        "Error: events.csv row 2: crossing 'Abu Zuhur' is not in the gazetteer; did you mean "
        "'Abu al-Duhur'? Fix: use a crossing id or alias from crossings.geojson, or add it "
        "there (with its aliases) first")


def test_unknown_crossing_with_nothing_close(data):
    set_cell(data / "events.csv", 3, "crossing_ids", "Kafr Nubl")
    with pytest.raises(DataError, match=r"events.csv row 3: crossing 'Kafr Nubl' is not in the "
                       r"gazetteer; expected a crossing id or alias"):
        check(data)


@pytest.mark.parametrize(("value", "reason"), [
    ("2020-02-30", "day is out of range for month; expected a real date"),
    ("2020-13-01", "month must be in 1..12; expected a real date"),
    ("22/08/2019", "expected YYYY-MM-DD, YYYY-MM or YYYY"),
])
def test_impossible_or_malformed_date(data, value, reason):
    set_cell(data / "events.csv", 2, "date", value)
    assert only_error(data) == (
        f"Error: events.csv row 2: date {value!r} is not a date: {reason}. Fix: write it as "
        "2020-01-13, or 2020-01 if only the month is known")


def test_date_in_the_future(data):
    set_cell(data / "displacement.csv", 2, "as_of", "2999-01-01")
    with pytest.raises(DataError, match=r"displacement.csv row 2: as_of '2999-01-01' is in the "
                       r"future\. Fix: check the year"):
        check(data)


def test_negative_figure(data):
    set_cell(data / "displacement.csv", 2, "figure", "-350000")
    assert only_error(data) == (
        "Error: displacement.csv row 2: figure '-350000' is negative; expected a count of "
        "people, 0 or more. Fix: drop the minus sign, or the row if the count is unknown")


@pytest.mark.parametrize("value", ["about 350k", "350.5", "1_000", "nan", "350.000,5"])
def test_figure_not_a_whole_number(data, value):
    set_cell(data / "displacement.csv", 2, "figure", value)
    assert only_error(data) == (
        f"Error: displacement.csv row 2: figure {value!r} is not a whole number of people. "
        "Fix: write digits only, e.g. 350000")


def test_duplicate_event_id(data):
    set_cell(data / "events.csv", 3, "event_id", FIRST_EVENT)
    # The second row answered the first by id; that answer still resolves.
    assert only_error(data) == (
        f"Error: events.csv row 3: duplicate event_id {FIRST_EVENT!r} (first used in row 2). "
        "Fix: give each row its own event_id")


def test_duplicate_crossing_id(data):
    def clone_first(collection):
        twin = json.loads(json.dumps(collection["features"][0]))
        twin["properties"]["aliases"] = []
        twin["properties"]["name"] = "Souran twin"
        collection["features"].append(twin)

    edit_gazetteer(data, clone_first)
    count = len(json.loads((data / "crossings.geojson").read_text())["features"])
    with pytest.raises(DataError, match=rf"crossings.geojson feature {count} \(id 'souran'\): "
                       r"duplicate id 'souran' \(first used by feature 1\)\. Fix: give each "
                       r"crossing its own id"):
        check(data)


def test_missing_required_column(data):
    rows = read_rows(data / "events.csv")
    column = rows[0].index("event_type")
    write_rows(data / "events.csv", [r[:column] + r[column + 1:] for r in rows])
    with pytest.raises(DataError, match=r"events.csv row 1: missing required column\(s\) "
                       r"\['event_type'\]; found \['event_id'.*\. Fix: add the column\(s\)"):
        check(data)


def test_unknown_source_id(data):
    set_cell(data / "events.csv", 2, "source_id", "sana-2019-08-22")
    assert only_error(data).startswith(
        "Error: events.csv row 2: source_id 'sana-2019-08-22' is not in sources.csv. "
        "Fix: add it to sources.csv or use one of ['almonitor-2020-01', ")


def test_crossing_with_lon_lat_swapped(data):
    edit_gazetteer(data, lambda c: c["features"][0]["geometry"].update(
        coordinates=[35.29257, 36.75035]))
    with pytest.raises(DataError, match=r"crossings.geojson feature 1 \(id 'souran'\): point "
                       r"\(35.29257, 36.75035\) lies \d+ km outside Syria \(swapping longitude "
                       r"and latitude would put it inside Syria\); expected a point in Syria or "
                       r"within 5 km of its border\. Fix: GeoJSON order is \[longitude, "
                       r"latitude\]"):
        check(data)


def test_crossing_far_outside_syria(data):
    edit_gazetteer(data, lambda c: c["features"][0]["geometry"].update(
        coordinates=[2.35, 48.85]))
    with pytest.raises(DataError, match=r"point \(2.35, 48.85\) lies \d+ km outside Syria; "):
        check(data)


def test_crossing_on_the_border_is_allowed(data):
    # Bab al-Hawa gate, on the Syria-Turkey line: within the border tolerance.
    def move(collection):
        feature = collection["features"][0]
        feature["geometry"]["coordinates"] = [36.6617, 36.2217]
        for level in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
            feature["properties"][level] = ""  # Souran's codes would not fit the new place
    edit_gazetteer(data, move)
    assert len(check(data).crossings) == 7


def test_event_point_outside_the_region_with_swap_hint(data):
    set_cell(data / "events.csv", 2, "lat", "45.0")
    set_cell(data / "events.csv", 2, "lon", "36.0")
    assert only_error(data) == (
        "Error: events.csv row 2: point lat 45.0 lon 36.0 lies outside Syria and its "
        "neighbours; swapping lat and lon would put it in the region. Fix: check the "
        "coordinates and their order")


def test_crossing_geometry_not_a_point(data):
    edit_gazetteer(data, lambda c: c["features"][1].update(geometry={
        "type": "LineString", "coordinates": [[36.9, 35.6], [36.95, 35.65]]}))
    assert only_error(data) == (
        "Error: crossings.geojson feature 2 (id 'abu-al-duhur'): geometry is a 'LineString', "
        "not a Point. Fix: a crossing is one Point: [longitude, latitude]")


@pytest.mark.parametrize(("name", "content"), [
    ("events.csv", b"\n \n"), ("sources.csv", b""), ("displacement.csv", b"\xef\xbb\xbf\r\n"),
    ("crossings.geojson", b"  ")])
def test_empty_file(data, name, content):
    (data / name).write_bytes(content)
    assert only_error(data) == (
        f"Error: {name}: the file is empty. Fix: restore its header row and data (see "
        "docs/data.md)")


def test_missing_file(data):
    (data / "sources.csv").unlink()
    assert only_error(data) == (
        f"Error: sources.csv: file not found in {data}. Fix: create sources.csv or point "
        "--data at the right folder")


def test_arabic_windows_encoding_is_named(data):
    path = data / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Idlib province", "إدلب")
                     .encode("cp1256", errors="replace"))
    assert re.fullmatch(r"Error: events.csv byte \d+: is not UTF-8 text; it looks like "
                        r"Windows-1256 \(Arabic\)\. Fix: save the file as 'CSV UTF-8' \(or "
                        r"GeoJSON in UTF-8\)", only_error(data))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_is_named(data, encoding):
    path = data / "sources.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    assert "it looks like UTF-16" in only_error(data)


def test_ragged_row(data):
    rows = read_rows(data / "sources.csv")
    rows[2].append("stray")
    write_rows(data / "sources.csv", rows)
    # Only the ragged row is reported: the events citing that source are not blamed for it.
    assert only_error(data) == (
        "Error: sources.csv row 3: has 8 cells but the header has 7 (first cell "
        "'mem-2019-08-23'). Fix: quote any value that contains a comma, and remove stray cells")


def test_duplicate_headers(data):
    rows = read_rows(data / "sources.csv")
    rows[0][rows[0].index("language")] = "url"
    write_rows(data / "sources.csv", rows)
    assert only_error(data) == (
        "Error: sources.csv row 1: duplicate column header(s) ['url']. Fix: keep one column "
        "of each name")


def test_invalid_json_gives_line_and_column(data):
    path = data / "crossings.geojson"
    text = json.dumps(json.loads(path.read_text(encoding="utf-8")), indent=1)
    path.write_text(text.replace('"kind"', '"kind" "', 1), encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), start=1) if '"kind"' in s)
    assert re.fullmatch(rf"Error: crossings.geojson line {line} column \d+: is not valid JSON "
                        r"\(.+\)\. Fix: fix the syntax there; a JSON linter shows it",
                        only_error(data))


def test_crs_other_than_wgs84_is_rejected(data):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    edit_gazetteer(data, lambda c: c.update(crs=crs))
    assert only_error(data) == (
        f"Error: crossings.geojson crs: declares the coordinate system {crs!r}; expected "
        "WGS84 longitude/latitude (RFC 7946). Fix: reproject it to EPSG:4326 first, e.g. "
        "`ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`, and drop the 'crs'")


def test_invalid_polygon_in_a_boundary_layer(tmp_path):
    data = copy_data(tmp_path / "data", boundaries=True)
    path = data / "boundaries" / "admin1.geojson"
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer["features"][3]["geometry"] = {"type": "Polygon", "coordinates": [[
        [36.0, 35.0], [37.0, 36.0], [37.0, 35.0], [36.0, 36.0], [36.0, 35.0]]]}  # a bow tie
    path.write_text(json.dumps(layer), encoding="utf-8")
    with pytest.raises(DataError, match=r"boundaries/admin1.geojson feature 4: is not a valid "
                       r"polygon \(Self-intersection\[36.5 35.5\]\)\. Fix: repair it"):
        check(data)


def test_problems_from_every_file_come_together_numbered(data):
    set_cell(data / "events.csv", 2, "date", "2019-02-30")
    set_cell(data / "displacement.csv", 3, "figure", "-1")
    rows = read_rows(data / "sources.csv")
    rows[3].append("stray")
    write_rows(data / "sources.csv", rows)
    with pytest.raises(DataError) as caught:
        check(data)
    report = str(caught.value).splitlines()
    assert report[0] == "3 problems in the input data:"
    assert [line.split(":")[0] for line in report[1:]] == [
        "  1. sources.csv row 4", "  2. events.csv row 2", "  3. displacement.csv row 3"]


def test_a_long_report_is_capped_with_the_total(data):
    rows = read_rows(data / "events.csv")
    for row in rows[1:]:
        row[rows[0].index("event_type")] = "rumour"
        row[rows[0].index("claimant_side")] = "unknown"
    write_rows(data / "events.csv", rows)
    total = 2 * (len(rows) - 1)
    with pytest.raises(DataError) as caught:
        check(data)
    report = str(caught.value).splitlines()
    assert report[0] == f"{total} problems in the input data:"
    assert report[50].startswith("  50. events.csv row ")
    assert report[51] == f"  … and {total - 50} more (fix these and run again)."


def test_crossing_id_must_be_a_slug(data):
    edit_gazetteer(data, lambda c: c["features"][0]["properties"].update(id="Souran crossing"))
    with pytest.raises(DataError, match=re.escape(
            "crossings.geojson feature 1 (id 'Souran crossing'): id 'Souran crossing' is not a "
            "slug. Fix: use lower-case letters, digits and single hyphens")):
        check(data)


def test_crossing_pcode_must_be_where_its_point_is(data):
    edit_gazetteer(data, lambda c: c["features"][0]["properties"].update(admin1_pcode="SY07"))
    with pytest.raises(DataError, match=re.escape(
            "crossings.geojson feature 1 (id 'souran'): admin1_pcode 'SY07' is not the area its "
            "point lies in (SY05)")):
        check(data)


@pytest.mark.parametrize("change, message", [
    ({"precision_m": 1e12}, "precision_m 1000000000000.0 is more than 50,000 m"),
    ({"location_precision": "exact"}, "location_precision is 'exact' but precision_m is 5000"),
])
def test_crossing_radius_must_say_something(data, change, message):
    edit_gazetteer(data, lambda c: c["features"][0]["properties"].update(change))
    with pytest.raises(DataError, match=re.escape(message)):
        check(data)


def test_optional_pcodes_may_be_left_out(data):
    def drop(collection):
        props = collection["features"][0]["properties"]
        del props["admin2_pcode"]
        props["admin3_pcode"] = None
    edit_gazetteer(data, drop)
    assert len(check(data).crossings) == 7
