"""Stable URIs of what tagdyr publishes, minted under the deployment's ``base_url``.

A person's URI is its public uid (kept when persons are re-linked: a folded person's URI
redirects to the person it was merged into); a source's is its key; a record's is its source's
URI with the record's number as fragment; a claim's is its record's with the claim's number.
"""

from __future__ import annotations

VOCABULARY = "https://w3id.org/tagdyr/vocab#"  # the documented tagdyr terms (docs/vocabulary.md)


def person_uri(base: str, uid: str) -> str:
    return f"{base}/person/{uid}"


def source_uri(base: str, key: str) -> str:
    return f"{base}/source/{key}"


def record_uri(base: str, source_key: str, record_id: int) -> str:
    return f"{source_uri(base, source_key)}#record-{record_id}"


def claim_uri(base: str, source_key: str, record_id: int, claim_id: int) -> str:
    return f"{record_uri(base, source_key, record_id)}-claim-{claim_id}"
