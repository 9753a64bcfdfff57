"""Translation checks: Chinese left in the English, and prose copied across untranslated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.model import Bead, Finding, Pair
from bilingual.text import HAN, HAN_CHAR, LINK

#: A name given in both scripts: a capitalised Latin word, then a short Han form in brackets
#: ("Zhu Xinyuan (朱新远)", "Shanghai Jiao Tong University (上海交通大学)"). Longer Chinese in
#: brackets is a sentence left untranslated, not a name.
_BOTH_SCRIPTS = re.compile(r"(\b[A-Z][\w.'-]*) ?[(（]\s*([^()（）]{1,16}?)\s*[)）]")
_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·]{1,12}")
_WORD = re.compile(r"[A-Za-z]{2,}")
#: Fewer words than this may be the same in both languages: names, titles, acronyms.
_IDENTICAL_MIN_WORDS = 6
_PROSE = frozenset({"paragraph", "list_item", "blockquote", "heading", "table"})


def chinese_runs(text: str, code: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> list[str]:
    """Runs of Chinese in English ``text`` that are not code, URLs, names in both scripts or
    allowed strings."""
    if not HAN_CHAR.search(text):
        return []
    for span in code:
        text = text.replace(span, " ")
    text = LINK.sub(" ", text)
    text = _BOTH_SCRIPTS.sub(
        lambda m: m.group(1) if _NAME.fullmatch(m.group(2)) else m.group(0), text
    )
    for allowed in allow:
        text = text.replace(allowed, " ")
    return [run.strip() for run in HAN.findall(text) if run.strip()]


def _shown(runs: list[str]) -> str:
    return "、".join(runs[:3]) + ("…" if len(runs) > 3 else "")


@check("T101", "untranslated", scope=Scope.PAIR)
def untranslated(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """Chinese text is left in the English, or a prose block is identical on both sides.

    ## What it does
    Reports Chinese characters in the English text (body, `title` and `summary`), and a
    paragraph, heading, list item, quote or table that is the same on both sides. Not reported:
    code, URLs, a name given in both scripts such as `Zhu Xinyuan (朱新远)`, HTML comments, and
    strings listed under `checks.untranslated.allow` in `bilingual.yaml`.

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
    if pair.en is None:
        return
    allow = tuple(ctx.settings.untranslated_allow)
    for key in ("title", "summary"):
        value = pair.en.meta.get(key)
        runs = chinese_runs(value, allow=allow) if isinstance(value, str) else []
        if runs:
            zh_line = pair.zh.meta_lines.get(key) if pair.zh else None
            yield ctx.finding(
                f"Chinese text left in the English {key}: {_shown(runs)}",
                zh=zh_line,
                en=pair.en.meta_lines.get(key, 1),
                en_excerpt=_shown(runs),
                primary="en",
            )
    for bead in ctx.beads:
        yield from _bead(bead, ctx, allow)


def _bead(bead: Bead, ctx: CheckContext, allow: tuple[str, ...]) -> Iterator[Finding]:
    for block in bead.en:
        runs = chinese_runs(block.text, block.code, allow)
        if runs:
            yield ctx.finding(
                f"Chinese text left in the English: {_shown(runs)}",
                zh=bead.zh[0] if bead.zh else None,
                en=block,
                en_excerpt=_shown(runs),
                primary="en",
            )
    if len(bead.zh) == len(bead.en) == 1:
        zh, en = bead.zh[0], bead.en[0]
        if (
            zh.kind in _PROSE
            and zh.text == en.text
            and len(_WORD.findall(LINK.sub(" ", zh.text))) >= _IDENTICAL_MIN_WORDS
        ):
            yield ctx.finding("this block is identical on both sides: untranslated?", zh=zh, en=en)
