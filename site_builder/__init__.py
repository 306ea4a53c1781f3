"""site_builder: saved web pages to a clean, searchable, static reader archive."""
