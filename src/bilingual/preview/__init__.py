"""``bilingual preview``: one article's two sides, block by block as ``check`` aligns them.

``view`` gathers what is shown (the pair, its beads, each finding beside its block), ``render``
draws it with rich, ``show`` puts it on the console, through the pager or again on each change.
"""
