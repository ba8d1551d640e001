"""The towns the map is read by (data/boundaries/towns.geojson, geo/towns.py): what the bundled
file holds, how each Arabic name was obtained, that the script remakes it byte for byte, and that
a broken towns file stops a build with a clear `Error:`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.mutate import copy_data, run_cli
from fixtures.paths import DATA, ROOT

from geo import schema
from geo.page import MIN_ZOOM, page_data

TOWNS = DATA / schema.BOUNDARIES_DIR / schema.TOWNS_FILE
# The towns the issue names as what a reader finds the crossings by (OCHA's English spellings).
LANDMARKS = {"Idleb": "إدلب", "Aleppo": "حلب", "Hama": "حماة", "Ariha": "أريحا",
             "Harim": "حارم", "Jisr-Ash-Shugur": "جسر الشغور", "Al Bab": "الباب",
             "A'zaz": "اعزاز", "Afrin": "عفرين", "Saraqab": "سراقب"}


def features() -> list[dict]:
    return json.loads(TOWNS.read_text(encoding="utf-8"))["features"]


def test_the_bundled_towns_are_every_capital_named_in_both_languages(atlas):
    towns = atlas.boundaries.towns
    assert len(towns) == 266
    assert towns["level"].value_counts().sort_index().tolist() == [1, 12, 42, 211]
    assert towns["pcode"].is_unique
    assert all(any("\u0600" <= c <= "\u06ff" for c in name) for name in towns["name_ar"])
    named = dict(zip(towns["name"], towns["name_ar"], strict=True))
    assert {name: named.get(name) for name in LANDMARKS} == LANDMARKS
    # OCHA's file calls Aleppo governorate's capital after its district; the city is Aleppo.
    assert "Jebel Saman" not in named
    assert towns.set_index("pcode").loc["SY02", ["name", "name_ar", "level"]].tolist() == [
        "Aleppo", "حلب", 1]


def test_towns_are_strict_rfc7946_points_with_only_the_mapped_properties():
    raw = json.loads(TOWNS.read_text(encoding="utf-8"))
    assert set(raw) == {"type", "features"}
    for feature in raw["features"]:
        assert set(feature["properties"]) == set(schema.TOWN_PROPERTIES)
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 35.5 < lon < 42.5 and 32.0 < lat < 37.5  # Syria
        assert all(len(str(v).split(".")[-1]) <= 5 for v in (lon, lat))


@pytest.mark.shared
def test_each_arabic_name_is_its_areas_as_the_readme_says(shared_dir):
    """260 share their area's name; 4 drop مركز ("centre"); Damascus and Aleppo are named as
    their governorates (data/boundaries/README.md)."""
    areas = {}
    for level in (1, 2, 3):
        layer = json.loads((shared_dir / "data" / f"ocha_cod_syr_admin{level}.geojson")
                           .read_text(encoding="utf-8"))
        areas.update({f["properties"][f"adm{level}_pcode"]: f["properties"][f"adm{level}_name1"]
                      for f in layer["features"]})
    source = json.loads((shared_dir / "data" / "ocha_cod_syr_admincapitals.geojson")
                        .read_text(encoding="utf-8"))
    by_point = {tuple(round(v, 5) for v in f["geometry"]["coordinates"]): f["properties"]
                for f in source["features"]}
    ways = {"area": 0, "centre": 0, "governorate": 0}
    for feature in features():
        props = feature["properties"]
        original = by_point[tuple(feature["geometry"]["coordinates"])]
        assert original["adm_p_lvl"] == props["level"]
        area = "SY01" if props["pcode"] == "SY" else props["pcode"]
        if props["name_ar"] == areas[area]:
            ways["governorate" if props["pcode"] in ("SY", "SY02") else "area"] += 1
        else:
            assert areas[area] == "مركز " + props["name_ar"], props
            ways["centre"] += 1
    assert ways == {"area": 260, "centre": 4, "governorate": 2}


@pytest.mark.shared
def test_the_script_remakes_the_file_byte_for_byte(shared_dir, tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "prepare_towns.py"),
                             "--shared", str(shared_dir), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "266 capitals" in result.stdout
    assert (tmp_path / "towns.geojson").read_bytes() == TOWNS.read_bytes()


def test_the_page_carries_every_town_in_both_languages_most_important_first(timeline):
    towns = page_data(timeline)["towns"]
    assert len(towns["places"]) == 266
    levels = [t[2] for t in towns["places"]]
    assert levels == sorted(levels)
    # Within a level, the towns nearer the crossings come first: Idleb, then Hama, Aleppo…
    governorates = [t[3] for t in towns["places"] if t[2] == 1]
    assert governorates[:3] == ["Idleb", "Hama", "Aleppo"]
    assert [t[3:] for t in towns["places"] if t[3] == "Aleppo"] == [["Aleppo", "حلب"]]
    # Governorate capitals from the first zoom, districts one zoom in, sub-districts closer.
    assert towns["from_zoom"] == [MIN_ZOOM, MIN_ZOOM, MIN_ZOOM + 1, MIN_ZOOM + 3]


def broken(tmp_path: Path, edit) -> str:
    """The `Error:` report of `check` on a copy of the data whose towns file `edit` changed."""
    data = copy_data(tmp_path / "data", boundaries=True)
    path = data / schema.BOUNDARIES_DIR / schema.TOWNS_FILE
    text = edit(path.read_text(encoding="utf-8"))
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    code, out, err = run_cli(["check", "--data", str(data)])
    assert code == 1 and out == "" and "Traceback" not in err
    return err.strip()


def edit_feature(number: int, change):
    def edit(text: str) -> str:
        collection = json.loads(text)
        change(collection["features"][number - 1])
        return json.dumps(collection, ensure_ascii=False)
    return edit


@pytest.mark.parametrize(("edit", "message"), [
    (lambda text: None,
     r"Error: boundaries/towns.geojson: file not found\. Fix: run scripts/prepare_towns\.py to "
     r"regenerate it$"),
    (lambda text: text[:-10],
     r"Error: boundaries/towns.geojson line 1 column \d+: is not valid JSON"),
    (lambda text: "[]",
     r"Error: boundaries/towns.geojson: is not a GeoJSON FeatureCollection\. Fix: run "
     r"scripts/prepare_towns\.py to regenerate it$"),
    (edit_feature(3, lambda f: f.update(geometry={"type": "LineString",
                                                  "coordinates": [[36, 35], [37, 36]]})),
     r"Error: boundaries/towns.geojson feature 3 \(pcode 'SY04'\): geometry is 'LineString', "
     r"not a Point\. Fix: run scripts/prepare_towns\.py to regenerate it$"),
    (edit_feature(3, lambda f: f["geometry"].update(coordinates=[3963000, 4130000])),
     r"Error: boundaries/towns.geojson feature 3 \(pcode 'SY04'\): coordinates \[3963000, "
     r"4130000\] are not WGS84 longitude/latitude"),
    (edit_feature(2, lambda f: f["properties"].update(level=4)),
     r"Error: boundaries/towns.geojson feature 2 \(pcode 'SY02'\): level 4 is not one of "
     r"\[0, 1, 2, 3\]"),
    (edit_feature(2, lambda f: f["properties"].update(level=2)),
     r"Error: boundaries/towns.geojson feature 2 \(pcode 'SY02'\): pcode 'SY02' is not the "
     r"P-code of a district capital's area \('SY' and 4 digits\)"),
    (edit_feature(2, lambda f: f["properties"].pop("name_ar")),
     r"Error: boundaries/towns.geojson feature 2 \(pcode 'SY02'\): missing properties "
     r"\['name_ar'\]"),
    (edit_feature(2, lambda f: f["properties"].update(name_ar="Halab")),
     r"Error: boundaries/towns.geojson feature 2 \(pcode 'SY02'\): name_ar 'Halab' is not in "
     r"Arabic script"),
    (edit_feature(3, lambda f: f["properties"].update(pcode="SY02")),
     r"Error: boundaries/towns.geojson feature 3 \(pcode 'SY02'\): a second town with pcode "
     r"'SY02'"),
], ids=["missing", "bad-json", "not-a-collection", "not-a-point", "projected", "level",
        "pcode-level", "no-arabic", "latin-arabic", "duplicate"])
def test_a_broken_towns_file_is_a_clear_error(tmp_path, edit, message):
    report = broken(tmp_path, edit)
    assert re.match(message, report), report
