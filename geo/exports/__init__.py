"""The researcher exports: the manifest's data files, made from the timeline's layers.

`layers.py` is the record model (flat tables built from the timeline); `geojson.py`,
`spreadsheets.py` (CSV and HXL) and `gis.py` (GeoPackage, GeoParquet) serialise it;
`datapackage.py` describes the result; `selection.py` cuts the data to a window or to some
crossings. The site's data/ folder and the export command are made by the same function.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import manifest
from ..timeline import Timeline
from . import datapackage, geojson, gis, spreadsheets
from .layers import Layer, layers_of
from .selection import Selection

__all__ = ["data_files", "Layer", "Selection"]


def data_files(timeline: Timeline, data_dir: Path, formats=manifest.FORMATS,
               selection: Selection | None = None,
               extra_layers: dict[str, Layer] | None = None,
               figure_files: tuple[Path, ...] = ()) -> dict[str, str | bytes]:
    """Every data file (name -> content) the manifest lists for these formats.

    `timeline` is already cut to `selection`, which datapackage.json records. `extra_layers`
    are layers made elsewhere (the events table's counts, the figures tables' values); their
    files are published only when they are given. `figure_files` are the figures tables'
    files, hashed in datapackage.json.
    """
    selection = selection or Selection()
    tables = {layer.name: layer for layer in layers_of(timeline)}
    exported = list(tables.values())  # what the GeoPackage holds: the atlas's own layers
    tables.update(extra_layers or {})
    given = set(extra_layers or {})  # an optional file is published when its layer is given
    optional = [o for o in manifest.OUTPUTS if o.events_table or o.figures_table]
    files: dict[str, str | bytes] = {}
    for output in manifest.data_outputs(
            formats, events_table=any(o.layer in given for o in optional if o.events_table),
            figures_table=any(o.layer in given for o in optional if o.figures_table)):
        layer = tables.get(output.layer)
        if output.kind == "crossings_geojson":
            files[output.name] = geojson.crossings_geojson(timeline)
        elif output.kind == "geojson":
            files[output.name] = geojson.layer_geojson(layer)
        elif output.kind == "csv":
            files[output.name] = spreadsheets.layer_csv(layer)
        elif output.kind == "hxl_csv":
            files[output.name] = spreadsheets.hxl_csv(layer)
        elif output.kind == "gpkg":
            files[output.name] = gis.geopackage(exported, _as_of(timeline))
        elif output.kind == "parquet":
            files[output.name] = gis.geoparquet(layer)
        elif output.kind == "package":
            files[output.name] = datapackage.descriptor(files, tables, data_dir, selection,
                                                          figure_files)
        else:
            raise ValueError(f"the manifest lists {output.name} of kind {output.kind!r}, "
                             "which the exports do not know how to make")
    return files


def _as_of(timeline: Timeline) -> str:
    """The day the data runs to (the last event's latest possible day), as GDAL wants it."""
    days = [d for d in timeline.events["known_by"] if d is not None]
    day = max(days) if days else date(2000, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"
