"""UCDP GED and ACLED presets: their column names, and what each of their precision codes
means, from their codebooks (cited, with every code, in docs/external_events.md).

A location code says how well the event's point is known: within `metres` of it, or only as an
area (`metres` None: a district's or a province's centroid, the whole country…), which is never
attributed to a crossing. A date code says how the event's dates are known; `rule` turns the
table's date(s) into the range the event may fall in (`precision.date_range`). A value the
codebook does not define is never guessed: its location is too imprecise, its date too
uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How far from its point an event "near a named place" (UCDP where_prec 2, ACLED
# geo_precision 2) may be. Neither codebook text we could read gives a distance; 25 km is a
# working value, said so in the docs and the summary, and a TOML mapping can change it.
NEAR_PLACE_M = 25_000


@dataclass(frozen=True)
class LocationCode:
    """One value of a location precision column: its level and how far the event may be."""

    level: str  # a key of precision.LOCATION_LEVELS
    metres: float | None  # the event lies within this many metres of its point; None: an area
    meaning: str  # the codebook's meaning, in our words


@dataclass(frozen=True)
class DateCode:
    """One value of a date precision column, and how it widens the table's dates."""

    rule: str  # a key of precision.DATE_RULES
    meaning: str


@dataclass(frozen=True)
class Preset:
    """A published dataset's columns and codes, so a researcher names only the file."""

    name: str
    title: str
    codebook: str  # the citation of the codebook the codes come from
    settings: dict[str, str]  # EventsSpec field -> the dataset's column
    location: dict[str, LocationCode]  # the location precision column's codes
    date_precision_col: str
    date: dict[str, DateCode] = field(default_factory=dict)


UCDP = Preset(
    name="ucdp",
    title="UCDP Georeferenced Event Dataset (GED)",
    codebook="Högbladh, Stina (2019), UCDP GED Codebook version 19.1, Department of Peace and "
             "Conflict Research, Uppsala University, https://ucdp.uu.se/downloads/ged/ged191.pdf",
    settings={"id_col": "id", "lat_col": "latitude", "lon_col": "longitude",
              "date_col": "date_start", "date_end_col": "date_end",
              "location_precision_col": "where_prec", "label_col": "where_coordinates",
              "fatalities_col": "best"},
    location={
        "1": LocationCode("exact", 0, "the exact place of the event is known and coded"),
        "2": LocationCode("near_place", NEAR_PLACE_M,
                          "a limited area around a named place (e.g. near a town)"),
        "3": LocationCode("admin2", None,
                          "only a second-order administrative area (a district) is known; "
                          "the point is its centroid"),
        "4": LocationCode("admin1", None,
                          "only a first-order administrative area (a province or governorate) "
                          "is known; the point is its centroid"),
        "5": LocationCode("part_of_country", None,
                          "a part of the country larger than a province, a point between two "
                          "named places, or a place named only loosely or in relation to "
                          "another"),
        "6": LocationCode("country", None,
                          "only the country is known; the point is its centroid"),
        "7": LocationCode("water_or_airspace", None,
                          "over water or in international airspace; the point is the centroid "
                          "of a water area or an estimate"),
    },
    date_precision_col="date_prec",
    date={
        "1": DateCode("as_given", "the exact date is known"),
        "2": DateCode("as_given", "the event spans more than one day but no more than six"),
        "3": DateCode("as_given", "known only to a certain week, not the days"),
        "4": DateCode("as_given", "known only to a certain month"),
        "5": DateCode("as_given", "known only to a certain year"),
    },
)

ACLED = Preset(
    name="acled",
    title="Armed Conflict Location & Event Data (ACLED)",
    codebook="ACLED Codebook (Armed Conflict Location & Event Data Project), "
             "https://acleddata.com/knowledge-base/codebook/; earlier: Raleigh, Clionadh and "
             "Caitriona Dowd (2015), ACLED Codebook, §3.2 Spatial precision codes, §4.1 Time "
             "precision",
    settings={"id_col": "event_id_cnty", "lat_col": "latitude", "lon_col": "longitude",
              "date_col": "event_date", "location_precision_col": "geo_precision",
              "label_col": "location", "fatalities_col": "fatalities"},
    location={
        "1": LocationCode("exact", 0,
                          "the source names a particular town, and the point is that town"),
        "2": LocationCode("near_place", NEAR_PLACE_M,
                          "a small part of a region, or near a town; the point is a town "
                          "standing for that area"),
        "3": LocationCode("region", None,
                          "only a larger region is named; the point is a natural feature named "
                          "in the report, or the provincial capital"),
    },
    date_precision_col="time_precision",
    date={
        "1": DateCode("as_given", "the source gives the actual date"),
        "2": DateCode("week", "sometime during a week, or a similar period"),
        "3": DateCode("month", "only the month is known (e.g. 'in January'); the date given "
                               "is the month's mid-point"),
    },
)

PRESETS = {preset.name: preset for preset in (UCDP, ACLED)}
