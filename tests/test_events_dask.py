"""--engine dask: the same placing and counting on a dask.distributed cluster. A real `dask
scheduler` and two `dask worker` processes are started on 127.0.0.1 for this module (the
package importable on them through PYTHONPATH, as an installed package would be) and stopped
after it; the counts must be the default engine's, and the joined events the same rows."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.compute as pc
import pytest
from fixtures.mutate import run_cli
from fixtures.page import read_page_data
from fixtures.paths import ROOT, SHARED
from fixtures.synthetic import (
    acled_table,
    count_with,
    decoded,
    write_csv,
    write_folder,
    write_parquet,
)

from geo.events_table import events_spec

UCDP = SHARED / "data" / "ucdp_ged_syria_2016_2019.csv"
STARTUP_S = 180  # processes start slowly on a loaded machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(request, tmp_path_factory) -> str:
    """A scheduler and two single-threaded workers (no nanny: one process each), stopped and
    checked gone when the module is done."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cwd = tmp_path_factory.mktemp("dask")  # not the repository: geo comes from PYTHONPATH
    processes: list[subprocess.Popen] = []

    def stop():
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        assert all(p.poll() is not None for p in processes)

    request.addfinalizer(stop)

    def start(*argv: str) -> None:
        log = (cwd / f"{len(processes)}.log").open("wb")
        processes.append(subprocess.Popen([sys.executable, "-m", *argv], cwd=cwd, env=env,
                                          stdout=log, stderr=subprocess.STDOUT))

    start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
          address.rsplit(":", 1)[1], "--no-dashboard")
    for _ in range(2):
        start("distributed.cli.dask_worker", address, "--host", "127.0.0.1", "--nthreads",
              "1", "--no-nanny", "--no-dashboard", "--death-timeout", str(STARTUP_S))
    with Client(address, timeout=STARTUP_S) as client:
        client.wait_for_workers(2, timeout=STARTUP_S)
    return address


def same_counts(one, other) -> None:
    """Two engines' tally, page data, export rows and summary agree."""
    assert one[0].example_rows == other[0].example_rows
    assert one[1] == other[1] and one[2] == other[2] and one[3] == other[3]


def same_rows(one: Path, other: Path) -> None:
    """Two joined-events files hold the same rows, once sorted by row."""
    a, b = decoded(one), decoded(other)
    a = a.take(pc.sort_indices(a["row"]))
    b = b.take(pc.sort_indices(b["row"]))
    assert a.num_rows == b.num_rows and a.equals(b)


def test_a_parquet_table_on_the_cluster_counts_as_the_stream_engine(scheduler, tmp_path,
                                                                    timeline):
    table = write_parquet(acled_table(timeline, 6_000), tmp_path / "events.parquet",
                          row_group_rows=1_000)
    spec = events_spec(None, {"table": table, "preset": "acled", "batch_rows": 2_000})
    stream = count_with(spec, timeline, tmp_path / "stream.parquet")
    on_dask = count_with(dataclasses.replace(spec, engine="dask", scheduler=scheduler),
                         timeline, tmp_path / "dask.parquet")
    same_counts(stream, on_dask)
    same_rows(tmp_path / "stream.parquet", tmp_path / "dask.parquet")
    assert stream[1]["rows"]["read"] == 6_000 and stream[1]["bad_rows"]


def test_a_folder_of_csv_files_on_the_cluster_is_numbered_as_the_stream_engine(
        scheduler, tmp_path, timeline):
    folder = write_folder(acled_table(timeline, 5_000, seed=11), tmp_path / "events", 3, "csv")
    spec = events_spec(None, {"table": folder, "preset": "acled"})
    stream = count_with(spec, timeline, tmp_path / "stream.parquet")
    on_dask = count_with(dataclasses.replace(spec, engine="dask", scheduler=scheduler),
                         timeline, tmp_path / "dask.parquet")
    same_counts(stream, on_dask)  # bad rows' examples carry rows numbered across the files
    same_rows(tmp_path / "stream.parquet", tmp_path / "dask.parquet")


def page_activity(site: Path) -> dict:
    return read_page_data(site)["activity"]


@pytest.mark.shared
@pytest.mark.skipif(not UCDP.is_file(), reason=f"UCDP GED file not found at {UCDP}")
def test_ucdp_ged_on_the_cluster_builds_what_the_stream_engine_builds(scheduler, tmp_path):
    sites = {}
    for engine, extra in (("stream", []), ("dask", ["--engine", "dask", "--scheduler",
                                                    scheduler])):
        site, joined = tmp_path / f"site-{engine}", tmp_path / f"{engine}.parquet"
        code, out, err = run_cli(["--events-table", str(UCDP), "--events-preset", "ucdp",
                                  "--out", str(site), "--joined-events", str(joined), *extra])
        assert code == 0, err
        sites[engine] = (site, joined, out.replace(str(site), "SITE").replace(str(joined),
                                                                              "JOINED"))
    (stream, stream_joined, stream_out), (on_dask, dask_joined, dask_out) = sites.values()
    for name in ("activity.csv", "activity.geojson"):
        assert (stream / "data" / name).read_bytes() == (on_dask / "data" / name).read_bytes()
    assert page_activity(stream) == page_activity(on_dask)
    assert page_activity(stream)["rows"]["attributed"] == 487
    assert stream_out == dask_out
    same_rows(stream_joined, dask_joined)


def test_a_local_cluster_by_default(tmp_path, timeline):
    table = write_csv(acled_table(timeline, 3_000, seed=5), tmp_path / "events.csv")
    spec = events_spec(None, {"table": table, "preset": "acled"})
    same_counts(count_with(spec, timeline, tmp_path / "stream.parquet"),
                count_with(dataclasses.replace(spec, engine="dask"), timeline,
                           tmp_path / "dask.parquet"))
    same_rows(tmp_path / "stream.parquet", tmp_path / "dask.parquet")


def test_an_unreachable_scheduler_is_an_error_naming_the_setting(tmp_path, timeline):
    table = write_csv(acled_table(timeline, 100), tmp_path / "events.csv")
    nobody = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    code, _, err = run_cli(["--events-table", str(table), "--events-preset", "acled", "--out",
                            str(tmp_path / "site"), "--engine", "dask", "--scheduler", nobody])
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"Error: --scheduler: no Dask scheduler answered at {nobody!r}")
    assert "Fix: start one (`dask scheduler`" in err
    assert time.monotonic() - started < 120 and not (tmp_path / "site").exists()
