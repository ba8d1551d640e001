"""CSV for spreadsheets and HDX: each layer as CSV, and an HXL-tagged twin of the main ones.

LF line endings, a fixed field order, and text that a spreadsheet would run as a formula
guarded by an apostrophe (the loader takes it off again, so an export reads back as the data).
"""

from __future__ import annotations

import csv
import io

from .. import schema
from .layers import Layer

# HXL 1.1 hashtags and attributes (hxlstandard.org/standard/1-1final/dictionary/). Core
# hashtags throughout; attributes beyond the dictionary's suggestions (+alt, +precision,
# +radius, +reply, +disputed, +nearest, +distance, +assessment, +confidence, +status,
# +match) are allowed by the tagging conventions and say which column is which.
HXL_TAGS = {
    "id": "#loc+code", "name": "#loc+name", "name_ar": "#loc+name+i_ar",
    "aliases": "#loc+name+alt", "kind": "#loc+type", "admin1_pcode": "#adm1+code",
    "admin2_pcode": "#adm2+code", "admin3_pcode": "#adm3+code",
    "location_precision": "#geo+precision", "precision_m": "#geo+radius",
    "location_source": "#meta+source+geo", "first_reported": "#date+reported",
    "summary": "#description", "source_ids": "#meta+source", "latest_status": "#status+code",
    "latest_status_date": "#date+status", "event_ids": "#event+code", "lon": "#geo+lon",
    "lat": "#geo+lat",
    "event_id": "#event+code", "date": "#date+occurred", "date_precision": "#date+precision",
    "crossing_ids": "#loc+code", "crossing_id": "#loc+code", "place": "#loc+name",
    "event_type": "#event+type", "claimant": "#group+name", "claimant_side": "#group+type",
    "responds_to": "#event+code+reply", "source_id": "#meta+source", "note": "#description+note",
    "source_url": "#meta+url", "match": "#meta+match",
    "matched_crossing_id": "#loc+code+nearest", "distance_m": "#geo+distance",
    "assessment": "#meta+assessment", "disputed_by": "#event+code+disputed",
    "figure_id": "#meta+id", "figure": "#indicator+num", "qualifier": "#indicator+qualifier",
    "metric": "#indicator+type", "as_of": "#date+reported", "as_of_precision": "#date+precision",
    "period_start": "#date+start", "area": "#loc+code", "area_name": "#loc+name+source",
    "area_level": "#loc+type", "area_label": "#loc+name",
    "outlet": "#org+name", "title": "#meta+title", "published": "#date+reported",
    "date_confidence": "#date+confidence", "url": "#meta+url", "language": "#meta+lang",
    # The Arabic twins (+i_ar: text in Arabic) of the texts above
    "place_ar": "#loc+name+i_ar", "claimant_ar": "#group+name+i_ar",
    "summary_ar": "#description+i_ar", "note_ar": "#description+note+i_ar",
    "location_source_ar": "#meta+source+geo+i_ar", "area_name_ar": "#loc+name+source+i_ar",
    "area_label_ar": "#loc+name+i_ar", "outlet_ar": "#org+name+i_ar",
    "title_ar": "#meta+title+i_ar",
    # displacement only: the figure in the column its metric belongs to
    "displaced": "#affected+idps", "killed": "#affected+killed", "population": "#population",
}
HXL_FIGURE_SPLIT = ["displaced", "killed", "population"]  # metric values, each a column


def layer_csv(layer: Layer) -> str:
    """The layer as CSV text."""
    return to_csv(layer.csv_rows(), layer.csv_fields())


def hxl_csv(layer: Layer) -> str:
    """The layer's CSV with an HXL hashtag row under the header (figures split by metric)."""
    fields, rows = layer.csv_fields(), layer.csv_rows()
    if layer.name == "displacement":
        fields = [*fields, *HXL_FIGURE_SPLIT]
        rows = [{**row, **{m: row["figure"] if row["metric"] == m else None
                           for m in HXL_FIGURE_SPLIT}} for row in rows]
    return to_csv(rows, fields, [HXL_TAGS[f] for f in fields])


def to_csv(rows: list[dict], fields: list[str], hashtags: list[str] | None = None) -> str:
    """Rows as CSV text (LF line endings, fixed field order; an HXL hashtag row if given)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    if hashtags is not None:
        writer.writerow(dict(zip(fields, hashtags, strict=True)))
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return spreadsheet_safe(";".join(str(v) for v in value))
    return spreadsheet_safe(str(value))


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before a would-be formula.

    Numbers (e.g. -5.2) are left alone; the loader removes the apostrophe again, so exported
    CSVs read back as the same data.
    """
    if text.startswith(schema.FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
