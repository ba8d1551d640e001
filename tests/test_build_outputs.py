"""What a build writes: exports that GDAL reads back unchanged, and an RFC 7946 shape."""

from __future__ import annotations

import csv
import json
import math
import re

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

GEOJSON = ["crossings.geojson", "events.geojson", "displacement.geojson"]


@pytest.fixture(scope="module")
def site(built):
    return built.site_dir


def _same(gdal_value, json_value):
    """GDAL returns nested lists/objects as JSON text, missing values as None/NaN."""
    if json_value is None:
        return gdal_value is None or (isinstance(gdal_value, float) and math.isnan(gdal_value))
    if hasattr(gdal_value, "isoformat"):  # GDAL types ISO dates; keep the day we wrote
        return gdal_value.date().isoformat() == json_value
    if isinstance(json_value, list | dict):
        parsed = json.loads(gdal_value) if isinstance(gdal_value, str) else list(gdal_value)
        return parsed == json_value
    if isinstance(json_value, float | int) and not isinstance(json_value, bool):
        return float(gdal_value) == pytest.approx(float(json_value))
    return gdal_value == json_value


@pytest.mark.parametrize("name", GEOJSON)
def test_geojson_reads_back_through_gdal_with_the_same_features(site, name):
    path = site / "data" / name
    collection = json.loads(path.read_text(encoding="utf-8"))
    frame = pyogrio.read_dataframe(path, fid_as_index=False)
    features = collection["features"]
    assert len(frame) == len(features) > 0
    for (_, row), geometry, feature in zip(frame.iterrows(), frame.geometry, features,
                                           strict=True):
        for key, value in feature["properties"].items():
            assert key in frame.columns, key
            assert _same(row[key], value), (feature["id"], key, row[key], value)
        if feature["geometry"] is None:
            assert geometry is None
        else:
            assert shapely.equals_exact(geometry, shape(feature["geometry"]), 1e-9)


@pytest.mark.parametrize("name", GEOJSON)
def test_geojson_is_rfc7946(site, name):
    raw = (site / "data" / name).read_bytes()
    collection = json.loads(raw)
    assert "crs" not in collection
    assert collection["type"] == "FeatureCollection"
    for number in re.findall(rb"-?\d+\.(\d+)", raw.split(b'"geometry"', 1)[-1]):
        assert len(number) <= 6
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry:
            lon, lat = shape(geometry).representative_point().coords[0]
            assert 35 < lon < 43 and 32 < lat < 38  # lon/lat order, in the region
    ids = [f["id"] for f in collection["features"]]
    assert len(ids) == len(set(ids))


def test_arabic_is_written_as_utf8_not_escaped(site, atlas):
    raw = (site / "data" / "crossings.geojson").read_text(encoding="utf-8")
    for name in atlas.crossings["name_ar"]:
        assert name in raw
    assert "\\u06" not in raw


@pytest.mark.parametrize("name, key", [("crossings", "id"), ("events", "event_id"),
                                       ("displacement", "figure_id")])
def test_csv_twins_hold_the_same_records(site, name, key):
    collection = json.loads((site / "data" / f"{name}.geojson").read_text(encoding="utf-8"))
    with (site / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r[key] for r in rows] == [f["properties"][key] for f in collection["features"]]


def test_every_input_row_is_exported(site, atlas):
    crossings = json.loads((site / "data" / "crossings.geojson").read_text(encoding="utf-8"))
    events = json.loads((site / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in crossings["features"]} == set(atlas.crossings["id"])
    assert {f["id"] for f in events["features"]} == set(atlas.events["event_id"])
    nested = {e["event_id"] for f in crossings["features"] for e in f["properties"]["timeline"]}
    about_a_crossing = {e for e, ids in zip(atlas.events["event_id"], atlas.events[
        "crossing_ids"], strict=True) if ids}
    assert nested == about_a_crossing


def test_page_is_self_contained(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded, "the page loads its scripts and styles"
    for url in loaded:
        assert not re.match(r"^(https?:)?//", url), url
        if url.startswith("data:"):  # inline, e.g. the empty favicon: nothing is requested
            continue
        assert (site / url).is_file(), url


def test_csv_cells_never_start_a_spreadsheet_formula(data_copy, tmp_path):
    from geo.build import build, check

    formula = "=HYPERLINK(\"http://example.invalid\",\"click\")"
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("summary")] = formula
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    site = tmp_path / "site"
    build(data_copy, site)
    with (site / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
        exported = list(csv.DictReader(f))
    assert "'" + formula in {r["summary"] for r in exported}
    assert not any(v.startswith(("=", "+", "@")) for r in exported for v in r.values())
    events = json.loads((site / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert formula in {f["properties"]["summary"] for f in events["features"]}  # JSON stays raw
    # Fed back in as input, the exported CSV gives the original text.
    (data_copy / "events.csv").write_bytes((site / "data" / "events.csv").read_bytes())
    assert formula in set(check(data_copy).events["summary"])


def test_list_cells_are_guarded_too():
    from geo.export import _cell

    assert _cell(["=1+1", "Tarnaba"]) == "'=1+1;Tarnaba"
    assert _cell(-5.25) == "-5.25"  # numbers stay numbers
