"""``newsfrag clean``: what of a document is article, and its markup cleaned.

``fragments.py`` walks each fragment's markup and runs the decision; ``classify.py``
decides from the evidence ``signals.py`` gathers; ``repeats.py`` counts fragments that
recur across a run.
"""

from .fragments import KEPT_TAGS, Cleaned, Dropped, clean_document, clean_fragments, clean_markup

__all__ = ["KEPT_TAGS", "Cleaned", "Dropped", "clean_document", "clean_fragments", "clean_markup"]
