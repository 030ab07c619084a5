"""Inputs into documents: files, directories and standard input, in every form.

``sources`` does the I/O and the walk, ``forms`` tells and parses the forms of whole
inputs, ``linestreams`` the JSON-lines and ``lines`` streams, ``pylist`` the plain shape
of a Python list. Nothing here imports click or rich.
"""

from .sources import ReadOptions, read_sources, read_stream
from .walk import Walk

__all__ = ["ReadOptions", "Walk", "read_sources", "read_stream"]
