"""Random damage to the bundled inputs gives `Error:` and exit 1 (or a clean check), never a
traceback. Any exception escaping build_map.main fails the test with the input that caused it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from fixtures.mutate import DATA_DIR, copy_data, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CSV_FILES = ["events.csv", "displacement.csv", "sources.csv"]
# 80 fixed examples each keep CI fast; 1,500 random ones each were run by hand with no failure.
FUZZ = settings(max_examples=80, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
# Text as editors and broken exports produce it: digits, dates, commas, quotes, Arabic, NULs.
cell_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "-1", "1,000", "350,000", "1e999", "nan", "2020-02-30", "2020-1",
                     "9999-12-31", "0000-01-01", '"', '""', ",", "\n", "\r\n", "souran; ;",
                     "Abu Zuhur", "صوران", "\x00", "\ufeff", "=SUM(A1)", "_row"]),
    st.from_regex(r"-?\d{1,4}(\.\d{0,8})?", fullmatch=True),
)


def rows_of(name: str) -> list[list[str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@st.composite
def damaged_csv(draw) -> tuple[str, bytes]:
    """(file name, new bytes) after one or two random edits a spreadsheet user might make."""
    name = draw(st.sampled_from(CSV_FILES))
    rows = rows_of(name)
    for _ in range(draw(st.integers(1, 2))):
        row = draw(st.integers(0, len(rows) - 1))
        col = draw(st.integers(0, max(len(rows[row]) - 1, 0)))
        kind = draw(st.sampled_from(["edit", "delete", "duplicate", "swap", "drop_row",
                                     "copy_row"]))
        if kind == "edit" and rows[row]:
            rows[row][col] = draw(cell_text)
        elif kind == "delete" and rows[row]:
            del rows[row][col]
        elif kind == "duplicate" and rows[row]:
            rows[row].insert(col, rows[row][col])
        elif kind == "swap":
            other = draw(st.integers(0, len(rows[0]) - 1))
            for r in rows:
                if max(col, other) < len(r):
                    r[col], r[other] = r[other], r[col]
        elif kind == "drop_row" and len(rows) > 1:
            del rows[row]
        elif kind == "copy_row":
            rows.insert(row, list(rows[row]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(rows)
    raw = buffer.getvalue().encode("utf-8")
    damage = draw(st.sampled_from(["none", "bytes", "truncate"]))
    if damage == "bytes":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif damage == "truncate":
        raw = raw[:draw(st.integers(0, len(raw)))]
    return name, raw


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=4),
    max_leaves=12)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return copy_data(tmp_path_factory.mktemp("fuzz") / "data")


def assert_clean_outcome(data: Path):
    code, out, err = run_cli(["check", "--data", str(data)])
    assert code in (0, 1), (code, out, err)
    if code == 1:
        assert err.startswith("Error: ") and out == "", err
    else:
        assert err == "" and " is valid: " in out


@FUZZ
@given(damage=damaged_csv())
def test_damaged_csv_never_raises(damage, data, monkeypatch):
    name, raw = damage
    for original in CSV_FILES:
        shutil.copy(DATA_DIR / original, data / original)
    (data / name).write_bytes(raw)
    assert_clean_outcome(data)


@FUZZ
@given(feature=st.integers(0, 6), where=st.sampled_from(["properties", "geometry", "feature"]),
       key=st.sampled_from(["id", "name", "aliases", "kind", "precision_m", "first_reported",
                            "source_ids", "type", "coordinates", "location_precision"]),
       value=json_value)
def test_damaged_gazetteer_never_raises(feature, where, key, value, data, monkeypatch):
    collection = json.loads((DATA_DIR / "crossings.geojson").read_text(encoding="utf-8"))
    target = collection["features"][feature]
    if where != "feature":
        target = target.setdefault(where, {}) if isinstance(target.get(where), dict) else target
    target[key] = value
    (data / "crossings.geojson").write_text(json.dumps(collection), encoding="utf-8")
    assert_clean_outcome(data)
