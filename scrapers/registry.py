"""The one list of supported papers: adding a paper is one module plus one line here."""

from __future__ import annotations

from scrapers import hbrb, sjzrb
from scrapers.base import Source

_SOURCES: dict[str, Source] = {
    sjzrb.SOURCE.code: sjzrb.SOURCE,
    hbrb.SOURCE.code: hbrb.SOURCE,
}


def get_source(code: str) -> Source:
    try:
        return _SOURCES[code]
    except KeyError:
        raise KeyError(f"unknown newspaper code {code!r}; known: {sorted(_SOURCES)}") from None


def all_sources() -> list[Source]:
    return list(_SOURCES.values())
