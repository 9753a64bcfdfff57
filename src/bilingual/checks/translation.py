"""Translation checks: Chinese left in the English, and prose copied across untranslated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilingual.checks.registry import CheckContext, check
from bilingual.model import Bead, Block, Finding

#: Han ideographs (CJK unified, extension A and B+, compatibility) and CJK punctuation.
HAN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f\u3000-\u303f\uff01-\uff5e"
    r"\u201c\u201d\u2018\u2019\u00b7\u2014\u2026]*"
)
_URL = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: A name given in both scripts: a capitalised Latin word, then the Han form in brackets.
_BOTH_SCRIPTS = re.compile(r"(\b[A-Z][\w.'-]*) ?[(（]\s*([^()（）]+?)\s*[)）]")
_WORD = re.compile(r"[A-Za-z]{2,}")
#: Fewer words than this may be the same in both languages: names, titles, acronyms.
_IDENTICAL_MIN_WORDS = 6
_PROSE = frozenset({"paragraph", "list_item", "blockquote", "heading", "table"})


def chinese_runs(block: Block, allow: tuple[str, ...] = ()) -> list[str]:
    """Runs of Chinese in an English block that are not code, URLs, names in both scripts or
    allowed strings."""
    text = block.text
    if not HAN.search(text):
        return []
    for code in block.code:
        text = text.replace(code, " ")
    text = _URL.sub(" ", text)
    text = _BOTH_SCRIPTS.sub(
        lambda m: m.group(1) if HAN.fullmatch(m.group(2)) else m.group(0), text
    )
    for allowed in allow:
        text = text.replace(allowed, " ")
    return [run.strip() for run in HAN.findall(text) if run.strip()]


@check("T101", "untranslated")
def untranslated(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """Chinese text is left in the English, or a prose block is identical on both sides.

    ## What it does
    Reports Chinese characters in the English text, and a paragraph, heading, list item or quote
    that is the same on both sides. Not reported: code, URLs, a name given in both scripts such
    as `Zhu Xinyuan (朱新远)`, and strings listed under `checks.untranslated.allow` in
    `bilingual.yaml`.

    ## Why is this bad?
    Chinese left in an English page is unreadable to its audience; it usually marks a sentence
    the translator skipped or meant to come back to. A block copied unchanged from the other
    side has not been translated at all.

    ## Example
    ```markdown
    The forum was attended by 七百余位嘉宾.
    ```
    Use instead: `The forum was attended by more than 700 guests.`
    """
    allow = tuple(ctx.settings.untranslated_allow)
    for block in bead.en:
        runs = chinese_runs(block, allow)
        if runs:
            shown = "、".join(runs[:3]) + ("…" if len(runs) > 3 else "")
            yield ctx.finding(
                f"Chinese text left in the English: {shown}",
                zh=bead.zh[0] if bead.zh else None,
                en=block,
                en_excerpt=shown,
            )
    if len(bead.zh) == len(bead.en) == 1:
        zh, en = bead.zh[0], bead.en[0]
        if (
            zh.kind in _PROSE
            and zh.text == en.text
            and len(_WORD.findall(_URL.sub(" ", zh.text))) >= _IDENTICAL_MIN_WORDS
        ):
            yield ctx.finding("this block is identical on both sides: untranslated?", zh=zh, en=en)
