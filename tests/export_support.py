"""Fixtures shared by the export tests: the bundled data built once, and its export layers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from geo.build import build
from geo.export import layers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The bundled data built once into a temporary site; returns the BuildReport."""
    return build(DATA, tmp_path_factory.mktemp("export-build") / "site")


@pytest.fixture(scope="session")
def site_data(built_site) -> Path:
    """The built site's data/ folder, holding the full export set."""
    return built_site.site_dir / "data"


@pytest.fixture(scope="session")
def export_layers(built_site) -> dict:
    """The flat layers the exports were written from, by name."""
    return {layer.name: layer for layer in layers(built_site.timeline)}


def read_csv(path: Path, skip_rows: int = 0) -> tuple[list[str], list[dict]]:
    """A CSV's header and rows as strings, skipping `skip_rows` rows under the header."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    rows = list(reader)
    header, body = rows[0], rows[1 + skip_rows:]
    return header, [dict(zip(header, row, strict=True)) for row in body]
