"""Markup typed into any text field is inert on the page and kept verbatim in the exports."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
from pathlib import Path

import pytest
from fixtures.mutate import copy_data, read_rows, run_cli, write_rows

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
# Text columns a reader sees, per file; every one gets the hostile text.
CSV_TEXT = {
    "events.csv": ["place", "claimant", "summary", "note"],
    "displacement.csv": ["area_name", "claimant", "note"],
    "sources.csv": ["outlet", "title"],
}
GAZETTEER_TEXT = ["name", "summary", "location_source"]


@pytest.fixture(scope="module")
def clean_and_hostile(tmp_path_factory, built) -> tuple[Path, Path]:
    """(clean site, hostile site): the bundled data, and the same with markup everywhere."""
    root = tmp_path_factory.mktemp("escaping")
    hostile = copy_data(root / "hostile")
    for name, columns in CSV_TEXT.items():
        rows = read_rows(hostile / name)
        for n, row in enumerate(rows[1:]):
            for column in columns:
                row[rows[0].index(column)] += f" {SCRIPT if n % 2 else IMAGE} {SCRIPT}"
        write_rows(hostile / name, rows)
    path = hostile / "crossings.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        for key in GAZETTEER_TEXT:
            feature["properties"][key] += f" {IMAGE} {SCRIPT}"
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    site = root / "hostile-site"
    code, _, err = run_cli(["build", "--data", str(hostile), "--out", str(site)])
    assert code == 0, err
    return built.site_dir, site


def test_markup_from_data_never_reaches_the_page_as_markup(clean_and_hostile):
    clean, hostile = (site / "index.html" for site in clean_and_hostile)
    page = hostile.read_text(encoding="utf-8")
    for raw in (SCRIPT, IMAGE, "<img", "alert('x')</script>", "</script> "):
        assert raw not in page
    # Only our own tags remain: the same <script> and <img> tags as a page built from clean data.
    tags = re.compile(r"<(?:script|img|iframe|svg)\b[^>]*>", re.I)
    assert tags.findall(page) == tags.findall(clean.read_text(encoding="utf-8"))
    # The hostile text is there, as escaped JSON inside the data block.
    block = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', page,
                      re.S).group(1)
    data = json.loads(block)
    assert SCRIPT in json.dumps(data, ensure_ascii=False)
    assert "\\u003cscript\\u003e" in block and "onerror=" in block


@pytest.mark.parametrize("name", ["events.csv", "displacement.csv", "crossings.csv"])
def test_csv_exports_keep_the_text_verbatim(clean_and_hostile, name):
    with (clean_and_hostile[1] / "data" / name).open(encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert any(SCRIPT in cell for cell in cells)
    assert any(IMAGE in cell for cell in cells)


@pytest.mark.parametrize("name", ["events.geojson", "displacement.geojson",
                                  "crossings.geojson"])
def test_geojson_exports_keep_the_text_verbatim(clean_and_hostile, name):
    collection = json.loads((clean_and_hostile[1] / "data" / name).read_text(encoding="utf-8"))
    values = [v for f in collection["features"] for v in f["properties"].values()
              if isinstance(v, str)]
    assert any(SCRIPT in v for v in values) and any(IMAGE in v for v in values)


def policy_of(page: str) -> dict[str, list[str]]:
    """The page's Content-Security-Policy meta tag, as {directive: [sources]}."""
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                        page).group(1)
    return {d.split()[0]: d.split()[1:] for d in content.split("; ")}


def test_the_page_declares_a_strict_content_security_policy(clean_and_hostile):
    pages = [(site / "index.html").read_text(encoding="utf-8") for site in clean_and_hostile]
    policy = policy_of(pages[0])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        sources = policy[directive]
        assert sources[0] == "'self'"
        # Nothing but the site itself and hashes: no 'unsafe-inline' or 'unsafe-eval', no
        # scheme or host wildcard.
        assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s) for s in sources[1:])
    # Every inline script and style block Folium wrote is allowed by its hash, and only those.
    head = pages[0].index("Content-Security-Policy")
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        blocks = re.findall(rf"<{tag}>(.*?)</{tag}>", pages[0], flags=re.S)
        assert blocks and all(pages[0].index(f"<{tag}>") > head for _ in blocks)
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()
                  + "'" for b in blocks}
        assert set(policy[directive][1:]) == hashes
    # Hostile data changes nothing the policy allows: it stays inside the JSON data block.
    assert policy_of(pages[1]) == policy
