"""tagdyr: reconstructs the fates of Kazakh and Central Asian WWII participants from archives.

The public API (pinned by tests/test_architecture.py) is imported on first use, so that
``import tagdyr`` (and ``tagdyr --help``) costs nothing::

    from tagdyr import create_db_engine, migrate, import_table, link_database, find_persons
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> (module, attribute)
_API = {
    "TagdyrError": ("tagdyr.errors", "TagdyrError"),
    "compare_names": ("tagdyr.names.similarity", "compare"),
    "create_db_engine": ("tagdyr.store.db", "create_db_engine"),
    "find_persons": ("tagdyr.search", "search"),
    "get_dossier": ("tagdyr.store.queries", "get_dossier"),
    "import_table": ("tagdyr.sources.importer", "import_table"),
    "import_text": ("tagdyr.texts.store", "import_text"),
    "link_database": ("tagdyr.persons.linking", "link_database"),
    "migrate": ("tagdyr.store.db", "migrate"),
    "parse_name": ("tagdyr.names", "parse"),
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'tagdyr' has no attribute {name!r}")
    module, attribute = _API[name]
    return getattr(import_module(module), attribute)
