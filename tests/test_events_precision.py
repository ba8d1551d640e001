"""Location and date precision of the events table: every code of the UCDP GED and ACLED presets,
a generic table's metres, ranges of dates, and the settings that say so. Each case is a CSV of
hand-made rows, written in the test and named for the case."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from build_map import main
from geo.errors import DataError
from geo.events_table import EventsSpec, Tally, aggregate, events_spec, place_events
from geo.events_table.precision import LOCATION_LEVELS
from geo.events_table.presets import ACLED, NEAR_PLACE_M, UCDP

UCDP_HEADER = ["id", "date_start", "date_end", "latitude", "longitude", "where_prec", "date_prec",
               "where_coordinates", "best"]
ACLED_HEADER = ["event_id_cnty", "event_date", "latitude", "longitude", "geo_precision",
                "time_precision", "location", "fatalities"]
# Abu Zendin is the easternmost crossing: points due east of it have no other crossing within
# 40 km, so each distance below means one thing.
CROSSING = "abu-zendin"


def write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def east(timeline, metres: float) -> tuple[str, str]:
    """(lat, lon) text of a point `metres` due east of the crossing, by the geodesic."""
    c = timeline.crossings.set_index("id").geometry[CROSSING]
    lon, lat, _ = Geod(ellps="WGS84").fwd(c.x, c.y, 90, metres)
    return f"{lat:.6f}", f"{lon:.6f}"


def listed(column: pd.Categorical) -> list:
    return [None if pd.isna(v) else v for v in column]


def ucdp_row(timeline, n: int, metres: float, where_prec: str, date_prec: str = "1",
             start: str = "2019-05-10", end: str = "2019-05-10") -> list:
    lat, lon = east(timeline, metres)
    return [f"u{n}", start, end, lat, lon, where_prec, date_prec, f"place {n}", "2"]


def levels(placed) -> list[str]:
    return [list(LOCATION_LEVELS)[i] for i in placed.location.level]


def preset_spec(table: Path, preset: str, **options) -> EventsSpec:
    return events_spec(None, {"table": table, "preset": preset, **options})


def test_ucdp_every_where_prec_code(tmp_path, timeline):
    rows = [ucdp_row(timeline, code, 3_000, str(code)) for code in range(1, 8)]
    rows += [ucdp_row(timeline, 8, 30_000, "2"),   # 30 km: its 25 km may reach the 10 km radius
             ucdp_row(timeline, 9, 40_000, "2"),   # 40 km: beyond 10 + 25 km
             ucdp_row(timeline, 10, 12_000, "1"),  # an exact point beyond the radius
             ucdp_row(timeline, 11, 3_000, "8"),   # not a code in the codebook
             ucdp_row(timeline, 12, 3_000, "")]    # no code
    table = write_csv(tmp_path / "ucdp_where_prec_every_code.csv", UCDP_HEADER, rows)
    placed = place_events(preset_spec(table, "ucdp"), timeline)
    assert levels(placed) == [
        "exact", "near_place", "admin2", "admin1", "part_of_country", "country",
        "water_or_airspace", "near_place", "near_place", "exact", "unknown", "unknown"]
    assert listed(placed.placement) == [
        "attributed", "may_be_near", *["too_imprecise"] * 5, "may_be_near", "beyond_radius",
        "beyond_radius", "too_imprecise", "too_imprecise"]
    assert listed(placed.reason) == [
        None, "location_wider_than_radius", *["area_only"] * 5, "location_wider_than_radius",
        "beyond_radius", "beyond_radius", "precision_unknown", "precision_unknown"]
    # crossing_id only for the attributed row; the others keep their nearest crossing apart.
    assert listed(placed.crossing_id) == [CROSSING] + [None] * 11
    assert listed(placed.nearest) == [CROSSING] * 8 + [None, None, CROSSING, CROSSING]
    metres = placed.location.metres
    assert metres[0] == 0 and metres[1] == NEAR_PLACE_M and np.isnan(metres[2:7]).all()
    assert placed.distance_m[0] == pytest.approx(3_000, rel=2e-3)
    assert placed.distance_m[7] == pytest.approx(30_000, rel=2e-3)
    activity = aggregate(Tally.of(placed), timeline.crossings)
    assert [str(p) for p in activity.periods] == ["2019-05-01"]
    assert activity.counts[CROSSING].tolist() == [1]   # the attributed row only
    assert activity.near[CROSSING].tolist() == [2]     # where_prec 2 at 3 km and at 30 km
    assert activity.totals[CROSSING] == {"date_too_uncertain": 0, "too_imprecise": 7}


def test_ucdp_every_date_prec_code(tmp_path, timeline):
    # (date_prec, date_start, date_end, the month it is counted in or None)
    cases = [("1", "2019-05-10", "2019-05-10", "2019-05-01"),
             ("2", "2019-05-10", "2019-05-13", "2019-05-01"),   # a few days in one month
             ("2", "2019-05-30", "2019-06-02", None),           # across two months
             ("3", "2019-06-03", "2019-06-09", "2019-06-01"),   # a week inside June
             ("3", "2019-06-27", "2019-07-03", None),           # a week across the month's end
             ("4", "2019-07-01", "2019-07-31", "2019-07-01"),   # a month
             ("5", "2019-01-01", "2019-12-31", None),           # a year
             ("6", "2019-05-10", "2019-05-10", None)]           # not a code in the codebook
    rows = [ucdp_row(timeline, n, 1_000, "1", code, start, end)
            for n, (code, start, end, _) in enumerate(cases)]
    table = write_csv(tmp_path / "ucdp_date_prec_every_code.csv", UCDP_HEADER, rows)
    placed = place_events(preset_spec(table, "ucdp"), timeline)
    assert [None if np.isnat(p) else str(p) for p in placed.period] == [c[3] for c in cases]
    # The range is the table's own, date_start to date_end, whatever the code.
    assert [str(d) for d in placed.dates.last] == [c[2] for c in cases]
    assert placed.dates.unknown_code.tolist() == [False] * 7 + [True]
    activity = aggregate(Tally.of(placed), timeline.crossings)
    assert activity.totals[CROSSING]["date_too_uncertain"] == 4
    assert activity.counts[CROSSING].sum() == 4  # May twice, June, July
    summary = Tally.of(placed).summary({CROSSING: "Abu Zendin"})
    assert "Dates: 4 attributed and 0 may-be-near rows may fall in more than one month" in summary
    # Per ISO week: Fri 10 – Mon 13 May spans two weeks; Thu 30 May – Sun 2 June is one.
    weekly = place_events(preset_spec(table, "ucdp", period="week"), timeline)
    assert [None if np.isnat(p) else str(p) for p in weekly.period] == [
        "2019-05-06", None, "2019-05-27", "2019-06-03", None, None, None, None]


def acled_row(timeline, n: int, metres: float, geo: str, time: str = "1",
              day: str = "15 May 2019") -> list:
    lat, lon = east(timeline, metres)
    return [f"SYR{n}", day, lat, lon, geo, time, f"place {n}", "0"]


def test_acled_every_geo_precision_code(tmp_path, timeline):
    rows = [acled_row(timeline, 1, 3_000, "1"), acled_row(timeline, 2, 3_000, "2"),
            acled_row(timeline, 3, 3_000, "3"), acled_row(timeline, 4, 3_000, "4"),
            acled_row(timeline, 5, 20_000, "2"), acled_row(timeline, 6, 36_000, "2")]
    table = write_csv(tmp_path / "acled_geo_precision_every_code.csv", ACLED_HEADER, rows)
    placed = place_events(preset_spec(table, "acled"), timeline)
    assert levels(placed) == ["exact", "near_place", "region", "unknown", "near_place",
                              "near_place"]
    assert listed(placed.placement) == ["attributed", "may_be_near", "too_imprecise",
                                        "too_imprecise", "may_be_near", "beyond_radius"]
    assert listed(placed.crossing_id) == [CROSSING, None, None, None, None, None]
    assert listed(placed.nearest) == [CROSSING] * 5 + [None]
    assert [str(d) for d in placed.date] == ["2019-05-15"] * 6  # "15 May 2019" is read


def test_acled_every_time_precision_code(tmp_path, timeline):
    # (time_precision, event_date, first and last day it may fall on, month counted or None)
    cases = [("1", "2019-05-15", "2019-05-15", "2019-05-15", "2019-05-01"),
             ("2", "2019-05-15", "2019-05-09", "2019-05-21", "2019-05-01"),  # a week: ±6 days
             ("2", "2019-05-28", "2019-05-22", "2019-06-03", None),          # into June
             ("3", "2019-05-15", "2019-05-01", "2019-05-31", "2019-05-01"),  # its month
             ("4", "2019-05-15", "2019-05-15", "2019-05-15", None),          # not a code
             ("", "2019-05-15", "2019-05-15", "2019-05-15", None)]           # no code
    rows = [acled_row(timeline, n, 1_000, "1", code, day)
            for n, (code, day, *_) in enumerate(cases)]
    table = write_csv(tmp_path / "acled_time_precision_every_code.csv", ACLED_HEADER, rows)
    placed = place_events(preset_spec(table, "acled"), timeline)
    assert [str(d) for d in placed.dates.first] == [c[2] for c in cases]
    assert [str(d) for d in placed.dates.last] == [c[3] for c in cases]
    assert [None if np.isnat(p) else str(p) for p in placed.period] == [c[4] for c in cases]
    assert listed(placed.placement) == ["attributed"] * 6  # dates never move a location
    weekly = place_events(preset_spec(table, "acled", period="week"), timeline)
    assert [None if np.isnat(p) else str(p) for p in weekly.period] == [
        "2019-05-13", None, None, None, None, None]


def test_presets_cover_every_code_of_their_codebooks():
    assert list(UCDP.location) == [str(c) for c in range(1, 8)]
    assert list(UCDP.date) == [str(c) for c in range(1, 6)]
    assert list(ACLED.location) == ["1", "2", "3"]
    assert list(ACLED.date) == ["1", "2", "3"]
    # Only the exact codes are ever attributed; every area code is an area.
    for preset in (UCDP, ACLED):
        assert [c for c, code in preset.location.items() if code.metres == 0] == ["1"]


def test_generic_metres_column_and_end_dates(tmp_path, timeline):
    header = ["day", "last_day", "latitude", "longitude", "within_m"]
    cases = [(3_000, "5000", "attributed", None),
             (12_000, "5000", "may_be_near", "uncertainty_reaches_radius"),  # 12 <= 10 + 5
             (16_000, "5000", "beyond_radius", "beyond_radius"),
             (3_000, "10000", "attributed", None),                   # exactly the radius
             (3_000, "10001", "may_be_near", "location_wider_than_radius"),
             (3_000, "about 5 km", "too_imprecise", "precision_unknown"),
             (3_000, "", "too_imprecise", "precision_unknown")]
    rows = [["2019-05-10", "", *east(timeline, m), text] for m, text, *_ in cases]
    table = write_csv(tmp_path / "generic_precision_in_metres.csv", header, rows)
    spec = events_spec(None, {"table": table, "date_col": "day", "date_end_col": "last_day",
                              "location_precision_col": "within_m"})
    placed = place_events(spec, timeline)
    assert listed(placed.placement) == [c[2] for c in cases]
    assert listed(placed.reason) == [c[3] for c in cases]
    assert levels(placed)[:5] == ["metres"] * 5
    assert [str(d) for d in placed.dates.last] == ["2019-05-10"] * 7  # blank end: its date


def test_generic_mapping_from_toml(tmp_path, timeline):
    header = ["day", "latitude", "longitude", "how_sure"]
    rows = [["2019-05-10", *east(timeline, 3_000), v] for v in ("village", "district", "??")]
    table = write_csv(tmp_path / "generic_precision_mapped.csv", header, rows)
    config = tmp_path / "events.toml"
    config.write_text(f'table = "{table.name}"\ndate_col = "day"\n'
                      'location_precision_col = "how_sure"\n'
                      'location_precision_m = { village = 2000, district = 30000 }\n',
                      encoding="utf-8")
    placed = place_events(events_spec(config, {}), timeline)
    assert listed(placed.placement) == ["attributed", "may_be_near", "too_imprecise"]
    assert placed.location.metres[:2].tolist() == [2000, 30000]


def test_end_dates_that_cannot_be_right_are_set_aside(tmp_path, timeline):
    header = ["day", "last_day", "latitude", "longitude"]
    lat, lon = east(timeline, 1_000)
    rows = [["2019-05-10", "2019-05-09", lat, lon], ["2019-05-10", "soon", lat, lon],
            ["2019-05-10", "2901-01-01", lat, lon]]
    table = write_csv(tmp_path / "events_bad_end_dates.csv", header, rows)
    spec = EventsSpec(table=table, date_col="day", date_end_col="last_day")
    placed = place_events(spec, timeline)
    assert listed(placed.problem) == ["end_before_start", "unparsable_end_date",
                                      "date_out_of_range"]
    assert placed.examples["end_before_start"] == ["row 2: last_day '2019-05-09'"]
    assert placed.examples["date_out_of_range"] == ["row 4: last_day '2901-01-01'"]
    assert listed(placed.placement) == ["set_aside"] * 3


def test_preset_columns_yield_to_the_file_and_the_options(tmp_path):
    table = tmp_path / "acled.csv"
    config = tmp_path / "events.toml"
    config.write_text(f'table = "{table.name}"\npreset = "acled"\nlabel_col = "admin2"\n',
                      encoding="utf-8")
    spec = events_spec(config, {"id_col": "event_id_no_cnty"})
    assert (spec.date_col, spec.location_precision_col, spec.fatalities_col) == (
        "event_date", "geo_precision", "fatalities")  # from the preset
    assert spec.label_col == "admin2" and spec.id_col == "event_id_no_cnty"
    assert spec.codes is ACLED


@pytest.mark.parametrize("settings, message", [
    ({"preset": "gdelt"}, "preset: 'gdelt' is not a preset. Fix: use one of ['ucdp', 'acled']"),
    ({"preset": "ucdp", "location_precision_m": {"3": 5000}},
     "location_precision_m value '3': is an area in the ucdp codebook"),
    ({"date_col": "day", "location_precision_m": {"x": 1}},
     "location_precision_m: given without a location precision column"),
    ({"date_col": "day", "location_precision_col": "p", "location_precision_m": {"x": -1}},
     "location_precision_m value 'x': maps to -1, not a distance in metres"),
])
def test_precision_settings_that_mean_nothing_are_errors(tmp_path, settings, message):
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace("[", r"\[")):
        events_spec(None, {"table": tmp_path / "t.csv", **settings})


def test_a_preset_mapping_can_change_the_near_place_distance(tmp_path, timeline):
    rows = [ucdp_row(timeline, 1, 20_000, "2")]
    table = write_csv(tmp_path / "ucdp_near_place_15_km.csv", UCDP_HEADER, rows)
    default = place_events(preset_spec(table, "ucdp"), timeline)
    narrower = place_events(preset_spec(table, "ucdp", location_precision_m={"2": 5000}),
                            timeline)
    assert listed(default.placement) == ["may_be_near"]  # 20 km <= 10 + 25 km
    assert listed(narrower.placement) == ["beyond_radius"]  # 20 km > 10 + 5 km
    assert levels(narrower) == ["near_place"]


def test_a_preset_table_without_its_date_precision_column_is_an_error(tmp_path, timeline):
    header = [h for h in UCDP_HEADER if h != "date_prec"]
    table = write_csv(tmp_path / "ucdp_without_date_prec.csv", header, [])
    with pytest.raises(DataError, match="no column 'date_prec'.*the ucdp preset reads"):
        place_events(preset_spec(table, "ucdp"), timeline)


def test_cli_preset_says_so_in_every_output(tmp_path, timeline, capsys):
    rows = [ucdp_row(timeline, 1, 3_000, "1"), ucdp_row(timeline, 2, 3_000, "2"),
            ucdp_row(timeline, 3, 3_000, "4"),
            ucdp_row(timeline, 4, 3_000, "1", "2", "2019-05-30", "2019-06-02")]
    table = write_csv(tmp_path / "ucdp_one_of_each_placement.csv", UCDP_HEADER, rows)
    out, joined = tmp_path / "site", tmp_path / "exports" / "joined.parquet"
    joined.parent.mkdir()
    code = main(["--events-table", str(table), "--events-preset", "ucdp", "--out", str(out),
                 "--joined-events", str(joined)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Events table ucdp_one_of_each_placement.csv (preset ucdp): 4 rows read; none set " \
           "aside. Location precision (where_prec): 2 the place itself; 1 near a named place " \
           "(within 25 km); 1 only a province or governorate, at its centroid." in printed
    assert "2 attributed to a crossing (located to within 10 km and within 10 km of it) " \
           "(Abu Zendin 2). 1 may be near a crossing" in printed
    assert "1 too imprecise to place at any crossing (1 only a province or governorate, at " \
           "its centroid); 1 of them have their stand-in point within 10 km of a crossing " \
           "(Abu Zendin 1)." in printed
    assert "Dates: 1 attributed and 0 may-be-near rows may fall in more than one month" \
        in printed
    events = gpd.read_parquet(joined)
    assert list(events["placement"]) == ["attributed", "may_be_near", "too_imprecise",
                                         "attributed"]
    assert listed(events["crossing_id"]) == [CROSSING, None, None, CROSSING]
    assert list(events["nearest_crossing_id"]) == [CROSSING] * 4
    assert listed(events["reason"]) == [None, "location_wider_than_radius", "area_only", None]
    assert list(events["precision_m"].fillna(-1)) == [0, 25_000, -1, 0]
    assert list(events["location_precision"]) == ["exact", "near_place", "admin1", "exact"]
    assert list(events["location_code"]) == ["1", "2", "4", "1"]
    assert list(events["date_code"]) == ["1", "1", "1", "2"]
    assert [None if pd.isna(d) else str(d)[:10] for d in events["period_start"]] == [
        "2019-05-01", "2019-05-01", "2019-05-01", None]
    assert list(events["fatalities"]) == ["2"] * 4
    activity = pd.read_csv(out / "data" / "activity.csv")
    mine = activity[activity["crossing_id"] == CROSSING]
    assert mine[["period_start", "events", "may_be_near"]].values.tolist() == [
        ["2019-05-01", 1, 1]]  # the June-spanning row is in no month
    assert activity["events"].sum() == 1 and activity["may_be_near"].sum() == 1
    geojson = json.loads((out / "data" / "activity.geojson").read_text(encoding="utf-8"))
    props = next(f["properties"] for f in geojson["features"] if f["id"] == CROSSING)
    assert {k: props[k] for k in ("events_total", "may_be_near_total", "date_too_uncertain",
                                  "too_imprecise")} == {"events_total": 1,
                                                        "may_be_near_total": 1,
                                                        "date_too_uncertain": 1,
                                                        "too_imprecise": 1}
    assert props["counts"] == [["2019-05-01", 1, 1]]


def _doc_table(heading: str, first: str) -> dict[str, list[str]]:
    """The rows, by code, of the table under `### heading` whose first column is `first`."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "external_events.md").read_text(
        encoding="utf-8")
    section = text[text.index(f"### {heading}"):]
    section = section[:section.index("\n## ")] if "\n## " in section else section
    rows, inside = {}, False
    for line in section.splitlines():
        if line.startswith(f"| `{first}` |"):
            inside = True
        elif inside and line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows[cells[0]] = cells[1:]
        elif inside and not line.startswith("|"):
            inside = False
    return rows


@pytest.mark.parametrize("preset, heading, location, date", [
    (UCDP, "UCDP GED", "where_prec", "date_prec"),
    (ACLED, "ACLED", "geo_precision", "time_precision")])
def test_the_docs_give_every_code_its_meaning_and_level(preset, heading, location, date):
    places = _doc_table(heading, location)
    for code, meaning in preset.location.items():
        assert places[code][0] == meaning.meaning, (location, code)
        assert places[code][1] == f"`{meaning.level}`", (location, code)
    assert "other, blank" in places
    dates = _doc_table(heading, date)
    assert {code: row[0] for code, row in dates.items() if code in preset.date} == {
        code: d.meaning for code, d in preset.date.items()}
    assert "other, blank" in dates
