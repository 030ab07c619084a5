"""``newsfrag clean``: what of a document is article, and its markup cleaned.

``decide.py`` runs the drops in their order; ``fragments.py`` cleans each fragment's
markup; ``classify.py`` decides from the evidence that ``signals.py`` (a fragment's own)
and ``place.py`` (its place in the document) gather, with the weights of ``model.py``;
``repeats.py`` counts fragments that recur across a run.
"""

from .decide import Cleaned, Dropped, clean_document, clean_fragments
from .fragments import KEPT_TAGS, clean_markup

__all__ = ["KEPT_TAGS", "Cleaned", "Dropped", "clean_document", "clean_fragments", "clean_markup"]
