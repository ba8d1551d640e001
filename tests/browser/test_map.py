"""The published page in headless Chromium, offline, at 1280×800 and 375×667."""

from __future__ import annotations

import urllib.request
from datetime import date

import pytest
from fixtures.paths import DATA
from harness import open_page
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from geo import check
from geo.timeline import status_on

pytestmark = pytest.mark.browser
ALIASES = ["Abu Dhuhur", "al-Ais", "Miznar", "سراقب"]


def wait(driver, timeout: float = 10) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def marker(driver, crossing_id: str):
    return driver.find_element(By.CSS_SELECTOR, f'.crossing-marker[data-crossing="{crossing_id}"]')


def statuses(driver) -> dict[str, str]:
    return driver.execute_script(
        "var out = {}; document.querySelectorAll('.crossing-marker').forEach(function (m) {"
        " out[m.dataset.crossing] = m.dataset.status; }); return out;")


def expected_statuses(page_data: dict, day: str) -> dict[str, str]:
    return {c["id"]: status_on(c["history"], date.fromisoformat(day))
            for c in page_data["crossings"]}


def current_date(driver) -> str:
    return driver.execute_script("return Atlas.state().date")


def panel_title(driver) -> str:
    return driver.find_element(By.ID, "panel-title").text


def test_every_crossing_is_drawn_inside_the_map(driver, base_url, page_data, screenshot):
    open_page(driver, base_url + "index.html")
    box = driver.execute_script(
        "return document.getElementById('map_atlas').getBoundingClientRect().toJSON()")
    for crossing in page_data["crossings"]:
        node = marker(driver, crossing["id"])
        assert node.is_displayed(), crossing["id"]
        r = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", node)
        assert box["left"] <= r["left"] and r["right"] <= box["right"], crossing["id"]
        assert box["top"] <= r["top"] and r["bottom"] <= box["bottom"], crossing["id"]
        assert node.get_attribute("aria-label").startswith(crossing["name"])
    basemap = sum(len(layer["features"]) for layer in page_data["basemap"].values())
    paths = driver.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")
    assert len(paths) >= basemap  # the vector basemap: no tiles, nothing fetched
    screenshot("map")


def test_slider_and_play_change_statuses_as_of_the_date(driver, base_url, page_data):
    open_page(driver, base_url + "index.html")
    slider = driver.find_element(By.ID, "date-slider")
    slider.send_keys(Keys.HOME)
    first = current_date(driver)
    assert statuses(driver) == expected_statuses(page_data, first)
    slider.send_keys(Keys.END)
    last = current_date(driver)
    assert statuses(driver) == expected_statuses(page_data, last)
    assert statuses(driver) != expected_statuses(page_data, first), "no crossing changed"
    slider.send_keys(Keys.HOME, Keys.ARROW_RIGHT)
    assert date.fromisoformat(current_date(driver)).toordinal() == \
        date.fromisoformat(first).toordinal() + 1
    # "Next event" jumps to the next day an event became certain.
    driver.find_element(By.CSS_SELECTOR, ".time-bar .next").click()
    days = sorted({e["known_by"] for e in page_data["events"]})
    assert current_date(driver) == min(d for d in days if d > first)
    # Play advances on its own; pause stops it.
    before = current_date(driver)
    play = driver.find_element(By.CSS_SELECTOR, ".time-bar .play")
    play.click()
    wait(driver).until(lambda d: current_date(d) > before)
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    assert statuses(driver) == expected_statuses(page_data, current_date(driver))


@pytest.mark.parametrize("query", ALIASES)
def test_search_finds_a_crossing_by_any_alias(driver, base_url, page_data, query):
    expected = check(DATA).aliases.resolve(query)
    assert expected, f"{query!r} is not an alias in the gazetteer"
    open_page(driver, base_url + "index.html")
    box = driver.find_element(By.ID, "crossing-search")
    box.send_keys(query)
    wait(driver).until(EC.visibility_of_element_located(
        (By.CSS_SELECTOR, f'#search-results button[data-crossing="{expected}"]')))
    box.send_keys(Keys.ENTER)
    name = next(c["name"] for c in page_data["crossings"] if c["id"] == expected)
    wait(driver).until(lambda d: panel_title(d) == name)
    assert f"crossing={expected}" in driver.execute_script("return location.hash")


def test_permalink_restores_crossing_date_panel_and_language(driver, base_url, page_data,
                                                             screenshot):
    crossing = page_data["crossings"][-1]
    day = sorted(e["known_by"] for e in page_data["events"])[len(page_data["events"]) // 2]
    open_page(driver, f"{base_url}index.html#crossing={crossing['id']}&date={day}&panel=claims")
    assert driver.execute_script("return Atlas.state()") == {
        "crossing": crossing["id"], "date": day, "panel": "claims", "lang": "en"}
    assert panel_title(driver) == crossing["name"]
    assert statuses(driver) == expected_statuses(page_data, day)
    # Change state through the interface, then reopen the link the page wrote.
    driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
    driver.find_element(By.ID, "date-slider").send_keys(Keys.HOME)
    link = driver.current_url
    state = driver.execute_script("return Atlas.state()")
    assert state["lang"] == "ar" and state["date"] != day
    open_page(driver, link)
    assert driver.execute_script("return Atlas.state()") == state
    assert driver.execute_script("return document.documentElement.dir") == "rtl"
    assert panel_title(driver) == crossing["name_ar"]
    label = marker(driver, crossing["id"]).get_attribute("aria-label")
    assert label.startswith(crossing["name_ar"])
    screenshot("permalink-arabic")


def test_table_follows_the_slider_sorts_and_filters(driver, base_url, page_data, screenshot):
    days = sorted({e["known_by"] for e in page_data["events"]})
    day = days[len(days) // 3]
    open_page(driver, f"{base_url}index.html#date={day}&panel=table")

    def rows() -> list[str]:
        return [r.get_attribute("data-event") for r in
                driver.find_elements(By.CSS_SELECTOR, ".events-table tbody tr")]

    known = {e["event_id"] for e in page_data["events"] if e["known_by"] <= day}
    assert set(rows()) == known
    driver.find_element(By.ID, "date-slider").send_keys(Keys.END)
    assert set(rows()) == {e["event_id"] for e in page_data["events"]}
    screenshot("table")
    # Sorting: the table starts in date order; a second press on Date reverses it.
    driver.find_element(By.CSS_SELECTOR, 'button[data-sort="known_by"]').click()
    header = driver.find_element(By.CSS_SELECTOR, 'th:has(button[data-sort="known_by"])')
    assert header.get_attribute("aria-sort") == "descending"
    first_known = [e["known_by"] for e in page_data["events"] if e["event_id"] == rows()[0]][0]
    assert first_known == max(e["known_by"] for e in page_data["events"])
    # Filtering by text and by assessment.
    contested = {e["event_id"] for e in page_data["events"] if e["assessment"] == "contested"}
    Select(driver.find_element(By.ID, "table-assessment")).select_by_value("contested")
    assert set(rows()) == contested


def test_panels_open_and_close_by_keyboard(driver, base_url, page_data, screenshot):
    open_page(driver, base_url + "index.html")
    body = driver.find_element(By.TAG_NAME, "body")
    body.click()
    focused = None
    for _ in range(60):  # Tab through the page (panel, header, figures) to a crossing
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element.get_attribute("data-crossing")
        if focused:
            break
    assert focused, "no crossing can be reached with the Tab key"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    name = next(c["name"] for c in page_data["crossings"] if c["id"] == focused)
    wait(driver).until(lambda d: panel_title(d) == name)
    assert driver.switch_to.active_element.get_attribute("id") == "panel-title"
    screenshot("claims")
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not driver.find_element(By.ID, "atlas-panel").is_displayed()
    assert driver.switch_to.active_element.get_attribute("data-crossing") == focused
    # The displacement panel: search box, then Tab to its button, then Enter.
    driver.find_element(By.ID, "crossing-search").send_keys(Keys.TAB)
    assert "panel-figures" in driver.switch_to.active_element.get_attribute("class")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    panel = wait(driver).until(EC.visibility_of_element_located((By.ID, "atlas-panel")))
    assert panel.find_element(By.CSS_SELECTOR, "svg.figure-chart").is_displayed()
    marks = panel.find_elements(By.CSS_SELECTOR, "svg.figure-chart g.mark")
    items = panel.find_elements(By.CSS_SELECTOR, ".figure-list > li")
    assert len(marks) == len(items) == len(page_data["figures"])
    shown = " ".join(i.text for i in items).replace(",", "")
    for figure in page_data["figures"]:
        assert str(figure["figure"]) in shown
    total = sum(f["figure"] for f in page_data["figures"] if f["metric"] == "displaced")
    assert str(total) not in shown, "overlapping figures must never be summed"
    screenshot("displacement")


def test_counter_claims_sit_under_the_claim_they_dispute(driver, base_url, page_data):
    last = max(e["known_by"] for e in page_data["events"])
    pairs = 0
    for crossing in page_data["crossings"]:
        mine = {e["event_id"]: e for e in page_data["events"]
                if crossing["id"] in e["crossing_ids"].split(";")}
        answers = [e for e in mine.values() if e["responds_to"] in mine]
        if not answers:
            continue
        open_page(driver, f"{base_url}index.html#crossing={crossing['id']}&date={last}"
                          "&panel=claims")
        for e in answers:
            parent = driver.execute_script(
                "return document.getElementById(arguments[0]).parentNode"
                ".closest('li.claim').id", "event-" + e["event_id"])
            assert parent == "event-" + e["responds_to"]
            pairs += 1
        badges = driver.find_elements(By.CSS_SELECTOR, ".claims .assessment")
        assert len(badges) == len(mine)
    assert pairs, "the bundled data has counter-claims; none were drawn"


def test_uncertainty_looks_different_and_the_legend_says_so(driver, base_url, page_data):
    open_page(driver, f"{base_url}index.html#panel=table")
    for crossing in page_data["crossings"]:
        classes = marker(driver, crossing["id"]).get_attribute("class")
        assert ("approx" in classes) == (crossing["location_precision"] != "exact")
    rough = [e for e in page_data["events"] if e["date_precision"] != "day"]
    assert rough
    for e in rough:
        cell = driver.find_element(
            By.CSS_SELECTOR, f'tr[data-event="{e["event_id"]}"] .approx-date')
        assert cell.text.startswith("≈")
        assert cell.value_of_css_property("font-style") == "italic"
    sure = {k for k, s in page_data["sources"].items() if s["date_confidence"] == "confirmed"}
    exact = next(e for e in page_data["events"]
                 if e["date_precision"] == "day" and e["source_id"] in sure)
    cell = driver.find_element(By.CSS_SELECTOR, f'tr[data-event="{exact["event_id"]}"] .date')
    assert cell.value_of_css_property("font-style") == "normal"
    legend = driver.execute_script("return document.querySelector('.atlas-legend').textContent")
    assert "approximate" in legend and "≈" in legend


def test_about_lists_downloads_that_exist(driver, base_url, site_dir):
    open_page(driver, f"{base_url}index.html#panel=about")
    links = driver.find_elements(By.CSS_SELECTOR, ".downloads a")
    hrefs = {a.get_attribute("href").removeprefix(base_url) for a in links}
    exports = {f"data/{p.name}" for p in (site_dir / "data").iterdir()}
    assert hrefs == exports
    for href in sorted(hrefs):
        with urllib.request.urlopen(base_url + href) as response:
            assert response.status == 200
