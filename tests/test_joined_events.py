"""--joined-events: every external row goes where the researcher asks, never into site/; a bad
path is a clean Error before anything is written."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import pytest
from fixtures.mutate import run_cli
from fixtures.paths import ROOT

# Unique markers in every text column: none may reach a published file.
ROWS = [["ext-0001", "2019-05-03", "35.8640", "36.8040", "marker-near-saraqib"],
        ["ext-0002", "2019-06-10", "33.5138", "36.2765", "marker-damascus"],
        ["ext-0003", "2019-06-11", "", "36.80", "marker-no-latitude"]]


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("events") / "events_markers.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["event_id", "date_start", "latitude", "longitude", "where"],
                                 *ROWS])
    return path


def build_args(table: Path, site: Path, *extra: str) -> list[str]:
    return ["build", "--events-table", str(table), "--date-col", "date_start", "--id-col",
            "event_id", "--label-col", "where", "--out", str(site), *extra]


@pytest.fixture(scope="module")
def with_events(tmp_path_factory, table) -> tuple[Path, Path, str]:
    """A site built with the events table and --joined-events outside it."""
    root = tmp_path_factory.mktemp("with-events")
    site, joined = root / "site", root / "exports" / "joined.parquet"
    joined.parent.mkdir()
    code, out, err = run_cli(build_args(table, site, "--joined-events", str(joined)))
    assert code == 0, err
    return site, joined, out


def test_site_carries_aggregates_but_no_per_event_file(with_events, built):
    site, _, _ = with_events
    added = set(tree_hash(site)) - set(tree_hash(built.site_dir))
    assert added == {"data/activity.geojson", "data/activity.csv"}
    for path in site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for row in ROWS:
                assert row[0].encode() not in content and row[4].encode() not in content, path


def test_joined_events_hold_every_row_outside_the_site(with_events):
    site, joined, summary = with_events
    events = gpd.read_parquet(joined)
    assert list(events["id"]) == [r[0] for r in ROWS]
    assert list(events["label"]) == [r[4] for r in ROWS]
    assert events.loc[0, "crossing_id"] == "saraqib" and events["crossing_id"][1:].isna().all()
    assert events.loc[2, "problem"] == "missing_coordinates"
    kb = round(joined.stat().st_size / 1e3)
    assert summary.rstrip().endswith(f"Joined events (every row with its crossing, area and any "
                                     f"problem) written to {joined} ({kb} kB).")
    # Written as a file the researcher can share (umask applies), with no temporary left.
    assert joined.stat().st_mode & 0o044 == 0o044 & ~_umask()
    assert os.listdir(joined.parent) == ["joined.parquet"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_summary_says_when_joined_events_are_not_written(previous):
    assert previous[2].rstrip().endswith("Joined events not written (pass --joined-events FILE to "
                                 "keep every row with its crossing and area).")


@pytest.fixture(scope="module")
def previous(tmp_path_factory, table) -> tuple[Path, dict[str, str], str]:
    """A site built with events but no --joined-events, to be kept byte for byte; its summary."""
    site = tmp_path_factory.mktemp("previous") / "site"
    code, out, err = run_cli(build_args(table, site))
    assert code == 0, err
    return site, tree_hash(site), out


def test_missing_folder_is_a_clean_error_and_the_site_is_unchanged(previous, table, tmp_path):
    site, before, _ = previous
    joined = tmp_path / "no-such-folder" / "joined.parquet"
    code, out, err = run_cli(build_args(table, site, "--joined-events", str(joined)))
    assert code == 1 and out == ""
    assert err == (f"Error: --joined-events {joined}: the folder {joined.parent} does not "
                   f"exist. Fix: create it (mkdir -p {joined.parent}) or give a file in an "
                   "existing folder; nothing was written\n")
    assert tree_hash(site) == before
    assert not joined.parent.exists()


@pytest.mark.parametrize("where, message", [
    ("site", "is inside the site folder"),
    ("a-file.txt/joined.parquet", "a-file.txt is a file, not a folder"),
    ("table", "is the events table itself"),
    ("folder", "is a folder"),
])
def test_bad_paths_are_refused_before_anything_is_written(previous, table, tmp_path, where,
                                                          message):
    site, before, _ = previous
    (tmp_path / "a-file.txt").write_text("not a folder", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    joined = {"table": table, "site": site / "data" / "joined.parquet"}.get(
        where, tmp_path / where)
    table_before = table.read_bytes()
    code, _, err = run_cli(build_args(table, site, "--joined-events", str(joined)))
    assert code == 1
    assert err.startswith(f"Error: --joined-events {joined}: ") and message in err
    assert "Fix: " in err and "Traceback" not in err
    assert tree_hash(site) == before
    assert table.read_bytes() == table_before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root can write into any folder, whatever its mode")
def test_unwritable_folder_is_a_clean_error(previous, table, tmp_path):
    site, before, _ = previous
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        code, _, err = run_cli(build_args(table, site, "--joined-events",
                                          str(locked / "joined.parquet")))
    finally:
        locked.chmod(0o755)
    assert code == 1
    assert err.startswith(f"Error: --joined-events {locked / 'joined.parquet'}: cannot create "
                          f"files in {locked} (Permission denied). Fix: choose a folder")
    assert tree_hash(site) == before


@pytest.mark.parametrize(("refused", "error", "message"), [
    # As root, mode bits do not stop a write; a read-only disk does. Simulate the disk.
    ((tempfile, "TemporaryFile"), OSError(30, "Read-only file system"),
     "cannot create files in {folder} (Read-only file system)."),
    # The joined events are flushed to the disk on a thread of their own while they are
    # written; a disk that fails there fails the build like any other write.
    ((os, "fdatasync"), OSError(5, "Input/output error"),
     "could not be written (Input/output error)."),
], ids=["read-only folder, refused by writing not by mode bits", "failed flush behind the writing"])
def test_a_disk_that_refuses_the_joined_events_is_a_clean_error(previous, table, tmp_path,
                                                                 monkeypatch, refused, error,
                                                                 message):
    site, before, _ = previous

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(*refused, refuse)
    joined = tmp_path / "joined.parquet"
    code, _, err = run_cli(build_args(table, site, "--joined-events", str(joined)))
    assert code == 1
    assert err.startswith(f"Error: --joined-events {joined}: "
                          + message.format(folder=tmp_path))
    assert tree_hash(site) == before and os.listdir(tmp_path) == []


def run_limited(argv: list[str], max_file_bytes: int) -> tuple[int, str, str]:
    """build_map.py in a fresh process that the operating system refuses to let grow any file
    past `max_file_bytes`: a full disk, without filling one."""
    def limit():
        import resource
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
    result = subprocess.run([sys.executable, "build_map.py", *argv], cwd=ROOT, text=True,
                            capture_output=True, preexec_fn=limit, timeout=300, check=False)
    return result.returncode, result.stdout, result.stderr


def test_failed_site_write_keeps_the_previous_joined_events(previous, table, tmp_path):
    site, before, _ = previous
    exports = tmp_path / "exports"
    exports.mkdir()
    joined = exports / "joined.parquet"
    joined.write_bytes(b"the previous joined events")
    # The joined events (a few kB) fit; the GeoPackage (hundreds of kB) does not.
    code, _, err = run_limited(build_args(table, site, "--joined-events", str(joined)), 100_000)
    assert code == 1
    assert err.startswith("Error: could not make the GeoPackage in the temporary folder ")
    assert err.endswith("Fix: free space there, or point TMPDIR at a folder with room; nothing "
                        "was written\n")
    assert tree_hash(site) == before
    assert joined.read_bytes() == b"the previous joined events"
    assert os.listdir(exports) == ["joined.parquet"]  # the staged copy is gone


def test_failed_staging_leaves_site_and_folder_as_they_were(previous, table, tmp_path):
    site, before, _ = previous
    joined = tmp_path / "exports" / "joined.parquet"
    joined.parent.mkdir()
    code, _, err = run_limited(build_args(table, site, "--joined-events", str(joined)), 1_000)
    assert code == 1
    assert err == (f"Error: --joined-events {joined}: could not be written (File too large). "
                   "Fix: free space or choose another folder; the site and joined.parquet are "
                   "unchanged\n")
    assert tree_hash(site) == before
    assert os.listdir(joined.parent) == []


def test_joined_events_need_an_events_table():
    code, _, err = run_cli(["build", "--joined-events", "exports/joined.parquet"])
    assert code == 1
    assert err == ("Error: --joined-events given without an events table. "
                   "Fix: add --events-table FILE (or `table` in the --events-config file)\n")
