"""What became of each list entry: matched, one of N candidates, or not in the register.

A list linked against a register says per pair how likely the entry is that record's man
(``link/exclusive.py``). Per entry, its men's probabilities add up to the probability that the
entry's man is in the register at all. The entry's status follows at the run's threshold:

* ``matched``: the entry took a register man (``is_match`` on some pair of it);
* ``ambiguous``: no single man reaches the threshold, but the entry is more likely in the
  register than not: it is one of ``entry_men`` men, the fewest of its most probable men who
  together hold the threshold (namesakes born the same year share an entry);
* ``not_in_register``: the entry's man is, by the evidence, more likely not in the register.

The link output carries them after the contract's five columns: ``entry_status``,
``entry_men`` (men matched, or the N of "one of N"; 0 for an entry not in the register),
``entry_in_register`` (the probability that the entry's man is in the register) and
``right_man`` (the record that stands for the man the pair's record belongs to: a register's
duplicates of one man share it).
"""

from __future__ import annotations

from typing import Any

STATUS_COLUMNS = ("entry_status", "entry_men", "entry_in_register", "right_man")
MATCHED, AMBIGUOUS, NOT_IN_REGISTER = "matched", "ambiguous", "not_in_register"


def entry_standing(pairs: Any, threshold: float) -> Any:
    """Per entry of ``pairs`` (left_id, right_man, match_probability: every candidate pair,
    before any is shown or hidden): the probability that its man is in the register, and the
    fewest of its most probable men who together hold ``threshold``."""
    import duckdb

    con = duckdb.connect()
    con.register("pairs", pairs)
    return con.sql(f"""
        WITH men AS (
            SELECT left_id, right_man, max(match_probability) AS p FROM pairs GROUP BY ALL
        ), running AS (
            SELECT left_id, p,
                   sum(p) OVER (PARTITION BY left_id ORDER BY p DESC, right_man
                                ROWS UNBOUNDED PRECEDING) - p AS before
            FROM men
        )
        SELECT left_id, least(sum(p), 1.0) AS in_register,
               count(*) FILTER (WHERE before < {threshold}) AS needed
        FROM running GROUP BY left_id""").to_arrow_table()


def with_status(decided: Any, standing: Any, threshold: float) -> Any:
    """The decided pairs (the contract's five columns and ``right_man``) with the entry's
    status columns after the five, in the same order of rows."""
    import duckdb

    con = duckdb.connect()
    con.register("decided", decided)
    con.register("standing", standing)
    return con.sql(f"""
        WITH taken AS (
            SELECT left_id, count(DISTINCT right_man) FILTER (WHERE is_match) AS men
            FROM decided GROUP BY left_id
        ), status AS (
            SELECT s.left_id,
                   CASE WHEN t.men > 0 THEN '{MATCHED}'
                        WHEN s.in_register >= {threshold} THEN '{AMBIGUOUS}'
                        ELSE '{NOT_IN_REGISTER}' END AS entry_status,
                   CASE WHEN t.men > 0 THEN t.men
                        WHEN s.in_register >= {threshold} THEN s.needed
                        ELSE 0 END AS entry_men,
                   round(s.in_register, 6) AS entry_in_register
            FROM standing s JOIN taken t USING (left_id)
        )
        SELECT d.left_id, d.right_id, d.match_probability, d.match_weight, d.is_match,
               s.entry_status, s.entry_men, s.entry_in_register, d.right_man
        FROM decided d JOIN status s USING (left_id)
        ORDER BY d.left_id, d.match_probability DESC, d.right_id""").to_arrow_table()
