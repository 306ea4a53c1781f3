"""The extract stage's error: no article could be found in a saved page."""

from __future__ import annotations

from site_builder.core.errors import SiteBuilderError


class ExtractError(SiteBuilderError):
    """No article could be found in a saved page."""
