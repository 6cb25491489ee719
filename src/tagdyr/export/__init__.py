"""Giving results back: CSV and XLSX tables, JSON-LD, GEDCOM, the printable document collection
and the full dump of the database. Every format carries its sources: each fact says which
record of which source states it, and where in the document."""
