"""Check every input against the data contract and turn the raw tables into typed frames.

Every problem is collected, then raised once (`DataError`), so an editor fixes a whole
spreadsheet in one pass. Normalisations that are safe (thousands separators, spaces) are
applied and noted, never silently. The checks themselves live in `validate_crossings.py`
(the gazetteer) and `validate_tables.py` (the spreadsheets).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from . import schema
from .errors import DataError, Problem
from .load import RawAtlas
from .names import AliasIndex
from .validate_crossings import BORDER_TOLERANCE_M, check_crossings, check_pcodes
from .validate_fields import METRIC_CRS
from .validate_replies import check_replies, figures_known_by
from .validate_tables import REGION_TOLERANCE_M, check_events, check_figures, check_sources

__all__ = ["Atlas", "validate", "METRIC_CRS", "BORDER_TOLERANCE_M", "REGION_TOLERANCE_M"]


@dataclass
class Atlas:
    """The validated inputs: typed, EPSG:4326, every row traceable to its file row."""

    crossings: gpd.GeoDataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    sources: pd.DataFrame
    admin1: gpd.GeoDataFrame
    admin3: gpd.GeoDataFrame
    neighbours: gpd.GeoDataFrame
    aliases: AliasIndex
    notes: list[str] = field(default_factory=list)
    admin2: gpd.GeoDataFrame | None = None  # districts: figures may be given per district


def validate(raw: RawAtlas) -> Atlas:
    """Typed frames from raw tables; raise DataError listing every problem found.

    Problems found while reading come first; checks that compare one file with another are
    skipped when the other could not be read in full, so one broken file is reported once.
    """
    problems: list[Problem] = list(raw.problems)
    notes = list(raw.notes)
    unread = raw.incomplete
    sources = check_sources(raw.sources, problems)
    source_ids = None if schema.SOURCES_FILE in unread else set(sources["source_id"])
    syria = _outline(raw.admin1)
    crossings, names = check_crossings(raw.crossings, source_ids, syria, problems, notes)
    if f"{schema.BOUNDARIES_DIR}/admin3.geojson" not in unread:
        check_pcodes(crossings, raw.admin3, problems)
    aliases = AliasIndex(names or [])
    for spelling, first, second in aliases.clashes:
        problems.append(Problem(schema.CROSSINGS_FILE, f"feature id {second!r}",
                                f"alias {spelling!r} also names {first!r}",
                                "an alias must belong to one crossing; remove it from one"))
    gazetteer = None if not names or schema.CROSSINGS_FILE in unread else aliases
    events = check_events(raw.events, gazetteer, source_ids, _outline(raw.neighbours),
                          problems, complete=schema.EVENTS_FILE not in unread)
    events = check_replies(events, None if source_ids is None else sources, problems)
    pcodes = set()
    if len(raw.admin3) and len(raw.admin2) and len(raw.admin1):
        pcodes = set(raw.admin3["pcode"]) | set(raw.admin2["pcode"]) | set(raw.admin1["pcode"])
    crossing_ids = None if gazetteer is None else {crossing_id for crossing_id, _ in names or []}
    figures = check_figures(raw.figures, pcodes, crossing_ids, source_ids, problems, notes)
    figures["known_by"] = figures_known_by(figures, None if source_ids is None else sources)
    if problems:
        raise DataError(problems)
    return Atlas(crossings, events, figures, sources, raw.admin1, raw.admin3, raw.neighbours,
                 aliases, notes, raw.admin2)


def _outline(layer: gpd.GeoDataFrame):
    """A layer's union in metres, or None when the layer could not be read."""
    return layer.to_crs(METRIC_CRS).union_all() if len(layer) else None
