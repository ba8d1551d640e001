"""Prepare the towns the atlas's map is read by: the OCHA administrative capitals of Syria,
named in English and Arabic.

What it does
    Reads the OCHA COD-AB Syria administrative capitals (266 points: the national capital,
    governorate, district and sub-district capitals) from the shared data folder, keeps only
    what the map draws (P-code, level, English and Arabic name, the point) and writes
    data/boundaries/towns.geojson.

Why and how the names are made
    The capitals file has English names only. A capital usually shares its area's name, and
    the OCHA admin layers give each area's Arabic name (`admN_name1`), so each capital takes the
    Arabic name of the area whose P-code it carries, when the two English names agree. The few
    that need a rule of their own are in NAME_RULES below and in data/boundaries/README.md:

    * the national capital, Damascus, carries no area P-code: it is named from its governorate,
      Damascus (SY01);
    * the file names Aleppo governorate's capital after its district, "Jebel Saman"; the capital
      is the city of Aleppo, named from its governorate (SY02, Aleppo / حلب);
    * a district's central sub-district is called "Markaz X" / "مركز X" (X centre); its capital
      is the town X, so the word is dropped in both languages.

    The script stops if any capital's English name differs from its area's without a rule,
    so a new release cannot slip in a name that was not checked.

    It also checks each capital against the OCHA polygons: how many lie inside the area whose
    P-code they carry (reported, not enforced: one lies just over a line).

Usage (from the repository root)
    .venv/bin/python scripts/prepare_towns.py [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = "ocha_cod_syr_admincapitals.geojson"
EXPECTED_COUNT = 266
DECIMALS = 5  # about 1 m, as in the boundary files
SIZE_BUDGET_KB = 50

# OCHA capitals field -> our property. `adm_p_lvl` is 0 (national), 1 (governorate),
# 2 (district) or 3 (sub-district); the capital's area is the one at its own level.
CROSSWALK = {"adm_p_lvl": "level", "name": "name"}

# Capitals named by a rule of their own, by the P-code of their area (national: "SY"):
# (the area whose names they take, why).
NAME_RULES = {
    "SY": ("SY01", "the national capital, named as its governorate, Damascus"),
    "SY02": ("SY02", "OCHA's file says 'Jebel Saman' (the district); the governorate capital "
                     "is the city of Aleppo, named as its governorate"),
}
CENTRE = {"en": "Markaz ", "ar": "مركز "}  # "X centre": a district's central sub-district


def area_names(shared: Path) -> dict[str, tuple[str, str]]:
    """Every OCHA area's (English, Arabic) name by P-code, all three levels."""
    names = {}
    for level in (1, 2, 3):
        layer = json.loads((shared / f"ocha_cod_syr_admin{level}.geojson").read_text("utf-8"))
        for feature in layer["features"]:
            p = feature["properties"]
            names[p[f"adm{level}_pcode"]] = (p[f"adm{level}_name"], p[f"adm{level}_name1"])
    return names


def without_centre(name: str, language: str) -> str:
    """'Markaz Darayya' -> 'Darayya', 'مركز داريا' -> 'داريا'."""
    return name.removeprefix(CENTRE[language]).strip()


def town(feature: dict, names: dict[str, tuple[str, str]]) -> tuple[dict, str]:
    """One capital's properties, and how its Arabic name was obtained."""
    p = feature["properties"]
    level = p["adm_p_lvl"]
    pcode = p[f"adm{level}_pcode"] if level else p["adm0_pcode"]
    if pcode in NAME_RULES:
        area, why = NAME_RULES[pcode]
        english, arabic = names[area]
        return {"pcode": pcode, "level": level, "name": english, "name_ar": arabic}, why
    area_en, area_ar = names[pcode]
    if without_centre(area_en, "en") != without_centre(p["name"], "en"):
        sys.exit(f"{pcode}: capital {p['name']!r} does not share its area's name {area_en!r}; "
                 "give it a rule in NAME_RULES")
    english, arabic = without_centre(p["name"], "en"), without_centre(area_ar, "ar")
    how = "its area's Arabic name" + (", without 'مركز'" if arabic != area_ar else "")
    return {"pcode": pcode, "level": level, "name": english, "name_ar": arabic}, how


def outside_their_area(towns: list[tuple[dict, list[float]]], shared: Path) -> tuple[list, int]:
    """The capitals (with an area) that lie outside the OCHA polygon of their P-code, and how
    many were checked."""
    polygons = {}
    for level in (1, 2, 3):
        layer = gpd.read_file(shared / f"ocha_cod_syr_admin{level}.geojson", engine="pyogrio")
        polygons.update(zip(layer[f"adm{level}_pcode"], layer.geometry, strict=True))
    checked = [(props, xy) for props, xy in towns if props["pcode"] in polygons]
    outside = [props["pcode"] for props, xy in checked
               if not polygons[props["pcode"]].covers(shapely.Point(xy))]
    return outside, len(checked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT / ".." / "shared",
                        help="shared folder (default: ../shared relative to the repo root)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data" / "boundaries",
                        help="output folder (default: data/boundaries in the repo)")
    args = parser.parse_args()
    data = args.shared / "data"
    source = json.loads((data / SOURCE).read_text("utf-8"))
    if len(source["features"]) != EXPECTED_COUNT:
        sys.exit(f"{SOURCE}: {len(source['features'])} features, expected {EXPECTED_COUNT}")
    names = area_names(data)
    towns, ways = [], {}
    for feature in source["features"]:
        props, how = town(feature, names)
        xy = [round(float(v), DECIMALS) for v in feature["geometry"]["coordinates"]]
        towns.append((props, xy))
        ways.setdefault(how, []).append(props["pcode"])
    towns.sort(key=lambda t: (t[0]["level"], t[0]["pcode"]))
    if len({props["pcode"] for props, _ in towns}) != len(towns):
        sys.exit("two capitals share a P-code")
    features = [{"type": "Feature", "properties": props,
                 "geometry": {"type": "Point", "coordinates": xy}} for props, xy in towns]
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "towns.geojson"
    path.write_text(text + "\n", encoding="utf-8")

    levels = [sum(props["level"] == n for props, _ in towns) for n in range(4)]
    print(f"towns.geojson: {len(towns)} capitals (national, governorate, district, "
          f"sub-district: {', '.join(map(str, levels))})")
    for how, codes in sorted(ways.items(), key=lambda item: -len(item[1])):
        shown = ", ".join(codes) if len(codes) <= 6 else f"{len(codes)} capitals"
        print(f"  Arabic name: {how}: {shown}")
    outside, checked = outside_their_area(towns, data)
    print(f"  inside the OCHA polygon of their own P-code: {checked - len(outside)} of "
          f"{checked} (outside: {', '.join(outside) or 'none'})")
    size = path.stat().st_size
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"  {size:,} bytes, sha256 {digest[:16]}")
    if size > SIZE_BUDGET_KB * 1000:
        sys.exit(f"towns.geojson is over its {SIZE_BUDGET_KB} KB budget")


if __name__ == "__main__":
    main()
