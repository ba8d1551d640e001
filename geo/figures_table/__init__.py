"""Bring your own figures: a researcher's tables of counts by OCHA area and period (HNAP IDP
movements, CCCM camp figures, IOM DTM, UNHCR…), read, checked and drawn beside the claims.

`spec.py` (the settings, from options or a TOML file with one `[[table]]` per table), `read.py`
(the named columns of a CSV or (Geo)Parquet, by header or HXL hashtag), `areas.py` (P-codes and
OCHA names at the three levels), `values.py` (values as published; blanks and suppression marks
are no data; dates to periods), `tables.py` (one value per area and period; rows set aside and
counted) and `outputs.py` (data/area_figures.*, the page's series, the set-aside rows).
"""

from .outputs import figure_layers, page_figures, set_aside_csv
from .spec import AGGREGATES, PERIODS, SETTINGS, FiguresSpec, FigureTables, figure_tables
from .tables import BAD_KINDS, AreaFigures, TableFigures, read_figures

__all__ = ["AGGREGATES", "BAD_KINDS", "PERIODS", "SETTINGS", "AreaFigures", "FigureTables",
           "FiguresSpec", "TableFigures", "figure_layers", "figure_tables", "page_figures",
           "read_figures", "set_aside_csv"]
