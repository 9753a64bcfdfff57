"""Where a term is used across the articles of a content root."""

from __future__ import annotations

from pathlib import Path

from bilingual.glossary.match import matcher
from bilingual.glossary.model import Glossary, Term
from bilingual.parse.discover import article_folders, load_pair


def describe(root: Path, glossary: Glossary, term: Term) -> str:
    """The term's fields, then each place it appears (path:line) in either language."""
    lines = [f"{term.zh} = {term.en}"]
    if term.variants:
        lines.append(f"  also: {', '.join(term.variants)}")
    if term.forbidden:
        lines.append(f"  never: {', '.join(term.forbidden)}")
    if term.note:
        lines.append(f"  note: {term.note}")
    match = matcher(glossary)
    places = []
    for folder in article_folders(root):
        pair = load_pair(root, folder)
        for article, hits in ((pair.zh, match.zh_terms), (pair.en, match.en_renderings)):
            for block in article.blocks if article else ():
                for hit in hits(block.text):
                    if hit.term.zh == term.zh:
                        places.append(
                            f"  {article.path}:{block.line}  {hit.text}"
                            + ("  (forbidden)" if hit.kind == "forbidden" else "")
                        )
    lines.append(
        f"used {len(places)} time{'s' if len(places) != 1 else ''}:"
        if places
        else "not used in any article"
    )
    return "\n".join(lines + places) + "\n"
