"""Search: the Whoosh index for `site-builder search` (schema, updates, the query
language) and the browser search's static index (browser_terms, browser_index)."""
