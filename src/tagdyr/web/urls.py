"""The public address of this tagdyr, for URIs and citations: ``TAGDYR_BASE_URL`` when it is
set, else the address the request came to (never a fixed port)."""

from __future__ import annotations

from fastapi import Request


def public_base(request: Request) -> str:
    settings = request.app.state.settings
    if "base_url" in settings.model_fields_set:
        return str(settings.base_url).rstrip("/")
    return str(request.base_url).rstrip("/")
