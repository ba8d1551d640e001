"""--events-table end to end: bad rows counted by kind, the CLI, exports read back, UCDP GED."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from fixtures.page import read_page_data
from fixtures.paths import SHARED
from pyproj import Geod

from build_map import main
from geo.errors import DataError
from geo.events_table import EventsSpec, Tally, aggregate, events_spec, place_events
from geo.events_table.clean import BAD_KINDS

UCDP = SHARED / "data" / "ucdp_ged_syria_2016_2019.csv"
HEADER = ["event_id", "date_start", "latitude", "longitude", "where"]


def values(column: pd.Categorical) -> list:
    """A categorical column as a list with None for no value."""
    return [None if pd.isna(v) else v for v in column]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def near(timeline, crossing_id: str, east_m: float) -> tuple[str, str]:
    """(lat, lon) text of a point east_m metres due east of a crossing."""
    c = timeline.crossings.set_index("id").geometry[crossing_id]
    lon, lat, _ = Geod(ellps="WGS84").fwd(c.x, c.y, 90, east_m)
    return f"{lat:.6f}", f"{lon:.6f}"


def bad_table(tmp_path: Path, timeline) -> Path:
    """One good row near Saraqib, one far from any crossing, and one row of each bad kind."""
    lat, lon = near(timeline, "saraqib", 2_000)
    return write_csv(tmp_path / "events_bad_rows.csv", [
        ["e1", "2019-05-03", lat, lon, "near Saraqib"],                  # row 2: placed
        ["e2", "05 January 2019", "33.5138", "36.2765", "Damascus"],      # row 3: far away
        ["e3", "2019-05-04", "", lon, "no latitude"],                     # row 4
        ["e4", "2019-05-04", lat, "36,6", "decimal comma"],               # row 5
        ["e5", "2019-05-04", "95.0", lon, "impossible"],                  # row 6
        ["e6", "2019-05-04", "48.8566", "2.3522", "Paris"],               # row 7
        ["e7", "", lat, lon, "no date"],                                  # row 8
        ["e8", "2019-13-45", lat, lon, "no such month"],                  # row 9
        ["e9", "2019-05-04T10:00:00", "", "", "no coordinates; a time"],  # row 10
        ["e10", "2901-05-04", lat, lon, "a typo'd year"],                 # row 11
    ])


def test_bad_rows_are_counted_by_kind_and_kept(tmp_path, timeline):
    spec = EventsSpec(table=bad_table(tmp_path, timeline), date_col="date_start", id_col="event_id")
    placed = place_events(spec, timeline)
    assert placed.bad == {"missing_coordinates": 2, "unparsable_coordinates": 1,
                          "impossible_coordinates": 1, "outside_region": 1,
                          "missing_date": 1, "unparsable_date": 1, "date_out_of_range": 1,
                          "unparsable_end_date": 0, "end_before_start": 0}
    assert list(placed.row) == list(range(2, 12))  # every row is kept
    assert values(placed.problem) == [None, None, "missing_coordinates", "unparsable_coordinates",
                                    "impossible_coordinates", "outside_region", "missing_date",
                                    "unparsable_date", "missing_coordinates",
                                    "date_out_of_range"]
    assert values(placed.crossing_id)[:2] == ["saraqib", None]
    assert placed.distance_m[0] == pytest.approx(2_000, rel=1e-3)
    assert placed.examples["unparsable_coordinates"] == [
        "row 5: latitude '" + near(timeline, "saraqib", 2_000)[0] + "', longitude '36,6'"]
    assert placed.examples["unparsable_date"] == ["row 9: date_start '2019-13-45'"]
    summary = Tally.of(placed).summary({"saraqib": "Saraqib"})
    assert placed.examples["date_out_of_range"] == ["row 11: date_start '2901-05-04'"]
    assert "10 rows read; 8 set aside" in summary
    for key, kind in BAD_KINDS.items():
        assert (kind in summary) == (placed.bad[key] > 0)
    assert "No location precision column was given: every point is taken as the event's " \
        "place. 1 attributed to a crossing" in summary
    assert "1 attributed to a crossing (within 10 km of it) (Saraqib 1). 1 farther than 10 km " \
        "(and their uncertainty) from every crossing." in summary


def test_cli_builds_the_site_with_activity_and_exports(tmp_path, timeline, capsys):
    table = bad_table(tmp_path, timeline)
    out, joined = tmp_path / "site", tmp_path / "exports" / "joined.parquet"
    joined.parent.mkdir()
    code = main(["--events-table", str(table), "--lat-col", "latitude", "--lon-col",
                 "longitude", "--date-col", "date_start", "--id-col", "event_id", "--out",
                 str(out), "--joined-events", str(joined)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Events table events_bad_rows.csv: 10 rows read; 8 set aside" in printed
    assert f"Joined events (every row with its crossing, area and any problem) written to " \
           f"{joined} (" in printed
    events = gpd.read_parquet(joined)  # pyogrio's GDAL has no Parquet driver
    assert len(events) == 10 and events.crs.equals("OGC:CRS84")
    assert list(events["id"]) == [f"e{n}" for n in range(1, 11)]
    assert events.loc[0, "crossing_id"] == "saraqib"
    assert events.loc[0, "admin1_pcode"] == "SY07"  # Idlib governorate
    # No point for: no latitude, decimal comma, latitude 95, no coordinates.
    assert events.geometry.isna().sum() == 4
    activity = pd.read_csv(out / "data" / "activity.csv")
    assert activity.groupby("crossing_id")["events"].sum().to_dict()["saraqib"] == 1
    assert activity["events"].sum() == 1
    geojson = json.loads((out / "data" / "activity.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in geojson["features"]} == set(timeline.crossings["id"])
    data = read_page_data(out)
    assert data["activity"]["rows"] == {"read": 10, "set_aside": 8, "attributed": 1,
                                        "may_be_near": 0, "too_imprecise": 0,
                                        "beyond_radius": 1, "date_too_uncertain": 0}
    # Every month from the earliest placed event (Damascus, January) to the latest, zeros kept.
    assert data["activity"]["periods"] == [f"2019-0{m}-01" for m in range(1, 6)]
    assert data["activity"]["by_crossing"]["saraqib"] == [
        [f"2019-0{m}-01", int(m == 5), 0] for m in range(1, 6)]
    assert (out / "activity.js").is_file()
    # The published counts say where they came from: the table's hash and its citation.
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    content = table.read_bytes()
    assert {"path": table.name, "role": "events table", "bytes": len(content),
            "sha256": hashlib.sha256(content).hexdigest()} in package["build"]["inputs"]
    cited = [s["title"] for s in package["sources"] if "(events table" in s["title"]]
    assert cited == [f"{data['activity']['source']} (events table, counted in activity.*; "
                     "the table's own terms apply)"]


def test_page_has_no_activity_without_an_events_table(tmp_path, capsys):
    assert main(["--out", str(tmp_path / "site")]) == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '"activity"' not in page
    assert not (tmp_path / "site" / "data" / "activity.csv").exists()


def test_cli_names_a_missing_column_with_a_suggestion(tmp_path, timeline, capsys):
    table = bad_table(tmp_path, timeline)
    code = main(["--events-table", str(table), "--date-col", "date_strat", "--out",
                 str(tmp_path / "site")])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: events_bad_rows.csv row 1: no column 'date_strat' "
                          "(did you mean 'date_start'?)")
    assert not (tmp_path / "site").exists()


def test_config_file_gives_the_columns_and_options_override_it(tmp_path, timeline):
    table = bad_table(tmp_path, timeline)
    config = tmp_path / "events.toml"
    config.write_text(f'table = "{table.name}"\ndate_col = "date_start"\nperiod = "week"\n'
                      'source = "Hand-made test rows"\n', encoding="utf-8")
    spec = events_spec(config, {"period": None, "id_col": "event_id"})
    assert spec == EventsSpec(table=table, date_col="date_start", id_col="event_id", period="week",
                              source="Hand-made test rows")
    # joined_events, like table, is relative to the config file; the option overrides it.
    config.write_text(f'table = "{table.name}"\ndate_col = "date_start"\n'
                      'joined_events = "exports/joined.parquet"\n', encoding="utf-8")
    assert events_spec(config, {}).joined_events == tmp_path / "exports" / "joined.parquet"
    assert events_spec(config, {"joined_events": Path("j.parquet")}).joined_events == \
        Path("j.parquet")
    config.write_text('tabel = "x.csv"\n', encoding="utf-8")
    with pytest.raises(DataError, match="key 'tabel': is not a setting"):
        events_spec(config, {})
    with pytest.raises(DataError, match="no date column"):
        events_spec(None, {"table": table})


def test_cli_column_options_without_a_table_are_an_error(capsys):
    assert main(["--date-col", "date_start", "--events-period", "week"]) == 1
    assert capsys.readouterr().err == (
        "Error: --date-col, --events-period given without an events table. "
        "Fix: add --events-table FILE (or `table` in the --events-config file)\n")


def test_geoparquet_input_uses_its_geometry(tmp_path, timeline):
    lat, lon = near(timeline, "souran", 500)
    frame = gpd.GeoDataFrame({"day": pd.to_datetime(["2020-01-02", "2020-02-03"])},
                             geometry=gpd.points_from_xy([float(lon), 36.3], [float(lat), 33.5]),
                             crs="EPSG:4326")
    frame.to_parquet(tmp_path / "events.parquet")
    placed = place_events(EventsSpec(table=tmp_path / "events.parquet", date_col="day"), timeline)
    assert values(placed.crossing_id) == ["souran", None]
    assert placed.date.astype(str).tolist() == ["2020-01-02", "2020-02-03"]
    assert sum(placed.bad.values()) == 0


@pytest.mark.shared
@pytest.mark.skipif(not UCDP.is_file(), reason=f"UCDP GED file not found at {UCDP}")
def test_ucdp_ged_matches_an_independent_geodesic_count(timeline):
    spec = EventsSpec(table=UCDP, date_col="date_start", id_col="id", label_col="where_coordinates")
    placed = place_events(spec, timeline)
    ucdp = pd.read_csv(UCDP, usecols=["latitude", "longitude"])
    assert len(placed.row) == len(ucdp)
    # Independently: the geodesic distance from every event to every crossing.
    geod, c = Geod(ellps="WGS84"), timeline.crossings
    distances = np.column_stack([
        geod.inv(np.full(len(ucdp), x), np.full(len(ucdp), y), ucdp["longitude"],
                 ucdp["latitude"])[2] for x, y in zip(c.geometry.x, c.geometry.y, strict=True)])
    nearest = distances.min(axis=1)
    clear = np.abs(nearest - 10_000) > 20  # leave out the few within map-projection error
    expected = np.where(nearest <= 10_000, c["id"].to_numpy()[distances.argmin(axis=1)], None)
    found = np.array(values(placed.crossing_id), dtype=object)
    assert (found[clear] == expected[clear]).all()
    assert placed.matched.sum() > 0
    # Four years of months per crossing add up to the crossing's events within the radius.
    activity = aggregate(Tally.of(placed), timeline.crossings)
    assert len(activity.periods) == 47  # January 2016 to November 2019
    for crossing_id, counts in activity.counts.items():
        assert counts.sum() == (found == crossing_id).sum()
    inside = np.asarray(placed.admin3_pcode.notna())
    assert inside.mean() > 0.99  # UCDP GED Syria places its events inside Syria


@pytest.mark.parametrize("name, content, message", [
    ("broken.parquet", b"not parquet at all", "broken.parquet: cannot be read as Parquet"),
    ("events.xlsx", b"PK\x03\x04", "events.xlsx: has the extension '.xlsx'; expected a CSV"),
])
def test_unreadable_tables_get_an_error_not_a_traceback(tmp_path, capsys, name, content,
                                                        message):
    table = tmp_path / name
    table.write_bytes(content)
    code = main(["--out", str(tmp_path / "site"), "--events-table", str(table),
                 "--date-col", "date_start"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"Error: {message}")
    assert not (tmp_path / "site").exists()


def test_parquet_with_a_damaged_body_gets_an_error(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = tmp_path / "events.parquet"
    pq.write_table(pa.table({"latitude": [35.8] * 2000, "longitude": [36.8] * 2000,
                             "date_start": ["2020-01-13"] * 2000}), table,
                   compression="snappy")
    raw = bytearray(table.read_bytes())
    for i in range(8, len(raw) // 2):  # keep the header magic and the footer intact
        raw[i] ^= 0x5A
    table.write_bytes(bytes(raw))
    code = main(["--out", str(tmp_path / "site"), "--events-table", str(table),
                 "--date-col", "date_start"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith("Error: events.parquet: cannot be read as Parquet")


@pytest.mark.shared
@pytest.mark.skipif(not UCDP.is_file(), reason=f"UCDP GED file not found at {UCDP}")
def test_ucdp_ged_preset_places_each_row_as_far_as_it_is_known(timeline):
    placed = place_events(events_spec(None, {"table": UCDP, "preset": "ucdp"}), timeline)
    ucdp = pd.read_csv(UCDP, usecols=["latitude", "longitude", "where_prec", "date_start",
                                      "date_end"])
    geod, c = Geod(ellps="WGS84"), timeline.crossings
    distances = np.column_stack([
        geod.inv(np.full(len(ucdp), x), np.full(len(ucdp), y), ucdp["longitude"],
                 ucdp["latitude"])[2] for x, y in zip(c.geometry.x, c.geometry.y, strict=True)])
    nearest = distances.min(axis=1)
    prec = ucdp["where_prec"].to_numpy()
    # Independently, by the codebook: 1 is a point, 2 within 25 km of one, 3-7 an area.
    expected = np.select([(prec == 1) & (nearest <= 10_000), (prec == 2) & (nearest <= 35_000),
                          prec >= 3], ["attributed", "may_be_near", "too_imprecise"],
                         default="beyond_radius")
    clear = (np.abs(nearest - 10_000) > 20) & (np.abs(nearest - 35_000) > 70)
    found = np.array(values(placed.placement), dtype=object)
    assert (found[clear] == expected[clear]).all()
    assert (found == "attributed").sum() == 487  # of the 853 within 10 km before presets
    # Area rows are never attributed, wherever their stand-in point lies.
    assert not (np.asarray(placed.crossing_id.notna()) & (prec >= 3)).any()
    # A month is counted only when the whole of date_start..date_end lies in it.
    start = pd.to_datetime(ucdp["date_start"]).dt.to_period("M")
    end = pd.to_datetime(ucdp["date_end"]).dt.to_period("M")
    assert (placed.dated == (start == end).to_numpy()).all()
