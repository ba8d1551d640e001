"""docs/data.md documents every field, allowed value and export option the code has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_map import parser
from geo import manifest, schema
from geo.events_table.counts import COUNT_FIELDS
from geo.exports import layers as export
from geo.exports import spreadsheets as formats
from geo.fields import field
from geo.figures_table.outputs import AREA_FIGURE_FIELDS

DOC = Path(__file__).resolve().parents[1] / "docs" / "data.md"


def _tables() -> dict[str, list[list[str]]]:
    """Each '### Input: …' / '### Output: …' / '### Title' section's table rows, by heading."""
    tables: dict[str, list[list[str]]] = {}
    heading = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#{2,4} (.+)$", line)
        if match:
            heading = match.group(1).strip()
            continue
        if heading and line.startswith("| `"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            tables.setdefault(heading, []).append(cells)
    return tables


def _names(rows: list[list[str]]) -> list[str]:
    return [row[0].strip("`") for row in rows]


DOCUMENTED = {
    "Input: crossings.geojson": schema.CROSSING_PROPERTIES,
    "Input: events.csv": schema.EVENT_COLUMNS,
    "Input: displacement.csv": schema.FIGURE_COLUMNS,
    "Input: sources.csv": schema.SOURCE_COLUMNS,
    "Output: crossings": [*export.CROSSING_FIELDS, "lon", "lat"],
    "Output: status_history": export.HISTORY_FIELDS,
    "Output: timeline": export.TIMELINE_FIELDS,
    "Output: events": export.EVENT_FIELDS,
    "Output: event_crossings": [*export.LINK_FIELDS, "lon", "lat"],
    "Output: displacement": [*export.FIGURE_FIELDS, "lon", "lat", *formats.HXL_FIGURE_SPLIT],
    "Output: sources": export.SOURCE_FIELDS,
    "Output: activity": COUNT_FIELDS,
    "Output: area_figures": [*AREA_FIGURE_FIELDS, "lon", "lat"],
}
LAYER_OF = {"crossings.geojson": "crossings", "events.csv": "events",
            "displacement.csv": "displacement", "sources.csv": "sources",
            "status_history": "crossings", "timeline": "events"}


@pytest.mark.parametrize("heading", sorted(DOCUMENTED))
def test_every_field_is_documented_with_its_type(heading):
    rows = _tables().get(heading)
    assert rows, f"docs/data.md has no table under '### {heading}'"
    assert _names(rows) == list(DOCUMENTED[heading])
    name = heading.split(": ", 1)[1]
    layer = LAYER_OF.get(name, name)
    for row in rows:
        assert row[1] == field(layer, row[0].strip("`")).type, row
        assert row[2] and row[3].strip("`"), f"{row[0]} needs a meaning and an example"


def test_every_exported_csv_column_is_documented():
    documented = {n for heading in DOCUMENTED for n in _names(_tables()[heading])}
    columns = {n for layer_fields in (export.CROSSING_FIELDS, export.EVENT_FIELDS,
                                      export.LINK_FIELDS, export.FIGURE_FIELDS,
                                      export.SOURCE_FIELDS) for n in layer_fields}
    assert columns - documented == set()


def test_hxl_hashtags_in_the_docs_are_the_ones_written():
    for heading in ("Output: crossings", "Output: events", "Output: displacement"):
        for row in _tables()[heading]:
            assert row[4].strip("`") == formats.HXL_TAGS[row[0].strip("`")], row


def test_event_types_match_the_schema():
    rows = _tables()["Event types"]
    assert _names(rows) == list(schema.EVENT_TYPES)
    for name, meaning, status in rows:
        key = name.strip("`")
        assert meaning == schema.EVENT_TYPES[key]
        assert status.strip("`") == schema.STATUS_FROM_EVENT.get(key, "unchanged")


def test_statuses_sides_qualifiers_and_metrics_match_the_schema():
    tables = _tables()
    assert {_n: m for _n, m in ((r[0].strip("`"), r[1]) for r in tables["Statuses"])} == \
        schema.STATUSES
    assert {r[0].strip("`"): r[1] for r in tables["Sides"]} == schema.SIDES
    assert {r[0].strip("`"): r[2] for r in tables["Sides"]} == schema.CAMP
    assert _names(tables["Qualifiers"]) == list(schema.QUALIFIERS)
    assert {r[0].strip("`"): r[1] for r in tables["Metrics"]} == schema.METRICS
    assert {r[0].strip("`"): r[1] for r in tables["Figures table metrics"]} == \
        schema.TABLE_METRICS


def test_every_export_option_is_documented():
    text = DOC.read_text(encoding="utf-8")
    export_command = parser()._subparsers._group_actions[0].choices["export"]
    options = [o for action in export_command._actions for o in action.option_strings
               if o.startswith("--") and o != "--help"]
    assert set(options) >= {"--from", "--to", "--crossing", "--format", "--out"}
    missing = [o for o in options if f"`{o}`" not in text]
    assert missing == [], f"docs/data.md does not mention {missing}"


def test_every_published_data_file_is_listed_and_every_table_documented():
    text = DOC.read_text(encoding="utf-8")
    outputs = text[text.index("## Outputs"):]
    table = outputs[:outputs.index("### Output:")]
    for output in manifest.OUTPUTS:
        assert f"`{output.name}`" in table, f"docs/data.md's output table lacks {output.name}"
        if output.kind == "csv":
            assert f"Output: {output.layer}" in _tables(), output.layer


def test_activity_geojson_properties_are_defined_and_documented():
    from geo.events_table.counts import CROSSING_FIELDS
    section = DOC.read_text(encoding="utf-8").split("### Output: activity", 1)[1]
    for name in CROSSING_FIELDS:
        assert f"`{name}`" in section.split("\n### ", 1)[0], name
        assert field("activity_crossings", name).meaning, name
