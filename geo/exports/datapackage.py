"""datapackage.json: a Frictionless Data Package describing every export file.

Each CSV gets a Table Schema (types, required fields, allowed values, keys); the other
formats are listed with their hash. Licences and sources travel with the data, and a build
manifest records the sha256 of every input file and the tool version, so a researcher can
tell which data made which download. No timestamps: two builds of the same data give the
same bytes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import __version__, schema
from ..fields import field
from .layers import Layer
from .spreadsheets import HXL_FIGURE_SPLIT

NAME = "crossings-atlas"
TITLE = "Humanitarian crossings in north-west Syria, 2019-2021: the crossings atlas"

LICENSES = [
    {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
     "title": "Creative Commons Attribution 4.0: the curated crossings, events, figures and "
              "sources (credit 'the crossings atlas' and the outlet in sources.csv)"},
    {"name": "CC-BY-3.0-IGO", "path": "https://creativecommons.org/licenses/by/3.0/igo/",
     "title": "Creative Commons Attribution 3.0 IGO: OCHA COD-AB Syria P-codes and "
              "boundaries (admin*_pcode, area_label, the points inside areas)"},
    {"name": "other-pd", "path": "https://www.naturalearthdata.com/about/terms-of-use/",
     "title": "Public domain: Natural Earth country outlines (used to check coordinates)"},
    {"name": "MIT", "path": "https://opensource.org/license/mit",
     "title": "MIT: the software that built these files"},
]
EXTERNAL_SOURCES = [
    {"title": "OCHA, Syrian Arab Republic administrative boundaries (COD-AB), via the "
              "Humanitarian Data Exchange",
     "path": "https://data.humdata.org/dataset/cod-ab-syr"},
    {"title": "Natural Earth 1:50m Admin 0 countries",
     "path": "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/"},
]

# Fields each output table always fills (the input's required columns plus derived keys).
REQUIRED = {
    "crossings": [p for p in schema.CROSSING_PROPERTIES if p not in schema.CROSSING_OPTIONAL]
    + ["latest_status", "lon", "lat"],
    "events": ["event_id", "date", "date_precision", "event_type", "claimant",
               "claimant_side", "summary", "source_id", "match", "assessment"],
    "event_crossings": ["event_id", "crossing_id", "match", "date", "date_precision",
                        "event_type", "claimant_side", "assessment", "lon", "lat"],
    "displacement": ["figure_id", "figure", "qualifier", "metric", "as_of", "as_of_precision",
                     "area", "area_level", "area_label", "source_id"],
    "sources": ["source_id", "outlet"],
    "activity": ["crossing_id", "crossing_name", "period", "period_start", "events",
                 "may_be_near", "radius_m", "source"],
    "area_figures": ["pcode", "area_name", "level", "period", "period_start", "period_end",
                     "metric", "rows", "source", "table", "lon", "lat"],
}
FOREIGN_KEYS = {
    "events": [("source_id", "sources", "source_id"),
               ("matched_crossing_id", "crossings", "id")],
    "event_crossings": [("event_id", "events", "event_id"), ("crossing_id", "crossings", "id")],
    "displacement": [("source_id", "sources", "source_id")],
    "activity": [("crossing_id", "crossings", "id")],
}
MEDIA_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3",
               "parquet": "application/vnd.apache.parquet", "csv": "text/csv"}


def sha256(content: bytes) -> str:
    """The hex sha256 of some bytes."""
    return hashlib.sha256(content).hexdigest()


def table_schema(layer: Layer) -> dict:
    """A Table Schema for the layer's CSV: types, meanings, constraints and keys."""
    fields = []
    for name in layer.csv_fields():
        spec = field(layer.name, name)
        constraints = {}
        if name in REQUIRED[layer.name]:
            constraints["required"] = True
        if spec.enum:
            constraints["enum"] = list(spec.enum)
        if spec.pattern:
            constraints["pattern"] = spec.pattern
        entry = {"name": name, "type": spec.type, "description": spec.meaning,
                 "example": spec.example}
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    out = {"fields": fields, "missingValues": [""], "primaryKey": list(layer.key)}
    keys = FOREIGN_KEYS.get(layer.name, [])
    if keys:
        out["foreignKeys"] = [{"fields": column, "reference": {"resource": resource,
                                                                "fields": target}}
                              for column, resource, target in keys]
    return out


def input_manifest(data_dir: Path, figure_files: tuple[Path, ...] = ()) -> list[dict]:
    """The sha256 and size of every input file, by path relative to the data folder; a
    researcher's figures table by its file name, marked as such."""
    names = [schema.CROSSINGS_FILE, schema.EVENTS_FILE, schema.FIGURES_FILE,
             schema.SOURCES_FILE]
    boundaries = data_dir / schema.BOUNDARIES_DIR
    if boundaries.is_dir():
        names += [f"{schema.BOUNDARIES_DIR}/{p.name}" for p in sorted(boundaries.iterdir())
                  if p.suffix == ".geojson"]
    manifest = []
    for name in names:
        content = (data_dir / name).read_bytes()
        manifest.append({"path": name, "bytes": len(content), "sha256": sha256(content)})
    for path in figure_files:
        content = path.read_bytes()
        manifest.append({"path": path.name, "role": "figures table", "bytes": len(content),
                         "sha256": sha256(content)})
    return manifest


def descriptor(files: dict[str, str | bytes], layers: dict[str, Layer], data_dir: Path,
               selection, figure_files: tuple[Path, ...] = ()) -> str:
    """datapackage.json text for the export files (everything but itself)."""
    resources = []
    for name, content in sorted(files.items(), key=lambda item: _order(item[0])):
        data = content.encode("utf-8") if isinstance(content, str) else content
        stem, suffix = name.rsplit(".", 1)
        resource = {"name": stem.replace("_", "-") + ("" if suffix == "csv" else f"-{suffix}"),
                    "path": name, "format": suffix, "mediatype": MEDIA_TYPES[suffix],
                    "bytes": len(data), "hash": f"sha256:{sha256(data)}"}
        if suffix != "csv":
            resource["type"] = "file"  # described and hashed, not read as a table
        else:
            resource.update(encoding="utf-8", profile="tabular-data-resource")
            layer = layers.get(stem.removesuffix("_hxl"))
            resource["schema"] = _hxl_schema(layer) if stem.endswith("_hxl") else \
                table_schema(layer)
            if stem.endswith("_hxl"):
                resource["dialect"] = {"commentRows": [2]}  # the hashtag row
        resources.append(resource)
    package = {
        "profile": "data-package", "name": NAME, "title": TITLE, "version": __version__,
        "description": "Announced 'humanitarian crossings' out of opposition-held north-west "
                       "Syria, dated claims and counter-claims about them, and displacement "
                       "figures, each row tied to its source. Fields: docs/data.md.",
        "licenses": LICENSES,
        "sources": _sources(layers.get("sources")) + EXTERNAL_SOURCES
        + _table_sources(layers.get("area_figures")),
        "resources": resources,
        "build": {"tool": NAME, "version": __version__,
                  "inputs": input_manifest(data_dir, figure_files),
                  "selection": _selection(selection)},
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def _hxl_schema(layer: Layer) -> dict:
    """The HXL twin's schema: the plain table's, plus the per-metric figure columns."""
    base = table_schema(layer)
    base.pop("foreignKeys", None)  # the twin repeats the plain table; keys live there
    if layer.name == "displacement":
        base["fields"] += [{"name": m, "type": "integer",
                            "description": field(layer.name, m).meaning,
                            "example": field(layer.name, m).example}
                           for m in HXL_FIGURE_SPLIT]
    return base


def _order(name: str) -> tuple[int, str]:
    suffixes = ["csv", "geojson", "gpkg", "parquet"]
    return suffixes.index(name.rsplit(".", 1)[1]) if not name.endswith(".json") else 9, name


def _sources(layer: Layer | None) -> list[dict]:
    if layer is None:
        return []
    out = []
    for row in layer.rows:
        entry = {"title": f"{row['outlet']}: {row['title']}"}
        if row.get("url"):
            entry["path"] = row["url"]
        out.append(entry)
    return out


def _table_sources(layer: Layer | None) -> list[dict]:
    """The researcher's figures tables, each cited as given: area_figures.* carry their terms."""
    if layer is None:
        return []
    cited = dict.fromkeys((row["table"], row["source"]) for row in layer.rows)
    return [{"title": f"{source} (figures table {table}, in area_figures.*; the table's own "
                      "terms apply)"} for table, source in cited]


def _selection(selection) -> dict:
    return {"from": selection.start.isoformat() if selection.start else None,
            "to": selection.end.isoformat() if selection.end else None,
            "crossings": list(selection.crossings) if selection.crossings else None}
