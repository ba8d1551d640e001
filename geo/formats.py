"""The export layers in the other formats: HXL-tagged CSV, GeoPackage and GeoParquet.

GeoPackage and GeoParquet need one geometry type per layer, so the events layer is promoted
to MultiPoint there (an event on one crossing is a MultiPoint of one point); the GeoJSON keeps
Point for one place and MultiPoint for several. Lists stay ';'-joined text as in the CSV.
"""

from __future__ import annotations

import io
import tempfile
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.geometry import MultiPoint

from .export import Layer, to_csv
from .fields import field

# HXL 1.1 hashtags and attributes (hxlstandard.org/standard/1-1final/dictionary/). Core
# hashtags throughout; attributes beyond the dictionary's suggestions (+alt, +precision,
# +radius, +reply, +disputed, +nearest, +distance, +assessment, +confidence, +status,
# +match) are allowed by the tagging conventions and say which column is which.
HXL_TAGS = {
    "id": "#loc+code", "name": "#loc+name", "name_ar": "#loc+name+i_ar",
    "aliases": "#loc+name+alt", "kind": "#loc+type", "admin1_pcode": "#adm1+code",
    "admin2_pcode": "#adm2+code", "admin3_pcode": "#adm3+code",
    "location_precision": "#geo+precision", "precision_m": "#geo+radius",
    "location_source": "#meta+source+geo", "first_reported": "#date+reported",
    "summary": "#description", "source_ids": "#meta+source", "latest_status": "#status+code",
    "latest_status_date": "#date+status", "event_ids": "#event+code", "lon": "#geo+lon",
    "lat": "#geo+lat",
    "event_id": "#event+code", "date": "#date+occurred", "date_precision": "#date+precision",
    "crossing_ids": "#loc+code", "crossing_id": "#loc+code", "place": "#loc+name",
    "event_type": "#event+type", "claimant": "#group+name", "claimant_side": "#group+type",
    "responds_to": "#event+code+reply", "source_id": "#meta+source", "note": "#description+note",
    "source_url": "#meta+url", "match": "#meta+match",
    "matched_crossing_id": "#loc+code+nearest", "distance_m": "#geo+distance",
    "assessment": "#meta+assessment", "disputed_by": "#event+code+disputed",
    "figure_id": "#meta+id", "figure": "#indicator+num", "qualifier": "#indicator+qualifier",
    "metric": "#indicator+type", "as_of": "#date+reported", "as_of_precision": "#date+precision",
    "period_start": "#date+start", "area": "#loc+code", "area_name": "#loc+name+source",
    "area_level": "#loc+type", "area_label": "#loc+name",
    "outlet": "#org+name", "title": "#meta+title", "published": "#date+reported",
    "date_confidence": "#date+confidence", "url": "#meta+url", "language": "#meta+lang",
    # displacement only: the figure in the column its metric belongs to
    "displaced": "#affected+idps", "killed": "#affected+killed", "population": "#population",
}
HXL_FIGURE_SPLIT = ["displaced", "killed", "population"]  # metric values, each a column
# The tables that get an HXL twin: the ones HDX users map or sum.
HXL_LAYERS = ("crossings", "events", "displacement")


def hxl_csv(layer: Layer) -> str:
    """The layer's CSV with an HXL hashtag row under the header (figures split by metric)."""
    fields, rows = layer.csv_fields(), layer.csv_rows()
    if layer.name == "displacement":
        fields = [*fields, *HXL_FIGURE_SPLIT]
        rows = [{**row, **{m: row["figure"] if row["metric"] == m else None
                           for m in HXL_FIGURE_SPLIT}} for row in rows]
    return to_csv(rows, fields, [HXL_TAGS[f] for f in fields])


def frame(layer: Layer, multipoint: bool = False) -> gpd.GeoDataFrame | pd.DataFrame:
    """The layer as a typed (Geo)DataFrame: integers nullable, text as str."""
    columns = {}
    for name in layer.fields:
        values = [row[name] for row in layer.rows]
        kind = field(layer.name, name).type
        dtype = {"integer": "Int64", "number": "float64"}.get(kind, "object")
        columns[name] = pd.Series(values, dtype=dtype)
    table = pd.DataFrame(columns, columns=layer.fields)
    if layer.geometries is None:
        return table
    shapes = [MultiPoint([g]) if multipoint and g is not None and g.geom_type == "Point"
              else g for g in layer.geometries]
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(shapes, crs="EPSG:4326"))


def _geometry_type(layer: Layer) -> str | None:
    if layer.geometries is None:
        return None
    return "MultiPoint" if layer.name == "events" else "Point"


@contextmanager
def _gdal_date(stamp: str):
    """Fix the timestamp GDAL writes into a GeoPackage, so builds are byte-identical."""
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def geopackage(layers: list[Layer], stamp: str) -> bytes:
    """Every layer in one GeoPackage (sources as a plain table), dated `stamp` (ISO 8601)."""
    with tempfile.TemporaryDirectory() as folder, _gdal_date(stamp):
        path = Path(folder) / "atlas.gpkg"
        for layer in layers:
            table = frame(layer, multipoint=layer.name == "events")
            pyogrio.write_dataframe(table, path, layer=layer.name, driver="GPKG",
                                    geometry_type=_geometry_type(layer),
                                    layer_options={"FID": "fid"})
        return path.read_bytes()


def geoparquet(layer: Layer) -> bytes:
    """One layer as GeoParquet 1.1 (WKB geometry, bounding-box metadata)."""
    buffer = io.BytesIO()
    frame(layer, multipoint=layer.name == "events").to_parquet(
        buffer, index=False, schema_version="1.1.0", compression="zstd")
    return buffer.getvalue()
