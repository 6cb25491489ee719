"""The search a skilled developer would build without tagdyr: SQLite FTS5 over ASCII-folded
names.

Each register record's surname, given name and patronymic are folded to ASCII with anyascii
(Жұмабаев -> Zhumabaev, Ахметов -> Akhmetov) and indexed by FTS5 with the `unicode61
remove_diacritics 2` tokenizer (case and diacritics folded: Žumabaev = Zumabaev). A query is
folded the same way; each word of three letters or more becomes a prefix term of its first four
letters (so -ov/-off/-ow endings and small misspellings at the end still meet), an initial a
one-letter prefix, the terms OR-ed and ranked by BM25: records that share more and rarer words
come first. This is what the FTS5 documentation suggests for a name search box.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from pathlib import Path

PREFIX = 4


def _fold(text: str) -> str:
    from anyascii import anyascii

    return str(anyascii(text)).lower()


def build(register: Path, database: Path) -> sqlite3.Connection:
    """An FTS5 index of the register's names (made once, beside the data)."""
    fresh = not database.exists()
    conn = sqlite3.connect(database)
    if fresh:
        conn.execute(
            "CREATE VIRTUAL TABLE names USING fts5(entry_id UNINDEXED, name, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        with register.open(encoding="utf-8") as handle:
            rows = (
                (r["id"], _fold(f"{r['surname']} {r['given_name']} {r['patronymic']}"))
                for r in csv.DictReader(handle)
            )
            conn.executemany("INSERT INTO names (entry_id, name) VALUES (?, ?)", rows)
        conn.commit()
    return conn


def match_expression(query: str) -> str:
    words = re.findall(r"[a-z]+", _fold(query))
    terms = [f'"{w[:PREFIX]}"*' for w in words if len(w) >= 3]
    terms += [f'"{w}"*' for w in words if len(w) == 1]
    return " OR ".join(terms)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[str]:
    """Entry ids of the best ``limit`` records by BM25."""
    expression = match_expression(query)
    if not expression:
        return []
    rows = conn.execute(
        "SELECT entry_id FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT ?",
        (expression, limit),
    )
    return [entry_id for (entry_id,) in rows]
