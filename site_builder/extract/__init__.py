"""Extract: SavedPage -> ExtractedPage, the article and its metadata.

The engines' adapters (readability), the markup guard, cleanup around the engine,
metadata, text saves, the page's own images and the quality verdict.
"""

from site_builder.extract.extractor import EXTRACTOR_VERSION, ExtractError, extract

__all__ = ["EXTRACTOR_VERSION", "ExtractError", "extract"]
