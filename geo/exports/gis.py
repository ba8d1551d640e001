"""The export layers for GIS: one GeoPackage of every layer, and GeoParquet per layer.

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
import pyogrio.errors
from shapely.geometry import MultiPoint

from ..errors import BuildError
from ..fields import field
from .layers import Layer


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
    """Every layer in one GeoPackage (sources as a plain table), dated `stamp` (ISO 8601).

    GDAL writes a GeoPackage only to a file, so it is made in the temporary folder first.
    """
    try:
        with tempfile.TemporaryDirectory() as folder, _gdal_date(stamp):
            path = Path(folder) / "atlas.gpkg"
            for layer in layers:
                table = frame(layer, multipoint=layer.name == "events")
                pyogrio.write_dataframe(table, path, layer=layer.name, driver="GPKG",
                                        geometry_type=_geometry_type(layer),
                                        layer_options={"FID": "fid"})
            return path.read_bytes()
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as e:
        raise BuildError(f"could not make the GeoPackage in the temporary folder "
                         f"{tempfile.gettempdir()} ({e}). Fix: free space there, or point "
                         "TMPDIR at a folder with room; nothing was written") from e


def geoparquet(layer: Layer) -> bytes:
    """One layer as GeoParquet 1.1 (WKB geometry, bounding-box metadata)."""
    buffer = io.BytesIO()
    frame(layer, multipoint=layer.name == "events").to_parquet(
        buffer, index=False, schema_version="1.1.0", compression="zstd")
    return buffer.getvalue()
