"""Search: the Whoosh index for `site-builder search` (schema, updates, the query
language) and the browser search bundle made with Pagefind."""
