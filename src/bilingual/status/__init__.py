"""The newsroom's status board (``bilingual status``): one row per article, with the state of
each side, whether the translation is in sync with its original, and what ``check`` found.

``board`` reads the rows (front matter only) and the findings (through the result cache);
``text`` and ``json`` render them.
"""
