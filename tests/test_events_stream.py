"""The default engine streams the events table: read, placed and counted a batch at a time,
the joined events written as it goes. Whatever the batch size, and for one file or a folder
of them, the counts, the page data, the exports, the summary and the joined events are the
same; a progress line is drawn on a terminal only."""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fixtures.mutate import run_cli
from fixtures.paths import ROOT
from fixtures.synthetic import (
    acled_table,
    count_with,
    decoded,
    write_csv,
    write_folder,
    write_parquet,
)

from geo.errors import BuildError, DataError, Problem
from geo.events_table import JoinedSink, events_parquet, events_spec, place_events, stream
from geo.events_table.joined import JoinedWriter
from geo.write import StagedFile

ROWS = 6_000


@pytest.fixture(scope="module")
def table(timeline) -> pa.Table:
    return acled_table(timeline, ROWS)


def test_small_batches_give_what_one_batch_gives(tmp_path, timeline, table):
    path = write_csv(table, tmp_path / "events.csv")
    spec = events_spec(None, {"table": path, "preset": "acled"})
    whole = count_with(spec, timeline, tmp_path / "whole.parquet")
    small = count_with(dataclasses.replace(spec, batch_rows=977), timeline,
                       tmp_path / "small.parquet")
    assert whole[1] == small[1] and whole[2] == small[2] and whole[3] == small[3]
    assert whole[1]["rows"]["read"] == ROWS and set(whole[1]["bad_rows"]) == {
        "missing_coordinates", "unparsable_coordinates", "outside_region", "missing_date",
        "unparsable_date"}
    assert whole[1]["rows"]["attributed"] > 100 and whole[1]["rows"]["may_be_near"] > 100
    assert pq.ParquetFile(tmp_path / "small.parquet").metadata.num_row_groups == 7
    assert decoded(tmp_path / "whole.parquet").equals(decoded(tmp_path / "small.parquet"))
    assert decoded(tmp_path / "small.parquet")["row"].to_pylist() == list(range(2, ROWS + 2))
    geo = [pq.read_schema(tmp_path / f).metadata[b"geo"] for f in ("whole.parquet",
                                                                   "small.parquet")]
    assert geo[0] == geo[1] and b'"bbox"' in geo[0]
    # GeoPandas reads the batched file's metadata (written into its footer at the end).
    assert len(gpd.read_parquet(tmp_path / "small.parquet")) == ROWS
    # One batch writes exactly the file the whole table placed at once makes.
    assert (tmp_path / "whole.parquet").read_bytes() == events_parquet(
        place_events(spec, timeline))


def test_each_row_group_of_the_joined_events_says_its_rows_and_dates(tmp_path, timeline,
                                                                     table):
    # A researcher's reader (Arrow, DuckDB, Polars) skips row groups by their min and max:
    # every batch's row group records them for the row numbers and dates.
    path = write_csv(table, tmp_path / "events.csv")
    spec = events_spec(None, {"table": path, "preset": "acled", "batch_rows": 977})
    count_with(spec, timeline, tmp_path / "joined.parquet")
    file = pq.ParquetFile(tmp_path / "joined.parquet")
    rows = decoded(tmp_path / "joined.parquet")
    first = 0
    for g in range(file.metadata.num_row_groups):
        group = file.metadata.row_group(g)
        stats = {group.column(c).path_in_schema: group.column(c).statistics
                 for c in range(group.num_columns)}
        dates = [d for d in rows["date"][first:first + group.num_rows].to_pylist() if d]
        assert (stats["row"].min, stats["row"].max) == (first + 2, first + group.num_rows + 1)
        assert (stats["date"].min, stats["date"].max) == (min(dates), max(dates))
        first += group.num_rows
    assert first == ROWS


def test_a_batch_placed_after_the_one_behind_it_is_still_counted_in_order(
        tmp_path, timeline, table, monkeypatch):
    # The first batch is held back until the second is placed: the counts, the examples of bad
    # rows and the joined events must still come out as the table's order has them.
    monkeypatch.setattr(stream, "PLACERS", 2)
    path = write_csv(table, tmp_path / "events.csv")
    spec = events_spec(None, {"table": path, "preset": "acled"})
    whole = count_with(spec, timeline, tmp_path / "whole.parquet")
    second_placed, place_batch = threading.Event(), stream.place_batch

    def late_first(rows, first_row, *args, **kwargs):
        if first_row == 2:
            assert second_placed.wait(30)
        placed = place_batch(rows, first_row, *args, **kwargs)
        if first_row == 2 + 3_000:
            second_placed.set()
        return placed

    monkeypatch.setattr(stream, "place_batch", late_first)
    held = count_with(dataclasses.replace(spec, batch_rows=3_000), timeline,
                      tmp_path / "held.parquet")
    assert second_placed.is_set()
    assert held[1:] == whole[1:] and held[0].example_rows == whole[0].example_rows
    assert decoded(tmp_path / "held.parquet").equals(decoded(tmp_path / "whole.parquet"))


def test_a_batch_that_fails_stops_the_build_and_leaves_no_joined_events(
        tmp_path, timeline, table, monkeypatch):
    # Batches are placed two at a time on their own threads; a failure in one must reach the
    # build as raised, and the reading must stop: the batches after it are never placed.
    monkeypatch.setattr(stream, "PLACERS", 2)
    path = write_csv(table, tmp_path / "events.csv")
    spec = events_spec(None, {"table": path, "preset": "acled", "batch_rows": 977})
    started, place_batch = [], stream.place_batch
    failure = DataError([Problem("events.csv", "row 979", "a test failure")])

    def failing(rows, first_row, *args, **kwargs):
        started.append(first_row)
        if first_row == 2 + 977:  # the second batch (rows are numbered from 2 in a CSV)
            raise failure
        return place_batch(rows, first_row, *args, **kwargs)

    monkeypatch.setattr(stream, "place_batch", failing)
    joined = tmp_path / "joined.parquet"
    with pytest.raises(DataError) as raised:
        count_with(spec, timeline, joined)
    assert raised.value is failure
    # The first two batches, and at most the third (sent while the second was at work), of 7.
    assert sorted(started)[:2] == [2, 2 + 977] and len(started) <= 3
    assert os.listdir(tmp_path) == ["events.csv"]  # no joined events, staged or not


def test_a_failed_joined_write_is_the_error_reported_when_the_build_fails_after_it(
        tmp_path, monkeypatch):
    # The last rows are written while the page is made; a full disk fails both, and the
    # joined events' error, the earlier work's, is the one the reader sees. A writer's bug
    # is not lost behind a later error either.
    def full(self, rows):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(JoinedWriter, "write_table", full)
    staged = StagedFile(tmp_path / "joined.parquet", None, "joined_events")
    with pytest.raises(BuildError) as raised, staged, JoinedSink(staged) as sink:
        sink.write_table(pa.table({"row": [1]}))
        raise DataError([Problem("site", "", "a later failure")])
    assert "No space left on device" in str(raised.value)
    assert os.listdir(tmp_path) == []

    def bug(self, rows):
        raise TypeError("a bug in the writer")

    monkeypatch.setattr(JoinedWriter, "write_table", bug)
    staged = StagedFile(tmp_path / "joined.parquet", None, "joined_events")
    with pytest.raises(DataError) as raised, staged, JoinedSink(staged) as sink:
        sink.write_table(pa.table({"row": [1]}))
        raise DataError([Problem("site", "", "a later failure")])
    assert raised.value.__notes__ == [
        "Writing the joined events had failed too: TypeError('a bug in the writer')"]
    assert os.listdir(tmp_path) == []


def test_a_folder_of_parquet_files_counts_as_the_one_file(tmp_path, timeline, table):
    single = events_spec(None, {"table": write_parquet(table, tmp_path / "events.parquet"),
                                "preset": "acled", "source": "synthetic"})
    folder = events_spec(None, {"table": write_folder(table, tmp_path / "events", 3),
                                "preset": "acled", "source": "synthetic", "batch_rows": 1_500})
    one, many = count_with(single, timeline, tmp_path / "one.parquet"), \
        count_with(folder, timeline, tmp_path / "many.parquet")
    assert one[2] == many[2]
    assert {**one[1], "table": "events"} == many[1]
    assert one[3].replace("events.parquet", "events") == many[3]
    # Rows are numbered on across the files, in the order of their paths: as in the one file.
    assert decoded(tmp_path / "one.parquet").equals(decoded(tmp_path / "many.parquet"))


def test_rows_of_a_folder_of_csv_files_are_numbered_on_from_1(tmp_path, timeline, table):
    single = events_spec(None, {"table": write_csv(table, tmp_path / "events.csv"),
                                "preset": "acled", "source": "synthetic"})
    folder = events_spec(None, {"table": write_folder(table, tmp_path / "events", 2, "csv"),
                                "preset": "acled", "source": "synthetic", "batch_rows": 2_000})
    one, many = count_with(single, timeline, tmp_path / "one.parquet"), \
        count_with(folder, timeline, tmp_path / "many.parquet")
    assert one[1]["rows"] == many[1]["rows"] and one[2] == many[2]
    # A lone CSV file's rows are its spreadsheet rows (the header is row 1); a folder's, 1…
    assert {kind: [(row - 1, text) for row, text in rows]
            for kind, rows in one[0].example_rows.items()} == many[0].example_rows
    assert decoded(tmp_path / "many.parquet")["row"].to_pylist() == list(range(1, ROWS + 1))


@pytest.mark.parametrize("files, message", [
    ({}, "holds no CSV or (Geo)Parquet files"),
    ({"a.csv": "x\n1\n", "b.parquet": None}, "holds both CSV and Parquet files"),
])
def test_a_folder_without_one_kind_of_table_is_an_error(tmp_path, files, message):
    folder = tmp_path / "events"
    folder.mkdir()
    for name, text in files.items():
        if text is None:
            pq.write_table(pa.table({"x": [1]}), folder / name)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    code, _, err = run_cli(["--out", str(tmp_path / "site"), "--events-table", str(folder),
                            "--date-col", "day"])
    assert code == 1 and err.startswith(f"Error: {folder}: {message}.")


def test_a_column_missing_from_one_file_of_a_folder_names_the_file(tmp_path, timeline, table):
    folder = write_folder(table, tmp_path / "events", 2)
    last = sorted(folder.rglob("*.parquet"))[-1]
    pq.write_table(pq.read_table(last).drop_columns(["event_date"]), last)
    code, _, err = run_cli(["--out", str(tmp_path / "site"), "--events-table", str(folder),
                            "--events-preset", "acled"])
    assert code == 1 and err.startswith(f"Error: {last.name}: no column 'event_date'")


@pytest.mark.parametrize("argv, toml, message", [
    (["--engine", "spark"], "", "Error: --engine: 'spark' is not an engine. Fix: use stream"),
    ([], 'engine = "spark"\n', "Error: --engine: 'spark' is not an engine. Fix: use stream"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "",
     "Error: --scheduler: a Dask scheduler given without the dask engine. Fix: add --engine "
     "dask"),
    (["--events-batch-rows", "0"], "", "Error: --events-batch-rows: 0 is not a number of rows"),
    ([], 'batch_rows = "many"\n', "Error: --events-batch-rows: 'many' is not a number of rows"),
])
def test_engine_settings_that_mean_nothing_are_errors(tmp_path, table, argv, toml, message):
    path = write_csv(table.slice(0, 10), tmp_path / "events.csv")
    config = tmp_path / "events.toml"
    config.write_text(f'table = "events.csv"\npreset = "acled"\n{toml}', encoding="utf-8")
    code, _, err = run_cli(["--out", str(tmp_path / "site"), "--events-config", str(config),
                            *argv])
    assert code == 1 and message in err and path.is_file()
    assert not (tmp_path / "site").exists()


def build_process(table: Path, site: Path, stderr) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build_map.py", "--events-table", str(table),
                           "--events-preset", "acled", "--out", str(site)], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=stderr, timeout=600, check=True)


def test_progress_line_on_a_terminal_and_nothing_in_a_log(tmp_path, timeline):
    table = write_csv(acled_table(timeline, 200_000), tmp_path / "events.csv")
    piped = build_process(table, tmp_path / "site-log", subprocess.PIPE)
    assert piped.stderr == b""
    leader, follower = pty.openpty()
    try:
        build_process(table, tmp_path / "site-tty", follower)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert "events.csv" in text and "rows read" in text and "rows/s" in text
    assert "left" in text


def test_files_of_a_folder_that_type_a_column_apart(tmp_path, timeline, table):
    folder = write_folder(table.slice(0, 400), tmp_path / "events", 2)
    first, last = sorted(folder.rglob("*.parquet"))
    counts = pa.array([1] * 200, pa.int16())
    pq.write_table(pq.read_table(first).set_column(7, "fatalities", counts), first)
    joined = tmp_path / "joined.parquet"
    # Whole numbers in one file and text holding them in the other: one type, the first's.
    code, _, err = run_cli(["--out", str(tmp_path / "site"), "--events-table", str(folder),
                            "--events-preset", "acled", "--joined-events", str(joined)])
    assert code == 0, err
    assert pq.read_schema(joined).field("fatalities").type == pa.int16()
    # The package records each file of the folder it counted, by its path under the folder.
    package = json.loads((tmp_path / "site" / "data" / "datapackage.json").read_text("utf-8"))
    recorded = [(i["path"], i["bytes"]) for i in package["build"]["inputs"]
                if i.get("role") == "events table"]
    assert recorded == [(str(f.relative_to(tmp_path)), f.stat().st_size) for f in (first, last)]
    text = pa.array(["n/a"] * 200)
    pq.write_table(pq.read_table(last).set_column(7, "fatalities", text), last)
    code, _, err = run_cli(["--out", str(tmp_path / "site"), "--events-table", str(folder),
                            "--events-preset", "acled", "--joined-events", str(joined)])
    assert code == 1 and err.startswith("Error: --events-table: its files give a column "
                                        "different types (")
    assert f"{last.relative_to(folder)}: column 'fatalities'" in err and "n/a" in err
