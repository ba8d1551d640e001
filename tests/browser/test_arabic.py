"""The Arabic edition in Chromium: Arabic text from the data with its English one click away,
at most a tenth of the letters Latin in any state, one digit system per language, a time bar
whose arrows, slider and Play agree, badges in one box, chart labels clear of the gridlines,
Leaflet's controls in the reader's language."""

from __future__ import annotations

import re

import pytest
from fixtures.mutate import read_rows, write_rows
from harness import EXPAND_SCRIPT, language_states, latin_share, open_page, serve
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.browser
LATIN_BUDGET = 0.10
LAST = "2021-03-31"


def crossing(page_data: dict, crossing_id: str) -> dict:
    return next(c for c in page_data["crossings"] if c["id"] == crossing_id)


def test_latin_letters_are_at_most_a_tenth_of_every_arabic_state(driver, base_url, page_data):
    over = {}
    for name, hash_, expand in language_states(page_data):
        counts = latin_share(driver, base_url, hash_, expand)
        assert counts["letters"] > 50, name  # the state was drawn
        if counts["share"] > LATIN_BUDGET:
            over[name] = (f"{counts['share']:.1%}", counts["latinText"])
    assert over == {}


# Western digits in Arabic text, outside codes: a digit run is allowed in a token that has a
# Latin letter (C3026, mem-2019-08-23, SY07) or right after a Latin word (GeoNames 174611,
# CC BY 4.0). In English, no Arabic-Indic digit at all. Text marked lang="en" (an English
# original, a row not yet translated) is English and is checked as such.
DIGITS_SCRIPT = r"""
var lang = document.documentElement.lang, wrong = [], markers = [];
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var range = document.createRange();
for (var n = walker.nextNode(); n; n = walker.nextNode()) {
  var text = n.nodeValue, parent = n.parentElement;
  if (!parent || !/[0-9\u0660-\u0669\u06f0-\u06f9]/.test(text)) continue;
  if (parent.closest('script, style') || !parent.checkVisibility({ visibilityProperty: true }))
    continue;
  range.selectNodeContents(n);
  if (!Array.prototype.some.call(range.getClientRects(), function (r) {
    return r.width > 1 && r.height > 1; })) continue;
  var own = (parent.closest('[lang]') || document.documentElement).lang;
  if (own !== 'ar') {
    if (/[\u0660-\u0669\u06f0-\u06f9]/.test(text)) wrong.push(text.trim());
    continue;
  }
  var token = /[A-Za-z0-9][A-Za-z0-9._:\/-]*/g, m;
  while ((m = token.exec(text))) {
    if (!/[0-9]/.test(m[0]) || /[A-Za-z]/.test(m[0])) continue;
    if (/[A-Za-z]+ $/.test(text.slice(0, m.index))) continue;
    wrong.push(text.trim());
  }
}
document.querySelectorAll('ol > li').forEach(function (li) {
  var style = getComputedStyle(li);
  if (style.display === 'list-item' && style.listStyleType !== 'none' && li.checkVisibility())
    markers.push(style.listStyleType);
});
var slider = document.getElementById('date-slider');
return { wrong: wrong, markers: markers, slider: slider.getAttribute('aria-valuetext') };
"""


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_one_digit_system_per_language(driver, base_url, page_data, lang):
    own, other = ("[٠-٩]", "[0-9]") if lang == "ar" else ("[0-9]", "[٠-٩]")
    markers = set()
    for name, hash_, expand in language_states(page_data):
        if lang == "en":
            hash_ = hash_.replace("lang=ar", "lang=en")
        open_page(driver, f"{base_url}index.html{hash_}")
        driver.execute_script(
            "var l = document.querySelector('.atlas-legend'); if (l) l.open = true;")
        if expand:
            driver.execute_script(EXPAND_SCRIPT)
        found = driver.execute_script(DIGITS_SCRIPT)
        assert found["wrong"] == [], name
        assert found["slider"] and not re.search(other, found["slider"])
        assert re.search(own, driver.find_element(By.CSS_SELECTOR,
                                                                ".date-label").text)
        markers |= set(found["markers"])
    assert markers == {"arabic-indic" if lang == "ar" else "decimal"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_time_bar_arrows_slider_and_play_agree(driver, base_url, page_data, lang):
    days = sorted({e["known_by"] for e in page_data["events"]})
    open_page(driver, f"{base_url}index.html#date={days[2]}&lang={lang}")
    prev = driver.find_element(By.CSS_SELECTOR, ".time-bar .prev")
    nxt = driver.find_element(By.CSS_SELECTOR, ".time-bar .next")
    play = driver.find_element(By.CSS_SELECTOR, ".time-bar .play")
    slider = driver.find_element(By.ID, "date-slider")
    assert driver.execute_script("return getComputedStyle(arguments[0]).direction",
                                 slider) == "ltr"  # the thumb moves right as value grows
    # "Next" is drawn on the right and points right; "previous" on the left, pointing left;
    # Play's triangle points right.
    assert (prev.text, nxt.text) == ("←", "→")
    assert prev.rect["x"] < play.rect["x"] < nxt.rect["x"]
    assert play.text.startswith("▶")
    before = int(slider.get_attribute("value"))
    nxt.click()
    assert driver.execute_script("return Atlas.state().date") == days[3]
    assert int(slider.get_attribute("value")) > before
    prev.click()
    assert int(slider.get_attribute("value")) == before


def test_assessment_badges_are_one_box_each(driver, base_url):
    for hash_ in (f"#panel=table&lang=ar&date={LAST}", f"#panel=table&date={LAST}",
                  f"#crossing=al-hadr-al-eis&panel=claims&lang=ar&date={LAST}"):
        open_page(driver, f"{base_url}index.html{hash_}")
        boxes = driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#atlas-panel "
            ".assessment'), function (b) { return b.getClientRects().length; })")
        assert boxes and set(boxes) == {1}, hash_


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_chart_y_labels_end_before_the_gridlines(driver, base_url, lang):
    open_page(driver, f"{base_url}index.html#panel=figures&lang={lang}")
    boxes = driver.execute_script("""
        var chart = document.querySelector('.figure-chart');
        var grid = Array.prototype.filter.call(chart.querySelectorAll('line.grid'),
          function (l) { return l.getAttribute('y1') === l.getAttribute('y2'); });
        return { chart: chart.getBoundingClientRect().toJSON(),
                 grid: grid.map(function (l) { return l.getBoundingClientRect().toJSON(); }),
                 labels: Array.prototype.map.call(chart.querySelectorAll('.y-tick'),
                   function (t) { return t.getBoundingClientRect().toJSON(); }) };""")
    assert len(boxes["labels"]) == len(boxes["grid"]) == 5
    for label, line in zip(boxes["labels"], boxes["grid"], strict=True):
        assert label["right"] <= line["left"] - 1, (label, line)
        assert label["left"] >= boxes["chart"]["left"]
        assert label["top"] <= line["top"] <= label["bottom"]  # beside its own gridline


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_al_hadr_al_eis_is_titled_with_both_names(driver, base_url, lang):
    open_page(driver, f"{base_url}index.html#crossing=al-hadr-al-eis&panel=claims&lang={lang}")
    title = driver.find_element(By.ID, "panel-title").text
    names = ("الحاضر", "العيس") if lang == "ar" else ("al-Hadr", "al-Eis")
    assert all(name in title for name in names), title


def test_leaflet_controls_speak_the_readers_language(driver, base_url, page_data):
    def controls():
        return driver.execute_script("""
            var q = function (s) { return document.querySelector(s); };
            return { zoom: [q('.leaflet-control-zoom-in'), q('.leaflet-control-zoom-out')]
                       .map(function (b) { return [b.title, b.getAttribute('aria-label')]; }),
                     scale: Array.prototype.map.call(
                       document.querySelectorAll('.leaflet-control-scale-line'),
                       function (l) { return l.textContent; }),
                     credits: q('.leaflet-control-attribution').textContent };""")

    open_page(driver, f"{base_url}index.html#lang=ar")
    ar = controls()
    assert ar["zoom"] == [["تكبير", "تكبير"], ["تصغير", "تصغير"]]
    assert len(ar["scale"]) == 1 and re.fullmatch(r"[٠-٩٬٫]+ (كم|م)",
                                                                 ar["scale"][0])
    assert ar["credits"] == page_data["credits"]["ar"]
    driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
    en = controls()
    assert en["zoom"] == [["Zoom in", "Zoom in"], ["Zoom out", "Zoom out"]]
    assert [s.split()[-1] for s in en["scale"]] in (["km", "mi"], ["m", "ft"], ["km", "ft"])
    assert en["credits"] == page_data["credits"]["en"]


def test_data_text_is_arabic_with_the_english_one_click_away(driver, base_url, page_data):
    duhur = crossing(page_data, "abu-al-duhur")
    open_page(driver, f"{base_url}index.html#crossing=abu-al-duhur&panel=claims&lang=ar"
                      f"&date={LAST}")
    panel = driver.find_element(By.ID, "atlas-panel")
    assert panel.find_element(By.CSS_SELECTOR, ".crossing-summary").text == duhur["summary_ar"]
    # Where the radius comes from (a reference note, not a report), in Arabic.
    panel.find_element(By.CSS_SELECTOR, ".where summary").click()
    where = panel.find_element(By.CSS_SELECTOR, ".location-source").text
    assert where == duhur["location_source_ar"] and "الملاحظة المرجعية، لا إلى تقرير" in where
    events = {e["event_id"]: e for e in page_data["events"]}
    claims = panel.find_elements(By.CSS_SELECTOR, "li.claim")
    assert claims
    for claim in claims:
        event = events[claim.get_attribute("id").removeprefix("event-")]
        summary = claim.find_element(By.CSS_SELECTOR, ":scope > .summary")
        assert summary.text == event["summary_ar"]
        original = claim.find_element(By.CSS_SELECTOR, ":scope > details.english-original")
        english = original.find_element(By.CSS_SELECTOR, ".english-text")
        assert not english.is_displayed()
        assert original.find_element(By.TAG_NAME, "summary").text == "النص الإنجليزي"
    original = claims[0].find_element(By.CSS_SELECTOR, ":scope > details.english-original")
    original.find_element(By.TAG_NAME, "summary").click()
    english = original.find_element(By.CSS_SELECTOR, ".english-text")
    event = events[claims[0].get_attribute("id").removeprefix("event-")]
    assert event["summary"] in english.text and event["claimant"] in english.text
    assert (english.get_attribute("lang"), english.get_attribute("dir")) == ("en", "ltr")
    # Said once, in About: what the Arabic is and where the English is.
    assert not driver.find_elements(By.CSS_SELECTOR, ".translation-note")
    open_page(driver, f"{base_url}index.html#panel=about&lang=ar")
    notes = driver.find_elements(By.CSS_SELECTOR, ".translation-note")
    assert len(notes) == 1 and "النص الإنجليزي" in notes[0].text


UNTRANSLATED = "20210326-editor-adds-english-only"


def _english_only_row(data):
    rows = read_rows(data / "events.csv")
    head = rows[0]
    row = dict.fromkeys(head, "")
    row.update(event_id=UNTRANSLATED, date="2021-03-25", date_precision="day",
               crossing_ids="saraqib", event_type="statement",
               claimant="A test claimant", claimant_side="media",
               summary="A claim an editor added in English only.",
               source_id="newarab-2021-03-25")
    rows.append([row[c] for c in head])
    write_rows(data / "events.csv", rows)


def test_an_untranslated_row_shows_its_english_marked_as_english(driver, variant_site):
    site = variant_site("english-only-row", _english_only_row)
    with serve(site) as base:
        open_page(driver, f"{base}index.html#panel=table&lang=ar&date={LAST}")
        cell = driver.find_element(By.CSS_SELECTOR,
                                   f'tr[data-event="{UNTRANSLATED}"] td.summary')
        assert cell.find_element(By.CSS_SELECTOR, ".english-only").text == "بالإنجليزية فقط"
        text = cell.find_element(By.CSS_SELECTOR, "[lang='en']")
        assert text.text == "A claim an editor added in English only."
        assert text.get_attribute("dir") == "ltr"
        # Its English is on show already: the English original holds only its source's.
        for original in cell.find_elements(By.CSS_SELECTOR, ".english-original"):
            assert "added in English only" not in original.get_attribute("textContent")
        # A translated row beside it has no such mark.
        assert len(driver.find_elements(By.CSS_SELECTOR, "td.summary .english-only")) == 1
