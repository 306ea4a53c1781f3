"""Build: the build loop, and everything that makes it fast (state, cache keys, the
spool, worker processes, memory); the only package that knows about caching or cores.

pipeline.py        build(): gather, convert, load, render and index, publish
options.py         what the caller chooses; Stages, the stage functions (a seam for tests)
gather.py          the saved pages, the article files there are (article_files.py)
convert.py         which saved files to extract (extraction_plan.py), extracting them
                   on all cores (extract_file.py, workers.py, read_ahead.py), and
                   writing their articles (article_writer.py)
load.py            a summary of every article; bodies from the spool (spool.py)
render_and_index.py  the site into a staging folder, the pages of the last site carried
                   over (page_cache.py, cache_keys.py), and both search indexes
                   (search_indexes.py; the browser search's cache, browser_search.py;
                   Whoosh's update in a process of its own, index_process.py)
publish.py         the staging folder swapped into place; the build state (state.py)
memory.py          the cyclic collector, told what a build keeps
"""
