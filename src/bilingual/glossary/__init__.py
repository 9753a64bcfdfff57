"""The glossary: a term base in ``glossary.yaml`` that the checks enforce.

``model`` holds terms, ``store`` reads the file, ``match`` finds terms in text with one
compiled pattern per language built from a trie of all terms.
"""

from __future__ import annotations

from bilingual.glossary.model import Glossary, Term

__all__ = ["Glossary", "Term"]
