"""What the page says about when things were known, where they come from and who answered whom:
figures known from the end of their date, honest source labels, uncertain dates marked, answers
labelled "Disputed by" only when they dispute."""

from __future__ import annotations

import pytest
from fixtures.mutate import read_rows, write_rows
from harness import open_page, serve
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.browser


def figure_item(driver, figure_id: str):
    return driver.find_element(By.ID, f"figure-{figure_id}")


def test_a_month_dated_figure_is_not_stated_before_the_month_is_out(driver, base_url,
                                                                    page_data):
    month = next(f for f in page_data["figures"] if f["as_of_precision"] == "month")
    assert month["as_of"] == month["known_by"][:7] and month["known_by"] > month["as_of"] + "-05"
    early = month["as_of"] + "-05"  # as text "2020-01" < "2020-01-05"; as dates it is later
    open_page(driver, f"{base_url}index.html#date={early}&panel=figures")
    item = figure_item(driver, month["figure_id"])
    assert "later" in item.get_attribute("class").split()
    assert "Stated after the chosen date" in item.text
    open_page(driver, f"{base_url}index.html#date={month['known_by']}&panel=figures")
    item = figure_item(driver, month["figure_id"])
    assert "later" not in item.get_attribute("class").split()


def test_sources_without_a_link_say_only_what_is_true(driver, base_url, page_data):
    open_page(driver, f"{base_url}index.html#panel=table")
    rows = {e["source_id"]: e["event_id"] for e in page_data["events"]}
    assert {"anadolu-2020-01-21", "checked-elsewhere"} <= set(rows)
    anadolu = driver.find_element(By.CSS_SELECTOR,
                                  f'tr[data-event="{rows["anadolu-2020-01-21"]}"] .source').text
    assert anadolu.endswith("— no link") and "checked" not in anadolu
    checked = driver.find_element(By.CSS_SELECTOR,
                                  f'tr[data-event="{rows["checked-elsewhere"]}"] .source').text
    assert checked.endswith("no link (checked against other reporting)")
    open_page(driver, f"{base_url}index.html#panel=table&lang=ar")
    anadolu = driver.find_element(By.CSS_SELECTOR,
                                  f'tr[data-event="{rows["anadolu-2020-01-21"]}"] .source').text
    assert anadolu.endswith("بلا رابط") and "تحقق" not in anadolu


def test_dates_from_sources_of_unsure_date_are_marked_uncertain(driver, base_url, page_data):
    confidence = {k: s["date_confidence"] for k, s in page_data["sources"].items()}
    open_page(driver, f"{base_url}index.html#panel=table")
    seen = set()
    for e in page_data["events"]:
        cell = driver.find_element(By.CSS_SELECTOR, f'tr[data-event="{e["event_id"]}"] .date')
        unsure = confidence[e["source_id"]] in ("inferred", "unverified")
        assert ("approx-date" in cell.get_attribute("class")) == \
            (unsure or e["date_precision"] != "day"), e["event_id"]
        if unsure:
            assert cell.text.startswith("≈")
            assert cell.value_of_css_property("font-style") == "italic"
            why = cell.get_attribute("title")
            assert ("inferred" if confidence[e["source_id"]] == "inferred" else "verified") \
                in why
            # …and to a screen reader, as text (not an aria-label on a span without a role).
            assert why in cell.get_attribute("textContent")
            assert cell.get_attribute("aria-label") is None
            seen.add(confidence[e["source_id"]])
    assert seen == {"inferred", "unverified"}
    legend = driver.execute_script("return document.querySelector('.atlas-legend').textContent")
    assert "inferred or unverified" in legend
    # The figures, all from a source of unverified date, are marked too.
    open_page(driver, f"{base_url}index.html#panel=figures")
    for f in page_data["figures"]:
        node = figure_item(driver, f["figure_id"]).find_element(By.CSS_SELECTOR,
                                                                ".figure-when .date")
        unsure = confidence[f["source_id"]] in ("inferred", "unverified")
        assert ("approx-date" in node.get_attribute("class")) == \
            (unsure or f["as_of_precision"] != "day"), f["figure_id"]


def _blank_area_name(data):
    rows = read_rows(data / "displacement.csv")
    rows[1][rows[0].index("area_name")] = ""
    write_rows(data / "displacement.csv", rows)


def test_a_figure_without_area_words_shows_no_empty_quotes(driver, variant_site, page_data):
    site = variant_site("blank-area-name", _blank_area_name)
    blank = page_data["figures"][0]["figure_id"]
    with serve(site) as base:
        open_page(driver, f"{base}index.html#panel=figures")
        item = figure_item(driver, blank)
        assert not item.find_elements(By.CSS_SELECTOR, ".figure-area-words")
        assert "“”" not in item.text
        other = figure_item(driver, page_data["figures"][1]["figure_id"])
        assert other.find_element(By.CSS_SELECTOR, ".figure-area-words").text == \
            "“" + page_data["figures"][1]["area_name"] + "”"


SAME_CAMP_ANSWER = "20200114-government-statement-on-crossings"


def _same_camp_answer(data):
    """A government statement answering a government claim: an answer, not a dispute."""
    rows = read_rows(data / "events.csv")
    head = rows[0]
    claim = next(r for r in rows[1:] if r[head.index("event_id")] ==
                 "20200113-three-crossings-opened")
    answer = dict(zip(head, claim, strict=True))
    answer.update(event_id=SAME_CAMP_ANSWER, date="2020-01-14", event_type="statement",
                  claimant="A government spokesman (test row)", claimant_side="government",
                  responds_to=claim[0], summary="The crossings remain open.", note="")
    rows.append([answer[c] for c in head])
    write_rows(data / "events.csv", rows)


def test_only_disputing_answers_are_labelled_disputed(driver, variant_site):
    site = variant_site("same-camp-answer", _same_camp_answer)
    with serve(site) as base:
        open_page(driver, f"{base}index.html#crossing=abu-al-duhur&date=2021-12-31"
                          "&panel=claims")
        claim = driver.find_element(By.ID, "event-20200113-three-crossings-opened")
        groups = {g.find_element(By.CSS_SELECTOR, ".counter-label").text:
                  [li.get_attribute("id") for li in g.find_elements(By.CSS_SELECTOR,
                                                                     ":scope > ol > li")]
                  for g in claim.find_elements(By.CSS_SELECTOR,
                                               ":scope > .counter-claims, :scope > .answer-group")}
        assert groups["Answered by"] == ["event-" + SAME_CAMP_ANSWER]
        assert "event-" + SAME_CAMP_ANSWER not in groups.get("Disputed by", [])
        assert groups["Disputed by"], "the opposition's answers still dispute the claim"
        driver.find_element(By.CSS_SELECTOR, ".lang-switch").click()
        claim = driver.find_element(By.ID, "event-20200113-three-crossings-opened")
        labels = [n.text for n in claim.find_elements(By.CSS_SELECTOR,
                                                      ":scope > div > .counter-label")]
        assert labels == ["اعترض عليه", "ردّ عليه"]
