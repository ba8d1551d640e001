"""Read the input files from disk into tables, reporting anything structurally wrong.

Only this module and `site.py` touch the disk. Content checks (dates, ids, enums) live in
`validate.py`; here we only make sure each file can be read at all, as a spreadsheet or GIS
tool would have written it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import schema
from .errors import DataError, Problem

ROW_COLUMN = "_row"  # the spreadsheet row number (header = row 1), kept for messages


@dataclass
class RawAtlas:
    """Every input as read: tables of strings, the gazetteer JSON and the boundary layers."""

    data_dir: Path
    crossings: dict
    events: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    admin1: gpd.GeoDataFrame
    admin3: gpd.GeoDataFrame
    neighbours: gpd.GeoDataFrame
    notes: list[str] = field(default_factory=list)  # normalisations made while reading


def load(data_dir: Path) -> RawAtlas:
    """Read every input in `data_dir`; raise DataError listing all that cannot be read."""
    problems: list[Problem] = []
    notes: list[str] = []
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), "", "the data folder does not exist",
                                 "pass the folder holding crossings.geojson with --data")])
    crossings = read_json(data_dir / schema.CROSSINGS_FILE, problems)
    events = read_csv(data_dir / schema.EVENTS_FILE, schema.EVENT_COLUMNS,
                      schema.EVENT_OPTIONAL, problems, notes)
    figures = read_csv(data_dir / schema.FIGURES_FILE, schema.FIGURE_COLUMNS,
                       schema.FIGURE_OPTIONAL, problems, notes)
    sources = read_csv(data_dir / schema.SOURCES_FILE, schema.SOURCE_COLUMNS,
                       schema.SOURCE_OPTIONAL, problems, notes)
    boundaries = data_dir / schema.BOUNDARIES_DIR
    layers = {name: read_layer(boundaries / f"{name}.geojson", problems)
              for name in ("admin1", "admin3", "neighbours")}
    if problems:
        raise DataError(problems)
    return RawAtlas(data_dir, crossings, events, figures, sources, **layers, notes=notes)


def read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text as UTF-8 (a byte-order mark is allowed), or None with a problem."""
    if not path.is_file():
        problems.append(Problem(path.name, "", f"file not found in {path.parent}",
                                f"create {path.name} or point --data at the right folder"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        problems.append(Problem(path.name, f"byte {e.start}",
                                f"is not UTF-8 text{_guess_encoding(raw)}",
                                "save the file as 'CSV UTF-8' (or GeoJSON in UTF-8)"))
        return None
    if not text.strip():
        problems.append(Problem(path.name, "", "the file is empty",
                                "restore its header row and data (see docs/data.md)"))
        return None
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


def read_csv(path: Path, columns: list[str], optional: set[str], problems: list[Problem],
             notes: list[str]) -> pd.DataFrame:
    """A CSV as a table of stripped strings with its spreadsheet row numbers."""
    empty = pd.DataFrame(columns=[*columns, ROW_COLUMN])
    text = read_text(path, problems)
    if text is None:
        return empty
    name = path.name
    if "\r\n" in text:
        notes.append(f"{name}: read Windows (CRLF) line endings")
    rows = list(csv.reader(io.StringIO(text, newline="")))
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
    records, blank = [], 0
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        if len(row) != len(header):
            problems.append(Problem(name, f"row {number}",
                                    f"has {len(row)} cells but the header has {len(header)}",
                                    "quote any value that contains a comma, and remove stray "
                                    "cells"))
            continue
        records.append([cell.strip() for cell in row] + [number])
    if blank:
        notes.append(f"{name}: skipped {blank} blank row(s)")
    if len(problems) > found:
        return empty
    table = pd.DataFrame(records, columns=[*header, ROW_COLUMN], dtype=object)
    for column in columns:
        if column not in table:
            table[column] = ""
    return table


def read_json(path: Path, problems: list[Problem]) -> dict:
    """A JSON file as a dict; a syntax error is reported with its line and column."""
    text = read_text(path, problems)
    if text is None:
        return {}
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        problems.append(Problem(path.name, f"line {e.lineno} column {e.colno}",
                                f"is not valid JSON ({e.msg})",
                                "fix the syntax there; a JSON linter shows it"))
        return {}


def read_layer(path: Path, problems: list[Problem]) -> gpd.GeoDataFrame:
    """A boundary layer in EPSG:4326."""
    if not path.is_file():
        problems.append(Problem(f"{schema.BOUNDARIES_DIR}/{path.name}", "", "file not found",
                                "run scripts/prepare_boundaries.py to regenerate it"))
        return gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    layer = gpd.read_file(path, engine="pyogrio")
    return layer.to_crs("EPSG:4326") if layer.crs else layer.set_crs("EPSG:4326")
