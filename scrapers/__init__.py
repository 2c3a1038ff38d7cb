"""Scrapers for the Founder (方正) e-papers of Hebei newspapers.

One parser for the whole product (``founder``); a paper is a registry entry
(``registry``: host, URL scheme, home region). The shared pieces (polite HTTP,
decoding, crawling an edition, drift checks) are paper-agnostic.
"""
