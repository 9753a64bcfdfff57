"""Machine-translation drafts (``bilingual translate``), the translation memory and TMX exchange.

``settings`` is the ``translate:`` section of ``bilingual.yaml``; ``providers`` wraps
deep-translator's classes (errors, retries, deadlines); ``segment`` and ``protect`` keep a body's
Markdown and the glossary's terms through the service; ``memory`` is the SQLite memory under
``.bilingual/``; ``exchange`` feeds it from the articles and writes and reads TMX and CSV;
``draft`` makes one article's draft, ``run`` a whole run, and ``report`` says what it did.
"""
