"""Figures tables through the command line: the settings (options and TOML), the published
files read back, the set-aside rows where asked, errors before anything is written, and the
README's worked example (HNAP IDP movements) end to end."""

from __future__ import annotations

import hashlib
import json
import re
import shlex
from pathlib import Path

import frictionless
import pyogrio
import pytest
from fixtures.mutate import error_lines, read_csv, run_cli, write_rows
from fixtures.page import read_page_data
from fixtures.paths import ROOT, SHARED

from build_map import flags, parser
from geo import manifest
from geo.figures_table.spec import SETTING_OF, TABLE_KEYS
from geo.figures_table.tables import BAD_KINDS
from geo.figures_table.values import NO_DATA_MARKERS
from geo.join import area_points

HNAP = SHARED / "data" / "hnap_idp_movements_by_governorate_monthly_2016_2019.csv"
HEADER = ["governorate", "date", "idp_flow"]


def small_table(folder: Path) -> Path:
    """Three governorates over two months: a value, a half, a zero, a blank, a '*' and a row
    whose area is no OCHA area."""
    path = folder / "idp_small.csv"
    write_rows(path, [HEADER, ["Idleb", "2019-12", "1,500"], ["Aleppo", "2019-12", "0"],
                      ["Hama", "2019-12", ""], ["Idleb", "2020-01", "2500.5"],
                      ["Aleppo", "2020-01", "*"], ["Idlib city", "2020-01", "12"]])
    return path


def options(table: Path) -> list[str]:
    return ["--figures-table", str(table), "--area-col", "governorate", "--value-col",
            "idp_flow", "--date-col", "date", "--metric", "idp_movements",
            "--figures-source", "A test table"]


def test_cli_publishes_the_figures_and_says_what_it_read(tmp_path, timeline):
    site = tmp_path / "site"
    code, out, err = run_cli([*options(small_table(tmp_path)), "--out", str(site)])
    assert code == 0, err
    assert ("Figures table idp_small.csv (IDP movements, per month): 6 rows read; 5 values for "
            "3 governorates over 2 months, 2 of them no data (blank or a suppression mark, "
            "never read as zero); 1 rows set aside (1 not an OCHA area (e.g. row 7: "
            "governorate 'Idlib city')).") in out
    assert "Set-aside figures rows not written (pass --figures-set-aside FILE" in out
    data = site / "data"
    header, rows = read_csv(data / "area_figures.csv")
    assert header[:9] == ["pcode", "area_name", "area_name_ar", "level", "period",
                          "period_start", "period_end", "metric", "value"]
    by_key = {(r["pcode"], r["period_start"]): r for r in rows}
    assert by_key["SY07", "2020-01-01"]["value"] == "2500.5"
    assert by_key["SY07", "2019-12-01"]["value"] == "1500"
    assert by_key["SY02", "2019-12-01"]["value"] == "0"
    assert by_key["SY02", "2020-01-01"]["value"] == "" and \
        by_key["SY02", "2020-01-01"]["no_data"] == "*"
    assert by_key["SY05", "2019-12-01"]["no_data"] == "blank"
    assert by_key["SY07", "2019-12-01"]["area_name_ar"] == "إدلب"
    assert by_key["SY07", "2019-12-01"]["period_end"] == "2019-12-31"
    # The GeoJSON, read back through GDAL: each value on the point the curated figures use.
    layer = pyogrio.read_dataframe(data / "area_figures.geojson")
    assert len(layer) == len(rows) == 5
    points = area_points(timeline.boundaries)
    for _, feature in layer.iterrows():
        assert feature.geometry.distance(points[feature["pcode"]]) < 1e-6
    # Listed in the manifest's order, described by datapackage.json, offered for download.
    assert {o.name for o in manifest.data_outputs(figures_table=True)} == \
        {p.name for p in data.iterdir()}
    report = frictionless.validate(data / "datapackage.json")
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert any("A test table (figures table idp_small.csv" in s["title"]
               for s in package["sources"])
    table_bytes = (tmp_path / "idp_small.csv").read_bytes()
    assert {"path": "idp_small.csv", "role": "figures table", "bytes": len(table_bytes),
            "sha256": hashlib.sha256(table_bytes).hexdigest()} in package["build"]["inputs"]
    downloads = [d["href"] for d in read_page_data(site)["downloads"]]
    assert "data/area_figures.csv" in downloads and "data/area_figures.geojson" in downloads


def test_the_page_carries_each_area_s_series(tmp_path):
    site = tmp_path / "site"
    assert run_cli([*options(small_table(tmp_path)), "--out", str(site)])[0] == 0
    figures = read_page_data(site)["area_figures"]
    (table,) = figures["tables"]
    assert table["periods"] == ["2019-12-01", "2020-01-01"]
    assert table["series"] == {"SY02": [0, None], "SY05": [None, None], "SY07": [1500, 2500.5]}
    assert table["metric"] == "idp_movements" and table["source"] == "A test table"
    assert table["set_aside"] == 1 and table["rows_read"] == 6
    assert figures["areas"]["SY07"]["name_ar"] == "إدلب"


def test_set_aside_rows_are_written_where_asked(tmp_path):
    target = tmp_path / "exports" / "set_aside.csv"
    target.parent.mkdir()
    code, out, _ = run_cli([*options(small_table(tmp_path)), "--out", str(tmp_path / "site"),
                            "--figures-set-aside", str(target)])
    assert code == 0
    assert f"Set-aside figures rows (1, each with its problem and any did-you-mean) written " \
           f"to {target}." in out
    header, rows = read_csv(target)
    assert header == ["table", "row", "area", "date", "value", "problem", "hint"]
    assert rows == [{"table": "idp_small.csv", "row": "7", "area": "Idlib city",
                     "date": "2020-01", "value": "12", "problem": "unknown_area",
                     "hint": "did you mean 'Idleb' (SY07)?"}]


def test_a_bad_set_aside_path_fails_before_anything_is_built(tmp_path):
    site = tmp_path / "site"
    code, _, err = run_cli([*options(small_table(tmp_path)), "--out", str(site),
                            "--figures-set-aside", str(tmp_path / "nowhere" / "x.csv")])
    assert code == 1 and not site.exists()
    assert error_lines(err) == [f"--figures-set-aside {tmp_path / 'nowhere' / 'x.csv'}: the "
                                f"folder {tmp_path / 'nowhere'} does not exist. Fix: create it "
                                f"(mkdir -p {tmp_path / 'nowhere'}) or give a file in an "
                                "existing folder; nothing was written"]


def test_duplicates_fail_the_build_and_leave_the_site_as_it_was(tmp_path):
    site = tmp_path / "site"
    table = small_table(tmp_path)
    assert run_cli([*options(table), "--out", str(site)])[0] == 0
    before = (site / "index.html").read_bytes()
    write_rows(table, [HEADER, ["Idleb", "2019-12", "1"], ["إدلب", "2019-12-15", "2"]])
    code, _, err = run_cli([*options(table), "--out", str(site)])
    assert code == 1 and "Traceback" not in err
    assert error_lines(err) == [
        "idp_small.csv rows 2, 3: give 2 values for Idleb (SY07, as 'Idleb', 'إدلب') in the "
        "month starting 2019-12-01; one value per area and period was expected. Fix: remove "
        "the repeated rows, or add --aggregate sum if they are disjoint parts of the area "
        "(e.g. communities of a sub-district) to be added"]
    assert (site / "index.html").read_bytes() == before
    assert run_cli([*options(table), "--aggregate", "sum", "--out", str(site)])[0] == 0
    _, rows = read_csv(site / "data" / "area_figures.csv")
    assert [(r["pcode"], r["value"], r["rows"]) for r in rows] == [("SY07", "3", "2")]


@pytest.mark.parametrize("argv, message", [
    (["--area-col", "governorate"], "--area-col given without a figures table. Fix: add "
                                    "--figures-table FILE (or a --figures-config file)"),
    (["--figures-table", "t.csv", "--value-col", "v", "--date-col", "d"],
     "--area-col: not given for the figures table. Fix: add --area-col COLUMN"),
    (["--figures-table", "t.csv", "--area-col", "a", "--value-col", "v"],
     "--date-col and --figures-date: neither given; a figures table needs one. Fix: give "
     "--date-col COLUMN when each row has its date, or --figures-date YYYY-MM[-DD] when one "
     "date covers the whole table"),
    (["--figures-table", "t.csv", "--area-col", "a", "--value-col", "v", "--figures-date",
      "2020-01", "--period", "week"],
     "--figures-date: '2020-01' names a month, but each value covers a week. Fix: give "
     "YYYY-MM or YYYY-MM-DD, at least as precise as the period (week)"),
])
def test_settings_are_checked_and_named_by_their_flags(tmp_path, argv, message):
    code, _, err = run_cli([*argv, "--out", str(tmp_path / "site")])
    assert code == 1
    assert any(line.startswith(message) for line in error_lines(err)), err


def test_date_col_serves_both_tables_given_on_the_command_line(tmp_path):
    events = tmp_path / "events.csv"
    write_rows(events, [["date", "latitude", "longitude"], ["2019-12-03", "35.84", "36.79"]])
    code, out, err = run_cli([*options(small_table(tmp_path)), "--events-table", str(events),
                              "--out", str(tmp_path / "site")])
    assert code == 0, err
    assert "Events table events.csv: 1 rows read" in out and "Figures table idp_small.csv" in out


def test_a_toml_file_describes_several_tables(tmp_path):
    small = small_table(tmp_path)
    snapshot = tmp_path / "population.csv"
    write_rows(snapshot, [["adm1_pcode", "people"], ["SY07", "2,900,000"]])
    config = tmp_path / "tables.toml"
    config.write_text(f'''
source = "Shared citation"
set_aside = "set_aside.csv"
[[table]]
file = "{small.name}"
area_col = "governorate"
value_col = "idp_flow"
date_col = "date"
metric = "idp_movements"
[[table]]
file = "{snapshot.name}"
area_col = "adm1_pcode"
value_col = "people"
date = "2020-01"
period = "year"
metric = "population"
source = "Its own citation"
''', encoding="utf-8")
    code, out, err = run_cli(["--figures-config", str(config), "--out", str(tmp_path / "site")])
    assert code == 0, err
    assert "Figures table population.csv (population, per year): 1 rows read" in out
    _, rows = read_csv(tmp_path / "site" / "data" / "area_figures.csv")
    assert {(r["table"], r["source"]) for r in rows} == {
        ("idp_small.csv", "Shared citation"), ("population.csv", "Its own citation")}
    assert [r["value"] for r in rows if r["metric"] == "population"] == ["2900000"]
    assert (tmp_path / "set_aside.csv").is_file()  # relative to the TOML file
    # A new file on the command line cannot replace the files of two tables.
    code, _, err = run_cli(["--figures-config", str(config), "--figures-table", str(small),
                            "--out", str(tmp_path / "site")])
    assert code == 1 and "--figures-table: replaces the file of every table, but" in err


@pytest.mark.parametrize("text, message", [
    ('[[table]]\nfile = "t.csv"\nareacol = "a"\n', "table 1 key 'areacol': is not a setting"),
    ('file = "t.csv"\naggregate = true\n', "key 'aggregate': is True, not text"),
    ("title = 'nothing'\n", "key 'title': is not a setting"),
    ("", "describes no table"),
    ("[[table]\n", "is not valid TOML"),
])
def test_a_bad_toml_file_is_an_error(tmp_path, text, message):
    config = tmp_path / "bad.toml"
    config.write_text(text, encoding="utf-8")
    code, _, err = run_cli(["--figures-config", str(config), "--out", str(tmp_path / "site")])
    assert code == 1 and message in err and "Traceback" not in err


# ---- the README's worked example -----------------------------------------------------------

def readme_example_commands() -> list[list[str]]:
    """The figures tables' example commands in the README, as argument lists."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Bring your own figures"):]
    block = re.sub(r"\\\n\s*", " ", re.search(r"```sh\n(.*?)```", section, re.S).group(1))
    return [shlex.split(line, comments=True)[2:] for line in block.splitlines()
            if line.startswith(".venv/bin/python build_map.py")]


@pytest.fixture(scope="module")
def hnap_site(tmp_path_factory, shared_dir, data_dir):
    """The README's worked example, built once (from the repository root, as it is typed)."""
    commands = readme_example_commands()
    assert len(commands) == 2, commands
    sites = []
    for command in commands:
        site = tmp_path_factory.mktemp("hnap") / "site"
        argv = [a.replace("../shared", str(shared_dir)) for a in command]
        if "--figures-config" in argv:
            argv[argv.index("--figures-config") + 1] = str(
                ROOT / argv[argv.index("--figures-config") + 1])
        code, out, err = run_cli([*argv, "--data", str(data_dir), "--out", str(site)])
        assert code == 0, err
        sites.append((site, out))
    return sites


def test_worked_example_end_to_end(hnap_site):
    (site, out), (config_site, _) = hnap_site
    assert ("Figures table hnap_idp_movements_by_governorate_monthly_2016_2019.csv (IDP "
            "movements, per month): 672 rows read; 672 values for 14 governorates over 48 "
            "months, 207 of them no data") in out and "none set aside." in out
    header, rows = read_csv(site / "data" / "area_figures.csv")
    assert len(rows) == 672
    by_key = {(r["area_name"], r["period_start"]): r for r in rows}
    assert by_key["Aleppo", "2017-02-01"]["value"] == "111571.5"  # the half, as published
    assert by_key["Aleppo", "2016-01-01"]["value"] == "134951"
    assert by_key["Tartous", "2016-01-01"]["value"] == ""  # blank: no data, not zero
    assert by_key["Idleb", "2019-03-01"]["no_data"] == "blank"
    assert sum(r["value"] == "" for r in rows) == 207
    assert {r["pcode"] for r in rows} == {f"SY{n:02d}" for n in range(1, 15)}
    # The command line and the TOML file give the same figures.
    assert (config_site / "data" / "area_figures.csv").read_bytes() == \
        (site / "data" / "area_figures.csv").read_bytes()


def test_worked_example_page_data_is_small(hnap_site):
    (site, _), _ = hnap_site
    figures = read_page_data(site)["area_figures"]
    (table,) = figures["tables"]
    assert len(table["periods"]) == 48 and len(table["series"]) == 14
    assert table["series"]["SY07"][table["periods"].index("2018-03-01")] == 80051
    assert len(json.dumps(figures)) < 12_000


def test_the_summary_says_when_the_series_make_the_page_heavy(tmp_path, timeline):
    subdistricts = sorted(timeline.boundaries.admin3["pcode"])
    months = [f"{2016 + m // 12}-{m % 12 + 1:02d}" for m in range(30)]
    path = tmp_path / "subdistricts_monthly.csv"
    write_rows(path, [["adm3_pcode", "month", "idps"],
                      *([code, month, str(1000 + n)] for n, code in enumerate(subdistricts)
                        for month in months)])
    code, out, err = run_cli(["--figures-table", str(path), "--area-col", "adm3_pcode",
                              "--value-col", "idps", "--date-col", "month",
                              "--out", str(tmp_path / "site")])
    assert code == 0, err
    assert f"{len(subdistricts) * 30:,} values for {len(subdistricts)} sub-districts" in out
    assert re.search(r"Note: the figures tables' series add \d+ KB to the page, whose budget "
                     r"is 400 KB in all", out)


def test_the_guide_documents_every_key_option_and_rule():
    guide = (ROOT / "docs" / "figures_tables.md").read_text(encoding="utf-8")
    names = flags(parser())
    for key in TABLE_KEYS:
        assert f"`{key}`" in guide, key
        assert names[SETTING_OF.get(key, key)] in guide, key
    assert "`set_aside`" in guide and "--figures-set-aside" in guide
    for kind in BAD_KINDS:
        assert f"`{kind}`" in guide or kind.replace("_", " ") in guide, kind
    for marker in NO_DATA_MARKERS:
        assert f"`{marker}`" in guide, marker


def test_the_page_carries_only_figures_fields_its_scripts_read(tmp_path):
    site = tmp_path / "site"
    assert run_cli([*options(small_table(tmp_path)), "--out", str(site)])[0] == 0
    figures = read_page_data(site)["area_figures"]
    script = "\n".join((ROOT / "geo" / "static" / name).read_text(encoding="utf-8")
                       for name in manifest.FIGURES_TABLE_SCRIPTS)
    keys = {"area_figures", *figures, *(k for t in figures["tables"] for k in t),
            *(k for a in figures["areas"].values() for k in a)}
    unread = sorted(k for k in keys
                    if not re.search(rf"\.{k}\b|'{k}'", script))
    assert unread == []
    # and the check can fail: a field the page does not carry is not named by the script
    assert not re.search(r"\.no_data\b|'no_data'", script)
