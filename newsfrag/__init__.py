"""newsfrag: read, clean and measure news fragment files.

The core is plain Python, usable without the command line::

    from newsfrag import read_path, document_paragraphs
    for doc in read_path("corpus/"):
        print(doc.source, document_paragraphs(doc))
"""

from __future__ import annotations

__version__ = "0.1.0"
