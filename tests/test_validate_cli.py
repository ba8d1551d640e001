"""`build_map.py check` validates without building: exit 0 clean, 1 with the build's messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.mutate import copy_data, run_cli, set_cell


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    return copy_data(tmp_path / "data")


def test_check_is_clean_on_the_bundled_data(data, tmp_path):
    code, out, err = run_cli(["check", "--data", str(data)])
    assert (code, err) == (0, "")
    assert out.startswith(f"{data}/ is valid: 7 crossings, ")
    assert not (tmp_path / "site").exists()


def test_check_and_build_print_the_same_error(data, tmp_path):
    set_cell(data / "events.csv", 2, "crossing_ids", "Abu Zuhur")
    set_cell(data / "displacement.csv", 2, "figure", "-3")
    checked = run_cli(["check", "--data", str(data)])
    built = run_cli(["build", "--data", str(data), "--out", str(tmp_path / "site")])
    assert checked == built
    assert checked[0] == 1 and checked[2].startswith("Error: 2 problems in the input data:\n")
    assert not (tmp_path / "site").exists()


def test_check_exit_code_from_the_command_line(tmp_path, repo_root):
    """The real script, as an editor runs it: no traceback, one `Error:` block, exit 1."""
    data = copy_data(tmp_path / "data")
    (data / "events.csv").write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "build_map.py", "check", "--data", str(data)],
                         cwd=repo_root, capture_output=True, text=True, timeout=120)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == ("Error: events.csv: the file is empty. Fix: restore its header row "
                          "and data (see docs/data.md)\n")


def test_missing_data_folder(tmp_path):
    code, out, err = run_cli(["check", "--data", str(tmp_path / "nowhere")])
    assert (code, out) == (1, "")
    assert err == (f"Error: {tmp_path / 'nowhere'}: the data folder does not exist. Fix: pass "
                   "the folder holding crossings.geojson with --data\n")
