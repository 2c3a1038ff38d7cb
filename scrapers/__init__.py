"""Scrapers for the Founder (方正) e-papers of Hebei newspapers.

One module per paper (``sjzrb``, ``hbrb``), registered in ``registry``; the
shared pieces (polite HTTP, decoding, crawling an edition) are paper-agnostic
so that adding a paper means adding one module and one registry line.
"""
