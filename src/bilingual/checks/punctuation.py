"""Punctuation checks: each language's own punctuation, and brackets and quotes that close."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.model import LANGS, Block, Finding, Pair, Severity
from bilingual.text import LINK

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
#: Full-width punctuation in English text, unless it touches Chinese (which untranslated reports).
#: Curly quotes belong to both languages.
_FULL_WIDTH = re.compile(rf"(?<!{_HAN})[，。；：！？（）【】《》、](?!{_HAN})")
#: ASCII commas, periods and the like between Chinese characters: 上海,北京 for 上海，北京. The
#: Chinese before the mark is tested from after it, so that ``re`` skips to the marks.
_ASCII_IN_CHINESE = re.compile(rf"[,.;:!?](?<={_HAN}[,.;:!?])(?=\s*{_HAN})")
#: The brackets and quotes of each language. English text is tested mark by mark: a substring
#: test is several times cheaper than a pattern over ASCII text (in Chinese, with twice the
#: marks, it is not).
_ZH_MARKS = re.compile("[（()）【】《》“”‘’「」]")
_EN_MARKS = "()[]“”\"'"
_LIST_MARKER = re.compile(r"^\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2}|[A-Za-z])[)）]")
#: Feet and inches (5'10", 6.5"): a short number and its mark, not the end of a quoted name
#: ("quick-exit:v1.0.0").
_INCHES = re.compile(r"(?<![A-Za-z0-9.:/_-])([0-9]{1,3}(?:\.[0-9]+)?)[\"']")
#: Arrows drawn with brackets: Deployment =》 ReplicaSet.
_ARROWS = re.compile("[=-]+》|《[=-]+")
_PAIRS = {
    "zh": (("（(", "）)"), ("【", "】"), ("《", "》"), ("“", "”"), ("‘", "’"), ("「", "」")),
    # In English ’ is also the apostrophe (SJTU’s), so single quotes are not counted.
    "en": (("(", ")"), ("[", "]"), ("“", "”")),
}


def _prose(block: Block) -> str:
    text = block.text
    for span in block.code:
        text = text.replace(span, " ")
    return LINK.sub(" ", text) if ("://" in text or "@" in text) else text


def problems(text: str, lang: str) -> list[str]:
    """What is wrong with the punctuation of ``text`` in ``lang``, one phrase per problem."""
    found = []
    if lang == "en":
        marks = [] if text.isascii() else sorted(set(_FULL_WIDTH.findall(text)))
        if marks:
            found.append(f"full-width {' '.join(marks)} in English text")
    else:
        ascii_marks = _holds_any(text, ",.;:!?")
        marks = sorted(set(_ASCII_IN_CHINESE.findall(text))) if ascii_marks else []
        if marks:
            found.append(f"ASCII {' '.join(marks)} between Chinese characters")
    if not (_holds_any(text, _EN_MARKS) if lang == "en" else _ZH_MARKS.search(text)):
        return found  # no bracket or quote at all: nothing can be unbalanced
    if ")" in text[:4] or "）" in text[:4]:
        text = _LIST_MARKER.sub("", text, count=1)  # 1） and a) open no bracket
    if '"' in text or "'" in text:
        text = _INCHES.sub(r"\1", text)  # 5'10": feet and inches, not quotes
    if "》" in text or "《" in text:
        text = _ARROWS.sub(" ", text)
    for opens, closes in _PAIRS[lang]:
        opened, closed = sum(map(text.count, opens)), sum(map(text.count, closes))
        if opened == closed + 1 and text.lstrip().startswith(opens):
            continue  # a paragraph of a longer quotation: only the last one closes it
        if opened != closed:
            found.append(f"unbalanced {opens[0]}{closes[0]}")
    if lang == "en" and text.count('"') % 2 and not text.lstrip().startswith('"'):
        found.append('unbalanced "')
    return found


def _holds_any(text: str, marks: str) -> bool:
    for mark in marks:  # noqa: SIM110 - any() over a generator costs twice as much
        if mark in text:
            return True
    return False


@check("P101", "punctuation", severity=Severity.WARNING, scope=Scope.PAIR)
def punctuation(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """Punctuation of the other language, or brackets and quotes that do not close.

    ## What it does
    Reports full-width punctuation (，。（） and the like) inside English text, ASCII commas,
    periods and other marks between Chinese characters, and brackets and quotes left open or
    closed twice on either side. Full-width and ASCII round brackets count as one kind in
    Chinese, where both are used. Code and URLs are left alone.

    ## What it does not report
    Code, URLs and e-mail addresses; list markers written `1)` or `1）`; inch and foot marks
    after short numbers (5'11"); arrows drawn with a bracket (`A =》 B`); a quotation
    continued across paragraphs (an opening mark without a closing one at the end of a
    paragraph that the next one continues); and full-width marks next to Chinese quoted in the
    English (`Zhu Xinyuan (朱新远)`).

    ## Why is this bad?
    Mixed punctuation is the visible trace of copy and paste between the two languages, and an
    unclosed bracket or quote often marks text that was cut off.

    ## Example
    ```markdown
    上海,北京和深圳的高校（共30所参加。       The forum，held in Shanghai, ...
    ```
    Use instead: `上海、北京和深圳的高校（共30所）参加。` and `The forum, held in Shanghai, ...`
    """
    for lang in LANGS:
        article = pair.side(lang)
        for block in article.blocks if article else ():
            if block.kind == "code":
                continue
            found = problems(_prose(block), lang)
            if found:
                yield ctx.finding(
                    f"{lang}.md:{block.line}: {'; '.join(found)}", **{lang: block}, primary=lang
                )
