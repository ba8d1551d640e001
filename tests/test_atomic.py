"""A failed, broken or killed build leaves the previous site byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.mutate import cache_bundled_layers, copy_data, run_cli, set_cell

import geo.site
from geo.errors import BuildError
from geo.site import recover_interrupted, write_site


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A previous site, written by write_site, to be kept safe."""
    site = tmp_path / "out" / "site"
    write_site({"index.html": "<p>previous</p>", "data/events.csv": "a\n1\n"}, site)
    return site


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_failing_build_leaves_the_site_unchanged(tmp_path, monkeypatch):
    cache_bundled_layers(monkeypatch)
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


def test_error_while_writing_leaves_the_site_unchanged(site, monkeypatch):
    before = tree_hash(site)
    real = Path.write_text

    def full_disk(self, *args, **kwargs):
        if self.name == "events.csv":
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(BuildError, match=r"could not write the site to .*: No space left on "
                       r"device; the previous site is unchanged"):
        write_site({"index.html": "<p>new</p>", "data/events.csv": "b\n2\n"}, site)
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_interrupt_while_writing_leaves_the_site_unchanged(site, monkeypatch):
    before = tree_hash(site)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(geo.site.shutil, "copytree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site({"index.html": "<p>new</p>"}, site)
    assert tree_hash(site) == before
    assert leftovers(site) == []


def test_a_killed_build_leaves_the_site_and_the_next_run_cleans_up(site, repo_root):
    before = tree_hash(site)
    # A build that SIGKILLs itself half-way through copying the vendored library.
    script = (
        "import os, signal, shutil\n"
        "from pathlib import Path\n"
        "import geo.site\n"
        "def die(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "geo.site.shutil.copytree = die\n"
        f"geo.site.write_site({{'index.html': 'new'}}, Path({str(site)!r}))\n")
    build = subprocess.Popen([sys.executable, "-c", script], cwd=repo_root)
    assert build.wait(timeout=120) == -9
    assert tree_hash(site) == before
    assert leftovers(site) == [f".site-building-{build.pid}"]
    write_site({"index.html": "<p>next</p>"}, site)
    assert (site / "index.html").read_text() == "<p>next</p>"
    assert leftovers(site) == []


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


def test_two_rename_fallback_replaces_the_site(site, monkeypatch):
    monkeypatch.setattr(geo.site, "_exchange", lambda a, b: False)
    write_site({"index.html": "<p>new</p>"}, site)
    assert (site / "index.html").read_text() == "<p>new</p>"
    assert not (site / "data" / "events.csv").exists()
    assert leftovers(site) == []


def test_failed_swap_puts_the_previous_site_back(site, monkeypatch):
    before = tree_hash(site)
    monkeypatch.setattr(geo.site, "_exchange", lambda a, b: False)
    real = Path.rename

    def refuse_staging(self, target):
        if self.name.startswith(".site-building-"):
            raise OSError(18, "Invalid cross-device link")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", refuse_staging)
    with pytest.raises(BuildError, match="the previous site is unchanged"):
        write_site({"index.html": "<p>new</p>"}, site)
    assert tree_hash(site) == before
    assert leftovers(site) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux-only")
def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "which").write_text("a")
    (second / "which").write_text("b")
    assert geo.site._exchange(first, second)
    assert ((first / "which").read_text(), (second / "which").read_text()) == ("b", "a")
