"""Every export reads back through GDAL (pyogrio) with the same features, ids and values."""

from __future__ import annotations

import json
import math
import re
from importlib.resources import files

import geopandas as gpd
import jsonschema
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from fixtures.mutate import read_csv
from fixtures.paths import DATA
from geojson_pydantic import FeatureCollection
from shapely.geometry import MultiPoint, shape

from geo import manifest
from geo.exports.geojson import rfc7946_geometry
from geo.exports.layers import LIST_FIELDS
from geo.fields import field
from geo.page import page_data

GEOJSON_LAYERS = ["crossings", "events", "event_crossings", "displacement"]
SPATIAL_LAYERS = GEOJSON_LAYERS


def _norm(value, kind: str):
    """A value as a comparable Python value: blanks to None, numbers to float."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if kind in ("integer", "number"):
        return float(value)
    return str(value)


def _assert_same_rows(layer, frame, fields=None):
    """The frame read back has the layer's rows, in order, with equal values."""
    fields = fields or layer.fields
    assert len(frame) == len(layer.rows)
    for name in fields:
        kind = field(layer.name, name).type
        expected = [_norm(row.get(name), kind) for row in layer.csv_rows()]
        got = [_norm(v, kind) for v in frame[name].tolist()]
        if kind == "number":
            assert all((a is None and b is None) or math.isclose(a, b, abs_tol=1e-9)
                       for a, b in zip(expected, got, strict=True)), name
        else:
            assert got == expected, name


def _assert_same_geometry(layer, geometries, promote=False):
    for want, got in zip(layer.geometries, geometries, strict=True):
        if want is None:
            assert got is None or got.is_empty
            continue
        if promote and want.geom_type == "Point":
            want = MultiPoint([want])
        assert got.geom_type == want.geom_type
        assert got.equals_exact(want, tolerance=1e-6)


@pytest.mark.parametrize("name", GEOJSON_LAYERS)
def test_geojson_reads_back_through_gdal(site_data, export_layers, name):
    layer = export_layers[name]
    # GDAL guesses a Date type for an all-day date column; ask for the text as written.
    frame = pyogrio.read_dataframe(site_data / f"{name}.geojson", DATE_AS_STRING="YES")
    _assert_same_rows(layer, frame, [f for f in layer.fields if f not in LIST_FIELDS
                                     or name != "crossings"])
    _assert_same_geometry(layer, frame.geometry)
    keys = [layer.feature_id(row) for row in layer.rows]
    collection = json.loads((site_data / f"{name}.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in collection["features"]] == keys
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("name", [*SPATIAL_LAYERS, "sources"])
def test_geopackage_reads_back_through_gdal(site_data, export_layers, name):
    layer = export_layers[name]
    info = pyogrio.read_info(site_data / "atlas.gpkg", layer=name)
    frame = pyogrio.read_dataframe(site_data / "atlas.gpkg", layer=name)
    _assert_same_rows(layer, frame)
    if layer.geometries is None:
        assert info["geometry_type"] is None
        return
    assert info["geometry_type"] == ("MultiPoint" if name == "events" else "Point")
    assert info["crs"] == "EPSG:4326"
    _assert_same_geometry(layer, frame.geometry, promote=name == "events")


@pytest.mark.parametrize("name", [*SPATIAL_LAYERS, "sources"])
def test_csv_reads_back_through_gdal(site_data, export_layers, name):
    layer = export_layers[name]
    frame = pyogrio.read_dataframe(site_data / f"{name}.csv")
    assert list(frame.columns[:len(layer.csv_fields())]) == layer.csv_fields()
    _assert_same_rows(layer, frame, layer.csv_fields())
    if layer.lonlat:
        points = [None if not lon else shapely.Point(float(lon), float(lat))
                  for lon, lat in zip(frame["lon"], frame["lat"], strict=True)]
        _assert_same_geometry(layer, points)


@pytest.mark.parametrize("name", SPATIAL_LAYERS)
def test_geoparquet_reads_back(site_data, export_layers, name):
    # pyogrio's GDAL has no Parquet driver, so pyarrow (through GeoPandas) reads it back.
    layer = export_layers[name]
    path = site_data / f"{name}.parquet"
    geo = json.loads(pq.read_metadata(path).metadata[b"geo"])
    assert geo["version"] == "1.1.0"
    column = geo["columns"][geo["primary_column"]]
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == (["MultiPoint"] if name == "events" else ["Point"])
    frame = gpd.read_parquet(path)
    assert frame.crs.to_epsg() == 4326
    _assert_same_rows(layer, frame)
    _assert_same_geometry(layer, frame.geometry, promote=name == "events")


def test_crossings_geojson_nests_each_timeline(site_data, built):
    collection = json.loads((site_data / "crossings.geojson").read_text(encoding="utf-8"))
    events = built.timeline.events
    for feature in collection["features"]:
        props = feature["properties"]
        about = [e for e, ids in zip(events["event_id"], events["crossing_ids"], strict=True)
                 if props["id"] in ids]
        assert [entry["event_id"] for entry in props["timeline"]] == about
        assert props["event_ids"] == about
        assert isinstance(props["aliases"], list) and isinstance(props["source_ids"], list)
        if props["status_history"]:
            assert props["latest_status"] == props["status_history"][-1]["status"]


@pytest.mark.parametrize("name", GEOJSON_LAYERS)
def test_geojson_passes_geojson_pydantic(site_data, name):
    collection = FeatureCollection.model_validate_json(
        (site_data / f"{name}.geojson").read_bytes())
    assert len(collection.features) > 0


@pytest.mark.parametrize("name", GEOJSON_LAYERS)
def test_geojson_passes_a_geojson_json_schema(site_data, name):
    # The GeoJSON schema frictionless ships (fge/sample-json-schemas), read from disk.
    profile = files("frictionless") / "assets" / "profiles" / "geojson.json"
    schema = json.loads(profile.read_text(encoding="utf-8"))
    document = json.loads((site_data / f"{name}.geojson").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)


def _walk(obj):
    yield obj
    if isinstance(obj, dict):
        for value in obj.values():
            yield from _walk(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk(value)


def _coordinates(geometry):
    if geometry is None:
        return
    coords = geometry["coordinates"]
    stack = [coords]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], list):
            stack.extend(item)
        else:
            yield item


@pytest.mark.parametrize("name", GEOJSON_LAYERS)
def test_geojson_follows_rfc7946(site_data, name):
    raw = (site_data / f"{name}.geojson").read_bytes()
    document = json.loads(raw.decode("utf-8"), parse_float=str)  # keep digits as written
    assert not any(isinstance(o, dict) and "crs" in o for o in _walk(document))
    for feature in document["features"]:
        for position in _coordinates(feature["geometry"]):
            assert len(position) == 2
            for number in position:
                assert len(number.split(".")[1]) <= 6 if "." in number else True
            lon, lat = float(position[0]), float(position[1])
            assert 35 < lon < 43 and 32 < lat < 38  # lon/lat order, in the region
    assert b"\\u06" not in raw  # Arabic is written as UTF-8, not escaped
    ids = [f["id"] for f in document["features"]]
    assert len(ids) == len(set(ids))


def test_arabic_names_are_utf8_in_the_bytes(site_data, built):
    raw = (site_data / "crossings.geojson").read_bytes()
    for name_ar in built.timeline.crossings["name_ar"]:
        if name_ar:
            assert name_ar.encode("utf-8") in raw
            assert name_ar.encode("utf-8") in (site_data / "crossings.csv").read_bytes()


def test_polygons_are_written_counter_clockwise():
    admin1 = gpd.read_file(DATA / "boundaries" / "admin1.geojson")
    clockwise = shapely.orient_polygons(admin1.geometry.iloc[0], exterior_cw=True)
    written = shape(rfc7946_geometry(clockwise))
    polygons = written.geoms if written.geom_type == "MultiPolygon" else [written]
    for polygon in polygons:
        assert polygon.exterior.is_ccw
        assert all(not ring.is_ccw for ring in polygon.interiors)


def test_page_links_every_download(site_data, built):
    listed = page_data(built.timeline)["downloads"]
    assert listed == manifest.downloads()
    assert sorted(d["href"] for d in listed) == sorted(f"data/{p.name}"
                                                        for p in site_data.iterdir())
    for entry in listed:  # named in both languages, the Arabic in Arabic script
        assert set(entry) == {"label", "label_ar", "href", "format_name"}
        assert entry["label"] and re.search("[\u0600-\u06ff]", entry["label_ar"])


# The core hashtags of the HXL 1.1 dictionary (hxlstandard.org/standard/1-1final/dictionary/).
HXL_CORE = {
    "#adm1", "#adm2", "#adm3", "#adm4", "#adm5", "#country", "#geo", "#loc", "#region",
    "#affected", "#beneficiary", "#inneed", "#population", "#reached", "#respondee",
    "#targeted", "#access", "#activity", "#capacity", "#contact", "#frequency", "#indicator",
    "#item", "#need", "#operations", "#org", "#output", "#sector", "#service", "#subsector",
    "#channel", "#currency", "#modality", "#value", "#cause", "#crisis", "#event", "#group",
    "#impact", "#severity", "#date", "#description", "#meta", "#status",
}
HXL_SYNTAX = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


@pytest.mark.parametrize("name", ["crossings", "events", "displacement"])
def test_hxl_twin_is_the_csv_with_a_hashtag_row(site_data, name):
    plain_header, plain_rows = read_csv(site_data / f"{name}.csv")
    header, rows = read_csv(site_data / f"{name}_hxl.csv", skip_rows=1)
    tags = (site_data / f"{name}_hxl.csv").read_text(encoding="utf-8").splitlines()[1]
    tags = tags.split(",")
    assert header[:len(plain_header)] == plain_header
    assert len(tags) == len(header)
    for tag in tags:
        assert HXL_SYNTAX.match(tag), tag
        assert tag.split("+")[0] in HXL_CORE, tag
    assert [{k: r[k] for k in plain_header} for r in rows] == plain_rows
    if name == "displacement":
        for row in rows:
            by_metric = {m: row[m] for m in ("displaced", "killed", "population")}
            assert by_metric.pop(row["metric"]) == row["figure"]
            assert set(by_metric.values()) == {""}


def test_hxl_twins_carry_the_tags_hdx_users_expect(site_data):
    tags = set()
    for name in ("crossings", "events", "displacement"):
        tags |= set((site_data / f"{name}_hxl.csv").read_text(encoding="utf-8")
                    .splitlines()[1].split(","))
    assert {"#loc+name", "#loc+name+i_ar", "#geo+lat", "#geo+lon", "#adm1+code",
            "#affected+idps", "#affected+killed", "#population", "#meta+source",
            "#date+occurred", "#event+type"} <= tags
