"""Translation checks: Chinese left in the English, and prose copied across untranslated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.model import Bead, Block, Finding, Pair
from bilingual.text import HAN, HAN_CHAR, LINK, scan

#: A name given in both scripts: a capitalised name (or quoted or emphasised title), then a short
#: Han form in brackets: "Zhu Xinyuan (朱新远)", "Peking University (北京大学, PKU)",
#: *Red Sorghum* (《红高粱》). Longer Chinese in brackets is a clause left untranslated.
_BOTH_SCRIPTS = re.compile(r"(\b[A-Z0-9][\w.'-]*[\"'”’*_]*) ?[(（]\s*([^()（）]{1,40}?)\s*[)）]")
_NAME = re.compile(
    r"《?[\u3400-\u9fff\uf900-\ufaff·]{1,12}》?(?:\s*[,，、]\s*[A-Za-z][A-Za-z.&\- ]{0,20})?"
)
#: Translators' markers for "not translated yet": never a name.
_MARKERS = frozenset({"待译", "待翻译", "未译", "未翻译", "待补充", "待定", "待校"})
_WORD = re.compile(r"[A-Za-z]{2,}")
#: Fewer words than this may be the same in both languages: names, titles, acronyms.
_IDENTICAL_MIN_WORDS = 6
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: A run of Latin words and the punctuation between them.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ ,;:]+[A-Za-z0-9][A-Za-z0-9'’\-]*)+")
_LATIN_LETTER = re.compile("[A-Za-z]")
#: A run's first word: where a run does not start, it starts nowhere else in this word.
_LATIN_WORD_CHARS = re.compile(r"[A-Za-z0-9'’\-]+")
_ENGLISH_MIN_WORDS = 8
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "by",
        "from",
        "as",
    ]
)
_SHOWN = 30
_PROSE = frozenset({"paragraph", "list_item", "blockquote", "heading", "table"})


def chinese_runs(text: str, code: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> list[str]:
    """Runs of Chinese in English ``text`` that are not code, URLs, names in both scripts or
    allowed strings."""
    if text.isascii() or not HAN_CHAR.search(text):
        return []
    for span in code:
        text = text.replace(span, " ")
    text = LINK.sub(" ", text)
    text = _BOTH_SCRIPTS.sub(_drop_name, text)
    for allowed in allow:
        text = text.replace(allowed, " ")
    return [run.strip() for run in HAN.findall(text) if run.strip()]


def _drop_name(match: re.Match[str]) -> str:
    inner = match.group(2)
    if _NAME.fullmatch(inner) and inner not in _MARKERS:
        return match.group(1)
    return match.group(0)


def english_runs(text: str, code: tuple[str, ...] = (), allow: tuple[str, ...] = ()) -> list[str]:
    """English sentences in Chinese ``text``: runs of Latin words long enough, and with enough
    function words, to be prose rather than a name or a title ("AI for Science")."""
    if not text.isascii() and not _LATIN_WORD.search(text):
        return []
    for span in (*code, *allow):
        text = text.replace(span, " ")
    text = LINK.sub(" ", text)
    found = []
    for match in scan(_LATIN_RUN, _LATIN_LETTER, text, _LATIN_WORD_CHARS):
        words = match.group(0).lower().split()
        if len(words) >= _ENGLISH_MIN_WORDS and sum(w in _FUNCTION_WORDS for w in words) >= 2:
            found.append(match.group(0).strip())
    return found


def _shown(runs: list[str]) -> str:
    """Up to three runs, each cut to 30 characters, for the message."""
    clipped = [run if len(run) <= _SHOWN else run[: _SHOWN - 1] + "…" for run in runs[:3]]
    return "、".join(clipped) + ("…" if len(runs) > 3 else "")


@check("T101", "untranslated", scope=Scope.PAIR)
def untranslated(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """Text is left in the other language, or a prose block is identical on both sides.

    ## What it does
    Reports Chinese characters in the English text and English sentences (eight words or more,
    with function words such as "the" and "of") in the Chinese text, in the body, `title` and
    `summary`; and a paragraph, heading, list item, quote or table that is the same on both
    sides. Not reported: code, URLs, a name given in both scripts such as
    `Zhu Xinyuan (朱新远)`, names and titles kept in English in the Chinese ("AI for Science"),
    HTML comments, and strings listed under `checks.untranslated.allow` in `bilingual.yaml`.

    ## What it does not report
    Identical blocks that hold no prose to translate: commands and code spans, lists of names,
    kinds or API groups, tables of keys and values, contributor handles (fewer than six words
    outside code and URLs, or fewer than two function words among them); English names and
    titles in the Chinese shorter than eight words.

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
    if pair.zh is not None:
        for key in ("title", "summary"):
            value = pair.zh.meta.get(key)
            runs = english_runs(value, allow=allow) if isinstance(value, str) else []
            if runs:
                yield ctx.finding(
                    f"English text left in the Chinese {key}: {_shown(runs)}",
                    zh=pair.zh.meta_lines.get(key, 1),
                    en=pair.en.meta_lines.get(key),
                    zh_excerpt=_shown(runs),
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
    for block in bead.zh:
        if block.kind == "code" or (bead.en and block.text == bead.en[0].text):
            continue  # code is code; a copied block is reported once, below
        runs = english_runs(block.text, block.code, allow)
        if runs:
            yield ctx.finding(
                f"English text left in the Chinese: {_shown(runs)}",
                zh=block,
                en=bead.en[0] if bead.en else None,
                zh_excerpt=_shown(runs),
            )
    if len(bead.zh) == len(bead.en) == 1:
        zh, en = bead.zh[0], bead.en[0]
        if zh.kind in _PROSE and zh.text == en.text and _is_prose(zh):
            yield ctx.finding("this block is identical on both sides: untranslated?", zh=zh, en=en)


def _is_prose(block: Block) -> bool:
    """Whether a block says something in words, which a translation must change: enough words
    outside code and URLs, with function words among them. A list of commands, kinds or API
    groups, a table of keys, or a contributor list is rightly the same in both languages."""
    text = LINK.sub(" ", block.text)
    for span in block.code:
        text = text.replace(span, " ")
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _IDENTICAL_MIN_WORDS:
        return False
    return sum(w in _FUNCTION_WORDS for w in words) >= 2
