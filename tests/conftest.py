"""Fixtures every test module may use: where the repo, its data and ../shared are; one build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.build import build, check

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# CI puts shared/ beside the clone; a git worktree elsewhere can point at it explicitly.
SHARED = Path(os.environ.get("ATLAS_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The bundled data folder (read-only: copy it before changing anything)."""
    return DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (or $ATLAS_SHARED_DIR); skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (it holds the shared corpus and reference data; it "
                    "sits beside the clone in CI; set ATLAS_SHARED_DIR to use another place)")
    return SHARED


@pytest.fixture(scope="session")
def atlas(data_dir):
    """The bundled data, loaded and validated once."""
    return check(data_dir)


@pytest.fixture(scope="session")
def built(tmp_path_factory, data_dir):
    """The bundled data built once into a temporary site folder; returns the BuildReport."""
    return build(data_dir, tmp_path_factory.mktemp("built") / "site")


@pytest.fixture
def data_copy(tmp_path, data_dir) -> Path:
    """A writable copy of the bundled data, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(data_dir, target)
    return target
