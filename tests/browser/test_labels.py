"""Names on the map (labels.js), measured in Chromium at 1280×800 and 375×667, in English and
Arabic: no two labels overlap, none lies under the legend or a control, none is cut by the map's
edge, at the first view and after every zoom step; every crossing in view keeps its label; the
towns a reader finds the crossings by are there; towns stay quiet context."""

from __future__ import annotations

import pytest
from audit import label_problems, map_boxes, overlap, set_zoom, settle, zoom_steps
from harness import open_page
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.browser
LANGUAGES = ["en", "ar"]
# The towns the issue names, in each language (OCHA's spellings), that the first desktop view
# must show.
LANDMARKS = {"en": ["Idleb", "Aleppo", "Hama", "Ariha", "Harim", "Jisr-Ash-Shugur", "Al Bab",
                    "A'zaz", "Afrin"],
             "ar": ["إدلب", "حلب", "حماة", "أريحا", "حارم", "جسر الشغور", "الباب", "اعزاز",
                    "عفرين"]}
NO_PROBLEMS = {"overlapping": [], "labels_over_crossings": [], "labels_under_controls": [],
               "crossings_under_controls": [], "crossing_labels_cut": []}


def page(lang: str, rest: str = "") -> str:
    parts = [p for p in (rest, "lang=ar" if lang == "ar" else "") if p]
    return "index.html" + ("#" + "&".join(parts) if parts else "")


def crossings_in_view(boxes: dict) -> list[str]:
    return [m["id"] for m in boxes["markers"] if overlap(m["box"], boxes["map"])]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_collides_at_the_first_view_or_after_any_zoom_step(driver, base_url, lang,
                                                                    page_data, screenshot):
    open_page(driver, base_url + page(lang))
    settle(driver)
    centre = driver.execute_script("var c = map_atlas.getCenter(); return [c.lat, c.lng]")
    steps = zoom_steps(driver)
    assert len(steps) >= 6, steps
    for zoom in steps:
        set_zoom(driver, zoom, centre)
        boxes = map_boxes(driver)
        assert label_problems(boxes) == NO_PROBLEMS, (lang, zoom)
        # Crossing labels are never dropped: one per crossing in view, with its name.
        named = {lab["text"] for lab in boxes["labels"] if lab["crossing"]}
        names = {c["id"]: c["name_ar"] if lang == "ar" else c["name"]
                 for c in page_data["crossings"]}
        assert {names[i] for i in crossings_in_view(boxes)} <= named, (lang, zoom)
    set_zoom(driver, steps[0], centre)
    screenshot(f"labels-{lang}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_view_shows_every_crossing_and_on_a_desktop_the_towns_around_them(
        driver, base_url, lang, page_data):
    open_page(driver, base_url + page(lang))
    settle(driver)
    boxes = map_boxes(driver)
    assert sorted(crossings_in_view(boxes)) == sorted(c["id"] for c in page_data["crossings"])
    towns = [lab["text"] for lab in boxes["labels"] if not lab["crossing"]]
    assert towns, "no town is labelled at the first view"
    if driver.atlas_viewport == "desktop":
        assert [name for name in LANDMARKS[lang] if name not in towns] == []


def test_towns_are_quieter_than_crossings_and_never_events(driver, base_url):
    open_page(driver, base_url + "index.html")
    style = driver.execute_script(
        "function s(sel) { var n = document.querySelector(sel), c = getComputedStyle(n);"
        " return {size: parseFloat(c.fontSize), weight: Number(c.fontWeight),"
        " events: getComputedStyle(n.parentNode).pointerEvents, tab: n.tabIndex,"
        " hidden: n.closest('[aria-hidden=\"true\"]') !== null}; }"
        "return {crossing: s('.crossing-label'), town: s('.town-label:not([hidden])')};")
    crossing, town = style["crossing"], style["town"]
    assert town["size"] <= crossing["size"] and town["weight"] < crossing["weight"]
    # Not clickable, not focusable, not read out as if they were crossings.
    assert town["events"] == "none" and town["tab"] < 0 and town["hidden"]
    label = driver.find_element(By.CSS_SELECTOR, ".town-label:not([hidden])")
    driver.execute_script("arguments[0].click()", label)
    assert driver.execute_script("return Atlas.state().panel") is None


def test_the_legend_opens_on_a_desktop_only_where_it_hides_no_crossing(driver, base_url,
                                                                       page_data):
    """It starts open on a desktop's first view (nothing under it), folds by itself when a zoom
    brings a crossing under it, and starts folded on a phone."""
    open_page(driver, base_url + "index.html")
    settle(driver)
    is_open = driver.execute_script("return document.querySelector('.atlas-legend').open")
    assert is_open == (driver.atlas_viewport == "desktop")
    if not is_open:
        return
    legend = next(c["box"] for c in map_boxes(driver)["controls"] if "legend" in c["name"])
    centre = driver.execute_script("var c = map_atlas.getCenter(); return [c.lat, c.lng]")
    for zoom in zoom_steps(driver)[1:]:
        set_zoom(driver, zoom, centre)
        boxes = map_boxes(driver)
        still_open = driver.execute_script("return document.querySelector('.atlas-legend').open")
        hidden = [m["id"] for m in boxes["markers"] if overlap(m["box"], legend)
                  and overlap(m["box"], boxes["map"])]
        assert not (still_open and hidden), (zoom, hidden)
