"""`python -m site_builder` runs the same command line as `site-builder`."""

from site_builder.cli import main

main()
