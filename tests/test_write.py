"""geo/write.py: a failed, broken, killed or concurrent build leaves the site byte for byte as
it was or as a clean build makes it; everything is on the disk before it is swapped in."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.mutate import copy_data, run_cli, set_cell
from fixtures.paths import DATA, ROOT

from geo.errors import BuildError
from geo.write import exchange, recover_interrupted, write_files, write_folder


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A previous site, written by write_folder, to be kept safe."""
    site = tmp_path / "out" / "site"
    write_folder({"index.html": "<p>previous</p>", "data/events.csv": "a\n1\n"}, site)
    return site


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def python(script: str, *, max_file_bytes: int | None = None) -> subprocess.CompletedProcess:
    """Run `script` in a fresh Python in the repository, optionally with the operating system
    refusing to grow any file past `max_file_bytes` (a full disk, without filling one)."""
    def limit():
        if max_file_bytes is not None:
            import resource
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
            resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, preexec_fn=limit, timeout=300, check=False)


def test_failing_build_leaves_the_site_unchanged(tmp_path):
    data = copy_data(tmp_path / "data")
    site = tmp_path / "site"
    assert run_cli(["build", "--data", str(data), "--out", str(site)])[0] == 0
    before = tree_hash(site)
    assert "index.html" in before and "data/events.geojson" in before
    set_cell(data / "events.csv", 2, "date", "2019-02-30")
    code, _, err = run_cli(["build", "--data", str(data), "--out", str(site)])
    assert code == 1 and err.startswith("Error: events.csv row 2: date '2019-02-30'")
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_a_full_disk_while_writing_leaves_the_site_unchanged(site):
    before = tree_hash(site)
    result = python("from pathlib import Path\n"
                    "from geo.errors import BuildError\n"
                    "from geo.write import write_folder\n"
                    "try:\n"
                    f"    write_folder({{'index.html': 'x' * 5000}}, Path({str(site)!r}))\n"
                    "except BuildError as e:\n"
                    "    print(e)\n", max_file_bytes=1000)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"could not write the site to {site}: File too large; "
                                     "the previous site is unchanged")
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_an_interrupt_while_writing_leaves_the_site_unchanged(site, monkeypatch):
    before = tree_hash(site)
    real, calls = os.fsync, []

    def interrupted(handle):
        calls.append(handle)
        if len(calls) == 2:  # the second file, half-way through the new site
            raise KeyboardInterrupt
        return real(handle)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_folder({"index.html": "<p>new</p>", "data/events.csv": "b\n2\n"}, site)
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_a_killed_build_leaves_the_site_and_the_next_run_cleans_up(site):
    before = tree_hash(site)
    # A build that is killed (SIGKILL: no clean-up at all) after writing its first file.
    result = python("import os, signal\n"
                    "from pathlib import Path\n"
                    "from geo.write import write_folder\n"
                    "real = os.fsync\n"
                    "def die(handle):\n"
                    "    real(handle)\n"
                    "    os.kill(os.getpid(), signal.SIGKILL)\n"
                    "os.fsync = die\n"
                    f"write_folder({{'index.html': 'new', 'a.txt': 'a'}}, Path({str(site)!r}))\n")
    assert result.returncode == -signal.SIGKILL
    assert tree_hash(site) == before
    [staging] = leftovers(site)
    assert staging.startswith(".site-building-")
    write_folder({"index.html": "<p>next</p>"}, site)
    assert (site / "index.html").read_text() == "<p>next</p>"
    assert leftovers(site) == []


def test_every_file_and_folder_is_on_the_disk_before_the_swap(tmp_path, monkeypatch):
    real, synced = os.fsync, []

    def record(handle):
        synced.append(Path(os.readlink(f"/proc/self/fd/{handle}")))
        return real(handle)

    monkeypatch.setattr(os, "fsync", record)
    site = tmp_path / "site"
    files = {"index.html": "<p>new</p>", "data/events.csv": "a\n", "vendor/x/y.js": "1"}
    write_folder(files, site)
    [staging] = {p.parent for p in synced if p.name == "index.html"}
    assert staging.name.startswith(".site-building-")
    staged = {str(p.relative_to(staging)) for p in synced if p.is_relative_to(staging)}
    assert staged == {*files, ".atlas-site", ".", "data", "vendor", "vendor/x"}
    # The swap is flushed last: the folder holding the site, after everything in it.
    assert synced[-1] == tmp_path and synced.index(staging) < len(synced) - 1


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name handles")
def test_exports_are_on_the_disk_before_they_are_renamed_in(tmp_path, monkeypatch):
    real, synced = os.fsync, []

    def record(handle):
        synced.append(Path(os.readlink(f"/proc/self/fd/{handle}")).name)
        return real(handle)

    monkeypatch.setattr(os, "fsync", record)
    out = tmp_path / "exports"
    out.mkdir()
    (out / "keep.txt").write_text("someone else's file")
    assert write_files({"a.csv": "a\n", "b.csv": "b\n"}, out) == ["a.csv", "b.csv"]
    assert {"a.csv", "b.csv"} <= set(synced) and synced[-1] == "exports"
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", "keep.txt"]


def test_a_site_retired_by_a_killed_build_is_put_back(site):
    """Where two renames are needed (no atomic exchange), a kill between them is recovered."""
    before = tree_hash(site)
    retired = site.parent / f".site-previous-{dead_pid()}"
    site.rename(retired)
    assert recover_interrupted(site) == [retired]
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_another_running_build_is_left_alone(site):
    running = site.parent / f".site-building-{os.getppid()}"
    running.mkdir()
    stale = site.parent / f".site-building-{dead_pid()}"
    stale.mkdir()
    assert recover_interrupted(site) == [stale]
    assert leftovers(site) == [running.name]


def test_two_rename_fallback_replaces_the_site(site):
    write_folder({"index.html": "<p>new</p>"}, site, use_exchange=False)
    assert (site / "index.html").read_text() == "<p>new</p>"
    assert not (site / "data" / "events.csv").exists()
    assert leftovers(site) == []


def test_failed_swap_puts_the_previous_site_back(site, monkeypatch):
    before = tree_hash(site)
    real = Path.rename

    def refuse_staging(self, target):
        if self.name.startswith(".site-building-"):
            raise OSError(18, "Invalid cross-device link")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", refuse_staging)
    with pytest.raises(BuildError, match="the previous site is unchanged"):
        write_folder({"index.html": "<p>new</p>"}, site, use_exchange=False)
    assert tree_hash(site) == before
    assert leftovers(site) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux-only")
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "which").write_text("a")
    (second / "which").write_text("b")
    assert exchange(first, second)
    assert ((first / "which").read_text(), (second / "which").read_text()) == ("b", "a")


@contextlib.contextmanager
def lock_held(lock: Path):
    """Another process holding the lock file `lock` (as a running build does); yields it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"h = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(h, fcntl.LOCK_EX)\n"
         "os.ftruncate(h, 0)\n"
         "os.pwrite(h, f'{os.getpid()}\\n'.encode(), 0)\n"
         "print('locked', flush=True)\n"
         "time.sleep(60)\n"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        holder.kill()
        holder.wait()


def test_a_writer_waits_for_the_lock_then_names_the_process_holding_it(site):
    before = tree_hash(site)
    with lock_held(site.parent / ".site.lock") as holder:
        started = time.monotonic()
        with pytest.raises(BuildError, match=rf"another build or export \(process "
                                             rf"{holder.pid}\) is writing to .*site and has "
                                             r"not finished after 0.5 s\. Fix: wait"):
            write_folder({"index.html": "<p>new</p>"}, site, wait_s=0.5)
        assert time.monotonic() - started >= 0.5
        assert tree_hash(site) == before
    write_folder({"index.html": "<p>new</p>"}, site, wait_s=0.5)  # free again
    assert (site / "index.html").read_text() == "<p>new</p>"


def test_an_export_waits_for_another_into_the_same_folder(tmp_path):
    out = tmp_path / "exports"
    write_files({"events.csv": "a\n"}, out)
    with lock_held(tmp_path / ".exports.lock") as holder:
        with pytest.raises(BuildError, match=rf"\(process {holder.pid}\)"):
            write_files({"events.csv": "b\n"}, out, wait_s=0.3)
    assert (out / "events.csv").read_text() == "a\n"
    assert sorted(p.name for p in out.iterdir()) == ["events.csv"]


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "build_map.py", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_into_one_folder_take_turns_and_equal_a_clean_build(built, tmp_path):
    site = tmp_path / "site"
    runs = [_cli("build", "--data", str(DATA), "--out", str(site)) for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert tree_hash(site) == tree_hash(built.site_dir)
    assert leftovers(site) == []


def test_two_exports_into_one_folder_take_turns_and_equal_one_export(site_data, tmp_path):
    out = tmp_path / "exports"
    runs = [_cli("export", "--data", str(DATA), "--out", str(out)) for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert tree_hash(out) == tree_hash(site_data)
    assert not [p for p in out.iterdir() if p.name.startswith(".atlas-staging")]
