"""The page data render.py hands the page: when each figure became known, where it sits, and
how sure each source's own date is."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fixtures.mutate import copy_data, read_rows, write_rows

from geo.build import check
from geo.dates import parse_partial_date, period_end
from geo.join import join
from geo.render import page_data
from geo.timeline import build_timeline
from geo.validate_replies import published_by
from tests.conftest import ROOT


def data_for(data_dir) -> dict:
    return page_data(build_timeline(join(check(data_dir))))


@pytest.fixture(scope="module")
def bundled(data_dir) -> dict:
    return data_for(data_dir)


def test_each_figure_is_known_from_the_end_of_its_date_capped_by_its_source(bundled, atlas):
    published = published_by(atlas.sources)
    for figure in bundled["figures"]:
        start, precision = parse_partial_date(figure["as_of"])
        expected = period_end(start, figure["as_of_precision"] or precision)
        if figure["source_id"] in published:
            expected = min(expected, published[figure["source_id"]])
        assert figure["known_by"] == expected.isoformat(), figure["figure_id"]
    month = [f for f in bundled["figures"] if f["as_of_precision"] == "month"]
    assert month, "the bundled data has a month-dated figure"
    assert all(date.fromisoformat(f["known_by"]) > parse_partial_date(f["as_of"])[0]
               for f in month), "a month-dated figure must not count from its first day"


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


def test_figures_carry_the_point_of_their_area(bundled, atlas):
    figures = join(atlas).figures.set_index("figure_id")
    for figure in bundled["figures"]:
        point = figures.geometry[figure["figure_id"]]
        assert figure["lon"] == pytest.approx(point.x, abs=1e-6)
        assert figure["lat"] == pytest.approx(point.y, abs=1e-6)


def test_sources_keep_how_sure_their_own_date_is(bundled, atlas):
    expected = dict(zip(atlas.sources["source_id"], atlas.sources["date_confidence"],
                        strict=True))
    assert {k: v["date_confidence"] for k, v in bundled["sources"].items()} == expected
    assert "unverified" in expected.values() and "inferred" in expected.values()


def test_a_district_figure_carries_the_districts_arabic_name(tmp_path, atlas):
    data = copy_data(tmp_path / "data")
    rows = read_rows(data / "displacement.csv")
    rows[1][rows[0].index("area")] = "SY0702"  # Al Ma'ra district
    write_rows(data / "displacement.csv", rows)
    figure = data_for(data)["figures"][0]
    expected = atlas.admin2.set_index("pcode").loc["SY0702", "name_ar"]
    assert expected and figure["area_label_ar"] == expected


def _scripts() -> str:
    return "\n".join(p.read_text(encoding="utf-8")
                     for p in sorted((ROOT / "geo" / "static").glob("*.js")))


def _read_by_a_script(key: str, scripts: str) -> bool:
    """Whether a script names `key` as a property: `.key`, or 'key' in quotes."""
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
