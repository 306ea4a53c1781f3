"""Known XSS vectors as saved pages, for the browser suite and the static audit."""
