"""The researcher downloads: which files, for which dates and crossings, written where.

`build` and `build_map.py export` both call `export_files`, so site/data/ always holds the
same full set the export command writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from . import datapackage, export, formats
from .dates import parse_partial_date, period_end
from .errors import BuildError, DataError, Problem
from .join import DEFAULT_RADIUS_M, join
from .load import load
from .names import AliasIndex
from .site import refuse_data_overlap
from .timeline import Timeline, build_timeline, status_on
from .validate import validate

FORMATS = ("geojson", "csv", "gpkg", "parquet")


@dataclass(frozen=True)
class Selection:
    """The part of the data to export: a date window and some crossings (None: all)."""

    start: date | None = None  # events and figures that could fall on or after this day
    end: date | None = None  # … and on or before this day
    crossings: tuple[str, ...] | None = None

    def overlaps(self, first: date | None, last: date | None) -> bool:
        """True when a period [first, last] (a partial date's span) meets the window."""
        if first is None:
            return self.start is None and self.end is None
        return (self.end is None or first <= self.end) and \
            (self.start is None or last >= self.start)


def parse_window(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from/--to as days: '2020-01' starts on the 1st and ends on the 31st."""
    days = []
    for option, text, last in (("--from", start, False), ("--to", end, True)):
        if not text:
            days.append(None)
            continue
        try:
            when, precision = parse_partial_date(text)
        except ValueError as e:
            raise DataError([Problem(option, "", f"{text!r} is not a date: {e}",
                                     "write it as 2020-01-13, 2020-01 or 2020")]) from None
        days.append(period_end(when, precision) if last else when)
    if days[0] and days[1] and days[0] > days[1]:
        raise DataError([Problem("--from", "", f"{start!r} is after --to {end!r}",
                                 "give the earlier date to --from")])
    return days[0], days[1]


def resolve_crossings(names: list[str], aliases: AliasIndex) -> tuple[str, ...] | None:
    """Crossing ids for --crossing names or aliases, with a "did you mean" for unknown ones."""
    if not names:
        return None
    ids, problems = [], []
    for name in names:
        crossing_id = aliases.resolve(name)
        if crossing_id is None:
            close = list(dict.fromkeys(aliases.resolve(c) for c in aliases.suggest(name, n=6)))
            fix = f"did you mean {' or '.join(repr(c) for c in close[:3])}?" if close else \
                "use a crossing id or alias from crossings.geojson"
            problems.append(Problem("--crossing", "", f"{name!r} is not a crossing id or "
                                    "alias in the gazetteer", fix))
        elif crossing_id not in ids:
            ids.append(crossing_id)
    if problems:
        raise DataError(problems)
    return tuple(ids)


def select(timeline: Timeline, selection: Selection) -> Timeline:
    """The timeline cut to the selection; assessments stay those of the full data.

    Events: those whose date could fall in the window and (with --crossing) that are about
    one of the crossings. Figures: by as_of, and (with --crossing) those whose area is the
    crossing or an OCHA area it lies in. A crossing keeps only the selected events and its
    status as of the window's end.
    """
    if selection == Selection():
        return timeline
    events = timeline.events
    keep = [selection.overlaps(w, k) for w, k in zip(events["when"], events["known_by"],
                                                       strict=True)]
    crossings = timeline.crossings
    if selection.crossings is not None:
        chosen = set(selection.crossings)
        keep = [k and bool(chosen & set(ids)) for k, ids in zip(keep, events["crossing_ids"],
                                                                   strict=True)]
        crossings = crossings[crossings["id"].isin(chosen)]
    events = events.loc[pd.Series(keep, index=events.index, dtype=bool)]
    kept_ids = set(events["event_id"])
    crossings = crossings.copy()
    crossings["event_ids"] = [[e for e in ids if e in kept_ids] for ids in crossings["event_ids"]]
    full_history = crossings["history"]
    crossings["history"] = [[s for s in h if s["event_id"] in kept_ids] for h in full_history]
    if selection.end is not None:
        before = [[s for s in h if date.fromisoformat(s["known_by"]) <= selection.end]
                  for h in full_history]
        crossings["latest_status"] = [status_on(h, selection.end) for h in full_history]
        crossings["latest_status_date"] = [h[-1]["date"] if h else None for h in before]
    figures = timeline.joined.figures
    fkeep = [selection.overlaps(w, period_end(w, p) if w else None)
             for w, p in zip(figures["as_of_when"], figures["as_of_precision"], strict=True)]
    if selection.crossings is not None:
        areas = set(crossings["id"])
        for column in ("admin1_pcode", "admin2_pcode", "admin3_pcode"):
            areas |= set(crossings[column].dropna())
        fkeep = [k and a in areas for k, a in zip(fkeep, figures["area"], strict=True)]
    joined = replace(timeline.joined, figures=figures[fkeep])
    return Timeline(joined, crossings, events)


# What each download is, for the page's list and datapackage.json.
CATALOGUE = [
    ("crossings.geojson", "geojson", "Crossings (GeoJSON)",
     "One point per crossing, with its status history and timeline of events nested"),
    ("events.geojson", "geojson", "Events (GeoJSON)",
     "One feature per claim or action, on its own point or on its crossings"),
    ("event_crossings.geojson", "geojson", "Events by crossing (GeoJSON)",
     "One point per event and crossing it is about"),
    ("displacement.geojson", "geojson", "Displacement figures (GeoJSON)",
     "One point per figure, inside the area it counts"),
    ("crossings.csv", "csv", "Crossings (CSV)", "The crossings as a spreadsheet, with lon/lat"),
    ("events.csv", "csv", "Events (CSV)", "Every claim and counter-claim, one per row"),
    ("event_crossings.csv", "csv", "Events by crossing (CSV)",
     "The link table: one row per event and crossing"),
    ("displacement.csv", "csv", "Displacement figures (CSV)", "Every figure, never summed"),
    ("sources.csv", "csv", "Sources (CSV)", "The reports every row cites"),
    ("crossings_hxl.csv", "csv", "Crossings (HXL CSV)", "The crossings CSV with HXL hashtags"),
    ("events_hxl.csv", "csv", "Events (HXL CSV)", "The events CSV with HXL hashtags"),
    ("displacement_hxl.csv", "csv", "Displacement figures (HXL CSV)",
     "The figures CSV with HXL hashtags, one column per metric"),
    ("atlas.gpkg", "gpkg", "Everything (GeoPackage)",
     "All layers in one file for QGIS; events as MultiPoint"),
    ("crossings.parquet", "parquet", "Crossings (GeoParquet)", "GeoParquet 1.1"),
    ("events.parquet", "parquet", "Events (GeoParquet)", "GeoParquet 1.1; events as MultiPoint"),
    ("event_crossings.parquet", "parquet", "Events by crossing (GeoParquet)", "GeoParquet 1.1"),
    ("displacement.parquet", "parquet", "Displacement figures (GeoParquet)", "GeoParquet 1.1"),
    ("datapackage.json", "json", "Data package (Frictionless)",
     "Table Schemas, licences, sources and the build manifest"),
]


def export_files(timeline: Timeline, data_dir: Path, formats_wanted=FORMATS,
                 selection: Selection = Selection()) -> dict[str, str | bytes]:
    """Every export file (name -> content) for the selection, plus datapackage.json."""
    timeline = select(timeline, selection)
    by_name = {layer.name: layer for layer in export.layers(timeline)}
    files: dict[str, str | bytes] = {}
    if "geojson" in formats_wanted:
        files["crossings.geojson"] = export.crossings_geojson(timeline)
        for name in ("events", "event_crossings", "displacement"):
            files[f"{name}.geojson"] = export.layer_geojson(by_name[name])
    if "csv" in formats_wanted:
        for layer in by_name.values():
            files[f"{layer.name}.csv"] = export.to_csv(layer.csv_rows(), layer.csv_fields())
        for name in formats.HXL_LAYERS:
            files[f"{name}_hxl.csv"] = formats.hxl_csv(by_name[name])
    if "gpkg" in formats_wanted:
        files["atlas.gpkg"] = formats.geopackage(list(by_name.values()), _as_of(timeline))
    if "parquet" in formats_wanted:
        for layer in by_name.values():
            if layer.geometries is not None:
                files[f"{layer.name}.parquet"] = formats.geoparquet(layer)
    files["datapackage.json"] = datapackage.descriptor(files, by_name, data_dir, selection)
    return files


def _as_of(timeline: Timeline) -> str:
    """The day the data runs to (the last event's latest possible day), as GDAL wants it."""
    days = [d for d in timeline.events["known_by"] if d is not None]
    day = max(days) if days else date(2000, 1, 1)
    return f"{day.isoformat()}T00:00:00Z"


def parse_formats(values: list[str] | None) -> tuple[str, ...]:
    """--format values (repeatable or comma lists) checked against FORMATS; default all."""
    if not values:
        return FORMATS
    wanted = [v.strip().lower() for value in values for v in value.split(",") if v.strip()]
    unknown = [v for v in wanted if v not in FORMATS]
    if unknown:
        raise DataError([Problem("--format", "", f"{unknown[0]!r} is not a format",
                                 f"use one or more of {', '.join(FORMATS)}")])
    return tuple(f for f in FORMATS if f in wanted)


def write_files(files: dict[str, str | bytes], out_dir: Path) -> list[str]:
    """Write each file beside its target, then rename it in, so no file is ever half-written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, content in sorted(files.items()):
            staging = out_dir / f".{name}.{os.getpid()}.tmp"
            data = content.encode("utf-8") if isinstance(content, str) else content
            staging.write_bytes(data)
            os.replace(staging, out_dir / name)
    except OSError as e:
        raise BuildError(f"could not write the exports to {out_dir}: {e.strerror or e}") from e
    return sorted(files)


def run_export(data_dir: Path, out_dir: Path, formats_wanted: list[str] | None = None,
               start: str | None = None, end: str | None = None,
               crossings: list[str] | None = None,
               radius_m: float = DEFAULT_RADIUS_M) -> tuple[Timeline, list[str]]:
    """Load, check and join the data, then write the selected exports into `out_dir`."""
    refuse_data_overlap(out_dir, data_dir)
    wanted = parse_formats(formats_wanted)
    first, last = parse_window(start, end)
    atlas = validate(load(data_dir))
    selection = Selection(first, last, resolve_crossings(crossings or [], atlas.aliases))
    timeline = build_timeline(join(atlas, radius_m))
    files = export_files(timeline, data_dir, wanted, selection)
    return select(timeline, selection), write_files(files, out_dir)
