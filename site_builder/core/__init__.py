"""What every stage shares: the records passed between stages, one error tree, the typed
settings, and small rules about URLs, dates, slugs, titles and image types."""
