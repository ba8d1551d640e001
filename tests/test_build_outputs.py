"""What a build writes: every input row in the exports, CSV twins of the GeoJSON, a
self-contained page, guarded spreadsheet cells, and the same bytes every time."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from geo import build, check
from geo.exports.spreadsheets import to_csv


@pytest.fixture(scope="module")
def site(built):
    return built.site_dir


@pytest.mark.parametrize("name, key", [("crossings", "id"), ("events", "event_id"),
                                       ("displacement", "figure_id")])
def test_csv_twins_hold_the_same_records(site, name, key):
    collection = json.loads((site / "data" / f"{name}.geojson").read_text(encoding="utf-8"))
    with (site / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r[key] for r in rows] == [f["properties"][key] for f in collection["features"]]


def test_every_input_row_is_exported(site, atlas):
    crossings = json.loads((site / "data" / "crossings.geojson").read_text(encoding="utf-8"))
    events = json.loads((site / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert {f["id"] for f in crossings["features"]} == set(atlas.crossings["id"])
    assert {f["id"] for f in events["features"]} == set(atlas.events["event_id"])
    nested = {e["event_id"] for f in crossings["features"] for e in f["properties"]["timeline"]}
    about_a_crossing = {e for e, ids in zip(atlas.events["event_id"], atlas.events[
        "crossing_ids"], strict=True) if ids}
    assert nested == about_a_crossing


def test_page_is_self_contained(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    loaded = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded, "the page loads its scripts and styles"
    for url in loaded:
        assert not re.match(r"^(https?:)?//", url), url
        if url.startswith("data:"):  # inline, e.g. the empty favicon: nothing is requested
            continue
        assert (site / url).is_file(), url


def test_csv_cells_never_start_a_spreadsheet_formula(data_copy, tmp_path):
    formula = "=HYPERLINK(\"http://example.invalid\",\"click\")"
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[1][rows[0].index("summary")] = formula
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    site = tmp_path / "site"
    build(data_copy, site)
    with (site / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
        exported = list(csv.DictReader(f))
    assert "'" + formula in {r["summary"] for r in exported}
    assert not any(v.startswith(("=", "+", "@")) for r in exported for v in r.values())
    events = json.loads((site / "data" / "events.geojson").read_text(encoding="utf-8"))
    assert formula in {f["properties"]["summary"] for f in events["features"]}  # JSON stays raw
    # Fed back in as input, the exported CSV gives the original text.
    (data_copy / "events.csv").write_bytes((site / "data" / "events.csv").read_bytes())
    assert formula in set(check(data_copy).events["summary"])


def test_list_cells_are_guarded_too():
    text = to_csv([{"ids": ["=1+1", "Tarnaba"], "lon": -5.25}], ["ids", "lon"])
    assert text.splitlines()[1] == "'=1+1;Tarnaba,-5.25"  # numbers stay numbers


def test_two_builds_write_byte_identical_sites(built, data_dir, layer_cache, tmp_path):
    again = build(data_dir, tmp_path / "other" / "out", cache=layer_cache).site_dir

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file()}

    one, two = tree(built.site_dir), tree(again)
    assert sorted(one) == sorted(two)
    assert "index.html" in one and any(k.startswith("data/") for k in one)
    for name in one:
        assert one[name] == two[name], f"{name} differs between two builds"
