"""Fixtures every test module may use: where the repository, its data and ../shared are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# CI puts shared/ beside the clone; a git worktree elsewhere can point at it explicitly.
SHARED_DIR = Path(os.environ.get("ATLAS_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The bundled data folder (data/)."""
    return REPO_ROOT / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (or $ATLAS_SHARED_DIR); skips the test where it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"{SHARED_DIR} is absent (it holds the shared corpus and reference data; "
                    "set ATLAS_SHARED_DIR to use another place)")
    return SHARED_DIR
