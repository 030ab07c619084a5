"""newsfrag: read, clean and measure news fragment files.

The core is plain Python, usable without the command line::

    from newsfrag.read import read_sources
    from newsfrag.text import document_paragraphs

    for doc in read_sources(["corpus/"]):
        if not isinstance(doc, Exception):  # an input that could not be read
            print(doc.source, document_paragraphs(doc))
"""

from __future__ import annotations

__version__ = "0.1.0"
