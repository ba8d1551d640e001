"""The command line on good data and on a few broken files: exit codes and exact messages."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from fixtures.paths import ROOT

import build_map


def _rewrite_csv(path, change):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_build_prints_a_summary_and_writes_the_site(tmp_path, data_dir, capsys, atlas):
    out = tmp_path / "site"
    assert build_map.main(["--data", str(data_dir), "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    assert f"{len(atlas.crossings)} crossings" in summary
    assert f"{len(atlas.events)} events" in summary
    assert f"{len(atlas.figures)} displacement figures" in summary
    for name in ("index.html", "data/crossings.geojson", "data/events.geojson",
                 "data/displacement.geojson", "data/events.csv", "vendor/leaflet/leaflet.js"):
        assert (out / name).is_file(), name


def test_check_validates_without_building(tmp_path, data_dir, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert build_map.main(["check", "--data", str(data_dir)]) == 0
    assert "is valid" in capsys.readouterr().out
    assert not (tmp_path / "site").exists()


def test_help_runs_as_a_script():
    result = subprocess.run([sys.executable, "build_map.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: build_map.py [-h] {build,check,export}")


def _error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return captured.err.strip().splitlines()[0]


def test_unknown_crossing_names_row_and_suggests(data_copy, tmp_path, capsys):
    def rename(rows):
        rows[3][rows[0].index("crossing_ids")] = "Abu Dahur"
    _rewrite_csv(data_copy / "events.csv", rename)
    assert build_map.main(["--data", str(data_copy), "--out", str(tmp_path / "s")]) == 1
    line = _error_line(capsys)
    assert line.startswith("Error: events.csv row 4: crossing 'Abu Dahur' is not in the "
                           "gazetteer; did you mean ")
    assert "'Abu Duhur'" in line or "'Abu al-Duhur'" in line
    assert not (tmp_path / "s").exists()


def test_bad_date_names_row_value_and_fix(data_copy, tmp_path, capsys):
    def break_date(rows):
        rows[2][rows[0].index("date")] = "2020-13-45"
    _rewrite_csv(data_copy / "events.csv", break_date)
    assert build_map.main(["--data", str(data_copy), "--out", str(tmp_path / "s")]) == 1
    assert _error_line(capsys) == (
        "Error: events.csv row 3: date '2020-13-45' is not a date: month must be in 1..12; "
        "expected a real date. Fix: write it as 2020-01-13, or 2020-01 if only the month is known")


def test_missing_column_is_named(data_copy, tmp_path, capsys):
    def drop(rows):
        column = rows[0].index("source_id")
        for row in rows:
            del row[column]
    _rewrite_csv(data_copy / "displacement.csv", drop)
    assert build_map.main(["check", "--data", str(data_copy)]) == 1
    assert _error_line(capsys).startswith(
        "Error: displacement.csv row 1: missing required column(s) ['source_id']")


def test_missing_file_is_named(data_copy, capsys):
    (data_copy / "sources.csv").unlink()
    assert build_map.main(["check", "--data", str(data_copy)]) == 1
    assert "sources.csv" in _error_line(capsys)


@pytest.mark.parametrize("command", [["check"], []])
def test_every_problem_is_listed_at_once(data_copy, tmp_path, capsys, command):
    def two_problems(rows):
        rows[2][rows[0].index("event_type")] = "rumoured"
        rows[5][rows[0].index("source_id")] = "nowhere"
    _rewrite_csv(data_copy / "events.csv", two_problems)
    args = command + ["--data", str(data_copy)] + ([] if command else ["--out",
                                                                       str(tmp_path / "s")])
    assert build_map.main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: 2 problems in the input data:")
    assert "1. events.csv row 3: event_type 'rumoured' is not one of" in err
    assert "2. events.csv row 6: source_id 'nowhere' is not in sources.csv" in err


def test_build_never_replaces_the_data_folder(data_copy, capsys):
    before = sorted(p.name for p in data_copy.iterdir())
    for out in (data_copy, data_copy / "site", data_copy.parent):
        assert build_map.main(["--data", str(data_copy), "--out", str(out)]) == 1
        assert "would replace or sit inside the data folder" in _error_line(capsys)
    assert sorted(p.name for p in data_copy.iterdir()) == before


def test_build_never_replaces_a_folder_it_did_not_write(tmp_path, data_dir, capsys):
    victim = tmp_path / "notes"
    victim.mkdir()
    (victim / "mine.txt").write_text("keep me", encoding="utf-8")
    assert build_map.main(["--data", str(data_dir), "--out", str(victim)]) == 1
    assert "already holds files that the atlas did not write" in _error_line(capsys)
    assert (victim / "mine.txt").read_text(encoding="utf-8") == "keep me"
    site = tmp_path / "site"  # a folder the atlas built is replaced by the next build
    assert build_map.main(["--data", str(data_dir), "--out", str(site)]) == 0
    assert build_map.main(["--data", str(data_dir), "--out", str(site)]) == 0


@pytest.mark.parametrize("value", ["nan", "-5", "0", "inf", "1e9"])
def test_radius_must_be_a_sensible_distance(value, capsys, tmp_path):
    assert build_map.main(["build", "--radius-m", value, "--out", str(tmp_path / "s")]) == 1
    assert _error_line(capsys) == (
        f"Error: --radius-m: {float(value)!r} is not a radius in metres; give a number above 0 "
        "and at most 100,000. Fix: give e.g. 10000")
    assert not (tmp_path / "s").exists()


def test_radius_must_be_a_number(capsys):
    with pytest.raises(SystemExit) as stop:
        build_map.main(["build", "--radius-m", "ten"])
    assert stop.value.code == 2  # argparse's usage error: the text is no number at all
    assert "'ten' is not a radius in metres" in capsys.readouterr().err


def test_an_export_never_writes_into_the_data(data_copy, capsys):
    events = (data_copy / "events.csv").read_bytes()
    assert build_map.main(["export", "--data", str(data_copy), "--out", str(data_copy),
                           "--crossing", "saraqib"]) == 1
    assert "would replace or sit inside the data folder" in _error_line(capsys)
    assert (data_copy / "events.csv").read_bytes() == events


def test_build_never_replaces_a_file(tmp_path, data_dir, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    assert build_map.main(["--data", str(data_dir), "--out", str(notes)]) == 1
    assert "is a file, and a build writes a folder there" in _error_line(capsys)
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_joined_events_never_written_into_the_data(data_copy, tmp_path, capsys):
    table = tmp_path / "events.csv"
    table.write_text("latitude,longitude,date_start\n35.86,36.80,2020-01-13\n",
                     encoding="utf-8")
    before = (data_copy / "events.csv").read_bytes()
    assert build_map.main(["--data", str(data_copy), "--out", str(tmp_path / "site"),
                           "--events-table", str(table), "--date-col", "date_start",
                           "--joined-events", str(data_copy / "events.csv")]) == 1
    assert "would replace or sit inside the data folder" in _error_line(capsys)
    assert (data_copy / "events.csv").read_bytes() == before


def test_export_with_no_events_is_empty_not_a_crash(data_copy, tmp_path, capsys):
    path = data_copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert build_map.main(["export", "--data", str(data_copy), "--out", str(out),
                           "--from", "2020", "--format", "csv"]) == 0
    assert "0 events" in capsys.readouterr().out
