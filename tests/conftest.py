"""Fixtures every test module may use: where the repo, its data and ../shared are, the bundled
data checked and built once per session, and writable copies to break on purpose.

Helpers that are not fixtures (copying data with one change, running the CLI in-process) are in
fixtures/mutate.py; paths in fixtures/paths.py. tests/README.md maps each module to its tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures.mutate import CACHE
from fixtures.paths import DATA, ROOT, SHARED

from geo import build, check, prepare
from geo.exports.layers import layers_of


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
def layer_cache():
    """The session's boundary-layer cache (the one the in-process CLI uses too)."""
    return CACHE


@pytest.fixture(scope="session")
def atlas(data_dir, layer_cache):
    """The bundled data, loaded and validated once."""
    return check(data_dir, layer_cache)


@pytest.fixture(scope="session")
def timeline(data_dir, layer_cache):
    """The bundled data's timeline: what every output is made from."""
    return prepare(data_dir, cache=layer_cache)


@pytest.fixture(scope="session")
def built(tmp_path_factory, data_dir, layer_cache):
    """The bundled data built once into a temporary site folder; returns the BuildReport."""
    return build(data_dir, tmp_path_factory.mktemp("built") / "site", cache=layer_cache)


@pytest.fixture(scope="session")
def site_data(built) -> Path:
    """The built site's data/ folder, holding the full export set."""
    return built.site_dir / "data"


@pytest.fixture(scope="session")
def export_layers(built) -> dict:
    """The flat layers the exports were written from, by name."""
    return {layer.name: layer for layer in layers_of(built.timeline)}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the bundled data, to break on purpose (boundaries copied too)."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
