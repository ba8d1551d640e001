"""The page data page.py hands the page: when each figure became known, where it sits, and how
sure each source's own date is. Expectations are worked out here from the input files, not with
the atlas's own date helpers."""

from __future__ import annotations

import calendar
import re
from datetime import date

import geopandas as gpd
import pytest
from fixtures.mutate import CACHE, copy_data, read_csv, read_rows, write_rows
from fixtures.page import read_page_data
from fixtures.paths import DATA, ROOT
from shapely.geometry import Point

from geo import prepare
from geo.page import PACKED, page_data

# sources.csv date_confidence values whose publication date may cap what a report tells of.
SURE = {"confirmed", "month_only"}


def data_for(data_dir) -> dict:
    return page_data(prepare(data_dir, cache=CACHE))


def last_day(text: str) -> date:
    """The last day '2020', '2020-01' or '2020-01-21' can mean, from the text alone."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


@pytest.fixture(scope="module")
def bundled(timeline) -> dict:
    return page_data(timeline)


def test_each_figure_is_known_from_the_end_of_its_date_capped_by_its_source(bundled):
    _, sources = read_csv(DATA / "sources.csv")
    published = {s["source_id"]: last_day(s["published"]) for s in sources
                 if s["published"] and s["date_confidence"] in SURE}
    _, rows = read_csv(DATA / "displacement.csv")
    expected = {}
    for row in rows:
        day = last_day(row["as_of"])
        if row["source_id"] in published:
            day = min(day, published[row["source_id"]])
        expected[row["figure_id"]] = day.isoformat()
    assert {f["figure_id"]: f["known_by"] for f in bundled["figures"]} == expected
    month = [r for r in rows if len(r["as_of"]) == 7]
    assert month, "the bundled data has a month-dated figure"
    assert all(expected[r["figure_id"]] > f"{r['as_of']}-01" for r in month), \
        "a month-dated figure must not count from its first day"


def test_a_month_figure_in_a_source_published_mid_month_is_known_on_publication(tmp_path):
    data = copy_data(tmp_path / "data")
    rows = read_rows(data / "displacement.csv")
    head = rows[0]
    first = rows[1]
    # The New Arab's date is confirmed (2021-03-25); Anadolu's is unverified and caps nothing.
    first[head.index("source_id")] = "newarab-2021-03-25"
    first[head.index("as_of")], first[head.index("as_of_precision")] = "2021-03", "month"
    second = rows[2]
    assert second[head.index("source_id")] == "anadolu-2020-01-21"
    second[head.index("as_of")], second[head.index("as_of_precision")] = "2020-01", "month"
    write_rows(data / "displacement.csv", rows)
    figures = {f["figure_id"]: f for f in data_for(data)["figures"]}
    # not 31 March: the source was out by then
    assert figures[first[head.index("figure_id")]]["known_by"] == "2021-03-25"
    assert figures[second[head.index("figure_id")]]["known_by"] == "2020-01-31"


def test_figures_sit_inside_their_area(bundled):
    areas = {}
    for level in ("admin1", "admin2", "admin3"):
        layer = gpd.read_file(DATA / "boundaries" / f"{level}.geojson")
        areas.update(zip(layer["pcode"], layer.geometry, strict=True))
    _, rows = read_csv(DATA / "displacement.csv")
    area_of = {r["figure_id"]: r["area"] for r in rows}
    for figure in bundled["figures"]:
        area = areas[area_of[figure["figure_id"]]]
        assert area.contains(Point(figure["lon"], figure["lat"])), figure["figure_id"]


def test_sources_keep_how_sure_their_own_date_is(bundled):
    _, sources = read_csv(DATA / "sources.csv")
    expected = {s["source_id"]: s["date_confidence"] for s in sources}
    assert {k: v["date_confidence"] for k, v in bundled["sources"].items()} == expected
    assert "unverified" in expected.values() and "inferred" in expected.values()


def test_a_district_figure_carries_the_districts_arabic_name(tmp_path):
    data = copy_data(tmp_path / "data")
    rows = read_rows(data / "displacement.csv")
    rows[1][rows[0].index("area")] = "SY0702"  # Al Ma'ra district
    write_rows(data / "displacement.csv", rows)
    figure = data_for(data)["figures"][0]
    districts = gpd.read_file(DATA / "boundaries" / "admin2.geojson").set_index("pcode")
    expected = districts.loc["SY0702", "name_ar"]
    assert expected and figure["area_label_ar"] == expected


def _scripts() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted((ROOT / "geo" / "static").glob("*.js")))


def _read_by_a_script(key: str, scripts: str) -> bool:
    """Whether a script names `key` as a property: `.key`, or 'key' in quotes. An Arabic twin
    (`summary_ar`) is read where its English is, by parts.js's textIn (`field + '_ar'`)."""
    if key.endswith("_ar") and "field + '_ar'" in scripts:
        key = key.removesuffix("_ar")
    return re.search(rf"\.{re.escape(key)}\b|'{re.escape(key)}'", scripts) is not None


def test_the_page_data_carries_only_what_a_script_reads(bundled):
    scripts = _scripts()
    fields = {"page data": set(bundled),
              "crossing": {k for c in bundled["crossings"] for k in c},
              "status step": {k for c in bundled["crossings"] for s in c["history"] for k in s},
              "event": {k for e in bundled["events"] for k in e},
              "figure": {k for f in bundled["figures"] for k in f},
              "source": {k for s in bundled["sources"].values() for k in s},
              "boundary": {k for layer in bundled["basemap"].values()
                           for f in layer["features"] for k in f["properties"]}}
    unread = {where: sorted(k for k in keys if not _read_by_a_script(k, scripts))
              for where, keys in fields.items()}
    assert unread == {where: [] for where in fields}
    # and the check can fail: a field that only the exports use is not named by any script
    assert not _read_by_a_script("admin3_pcode", scripts)


def test_the_activity_page_data_carries_only_what_activity_js_reads(tmp_path, timeline):
    from geo.events_table import Tally, aggregate, events_spec, page_counts, place_events
    table = tmp_path / "events.csv"
    table.write_text("id,date_start,date_end,latitude,longitude,where_prec,date_prec,"
                     "where_coordinates,best\n1,2019-05-03,2019-05-03,35.87,36.78,2,1,x,0\n",
                     encoding="utf-8")
    placed = place_events(events_spec(None, {"table": table, "preset": "ucdp"}), timeline)
    activity = page_counts(aggregate(Tally.of(placed), timeline.crossings))
    script = (ROOT / "geo" / "static" / "activity.js").read_text(encoding="utf-8")
    fields = {"activity": set(activity), "rows": set(activity["rows"]),
              "totals": {k for t in activity["totals"].values() for k in t}}
    unread = {where: sorted(k for k in keys if not _read_by_a_script(k, script))
              for where, keys in fields.items()}
    assert unread == {where: [] for where in fields}


def test_the_page_carries_events_and_figures_packed_and_they_unpack_to_the_records(bundled,
                                                                                    built):
    html = (built.site_dir / "index.html").read_text(encoding="utf-8")
    carried = read_page_data(built.site_dir, packed=True)
    for key in PACKED:
        table = carried[key]
        assert set(table) == {"fields", "rows"} and len(table["rows"]) == len(bundled[key])
        assert [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]] == \
            bundled[key]
    # Each field is named once, not once per record.
    assert html.count('"claimant_side"') == 1
