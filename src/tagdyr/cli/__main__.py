"""``python -m tagdyr.cli``: the command line."""

from tagdyr.cli import main

main()
