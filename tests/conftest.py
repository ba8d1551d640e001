"""Fixtures every test module may use: where the repository, its data and ../shared are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


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
    """../shared beside the clone (CI puts it there); skips the test where it is absent."""
    shared = REPO_ROOT.parent / "shared"
    if not shared.is_dir():
        pytest.skip(f"{shared} is absent (it holds the shared corpus and reference data)")
    return shared
