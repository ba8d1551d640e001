"""`build_map.py export`: options, exact error lines, and filters that give the right subsets."""

from __future__ import annotations

import calendar
import csv
import json
import shutil
from datetime import date

from fixtures.mutate import read_csv
from fixtures.paths import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from build_map import main
from geo.exports.selection import Selection, select
from geo.names import AliasIndex


def _input_events() -> list[dict]:
    with open(DATA / "events.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _aliases() -> AliasIndex:
    gazetteer = json.loads((DATA / "crossings.geojson").read_text(encoding="utf-8"))
    return AliasIndex((f["properties"]["id"], [f["properties"]["name"],
                                               f["properties"].get("name_ar") or "",
                                               *f["properties"].get("aliases", [])])
                      for f in gazetteer["features"])


def _span(text: str) -> tuple[date, date]:
    """The first and last day a partial date can mean, worked out from its text."""
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    if len(parts) == 1:
        return date(year, 1, 1), date(year, 12, 31)
    if len(parts) == 2:
        return date(year, parts[1], 1), date(year, parts[1],
                                             calendar.monthrange(year, parts[1])[1])
    return date(*parts), date(*parts)


def _expected_event_ids(start, end, crossing_ids) -> set[str]:
    """Events in the window (by overlap) and about the crossings, straight from the input."""
    aliases = _aliases()
    with open(DATA / "sources.csv", encoding="utf-8-sig", newline="") as f:
        published = {r["source_id"]: _span(r["published"])[1] for r in csv.DictReader(f)
                     if r["published"]}
    kept = set()
    for row in _input_events():
        first, last = _span(row["date"])
        # A report cannot tell of anything after it was published.
        last = min(last, published.get(row["source_id"], last))
        if (end and first > end) or (start and last < start):
            continue
        about = {aliases.resolve(n.strip()) for n in row["crossing_ids"].split(";")
                 if n.strip()}
        if crossing_ids is not None and not about & set(crossing_ids):
            continue
        kept.add(row["event_id"])
    return kept


def test_bad_from_date_is_one_error_line(tmp_path, capsys):
    code = main(["export", "--data", str(DATA), "--from", "2020-13-01",
                 "--out", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Error: --from: '2020-13-01' is not a date: month must be in 1..12. Fix: write it as "
        "2020-01-13, 2020-01 or 2020"]
    assert not (tmp_path / "out").exists()


def test_unknown_crossing_suggests_the_close_one(tmp_path, capsys):
    code = main(["export", "--data", str(DATA), "--crossing", "Abu Zuhur",
                 "--out", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Error: --crossing: 'Abu Zuhur' is not a crossing id or alias in the gazetteer. "
        "Fix: did you mean 'abu-al-duhur'?"]
    assert not (tmp_path / "out").exists()


def test_from_after_to_is_refused(tmp_path, capsys):
    code = main(["export", "--data", str(DATA), "--from", "2021", "--to", "2020",
                 "--out", str(tmp_path / "out")])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Error: --from: '2021' is after --to '2020'. Fix: give the earlier date to --from"]


def test_unknown_format_is_refused(tmp_path, capsys):
    code = main(["export", "--data", str(DATA), "--format", "shp", "--out", str(tmp_path)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "Error: --format: 'shp' is not a format. Fix: use one or more of geojson, csv, gpkg, "
        "parquet"]


def test_no_options_write_everything_into_exports(tmp_path, monkeypatch, built):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--data", str(DATA)]) == 0
    written = tmp_path / "exports"
    full = built.site_dir / "data"
    assert sorted(p.name for p in written.iterdir()) == sorted(p.name for p in full.iterdir())
    for path in full.iterdir():
        assert (written / path.name).read_bytes() == path.read_bytes(), path.name


def test_an_export_never_writes_into_a_built_site(tmp_path, built, capsys):
    site = tmp_path / "site"
    shutil.copytree(built.site_dir, site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for out in (site / "data", site, site / "data" / "subset"):
        assert main(["export", "--data", str(DATA), "--format", "csv", "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"Error: --out {out}: is inside the built site "), err
        assert "Fix: export somewhere else, e.g. exports/all" in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_format_option_that_names_none_is_an_error(tmp_path, capsys):
    assert main(["export", "--data", str(DATA), "--format", " ,", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("Error: --format: names no format. Fix: use one")


def test_filtered_export_by_alias_dates_and_format(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["export", "--data", str(DATA), "--from", "2020-01-15", "--to", "2021-02",
                 "--crossing", "Abu Dhuhur", "--crossing", "سراقب", "--format", "geojson",
                 "--format", "csv", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    aliases = _aliases()
    wanted = (aliases.resolve("Abu Dhuhur"), aliases.resolve("سراقب"))
    assert None not in wanted
    expected = _expected_event_ids(date(2020, 1, 15), date(2021, 2, 28), wanted)
    assert expected and expected != _expected_event_ids(None, None, None)
    _, rows = read_csv(out / "events.csv")
    assert {r["event_id"] for r in rows} == expected
    geojson = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in geojson["features"]} == expected
    _, crossings = read_csv(out / "crossings.csv")
    assert [r["id"] for r in crossings] == [c for c in _gazetteer_order() if c in wanted]
    _, links = read_csv(out / "event_crossings.csv")
    assert {r["crossing_id"] for r in links} <= set(wanted)
    assert {r["event_id"] for r in links} == expected
    assert not list(out.glob("*.gpkg")) and not list(out.glob("*.parquet"))
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["build"]["selection"] == {"from": "2020-01-15", "to": "2021-02-28",
                                             "crossings": list(wanted)}


def _gazetteer_order() -> list[str]:
    gazetteer = json.loads((DATA / "crossings.geojson").read_text(encoding="utf-8"))
    return [f["properties"]["id"] for f in gazetteer["features"]]


def test_one_format_writes_only_that_format(tmp_path):
    assert main(["export", "--data", str(DATA), "--format", "gpkg", "--out",
                 str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas.gpkg", "datapackage.json"]


DAYS = st.dates(min_value=date(2019, 6, 1), max_value=date(2021, 6, 30))


@settings(max_examples=25, deadline=None)
@given(start=st.none() | DAYS, end=st.none() | DAYS,
       crossings=st.none() | st.sets(st.sampled_from(_gazetteer_order()), min_size=1))
def test_selection_matches_the_input(built, start, end, crossings):
    if start and end and start > end:
        start, end = end, start
    chosen = tuple(sorted(crossings)) if crossings else None
    timeline = select(built.timeline, Selection(start, end, chosen))
    assert set(timeline.events["event_id"]) == _expected_event_ids(start, end, chosen)
    if chosen:
        assert set(timeline.crossings["id"]) == set(chosen)
    for ids in timeline.crossings["event_ids"]:
        assert set(ids) <= set(timeline.events["event_id"])
