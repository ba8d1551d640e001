"""Displacement and other figures on the map: one proportional circle per figure on its area,
never summed, dashed when not exact, coloured by what it counts, shown from the day it was
stated, described in a tooltip, and a layer the reader can turn off. Circles on one point would
hide each other from a keyboard, so the keyboard reaches every figure in the panel instead."""

from __future__ import annotations

import pytest
from fixtures.mutate import read_rows, write_rows
from harness import open_page, serve
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
HOSTILE = '<img src=x onerror="window.__atlasInjected=1">'


def circles(driver) -> list[dict]:
    """Each figure circle on the map, in drawing order."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('path.figure-circle')).map(function (p) {"
        " var r = p.getBoundingClientRect(); return {id: p.dataset.figure, width: r.width,"
        " dash: p.getAttribute('stroke-dasharray'), stroke: p.getAttribute('stroke'),"
        " label: p.getAttribute('aria-label'), tab: p.getAttribute('tabindex')}; })")


def test_one_circle_per_figure_sized_by_area_largest_first(driver, base_url, page_data,
                                                           screenshot):
    last = max(f["known_by"] for f in page_data["figures"])
    open_page(driver, f"{base_url}index.html#date={last}")
    drawn = circles(driver)
    by_id = {f["figure_id"]: f for f in page_data["figures"]}
    placed = [f for f in page_data["figures"] if f["lon"] is not None]
    assert sorted(c["id"] for c in drawn) == sorted(f["figure_id"] for f in placed)
    sizes = [by_id[c["id"]]["figure"] for c in drawn]
    assert sizes == sorted(sizes, reverse=True), "small circles must be drawn on top"
    # Area grows with the figure: compare every circle drawn above the minimum size with the
    # largest. Two figures of 4 million at one place stay two circles, never one of 8 million.
    big = drawn[0]
    for c in drawn[1:]:
        if c["width"] > 10:
            ratio = (c["width"] / big["width"]) ** 2
            assert ratio == pytest.approx(by_id[c["id"]]["figure"] / by_id[big["id"]]["figure"],
                                          rel=0.15), c["id"]
    assert len(drawn) == len(placed)
    for c in drawn:
        f = by_id[c["id"]]
        assert (c["dash"] not in (None, "", "none")) == (f["qualifier"] != "exact"), c["id"]
        assert c["tab"] == "-1" and c["label"] is None  # no tab stop: the panel lists it
    colours = {by_id[c["id"]]["metric"]: c["stroke"] for c in drawn}
    assert colours["population"] != colours["displaced"]
    legend = driver.execute_script("return document.querySelector('.atlas-legend').textContent")
    assert "never added together" in legend and "population" in legend
    screenshot("figure-circles")


def test_circles_appear_only_once_the_figure_is_known(driver, base_url, page_data):
    days = sorted({f["known_by"] for f in page_data["figures"]})
    assert len(days) >= 2
    for day in days:
        open_page(driver, f"{base_url}index.html#date={day}")
        expected = {f["figure_id"] for f in page_data["figures"] if f["known_by"] <= day}
        assert {c["id"] for c in circles(driver)} == expected, day
    before = f"{days[0][:8]}{int(days[0][8:]) - 1:02d}"
    driver.execute_script("Atlas.setDate(arguments[0])", before)
    assert circles(driver) == []


# A pointer over the circle's path (on its ring, left of its centre), as a mouse would be.
POINT_AT = """
var path = arguments[0], r = path.getBoundingClientRect(), type = arguments[1];
var x = r.left + 2, y = r.top + r.height / 2;
path.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true, clientX: x,
  clientY: y, view: window}));
"""


def point_at(driver, path, *events: str) -> None:
    for event in events:
        driver.execute_script(POINT_AT, path, event)


def test_a_circle_describes_its_figure_and_opens_it_in_the_panel(driver, base_url, page_data):
    open_page(driver, base_url + "index.html")
    f = next(f for f in page_data["figures"] if f["period_start"])
    path = driver.find_element(By.CSS_SELECTOR,
                               f'path.figure-circle[data-figure="{f["figure_id"]}"]')
    point_at(driver, path, "mouseover", "mousemove")
    tip = WebDriverWait(driver, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, ".figure-tooltip"))
    text = tip.text
    source = page_data["sources"][f["source_id"]]["outlet"]
    for part in (f"{f['figure']:,}", "more than" if f["qualifier"] == "more_than" else "",
                 "people displaced", "counted from", "Area: " + f["area_label"], source):
        assert part in text, part
    point_at(driver, path, "click")
    item = WebDriverWait(driver, 5).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#figure-{f['figure_id']}.chosen"))
    assert item.is_displayed()
    assert driver.execute_script("return Atlas.state().panel") == "figures"
    # The keyboard's way to the same figure: the Displacement button, then the panel's list.
    open_page(driver, base_url + "index.html")
    driver.find_element(By.CSS_SELECTOR, ".panel-figures").send_keys(Keys.ENTER)
    listed = driver.find_element(By.ID, f"figure-{f['figure_id']}")
    assert f"{f['figure']:,}" in listed.text


def test_the_figures_layer_turns_off_and_on_and_never_hides_the_crossings(driver, base_url,
                                                                          page_data):
    open_page(driver, base_url + "index.html")
    switch = driver.find_element(By.ID, "figure-switch")
    assert switch.is_selected()
    assert driver.find_element(By.CSS_SELECTOR, ".figure-switch").text == "Figures"
    crossing = page_data["crossings"][0]["id"]
    on_top = driver.execute_script(
        "var m = document.querySelector('.crossing-marker[data-crossing=\"' + arguments[0] +"
        " '\"]'); var r = m.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)"
        ".closest('.crossing-marker') === m;", crossing)
    assert on_top
    count = len(circles(driver))
    assert count
    switch.click()
    assert circles(driver) == []
    switch.click()
    assert len(circles(driver)) == count


def _hostile_figure(data):
    rows = read_rows(data / "displacement.csv")
    rows[1][rows[0].index("area_name")] = HOSTILE
    write_rows(data / "displacement.csv", rows)


def test_figure_text_reaches_the_tooltip_as_text(driver, variant_site, page_data):
    site = variant_site("hostile-figure", _hostile_figure)
    f = page_data["figures"][0]
    with serve(site) as base:
        open_page(driver, base + "index.html")
        path = driver.find_element(By.CSS_SELECTOR,
                                   f'path.figure-circle[data-figure="{f["figure_id"]}"]')
        point_at(driver, path, "mouseover", "mousemove")
        tip = WebDriverWait(driver, 5).until(
            lambda d: d.find_element(By.CSS_SELECTOR, ".figure-tooltip"))
        assert HOSTILE in tip.text and not tip.find_elements(By.TAG_NAME, "img")
        assert driver.execute_script("return window.__atlasInjected") is None
