"""Read the input files from disk into tables, reporting anything structurally wrong.

Only this module and `write.py` touch the disk. Content checks (dates, ids, enums) live in
`validate/`; here we only make sure each file can be read at all, as a spreadsheet or GIS
tool would have written it. Problems are collected, not raised, so that `validate` can report
them together with the content problems of every file that could be read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd
import pyproj
import shapely

from . import schema, towns
from .errors import DataError, Problem, setting

ROW_COLUMN = "_row"  # the spreadsheet row number (header = row 1), kept for messages
# Columns each boundary layer must carry (scripts/prepare_boundaries.py writes them).
LAYER_COLUMNS = {"admin1": ["pcode", "name"], "admin2": ["pcode", "name", "admin1_pcode"],
                 "admin3": ["pcode", "name", "admin1_pcode", "admin2_pcode"],
                 "neighbours": ["name"]}
_WGS84 = pyproj.CRS("EPSG:4326")


@dataclass(kw_only=True)
class Boundaries:
    """The OCHA layers (governorates, districts, sub-districts), the neighbouring countries and
    the towns (the OCHA administrative capitals), in EPSG:4326; a layer that could not be read
    is empty. Shared, so treat as read-only."""

    admin1: gpd.GeoDataFrame
    admin2: gpd.GeoDataFrame
    admin3: gpd.GeoDataFrame
    neighbours: gpd.GeoDataFrame
    towns: gpd.GeoDataFrame  # pcode, level, name, name_ar; context for the map, never events

    def __post_init__(self):
        self._outlines: dict[tuple[str, str], object] = {}

    def outline(self, name: str, crs: str):
        """A layer's union in `crs`, worked out once; None when the layer could not be read."""
        if (name, crs) not in self._outlines:
            layer = getattr(self, name)
            self._outlines[name, crs] = layer.to_crs(crs).union_all() if len(layer) else None
        return self._outlines[name, crs]

    def layers(self) -> list[gpd.GeoDataFrame]:
        """The OCHA layers, governorates first."""
        return [self.admin1, self.admin2, self.admin3]


@dataclass(kw_only=True)
class RawAtlas:
    """Every input as read: tables of strings, the gazetteer JSON and the boundary layers."""

    data_dir: Path
    crossings: object  # the parsed JSON (None when unreadable); validate() checks its shape
    events: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    boundaries: Boundaries
    notes: list[str] = field(default_factory=list)  # normalisations made while reading
    problems: list[Problem] = field(default_factory=list)  # what could not be read
    # Files not read in full: checks against their content (e.g. "source_id not in
    # sources.csv") are skipped rather than reported once per row that refers to them.
    incomplete: set[str] = field(default_factory=set)


class BoundariesRead(NamedTuple):
    """A boundary folder as read, with what reading it found."""

    boundaries: Boundaries
    problems: list[Problem]
    notes: list[str]
    unread: set[str]  # the layers that could not be read in full


class LayerCache:
    """Boundary folders already read, reused while none of their files has changed.

    A long-lived caller (a test session, a service) passes one cache to every `load`, so the
    layers are parsed and checked once; a single build needs none.
    """

    def __init__(self):
        self._folders: dict[Path, tuple[tuple, BoundariesRead]] = {}

    def read(self, folder: Path) -> BoundariesRead:
        """The folder's boundaries and what reading them found."""
        key = folder.resolve()
        stamp = _stamp(key)
        cached = self._folders.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, read_boundaries(folder))
            self._folders[key] = cached
        return cached[1]


def _stamp(folder: Path) -> tuple:
    """What changes when a layer file changes: each file's size and modification time."""
    stamp = []
    for name in [*LAYER_COLUMNS, schema.TOWNS_FILE.removesuffix(".geojson")]:
        path = folder / f"{name}.geojson"
        stat = path.stat() if path.is_file() else None
        stamp.append((stat.st_size, stat.st_mtime_ns) if stat else None)
    return tuple(stamp)


def read_boundaries(folder: Path) -> BoundariesRead:
    """Every boundary layer in `folder`, and the problems, notes and unread files found."""
    problems: list[Problem] = []
    notes: list[str] = []
    unread: set[str] = set()
    layers = {}
    for name, columns in LAYER_COLUMNS.items():
        label = f"{schema.BOUNDARIES_DIR}/{name}.geojson"
        before = len(problems)
        layers[name] = read_layer(folder / f"{name}.geojson", problems, notes, columns)
        if len(problems) > before:
            unread.add(label)
    before = len(problems)
    layers["towns"] = read_towns(folder / schema.TOWNS_FILE, problems, notes)
    if len(problems) > before:
        unread.add(f"{schema.BOUNDARIES_DIR}/{schema.TOWNS_FILE}")
    return BoundariesRead(Boundaries(**layers), problems, notes, unread)


def load(data_dir: Path, cache: LayerCache | None = None) -> RawAtlas:
    """Read every input in `data_dir`, collecting (not raising) what cannot be read."""
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "", "the data folder does not exist",
                                 "pass the folder holding crossings.geojson with "
                                 f"{setting('data_dir')}")])
    problems: list[Problem] = []
    notes: list[str] = []
    incomplete: set[str] = set()

    def tracked(name: str, read, *args):
        """Read one file, noting its name when reading it found problems."""
        before = len(problems)
        result = read(*args)
        if len(problems) > before:
            incomplete.add(name)
        return result

    crossings = tracked(schema.CROSSINGS_FILE, read_geojson,
                        data_dir / schema.CROSSINGS_FILE, problems, notes)
    tables = {name: tracked(name, read_csv, data_dir / name, columns, optional, problems, notes)
              for name, columns, optional in (
                  (schema.EVENTS_FILE, schema.EVENT_COLUMNS, schema.EVENT_OPTIONAL),
                  (schema.FIGURES_FILE, schema.FIGURE_COLUMNS, schema.FIGURE_OPTIONAL),
                  (schema.SOURCES_FILE, schema.SOURCE_COLUMNS, schema.SOURCE_OPTIONAL))}
    folder = data_dir / schema.BOUNDARIES_DIR
    read = cache.read(folder) if cache is not None else read_boundaries(folder)
    problems += read.problems
    notes += read.notes
    incomplete |= read.unread
    return RawAtlas(data_dir=data_dir, crossings=crossings, events=tables[schema.EVENTS_FILE],
                    figures=tables[schema.FIGURES_FILE], sources=tables[schema.SOURCES_FILE],
                    boundaries=read.boundaries, notes=notes, problems=problems,
                    incomplete=incomplete)


def read_text(path: Path, problems: list[Problem], notes: list[str] | None = None,
              label: str | None = None) -> str | None:
    """The file's text as UTF-8 (a byte-order mark is allowed), or None with a problem."""
    name = label or path.name
    if not path.is_file():
        problems.append(Problem(name, "", f"file not found in {path.parent}",
                                f"create {path.name} or point {setting('data_dir')} at the "
                                "right folder"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append(Problem(name, f"byte {e.start}",
                                f"is not UTF-8 text{_guess_encoding(raw)}",
                                "save the file as 'CSV UTF-8' (or GeoJSON in UTF-8)"))
        return None
    if not text.strip():  # nothing, or only a byte-order mark and blank lines
        problems.append(Problem(name, "", "the file is empty",
                                "restore its header row and data (see docs/data.md)"))
        return None
    if "\x00" in text:  # UTF-16 without a byte-order mark decodes as UTF-8 full of NULs
        problems.append(Problem(name, f"byte {raw.index(0)}",
                                "contains NUL bytes; it looks like UTF-16, or is not text",
                                "save the file as 'CSV UTF-8' (or GeoJSON in UTF-8)"))
        return None
    if raw.startswith(b"\xef\xbb\xbf") and notes is not None:
        notes.append(f"{name}: ignored a UTF-8 byte-order mark")
    return text


def _guess_encoding(raw: bytes) -> str:
    """A hint at the encoding a non-UTF-8 file was probably saved in."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "; it looks like UTF-16"
    for encoding, label in (("cp1256", "Windows-1256 (Arabic)"), ("cp1252", "Windows-1252")):
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        has_arabic = any("\u0600" <= c <= "\u06ff" for c in decoded)
        if encoding == "cp1256" and not has_arabic:
            continue
        return f"; it looks like {label}"
    return ""


def _unguard(cell: str) -> str:
    """Undo the exports' spreadsheet_safe: '=SUM(…) written by our exports reads back as =SUM(…)."""
    if cell.startswith("'") and cell[1:].startswith(schema.FORMULA_START):
        return cell[1:]
    return cell


def read_csv(path: Path, columns: list[str], optional: set[str], problems: list[Problem],
             notes: list[str]) -> pd.DataFrame:
    """A CSV as a table of stripped strings with its spreadsheet row numbers.

    Rows that cannot be read (ragged) are reported and left out; the rest are returned so
    their content can be checked in the same run. A broken header returns no rows.
    """
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in [*columns, ROW_COLUMN]})
    text = read_text(path, problems, notes)
    if text is None:
        return empty
    name = path.name
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as e:
        problems.append(Problem(name, "", f"cannot be read as CSV ({e})",
                                "re-save it from the spreadsheet as 'CSV UTF-8'"))
        return empty
    if "\r\n" in text:
        notes.append(f"{name}: read Windows (CRLF) line endings")
    header = [h.strip() for h in rows[0]]
    found = len(problems)
    dupes = sorted({h for h in header if header.count(h) > 1 and h})
    if dupes:
        problems.append(Problem(name, "row 1", f"duplicate column header(s) {dupes}",
                                "keep one column of each name"))
    missing = [c for c in columns if c not in header and c not in optional]
    if missing:
        problems.append(Problem(name, "row 1", f"missing required column(s) {missing}; "
                                f"found {header}", f"add the column(s); expected {columns}"))
    if ROW_COLUMN in header:
        problems.append(Problem(name, "row 1", f"column name {ROW_COLUMN!r} is reserved",
                                "rename or remove that column"))
    if len(problems) > found:
        return empty
    records, blank, trimmed = [], 0, 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        if len(row) != len(header):
            problems.append(Problem(name, f"row {number}",
                                    f"has {len(row)} cells but the header has {len(header)}"
                                    f" (first cell {row[0][:40]!r})",
                                    "quote any value that contains a comma, and remove stray "
                                    "cells"))
            continue
        trimmed += sum(cell != cell.strip() for cell in row)
        records.append([_unguard(cell.strip()) for cell in row] + [number])
    if blank:
        notes.append(f"{name}: skipped {blank} blank row(s)")
    if trimmed:
        notes.append(f"{name}: trimmed spaces around {trimmed} cell(s)")
    unknown = [h for h in header if h not in columns]
    if unknown:
        notes.append(f"{name}: ignored column(s) not in the data contract {unknown}")
    table = pd.DataFrame(records, columns=[*header, ROW_COLUMN], dtype=object)
    for column in columns:
        if column not in table:
            table[column] = ""
    return table


def read_json(path: Path, problems: list[Problem], notes: list[str] | None = None,
              label: str | None = None) -> object:
    """A JSON file parsed; a syntax error is reported with its line and column (None)."""
    name = label or path.name
    text = read_text(path, problems, notes, name)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        problems.append(Problem(name, f"line {e.lineno} column {e.colno}",
                                f"is not valid JSON ({e.msg})",
                                "fix the syntax there; a JSON linter shows it"))
    except RecursionError:
        problems.append(Problem(name, "", "is nested too deeply to be GeoJSON",
                                "export it again from a GIS tool"))
    else:
        if data is not None:
            return data
        problems.append(Problem(name, "", "holds only JSON null; expected an object",
                                "export the data again"))
    return None


def read_geojson(path: Path, problems: list[Problem], notes: list[str],
                 label: str | None = None) -> object:
    """A GeoJSON file parsed, its legacy `crs` member checked to be WGS84 longitude/latitude."""
    name = label or path.name
    data = read_json(path, problems, notes, name)
    if isinstance(data, dict) and "crs" in data:
        crs = data["crs"]
        named = crs.get("properties", {}).get("name") if isinstance(crs, dict) and isinstance(
            crs.get("properties"), dict) else None
        if crs is None:
            return data
        if _is_wgs84(named):
            notes.append(f"{name}: ignored a legacy 'crs' member naming {named!r} (WGS84)")
        else:
            problems.append(Problem(name, "crs", f"declares the coordinate system {crs!r}; "
                                    "expected WGS84 longitude/latitude (RFC 7946)",
                                    "reproject it to EPSG:4326 first, e.g. `ogr2ogr -t_srs "
                                    "EPSG:4326 out.geojson in.geojson`, and drop the 'crs'"))
            return None
    return data


def _is_wgs84(name) -> bool:
    """True when a legacy GeoJSON crs name means WGS84 degrees (CRS84, EPSG:4326 and kin)."""
    if not isinstance(name, str) or not re.search(r"(CRS84|4326)\s*$", name):
        return False
    try:
        return pyproj.CRS.from_user_input(name).equals(_WGS84, ignore_axis_order=True)
    except pyproj.exceptions.CRSError:
        return False


def read_layer(path: Path, problems: list[Problem], notes: list[str] | None = None,
               columns: list[str] | None = None) -> gpd.GeoDataFrame:
    """A boundary layer of valid polygons in EPSG:4326, rings wound as RFC 7946 says."""
    label = f"{schema.BOUNDARIES_DIR}/{path.name}"
    empty = gpd.GeoDataFrame({c: pd.Series(dtype=object) for c in columns or []},
                             geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    notes = [] if notes is None else notes
    if not path.is_file():
        problems.append(Problem(label, "", "file not found",
                                "run scripts/prepare_boundaries.py to regenerate it"))
        return empty
    # Parse it ourselves first: JSON errors get a line and column, and the crs is checked.
    if read_geojson(path, problems, notes, label) is None:
        return empty
    try:
        layer = gpd.read_file(path, engine="pyogrio")
    except Exception as e:  # GDAL's own errors are many; all mean "not a readable layer"
        problems.append(Problem(label, "", f"cannot be read as a GeoJSON layer ({e})",
                                "run scripts/prepare_boundaries.py to regenerate it"))
        return empty
    missing = [c for c in columns or [] if c not in layer]
    if missing:
        problems.append(Problem(label, "", f"missing properties {missing}",
                                "run scripts/prepare_boundaries.py to regenerate it"))
        return empty
    layer = layer.set_crs("EPSG:4326", allow_override=True)
    if not polygon_problems(layer, label, problems):
        return empty
    clockwise = int((~shapely.is_ccw(shapely.get_exterior_ring(
        shapely.get_parts(layer.geometry.values)))).sum())
    if clockwise:
        notes.append(f"{label}: rewound {clockwise} clockwise outer ring(s) anticlockwise")
        layer["geometry"] = shapely.orient_polygons(layer.geometry.values)
    return layer


def read_towns(path: Path, problems: list[Problem], notes: list[str]) -> gpd.GeoDataFrame:
    """The towns the map is read by (see towns.py), or an empty layer with the problems."""
    label = f"{schema.BOUNDARIES_DIR}/{path.name}"
    if not path.is_file():
        problems.append(Problem(label, "", "file not found", towns.REGENERATE))
        return towns.empty()
    return towns.from_geojson(read_geojson(path, problems, notes, label), label, problems)


def polygon_problems(layer: gpd.GeoDataFrame, label: str, problems: list[Problem]) -> bool:
    """Report features that are not valid (Multi)Polygons; True when every one is."""
    found = len(problems)
    for number, shape in enumerate(layer.geometry, start=1):
        where = f"feature {number}"
        if shape is None or shape.is_empty:
            problems.append(Problem(label, where, "has no geometry", "give it its polygon"))
        elif shape.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(label, where, f"geometry is a {shape.geom_type}, not a "
                                    "Polygon", "a boundary layer holds only polygons"))
        elif not shape.is_valid:
            problems.append(Problem(label, where, f"is not a valid polygon "
                                    f"({shapely.is_valid_reason(shape)})",
                                    "repair it (e.g. `ogr2ogr -makevalid`) and check the "
                                    "result"))
    return len(problems) == found
