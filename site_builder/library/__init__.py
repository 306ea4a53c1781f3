"""Library: bring a library from a read-it-later service in, take the archive out.

Not a pipeline stage: it sits beside build/, and uses the stages' own functions.

- export_files: the export's records (ExportItem, ParsedExport) and its errors;
- zip_members: reading an export ZIP's members within limits;
- sniff: which service an export came from, told by its content;
- wallabag, omnivore, pocket, bookmarks: one reader per service's documented format
  (bookmarks also writes the Netscape file);
- importer: an export into content/ (saved pages, import sidecars, merges, unsaved.csv);
- selection, epub: the articles an export picks, and the EPUB they make.
"""
