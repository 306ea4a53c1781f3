"""Extract: SavedPage -> ExtractedPage, the article and its metadata.

- extractor: the stage itself, for HTML saves and for text saves;
- guard: markup the engines mishandle, refused or repaired, and the time budget;
- readability_adapter (with readability_cleaner): the engine that finds the article;
- cleanup (with chrome, restore, article_images, layout_tables): around the engine;
- quality: the verdict on what the engine found, and what the article keeps then;
- trafilatura_adapter: the second engine; vote: the two engines' articles settled into one;
- metadata: what the page's head says about it;
- text_saves (with text_lines, text_header): the article in a plain-text save;
- media: the images that came with the page, stored under their hash.
"""

from site_builder.extract.errors import ExtractError
from site_builder.extract.extractor import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "ExtractError", "extract"]
