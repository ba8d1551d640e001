"""The data dictionary: type, meaning and an example of every field the atlas reads or writes.

Field meanings, in the terms of the data contract (`schema.py`), so the Table Schemas in
datapackage.json and docs/data.md (checked by tests/test_data_docs.py) say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # 2020-01-13, 2020-01 or 2020


@dataclass(frozen=True)
class Field:
    """One column: its Table Schema type, what it means, an example, and any allowed values."""

    type: str  # a Table Schema type: string, integer or number
    meaning: str
    example: str
    enum: tuple[str, ...] = ()
    pattern: str = ""


def _enum(values) -> tuple[str, ...]:
    return tuple(sorted(values))


# Meanings shared by every file a field appears in; FIELDS_BY_LAYER overrides a few below.
FIELDS: dict[str, Field] = {
    # crossings
    "id": Field("string", "stable slug of the crossing; never reused", "souran"),
    "name": Field("string", "English display name", "Abu al-Duhur"),
    "name_ar": Field("string", "Arabic name (UTF-8)", "أبو الظهور"),
    "aliases": Field("string", "every spelling the reports use; a list in GeoJSON, "
                     "';'-separated elsewhere", "Abu Dhuhur;Abu Duhur"),
    "kind": Field("string", "humanitarian_corridor and/or commercial_crossing, ';'-separated",
                  "humanitarian_corridor",
                  pattern=r"^(humanitarian_corridor|commercial_crossing)"
                          r"(;(humanitarian_corridor|commercial_crossing))*$"),
    "admin1_pcode": Field("string", "OCHA governorate P-code", "SY07"),
    "admin2_pcode": Field("string", "OCHA district P-code", "SY0700"),
    "admin3_pcode": Field("string", "OCHA sub-district P-code", "SY070001"),
    "location_precision": Field("string", "whether the point is the site itself",
                                "approximate", _enum(schema.LOCATION_PRECISIONS)),
    "precision_m": Field("integer", "radius in metres within which the real site lies", "5000"),
    "location_source": Field("string", "where the point comes from", "places.csv row …"),
    "first_reported": Field("string", "date of the first mention in the sources", "2019-08-22",
                            pattern=PARTIAL_DATE),
    "summary": Field("string", "one or two sentences in our own words", "Exit route at …"),
    "source_ids": Field("string", "the sources the crossing draws on; a list in GeoJSON, "
                        "';'-separated elsewhere", "checked-elsewhere;mem-2019-08-23"),
    "latest_status": Field("string", "status after the last status-changing event (up to "
                           "--to when filtered)", "unused", _enum(schema.STATUSES)),
    "latest_status_date": Field("string", "date of that event", "2020-01",
                                pattern=PARTIAL_DATE),
    "event_ids": Field("string", "events about the crossing in date order, ';'-separated",
                       "20200111-burenkov-announces-three-crossings;…"),
    "lon": Field("number", "longitude, WGS 84 decimal degrees (6 decimals)", "36.75035"),
    "lat": Field("number", "latitude, WGS 84 decimal degrees (6 decimals)", "35.29257"),
    "status": Field("string", "the status the event gave the crossing", "announced",
                    _enum(schema.STATUSES)),
    "known_by": Field("string", "the day the event is surely known: the last day its date can "
                      "mean, capped by its source's (sure) publication date, never before the "
                      "claim it answers; histories are ordered by it", "2020-01-31",
                      pattern=r"^\d{4}-\d{2}-\d{2}$"),
    # events
    "event_id": Field("string", "YYYYMMDD-slug; 00 for a month or day the sources do not give",
                      "20200113-three-crossings-opened"),
    "date": Field("string", "when it happened: YYYY-MM-DD, YYYY-MM or YYYY", "2020-01",
                  pattern=PARTIAL_DATE),
    "date_precision": Field("string", "day, month or year, matching the form of date", "month",
                            _enum(schema.DATE_PRECISIONS)),
    "crossing_ids": Field("string", "crossings the row names, as ids, ';'-separated (input: "
                          "ids or any alias); empty when none is named",
                          "saraqib;miznaz;abu-zendin"),
    "place": Field("string", "the place as the source names it", "Souran, northern Hama"),
    "event_type": Field("string", "what kind of claim or action (see Event types)", "denied",
                        _enum(schema.EVENT_TYPES)),
    "claimant": Field("string", "who made the claim or did the action", "Rami Abdulrahman …"),
    "claimant_side": Field("string", "the claimant's side (see Sides)", "monitor",
                           _enum(schema.SIDES)),
    "responds_to": Field("string", "event_id of the claim this row answers or disputes",
                         "20190822-souran-corridor-announced"),
    "source_id": Field("string", "the source of the row, a source_id in sources.csv",
                       "mem-2019-08-23"),
    "note": Field("string", "uncertainty and how the date was reasoned", "Day inferred: …"),
    "source_url": Field("string", "the source's web address, copied from sources.csv",
                        "https://www.middleeastmonitor.com/…"),
    "match": Field("string", "how the event was tied to a crossing: named in crossing_ids, "
                   "nearest crossing within the radius to its lat/lon, or none", "named",
                   schema.MATCHES),
    "matched_crossing_id": Field("string", "the crossing matched by location when match is "
                                 "nearest", "saraqib"),
    "distance_m": Field("number", "metres from the event's point to the matched crossing",
                        "1830.4"),
    "assessment": Field("string", "contested (the camps disagree), corroborated (another "
                        "source agrees) or single source", "contested",
                        schema.ASSESSMENTS),
    "disputed_by": Field("string", "event_ids from the other camp answering this one, "
                         "';'-separated", "20190822-sohr-denies-souran-corridor"),
    "crossing_id": Field("string", "one crossing the event is about (named or nearest)",
                         "souran"),
    # displacement figures
    "figure_id": Field("string", "stable id of the figure", "f01-displaced-southern-idlib-recent"),
    "figure": Field("integer", "the number, digits only", "350000"),
    "qualifier": Field("string", "how exact the source says it is", "about",
                       _enum(schema.QUALIFIERS)),
    "metric": Field("string", "what is counted", "displaced", _enum(schema.METRICS)),
    "as_of": Field("string", "when the figure was stated", "2020-01-21", pattern=PARTIAL_DATE),
    "as_of_precision": Field("string", "day, month or year (input: may be left empty)", "day",
                             _enum(schema.DATE_PRECISIONS)),
    "period_start": Field("string", "when the counted period began, if given", "2019-04",
                          pattern=PARTIAL_DATE),
    "area": Field("string", "an OCHA P-code (any level) or a crossing id", "SY07"),
    "area_name": Field("string", "the area as the source words it", "southern Idlib"),
    "area_level": Field("string", "admin1, admin2, admin3 or crossing", "admin1",
                        schema.AREA_LEVELS),
    "area_label": Field("string", "OCHA's English name of the area, or the crossing's name",
                        "Idleb"),
    # sources
    "outlet": Field("string", "who published the report", "Middle East Monitor"),
    "title": Field("string", "the report's title", "SOHR: Syria army …"),
    "published": Field("string", "publication date", "2019-08-23", pattern=PARTIAL_DATE),
    "date_confidence": Field("string", "confirmed, inferred, month_only or unverified",
                             "confirmed"),
    "url": Field("string", "link to the report; empty when no original is known",
                 "https://www.middleeastmonitor.com/…"),
    "language": Field("string", "ISO 639-1 code of the report", "en"),
    # activity.csv: the events table's rows counted near each crossing, per period
    "crossing_name": Field("string", "the crossing's English name", "Saraqib"),
    "period": Field("string", "what each count covers: month, or ISO week (from Monday)",
                    "month", ("month", "week")),
    "events": Field("integer", "rows of the events table attributed to the crossing (located "
                    "to within radius_m, and within radius_m of it) whose dates all fall in the "
                    "period", "12"),
    "may_be_near": Field("integer", "rows that may be near the crossing, counted apart and "
                         "never in events: located only to within more than radius_m, or a "
                         "point just beyond radius_m whose uncertainty reaches it; dates all "
                         "in the period", "3"),
    # activity.geojson: per crossing, the totals beside its nested counts
    "events_total": Field("integer", "attributed rows counted in some period (the sum of "
                          "events)", "487"),
    "may_be_near_total": Field("integer", "rows that may be near the crossing, counted in "
                               "some period (the sum of may_be_near)", "128"),
    "date_too_uncertain": Field("integer", "attributed rows whose dates may fall in more than "
                                "one period, so in no period's count", "1"),
    "too_imprecise": Field("integer", "rows located only to an area (a centroid, the whole "
                           "country…) whose stand-in point lies within radius_m; never "
                           "attributed", "7"),
    "counts": Field("string", "per period, [period start, events, may_be_near] (a list in "
                    "GeoJSON)", '[["2019-05-01", 12, 3]]'),
    "radius_m": Field("number", "the matching radius in metres", "10000"),
    "source": Field("string", "the events table's citation (or its file name)",
                    "UCDP GED (Sundberg & Melander 2013 …)"),
    # area_figures.csv: the figures tables' values, one per table, OCHA area and period
    "pcode": Field("string", "the OCHA P-code of the area the value counts", "SY07"),
    "area_name_ar": Field("string", "OCHA's Arabic name of the area", "إدلب"),
    "level": Field("string", "the area's level: admin1 (governorate), admin2 (district) or "
                   "admin3 (sub-district)", "admin1", ("admin1", "admin2", "admin3")),
    "period_end": Field("string", "the last day of the period", "2018-03-31",
                        pattern=r"^\d{4}-\d{2}-\d{2}$"),
    "value": Field("number", "the value as the table publishes it (fractions kept); empty "
                   "when the table has no data", "111571.5"),
    "no_data": Field("string", "why there is no value: blank, or the table's suppression mark "
                     "as written (e.g. *); empty when there is one", "blank"),
    "rows": Field("integer", "how many rows of the table give the value (more than 1 only "
                  "when they are added as parts, with aggregate sum)", "1"),
    "table": Field("string", "the figures table's file name", "hnap_idp_movements.csv"),
    # HXL twin of displacement: the figure again, in the column its metric belongs to
    "displaced": Field("integer", "figure when metric is displaced, else empty", "350000"),
    "killed": Field("integer", "figure when metric is killed, else empty", "1600"),
    "population": Field("integer", "figure when metric is population, else empty", "4000000"),
}

FIELDS_BY_LAYER: dict[tuple[str, str], Field] = {
    ("activity", "crossing_id"): Field("string", "the crossing the rows are counted at",
                                       "saraqib"),
    ("activity", "period_start"): Field("string", "the first day of the month or week",
                                        "2019-11-01", pattern=r"^\d{4}-\d{2}-\d{2}$"),
    ("area_figures", "area_name"): Field("string", "OCHA's English name of the area",
                                         "Idleb"),
    ("area_figures", "period"): Field("string", "what each value covers: a month, an ISO "
                                      "week (from Monday), a day or a year", "month",
                                      ("day", "month", "week", "year")),
    ("area_figures", "period_start"): Field("string", "the first day of the period",
                                            "2018-03-01", pattern=r"^\d{4}-\d{2}-\d{2}$"),
    ("area_figures", "metric"): Field("string", "what the table's values count: one of "
                                      "the figures table metrics in docs/data.md, or the "
                                      "table's own words", "idp_movements"),
    ("area_figures", "qualifier"): Field("string", "exact: the table's number, or the sum of "
                                         "all its parts; at_least: a sum some of whose parts "
                                         "have no data; empty when there is no value", "exact",
                                         ("at_least", "exact")),
    ("area_figures", "source"): Field("string", "the figures table's citation (or its file "
                                      "name)", "HNAP / OCHA, Syria IDP movements, via HDX"),
    ("area_figures", "lon"): Field("number", "longitude of a point inside the area", "36.6"),
    ("area_figures", "lat"): Field("number", "latitude of a point inside the area", "35.7"),
    ("displacement", "claimant"): Field("string", "who gave the number",
                                        "Raed al-Saleh, head of the White Helmets"),
    ("displacement", "note"): Field("string", "caveats", "Forced out 'recently' …"),
    ("displacement", "source_id"): Field("string", "the source of the figure",
                                         "anadolu-2020-01-21"),
    ("displacement", "lon"): Field("number", "longitude of a point inside the area",
                                   "36.6"),
    ("displacement", "lat"): Field("number", "latitude of a point inside the area", "35.7"),
    ("sources", "source_id"): Field("string", "stable id cited by the other files",
                                    "mem-2019-08-23"),
    ("events", "lat"): Field("number", "latitude of the place, only when verified", "35.29257"),
    ("events", "lon"): Field("number", "longitude of the place, only when verified",
                             "36.75035"),
    ("event_crossings", "lon"): Field("number", "longitude of the crossing", "36.75035"),
    ("event_crossings", "lat"): Field("number", "latitude of the crossing", "35.29257"),
}


def field(layer: str, name: str) -> Field:
    """The definition of `name` as it appears in `layer` (crossings, events, …)."""
    return FIELDS_BY_LAYER.get((layer, name)) or FIELDS[name]
