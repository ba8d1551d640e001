"""Every file of the shared GeoJSON corpus, used as the gazetteer, loads or fails cleanly.

The corpus (../shared/corpus/geojson, see its MANIFEST.tsv) holds the test files of public
GeoJSON validators: bad syntax, wrong types, odd winding, antimeridian cases, GDAL's oddities.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fixtures.mutate import DATA_DIR, copy_data, run_cli

CORPUS = Path(os.environ.get("ATLAS_SHARED_DIR", DATA_DIR.parents[1] / "shared")) / "corpus" \
    / "geojson"
_SKIP = {"MANIFEST.tsv", "README.md"}


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name not in _SKIP
                  and not p.name.upper().startswith(("LICENSE", "COPYING")))


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return copy_data(tmp_path_factory.mktemp("corpus") / "data")


@pytest.mark.shared
@pytest.mark.parametrize("path", corpus_files() or [None],
                         ids=lambda p: str(p.relative_to(CORPUS)) if p else "absent")
def test_corpus_file_as_gazetteer(path, data, monkeypatch):
    if path is None:
        pytest.skip(f"{CORPUS} is absent (../shared is not beside the clone)")
    shutil.copy(path, data / "crossings.geojson")
    code, out, err = run_cli(["check", "--data", str(data)])
    assert code in (0, 1)
    if code == 1:
        assert err.startswith("Error: ") and "Traceback" not in err
        assert "crossings.geojson" in err.splitlines()[0] + err.splitlines()[-1]
        # Nothing else is blamed for a broken gazetteer (no "not in the gazetteer" per event).
        assert "events.csv" not in err
    else:
        assert err == "" and " is valid: " in out
