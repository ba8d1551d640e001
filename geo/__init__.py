"""The crossings atlas: gazetteer, dated claims and displacement figures -> map and GeoJSON."""

__version__ = "0.1.0"
