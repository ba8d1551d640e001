"""The large cases of benchmarks/external_events.py: 10M rows of Parquet and 100M rows as a
folder of Parquet files, built with the default stream engine and with Dask on a local
cluster. Wall time around the build's process; CPU time and peak RSS summed over its process
tree (the build, and for Dask the scheduler and workers it starts), sampled with psutil."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import psutil

REPO = Path(__file__).resolve().parents[1]
SEED = 20240601
CHUNK_ROWS = 1 << 20  # rows generated (and written as a row group) at a time
SAMPLE_S = 0.1
# The cases `--engines` names: the engine, and whether the build writes --joined-events.
ENGINES = {"stream": ("stream", True), "stream-counts": ("stream", False),
           "dask": ("dask", True)}
ENGINE_LABELS = {"stream": "stream (default)",
                 "stream-counts": "stream, counts only (no --joined-events)",
                 "dask": "Dask, local cluster"}


def synthetic_parquet(target: Path, rows: int, files: int = 1) -> None:
    """A seeded ACLED-like table typed as a Parquet export is: float coordinates, dates,
    integer ids and codes; 0.5% bad rows (coordinates missing or in Paris, dates missing or in
    the 2900s). One file, or `files` files in a folder (part=0/…, part=1/…)."""
    sys.path.insert(0, str(REPO))
    import pyarrow as pa
    import pyarrow.parquet as pq

    from geo import check
    atlas = check(REPO / "data")
    cx, cy = atlas.crossings.geometry.x.to_numpy(), atlas.crossings.geometry.y.to_numpy()
    west, south, east, north = atlas.boundaries.admin1.total_bounds
    rng = np.random.default_rng(SEED + rows)
    epoch_2016 = int((np.datetime64("2016-01-01") - np.datetime64("1970-01-01")).astype(int))
    per_file, done = -(-rows // files), 0
    for f in range(files):
        path = target if files == 1 else target / f"part={f}" / "events.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        writer, left = None, min(per_file, rows - done)
        while left > 0:
            n = min(CHUNK_ROWS, left)
            near = n // 2
            k = rng.integers(0, len(cx), near)
            lon = np.concatenate([cx[k] + rng.normal(0, 0.1, near),
                                  rng.uniform(west, east, n - near)])
            lat = np.concatenate([cy[k] + rng.normal(0, 0.08, near),
                                  rng.uniform(south, north, n - near)])
            days = rng.integers(0, 6 * 365, n).astype(np.int32) + epoch_2016
            bad = np.flatnonzero(rng.random(n) < 0.005)
            kind = rng.integers(0, 4, len(bad))
            lat[bad[kind == 1]] = 48.8566                  # Paris: outside the region
            days[bad[kind == 3]] = 340_000                 # the 2900s: out of range
            no_lat, no_date = np.zeros(n, bool), np.zeros(n, bool)
            no_lat[bad[kind == 0]], no_date[bad[kind == 2]] = True, True
            table = pa.table({
                "event_id_cnty": pa.array(np.arange(done + 1, done + n + 1, dtype=np.int64)),
                "event_date": pa.array(days, pa.int32(), mask=no_date).cast(pa.date32()),
                "latitude": pa.array(lat, mask=no_lat), "longitude": pa.array(lon),
                "geo_precision": rng.choice(np.array([1, 2, 3], np.int8), n,
                                            p=[0.7, 0.25, 0.05]),
                "time_precision": rng.choice(np.array([1, 2, 3], np.int8), n,
                                             p=[0.9, 0.08, 0.02]),
                "location": pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, np.int8)),
                                                           pa.array(["synthetic"])),
                "fatalities": rng.poisson(1.5, n).astype(np.int16)})
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, compression="snappy")
            writer.write_table(table)
            done, left = done + n, left - n
        writer.close()


def engine_child(table: Path, case: str, out: Path, joined: Path) -> None:
    """Run one build of a case of ENGINES in this process; print its stage timings as JSON."""
    sys.path.insert(0, str(REPO))
    from geo import build
    from geo.events_table import events_spec
    engine, writes_joined = ENGINES[case]
    spec = events_spec(None, {"table": table, "preset": "acled", "engine": engine,
                              "source": "synthetic (seeded)",
                              **({"joined_events": joined} if writes_joined else {})})
    report = build(REPO / "data", out, events=spec)
    print(json.dumps({"timings": report.timings.wall, "cpu": report.timings.cpu,
                      "read": report.tally.read}))


def measure(argv: list[str]) -> tuple[float, float, float, dict]:
    """Wall s, CPU s and peak RSS MB of a process and all its descendants, and its JSON."""
    start = time.perf_counter()
    proc = psutil.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    cpu: dict[int, float] = {}  # the last CPU seconds seen of every process of the tree
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss = 0
            try:
                tree = [proc, *proc.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for p in tree:
                try:
                    rss += p.memory_info().rss
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            peak[0] = max(peak[0], rss)
            stop.wait(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"benchmark case {argv[2:]} failed:\n{err}")
    own = cpu.pop(proc.pid, 0.0)
    return wall, own + sum(cpu.values()), peak[0] / 2**20, json.loads(out.splitlines()[-1])


def wait_for_quiet(max_wait_s: float, quiet: float) -> float:
    """Wait up to `max_wait_s` for the 1-minute load average to reach `quiet`; return it."""
    waited = 0.0
    while os.getloadavg()[0] > quiet and waited < max_wait_s:
        time.sleep(15)
        waited += 15
    return os.getloadavg()[0]


def run_large(script: Path, sizes: list[int], engines: list[str], work: Path,
              quiet_wait_s: float, quiet: float, files: int) -> list[dict]:
    """Build every size with every engine; one row per build."""
    rows = []
    for n in sizes:
        folder = n >= 100_000_000
        table = work / (f"events_{n}" if folder else f"events_{n}.parquet")
        started = time.perf_counter()
        synthetic_parquet(table, n, files if folder else 1)
        print(f"(generated {n:,} rows in {time.perf_counter() - started:.0f} s)",
              file=sys.stderr)
        for engine in engines:
            joined = work / f"joined_{n}_{engine}.parquet"
            load = wait_for_quiet(quiet_wait_s, quiet)
            wall, cpu, rss, result = measure([
                sys.executable, str(script), "--engine-child", str(table), engine,
                str(work / f"site_{n}_{engine}"), str(joined)])
            assert result["read"] == n
            rows.append({"rows": n, "engine": engine, "folder": folder, "wall_s": wall,
                         "cpu_s": cpu, "rss_mb": rss, "load": load,
                         "load_after": os.getloadavg()[0],
                         "joined_mb": joined.stat().st_size / 1e6 if joined.exists() else None,
                         "timings": result["timings"]})
            print(large_row(rows[-1]), file=sys.stderr)
            joined.unlink(missing_ok=True)
        if folder:
            for part in sorted(table.rglob("*"), reverse=True):
                part.rmdir() if part.is_dir() else part.unlink()
            table.rmdir()
        else:
            table.unlink()
    return rows


def large_row(r: dict) -> str:
    what = f"{r['rows']:,} rows, " + ("a folder of Parquet files" if r["folder"]
                                      else "one Parquet file")
    joined = "—" if r["joined_mb"] is None else f"{r['joined_mb']:.0f}"
    return (f"| {what} | {ENGINE_LABELS[r['engine']]} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | "
            f"{r['rss_mb']:.0f} | {r['rows'] / r['wall_s']:,.0f} | {r['load']:.1f} → "
            f"{r['load_after']:.1f} | {joined} |")


def markdown_large(rows: list[dict], targets: dict) -> list[str]:
    """The large cases' table and what they say."""
    if not rows:
        return []
    lines = [
        "## Both engines at 10M and 100M rows",
        "",
        "Both engines write --joined-events (every row with its placement) as they go; "
        "`stream-counts` is the default engine without them (the counts, the page and the "
        "exports only). CPU and "
        "peak RSS are summed over the whole process tree: for Dask, the build, the scheduler "
        "and its two worker processes (one per core). `load` is the 1-minute load average at "
        "the start and at the end of the build.",
        "",
        "| table | engine | wall (s) | CPU (s) | peak RSS (MB) | rows/s | load | joined "
        "events (MB) |",
        "|---|---|---:|---:|---:|---:|---|---:|",
        *[large_row(r) for r in rows],
        "",
    ]
    for n, target in targets.items():
        for r in rows:
            if r["rows"] != n or ENGINES[r["engine"]][0] != "stream":
                continue
            parts = []
            if "wall_s" in target:
                parts.append(f"{r['wall_s']:.1f} s wall (≤ {target['wall_s']} s: "
                             f"{'met' if r['wall_s'] <= target['wall_s'] else '**not met**'}"
                             f", at load {r['load']:.1f})")
            parts.append(f"{r['rss_mb']:.0f} MB peak RSS (≤ {target['rss_mb']} MB: "
                         f"{'met' if r['rss_mb'] <= target['rss_mb'] else '**not met**'})")
            lines.append(f"- {ENGINE_LABELS[r['engine']].capitalize()}, {n:,} rows: "
                         + "; ".join(parts) + ".")
    best = {}
    for r in rows:
        if r["engine"] == "stream-counts":  # not the same work as the others
            continue
        if r["rows"] not in best or r["wall_s"] < best[r["rows"]]["wall_s"]:
            best[r["rows"]] = r
    lines.append("- Faster on this machine: " + "; ".join(
        f"{n:,} rows, {'the stream engine' if r['engine'] == 'stream' else 'Dask'}"
        for n, r in best.items()) + ".")
    return [*lines, ""]
