"""Article: ExtractedPage -> Markdown, and the article file format in content/articles/
(YAML front matter, a Markdown body, edit detection)."""
