"""Check the spreadsheets: sources.csv, events.csv and displacement.csv, row by row."""

from __future__ import annotations

import math
import re

import pandas as pd

from .. import schema
from ..errors import Problem
from ..join import metric_point
from ..load import ROW_COLUMN
from ..names import AliasIndex
from .cells import check_date, check_enum, number, required, source_check, unique

# Metres an event point may lie outside Syria and its neighbours' outlines.
REGION_TOLERANCE_M = 20_000
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$")


def check_sources(table: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """The sources table, every row with an id, an outlet and a web address if any."""
    file = schema.SOURCES_FILE
    required(table, file, ["source_id", "outlet"], problems)
    unique(table["source_id"], table[ROW_COLUMN], file, "source_id", problems)
    for _, row in table.iterrows():
        if row["url"] and not re.match(r"^https?://", row["url"]):
            problems.append(Problem(file, f"row {row[ROW_COLUMN]}",
                                    f"url {row['url']!r} is not an http(s) address",
                                    "give the full address starting with https://"))
        if row["date_confidence"]:  # decides whether the date can date what others knew
            check_enum(file, f"row {row[ROW_COLUMN]}", "date_confidence", row["date_confidence"],
                       schema.DATE_CONFIDENCES, problems)
    return table


def check_events(table: pd.DataFrame, aliases: AliasIndex | None, source_ids: set[str] | None,
                 region, problems: list[Problem], complete: bool = True) -> pd.DataFrame:
    """Typed events; `aliases`/`source_ids` None skip the checks against unread files."""
    file = schema.EVENTS_FILE
    required(table, file, ["event_id", "date", "date_precision", "event_type", "claimant",
                           "claimant_side", "summary", "source_id"], problems)
    unique(table["event_id"], table[ROW_COLUMN], file, "event_id", problems)
    known_ids = set(table["event_id"])
    records = []
    for _, row in table.iterrows():
        where = f"row {row[ROW_COLUMN]}"
        record = row.to_dict()
        record["when"], record["date_precision"] = check_date(
            file, where, "date", row["date"], problems, row["date_precision"]) \
            if row["date"] else (None, row["date_precision"])
        record["crossing_ids"] = _crossing_ids(row["crossing_ids"], aliases, where, problems)
        if row["event_type"]:
            check_enum(file, where, "event_type", row["event_type"], schema.EVENT_TYPES,
                       problems)
        if row["claimant_side"]:
            check_enum(file, where, "claimant_side", row["claimant_side"], schema.SIDES,
                       problems)
        source_check(file, where, row["source_id"], source_ids, problems)
        if complete and row["responds_to"] and row["responds_to"] not in known_ids:
            problems.append(Problem(file, where, f"responds_to {row['responds_to']!r} is not "
                                    "an event_id in this file",
                                    "give the event_id of the claim this row answers"))
        record["lat"], record["lon"] = _event_point(row, where, region, problems)
        records.append(record)
    return pd.DataFrame(records, columns=[*table.columns, "when"])


def _crossing_ids(text: str, aliases: AliasIndex | None, where: str,
                  problems: list[Problem]) -> list[str]:
    """The gazetteer ids of the crossings a cell names ("souran; Abu Duhur")."""
    resolved = []
    for name in (n.strip() for n in text.split(";")):
        if not name or aliases is None:
            continue
        crossing_id = aliases.resolve(name)
        if crossing_id is None:
            close = aliases.suggest(name)
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else \
                "expected a crossing id or alias"
            problems.append(Problem(schema.EVENTS_FILE, where,
                                    f"crossing {name!r} is not in the gazetteer; {hint}",
                                    f"use a crossing id or alias from {schema.CROSSINGS_FILE},"
                                    " or add it there (with its aliases) first"))
        elif crossing_id not in resolved:
            resolved.append(crossing_id)
    return resolved


def _event_point(row, where: str, region, problems: list[Problem]):
    """(lat, lon) as floats, NaN when not given; both or neither must be present."""
    file = schema.EVENTS_FILE
    lat_text, lon_text = row["lat"], row["lon"]
    if not lat_text and not lon_text:
        return math.nan, math.nan
    lat, lon = number(lat_text), number(lon_text)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        problems.append(Problem(file, where, f"lat {lat_text!r} / lon {lon_text!r} are not a "
                                "latitude and longitude", "give both in decimal degrees, "
                                "e.g. lat 36.13812, lon 36.82191, or leave both empty"))
        return math.nan, math.nan
    if region is not None:
        if metric_point(lon, lat).distance(region) > REGION_TOLERANCE_M:
            swapped = metric_point(lat, lon)
            hint = ("; swapping lat and lon would put it in the region"
                    if swapped.distance(region) <= REGION_TOLERANCE_M else "")
            problems.append(Problem(file, where, f"point lat {lat} lon {lon} lies outside "
                                    f"Syria and its neighbours{hint}",
                                    "check the coordinates and their order"))
    return lat, lon


def check_figures(table: pd.DataFrame, pcodes: set[str], crossing_ids: set[str] | None,
                  source_ids: set[str] | None, problems: list[Problem], notes: list[str]
                  ) -> pd.DataFrame:
    """Typed figures; thousands separators are removed and counted in `notes`."""
    file = schema.FIGURES_FILE
    required(table, file, ["figure_id", "figure", "qualifier", "metric", "as_of", "area",
                           "source_id"], problems)
    unique(table["figure_id"], table[ROW_COLUMN], file, "figure_id", problems)
    records, separators = [], 0
    for _, row in table.iterrows():
        where = f"row {row[ROW_COLUMN]}"
        record = row.to_dict()
        text = row["figure"]
        if _THOUSANDS.match(text):
            text, separators = text.replace(",", ""), separators + 1
        value = number(text)
        if text and value is not None and value < 0:
            problems.append(Problem(file, where, f"figure {row['figure']!r} is negative; "
                                    "expected a count of people, 0 or more",
                                    "drop the minus sign, or the row if the count is unknown"))
        elif text and (value is None or value != int(value)):
            problems.append(Problem(file, where, f"figure {row['figure']!r} is not a whole "
                                    "number of people", "write digits only, e.g. 350000"))
        record["figure"] = int(value) if value is not None and value >= 0 else None
        if row["qualifier"]:
            check_enum(file, where, "qualifier", row["qualifier"], schema.QUALIFIERS, problems)
        if row["metric"]:
            check_enum(file, where, "metric", row["metric"], schema.METRICS, problems)
        precision = row.get("as_of_precision") or None
        record["as_of_when"], record["as_of_precision"] = check_date(
            file, where, "as_of", row["as_of"], problems, precision) if row["as_of"] else \
            (None, precision)
        record["period_start_when"] = check_date(
            file, where, "period_start", row["period_start"], problems)[0] \
            if row["period_start"] else None
        area = row["area"]
        if area and pcodes and crossing_ids is not None and area not in pcodes \
                and area not in crossing_ids:
            problems.append(Problem(file, where, f"area {area!r} is neither an OCHA P-code "
                                    "nor a crossing id", "use a P-code such as SY07 (Idleb) "
                                    "or a crossing id from crossings.geojson"))
        source_check(file, where, row["source_id"], source_ids, problems)
        records.append(record)
    if separators:
        notes.append(f"{file}: removed thousands separators from {separators} figure(s)")
    return pd.DataFrame(records, columns=[*table.columns, "as_of_when", "period_start_when"])
