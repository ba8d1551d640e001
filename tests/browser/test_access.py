"""Every reader, in Chromium at 1280×800 and 375×667, in English and Arabic: axe-core finds no
violation of WCAG 2.1 A and AA or best practice in any state; with a panel open no focus stop is
out of sight; the skip link, Play, Escape, the search's arrow keys, the language button and the
time bar behave for the keyboard and for screen readers; a shared link frames its crossing beside
or above the panel; the phone's sheet leaves the map in view and the table shows five rows;
colours that carry meaning stand out from their background."""

from __future__ import annotations

import time

import pytest
from audit import axe_violations, crossing_framing, focus_walk, settle
from harness import open_page
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from geo.page import STATUS_COLOURS

pytestmark = pytest.mark.browser
LANGUAGES = ["en", "ar"]
PANELS = ["crossing=saraqib&panel=claims", "panel=figures", "panel=table", "panel=about"]


def url(base: str, lang: str, state: str = "") -> str:
    parts = [p for p in (state, "lang=ar" if lang == "ar" else "") if p]
    return f"{base}index.html" + ("#" + "&".join(parts) if parts else "")


def wait(driver, timeout: float = 10) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def report(violations: list[dict]) -> list[str]:
    return [f"{v['id']}: {', '.join(v['nodes'][:3])}" for v in violations]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violation_in_any_state(driver, base_url, lang):
    found = {}
    for state in ["", *PANELS, "date=2019-08-01&panel=table"]:
        open_page(driver, url(base_url, lang, state))
        settle(driver)
        found[state or "map"] = report(axe_violations(driver))
    open_page(driver, url(base_url, lang))
    driver.find_element(By.ID, "crossing-search").send_keys("a")
    found["search results"] = report(axe_violations(driver))
    driver.execute_script("document.querySelector('.atlas-legend').open = true")
    settle(driver)
    found["legend open"] = report(axe_violations(driver))
    if driver.atlas_viewport == "phone":
        open_page(driver, url(base_url, lang, "crossing=saraqib&panel=claims"))
        driver.find_element(By.CSS_SELECTOR, ".sheet-size").click()  # full height
        settle(driver)
        found["full sheet"] = report(axe_violations(driver))
    assert {state: v for state, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_a_panel_open_every_focus_stop_is_in_sight(driver, base_url, lang):
    for state in PANELS:
        open_page(driver, url(base_url, lang, state))
        walk = focus_walk(driver)
        assert len(walk["stops"]) > 10, state
        assert walk["unseen"] == [], state
        # The panel's own controls and at least one crossing are among the stops.
        assert any("close" in stop for stop in walk["stops"]), state
    if driver.atlas_viewport == "phone":  # the full-height sheet covers the map: none of it
        open_page(driver, url(base_url, lang, "panel=table"))
        walk = focus_walk(driver)
        assert walk["unseen"] == [] and not any("crossing-marker" in s for s in walk["stops"])


def test_the_skip_link_leads_to_the_crossings(driver, base_url):
    open_page(driver, base_url + "index.html")
    driver.execute_script("document.activeElement.blur()")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    skip = driver.switch_to.active_element
    assert "skip-link" in skip.get_attribute("class") and skip.is_displayed()
    assert skip.text == "Skip to the crossings"
    skip.send_keys(Keys.ENTER)
    crossing = driver.switch_to.active_element.get_attribute("data-crossing")
    assert crossing
    assert crossing_framing(driver, crossing) == {"in_map": True, "covered": []}
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.execute_script("return Atlas.state()")["crossing"] == crossing


def test_play_keeps_focus_and_escape_closes_the_panel_from_anywhere(driver, base_url):
    open_page(driver, base_url + "index.html#crossing=saraqib&panel=claims&date=2020-01-01")
    play = driver.find_element(By.CSS_SELECTOR, ".time-bar .play")
    driver.execute_script("arguments[0].focus()", play)
    play.send_keys(Keys.ENTER)
    start = driver.execute_script("return Atlas.state().date")
    wait(driver).until(lambda d: d.execute_script("return Atlas.state().date") > start)
    time.sleep(1.5)  # another step of play
    assert driver.switch_to.active_element == play
    play.send_keys(Keys.ENTER)  # pause
    assert driver.switch_to.active_element == play
    for where in ("date-slider", "map_atlas"):
        open_page(driver, base_url + "index.html#crossing=saraqib&panel=claims")
        driver.find_element(By.ID, where).send_keys(Keys.ESCAPE)
        assert not driver.find_element(By.ID, "atlas-panel").is_displayed(), where
        assert driver.switch_to.active_element.get_attribute("data-crossing") == "saraqib"


def test_search_results_are_reached_with_the_arrow_keys(driver, base_url):
    open_page(driver, base_url + "index.html")
    box = driver.find_element(By.ID, "crossing-search")
    box.send_keys("a")
    results = driver.find_elements(By.CSS_SELECTOR, "#search-results button")
    assert len(results) >= 2
    box.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == results[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == results[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP, Keys.ARROW_UP)
    assert driver.switch_to.active_element == box
    box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
    chosen = driver.switch_to.active_element.get_attribute("data-crossing")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.execute_script("return Atlas.state()")["crossing"] == chosen
    box.send_keys("x", Keys.ESCAPE)
    assert box.get_attribute("value") == ""


def accessible(driver, selector: str) -> dict:
    """Chromium's own accessible role and name for the element (DevTools' accessibility
    tree), as a screen reader gets them."""
    document = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                                         "selector": selector})
    tree = driver.execute_cdp_cmd("Accessibility.getPartialAXTree",
                                  {"nodeId": node["nodeId"], "fetchRelatives": False})
    own = tree["nodes"][0]
    return {"role": own["role"]["value"], "name": own.get("name", {}).get("value", "")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_names_a_screen_reader_gets(driver, base_url, lang):
    open_page(driver, url(base_url, lang, "crossing=saraqib&panel=claims"))
    button = driver.find_element(By.CSS_SELECTOR, ".lang-switch")
    assert button.text in accessible(driver, ".lang-switch")["name"]
    assert accessible(driver, ".time-bar")["role"] == "region"
    assert accessible(driver, ".time-bar")["name"]
    assert accessible(driver, "#map_atlas")["role"] == "region"
    # aria-label only where a role carries it: never on a plain div, span or p.
    bare = driver.execute_script(
        "return Array.from(document.querySelectorAll('[aria-label]')).filter(function (n) {"
        " return !n.getAttribute('role') && ['DIV', 'SPAN', 'P', 'STRONG', 'LI', 'TD']"
        ".indexOf(n.tagName) >= 0; }).map(function (n) { return n.outerHTML.slice(0, 80); })")
    assert bare == []
    uncertain = driver.find_element(By.CSS_SELECTOR, ".approx-date")
    assert "(" in accessible(driver, ".approx-date")["name"] or uncertain.get_attribute("title")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_link_frames_its_crossing_beside_or_above_the_panel(driver, base_url, lang,
                                                                     page_data):
    wrong = []
    for crossing in page_data["crossings"]:
        open_page(driver, url(base_url, lang, f"crossing={crossing['id']}&panel=claims"))
        settle(driver)
        framing = crossing_framing(driver, crossing["id"])
        if framing != {"in_map": True, "covered": []}:
            wrong.append((crossing["id"], framing))
    assert wrong == []


def test_on_a_phone_the_sheet_leaves_the_map_in_view_and_the_table_shows_five_rows(
        driver, base_url, screenshot):
    if driver.atlas_viewport != "phone":
        pytest.skip("the bottom sheet is the phone's layout")
    for lang in LANGUAGES:
        open_page(driver, url(base_url, lang, "crossing=saraqib&panel=claims"))
        sizes = driver.execute_script(
            "var m = document.getElementById('map_atlas').getBoundingClientRect();"
            "var p = document.getElementById('atlas-panel').getBoundingClientRect();"
            "return {map: m.height, panel: p.height, inert: document.querySelector('.map-area')"
            ".inert, panelTop: p.top, mapBottom: m.bottom};")
        assert sizes["map"] >= 150 and not sizes["inert"] and sizes["mapBottom"] <= \
            sizes["panelTop"] + 1, sizes
        driver.find_element(By.CSS_SELECTOR, ".sheet-size").click()  # full height
        assert driver.execute_script("return document.querySelector('.map-area').inert")
        driver.find_element(By.CSS_SELECTOR, ".sheet-size").click()  # half again
        assert not driver.execute_script("return document.querySelector('.map-area').inert")
        open_page(driver, url(base_url, lang, "panel=table"))
        rows = driver.execute_script(
            "var body = document.querySelector('.panel-body').getBoundingClientRect();"
            "return Array.from(document.querySelectorAll('.events-table tr.event-row'))"
            ".filter(function (r) { var b = r.getBoundingClientRect();"
            " return b.top >= body.top - 0.5 && b.bottom <= body.bottom + 0.5; }).length;")
        assert rows >= 5, (lang, rows)
        screenshot(f"table-sheet-{lang}")


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rgb_hex(css: str) -> str:
    """'#rrggbb' for the first rgb(…) colour in a computed style."""
    start = css.index("rgb")
    parts = css[css.index("(", start) + 1:css.index(")", start)].split(",")
    return "#" + "".join(f"{int(float(p)):02x}" for p in parts[:3])


def test_colours_that_carry_meaning_stand_out(driver, base_url, page_data):
    """Each status colour has 3:1 against the map, or a dark outline that has: the marker's and
    the legend swatch's ring, the precision ring's dark edge. The chart's faded numbers 4.5:1."""
    open_page(driver, base_url + "index.html#panel=figures&date=2019-12-01")
    grounds = ["#ffffff", "#ebe8e1", "#c9dce8"]  # Syria, its neighbours, the sea
    light = [s for s, colour in STATUS_COLOURS.items()
             if min(contrast(colour, g) for g in grounds) < 3]
    assert light, "the Okabe–Ito palette has light colours to outline"
    styles = driver.execute_script(
        "function cs(sel) { var n = document.querySelector(sel); return n && getComputedStyle(n);"
        " }"
        "var dot = cs('.crossing-marker .dot'), sw = cs('.legend-body .swatch.status-announced'),"
        " ring = cs('path.precision-ring');"
        "return {dot: dot.borderTopColor, dotWidth: parseFloat(dot.borderTopWidth),"
        " swatch: sw.borderTopColor, swatchWidth: parseFloat(sw.borderTopWidth),"
        " ring: ring.filter};")
    for key in ("dot", "swatch"):
        outline = rgb_hex(styles[key])
        assert styles[key + "Width"] >= 2 and all(contrast(outline, g) >= 3 for g in grounds), key
    assert "drop-shadow" in styles["ring"] and all(
        contrast(rgb_hex(styles["ring"]), g) >= 3 for g in grounds)
    faded = driver.execute_script(
        "var n = document.querySelector('.figure-chart .later .mark-number');"
        "var c = getComputedStyle(n); var o = 1;"
        "for (var e = n; e && e.tagName !== 'svg'; e = e.parentNode)"
        " o *= Number(getComputedStyle(e).opacity);"
        "return [c.fill, o];")
    assert faded[1] == 1 and contrast(rgb_hex(faded[0]), "#ffffff") >= 4.5
