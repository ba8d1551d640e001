"""Check every input against the data contract and turn the raw tables into typed frames.

Every problem is collected, then raised once (`DataError`), so an editor fixes a whole
spreadsheet in one pass. Normalisations that are safe (thousands separators, spaces) are
applied and noted, never silently. The checks live beside this file: `cells.py` (what every
file shares), `crossings.py` (the gazetteer), `tables.py` (the spreadsheets), `replies.py`
(answers and the claims they answer) and `arabic.py` (each English text's Arabic twin).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .. import schema
from ..errors import DataError, Problem
from ..join import METRIC_CRS
from ..load import ROW_COLUMN, Boundaries, RawAtlas
from ..names import AliasIndex
from .arabic import Untranslated, check_arabic, table_rows
from .crossings import check_crossings, check_pcodes
from .replies import check_replies
from .tables import check_events, check_figures, check_sources

__all__ = ["Atlas", "Untranslated", "validate"]


@dataclass(kw_only=True)
class Atlas:
    """The validated inputs: typed, EPSG:4326, every row traceable to its file row."""

    crossings: gpd.GeoDataFrame
    events: pd.DataFrame  # + when (the first day the date can mean), lat/lon as numbers
    figures: pd.DataFrame  # + as_of_when, period_start_when; figure as an integer
    sources: pd.DataFrame
    boundaries: Boundaries
    aliases: AliasIndex
    notes: list[str] = field(default_factory=list)
    untranslated: list[Untranslated] = field(default_factory=list)  # English without Arabic


def validate(raw: RawAtlas, require_arabic: bool = False) -> Atlas:
    """Typed frames from raw tables; raise DataError listing every problem found.

    Problems found while reading come first; checks that compare one file with another are
    skipped when the other could not be read in full, so one broken file is reported once.
    A text without its Arabic is a problem with `require_arabic` (the curator's gate), else
    it is listed in `Atlas.untranslated`.
    """
    problems: list[Problem] = list(raw.problems)
    notes = list(raw.notes)
    unread = raw.incomplete
    boundaries = raw.boundaries
    sources = check_sources(raw.sources, problems)
    source_ids = None if schema.SOURCES_FILE in unread else set(sources["source_id"])
    crossings, names = check_crossings(raw.crossings, source_ids,
                                       boundaries.outline("admin1", METRIC_CRS), problems, notes)
    if f"{schema.BOUNDARIES_DIR}/admin3.geojson" not in unread:
        check_pcodes(crossings, boundaries.admin3, problems)
    aliases = AliasIndex(names or [])
    for spelling, first, second in aliases.clashes:
        problems.append(Problem(schema.CROSSINGS_FILE, f"feature id {second!r}",
                                f"alias {spelling!r} also names {first!r}",
                                "an alias must belong to one crossing; remove it from one"))
    gazetteer = None if not names or schema.CROSSINGS_FILE in unread else aliases
    events = check_events(raw.events, gazetteer, source_ids,
                          boundaries.outline("neighbours", METRIC_CRS), problems,
                          complete=schema.EVENTS_FILE not in unread)
    check_replies(events, None if source_ids is None else sources, problems)
    pcodes = set()
    if all(len(layer) for layer in boundaries.layers()):
        pcodes = {code for layer in boundaries.layers() for code in layer["pcode"]}
    crossing_ids = None if gazetteer is None else {crossing_id for crossing_id, _ in names or []}
    figures = check_figures(raw.figures, pcodes, crossing_ids, source_ids, problems, notes)
    untranslated = check_arabic(schema.CROSSINGS_FILE, [
        (f"feature {row[ROW_COLUMN]}", row) for row in crossings.to_dict("records")], problems)
    for file, table in ((schema.EVENTS_FILE, raw.events), (schema.FIGURES_FILE, raw.figures),
                        (schema.SOURCES_FILE, raw.sources)):
        untranslated += check_arabic(file, table_rows(table), problems)
    if require_arabic:
        problems += [gap.problem() for gap in untranslated]
    if problems:
        raise DataError(problems)
    return Atlas(crossings=crossings, events=events, figures=figures, sources=sources,
                 boundaries=boundaries, aliases=aliases, notes=notes,
                 untranslated=untranslated)
