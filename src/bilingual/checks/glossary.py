"""Glossary checks: terms rendered as the term base says, and forbidden renderings nowhere."""

from __future__ import annotations

from collections.abc import Iterator

from bilingual.checks.registry import CheckContext, Scope, check
from bilingual.glossary.match import (
    ALLOWED,
    FORBIDDEN,
    Matcher,
    inflected,
    matcher,
    without_code,
)
from bilingual.model import Article, Bead, Finding, Pair, Severity


def _quoted(renderings: tuple[str, ...]) -> str:
    return " or ".join(f'"{r}"' for r in renderings)


@check("G101", "glossary-term")
def glossary_term(bead: Bead, ctx: CheckContext) -> Iterator[Finding]:
    """A glossary term is not rendered as the glossary says in the aligned block.

    ## What it does
    For each term of `glossary.yaml` found in a Chinese block, looks in its English counterpart
    for the preferred rendering or one of the variants. A *name* (every rendering has a capital
    letter: "Shanghai Jiao Tong University", "WeChat") that is not there is an error.
    *Terminology* (a rendering in lower case: "control plane") is also found inflected
    ("co-located" for "co-location", "operational" for "operations"), and when it is not there
    it is a warning: translators render a common term by a synonym for good reasons. The other
    way round, a name (or terminology written as one, "Top-Level Project") found in an English
    block whose counterpart lacks the Chinese term is a warning, unless the Chinese block writes
    the English name itself (CNCF, OAM), or the term was named earlier in the Chinese (news
    Chinese names an institution once, then says 学校 or 该校 where the English repeats
    "SJTU"). Matching takes the longest term first, English on word boundaries, across line
    breaks, with plurals and possessives (SJTU's), in the case the term asks for (acronyms
    exactly), and never inside a URL.

    ## What it does not report
    As an error, a name the English already gave in full earlier (in the title or a block
    before), where news English may say "the bank" or "it": that is a warning. Terminology
    written in lower case in an English block whose Chinese lacks the term ("workflow",
    "operations" are common words in many senses); a term rendered in a neighbouring block when
    the two sides split a paragraph differently and alignment pairs them apart; a Chinese term
    inside a longer word that is another term (运维特征, "trait"), which the glossary should list.

    ## Why is this bad?
    An institution named three ways across a news site confuses readers and search engines, and
    official names are not a matter of style: 上海交通大学 is "Shanghai Jiao Tong University".

    ## Example
    ```markdown
    张江科学会堂举行论坛。            The forum was held at the Zhangjiang Science Center.
    ```
    Use instead: `the Zhangjiang Science Hall` (the glossary's rendering).
    """
    if ctx.glossary is None or not bead.zh or not bead.en:
        return
    match = matcher(ctx.glossary)
    zh_hits = [hit for block in bead.zh for hit in match.zh_terms(block.text)]
    en_hits = [hit for block in bead.en for hit in match.en_renderings(block.text)]
    rendered = {hit.term.zh for hit in en_hits}  # any rendering, forbidden ones included
    seen: set[str] = set()
    for hit in zh_hits:
        if hit.term.zh in rendered or hit.term.zh in seen:
            continue
        seen.add(hit.term.zh)
        name = hit.term.is_name
        if not name and any(inflected(hit.term, block.text) for block in bead.en):
            continue  # co-located for co-location, operational for operations
        # Named in full earlier, the English may say "the bank" or "it" here: a warning.
        earlier = name and _rendered_before(ctx.pair.en, match, bead.en[0].line).get(hit.term.zh)
        yield ctx.finding(
            f"{hit.term.zh} in zh.md:{bead.zh[0].line} is not rendered as "
            f"{_quoted(hit.term.allowed)} in en.md:{bead.en[0].line}",
            zh=bead.zh[0],
            en=bead.en[0],
            zh_excerpt=hit.term.zh,
            primary="en",
            severity=None if name and not earlier else Severity.WARNING,
        )
    in_chinese = {hit.term.zh for hit in zh_hits}
    # Chinese prose often keeps the English name or acronym itself (CNCF, OAM, namespace).
    in_chinese.update(hit.term.zh for block in bead.zh for hit in match.en_renderings(block.text))
    for hit in en_hits:
        if not (hit.term.is_name or any(char.isupper() for char in hit.text[1:])):
            continue  # "workflow", "operations": common words in many senses prove nothing
        if hit.kind == ALLOWED and hit.term.zh not in in_chinese and hit.term.zh not in seen:
            seen.add(hit.term.zh)
            mentioned = _first_mentions(ctx.pair.zh, match).get(hit.term.zh)
            if mentioned is not None and mentioned < bead.zh[0].line:
                continue  # named before, then 学校 / 该校 / 交大: English repeats the name
            yield ctx.finding(
                f'"{hit.text}" in en.md:{bead.en[0].line} has no {hit.term.zh} in '
                f"zh.md:{bead.zh[0].line}",
                zh=bead.zh[0],
                en=bead.en[0],
                en_excerpt=hit.text,
                severity=Severity.WARNING,
                primary="en",
            )


_RENDERED: list[tuple[Article, Matcher, dict[str, int]]] = []


def _rendered_before(article: Article | None, match: Matcher, line: int) -> dict[str, bool]:
    """The terms whose allowed rendering the English title or a block before ``line`` has."""
    if article is None:
        return {}
    if not (_RENDERED and _RENDERED[0][0] is article and _RENDERED[0][1] is match):
        found: dict[str, int] = {}
        title = article.meta.get("title")
        texts = [(0, title)] if isinstance(title, str) else []
        for at, text in [*texts, *((b.line, b.text) for b in article.blocks)]:
            for hit in match.en_renderings(text):
                if hit.kind == ALLOWED:
                    found.setdefault(hit.term.zh, at)
        _RENDERED[:] = [(article, match, found)]  # one article at a time, as _MENTIONS
    return {zh: True for zh, at in _RENDERED[0][2].items() if at < line}


_MENTIONS: list[tuple[Article, Matcher, dict[str, int]]] = []


def _first_mentions(article: Article | None, match: Matcher) -> dict[str, int]:
    """The line where each glossary term first appears in an article (its title is line 0)."""
    if article is None:
        return {}
    if _MENTIONS and _MENTIONS[0][0] is article and _MENTIONS[0][1] is match:
        return _MENTIONS[0][2]
    found: dict[str, int] = {}
    title = article.meta.get("title")
    texts = [(0, title)] if isinstance(title, str) else []
    for line, text in [*texts, *((b.line, b.text) for b in article.blocks)]:
        for hit in [*match.zh_terms(text), *match.en_renderings(text)]:
            found.setdefault(hit.term.zh, line)
    _MENTIONS[:] = [(article, match, found)]  # one article at a time: checks run pair by pair
    return found


@check("G102", "forbidden-variant", scope=Scope.PAIR)
def forbidden_variant(pair: Pair, ctx: CheckContext) -> Iterator[Finding]:
    """The English uses a rendering the glossary forbids.

    ## What it does
    Reports every forbidden rendering of a glossary term anywhere in the English (body, title
    and summary; not in code), with the preferred rendering to use instead. `check --fix`
    replaces them.

    ## What it does not report
    A forbidden rendering in code or a URL, and another casing of a forbidden rendering that
    differs from an allowed one only in case (XiaoHongShu forbidden, Xiaohongshu allowed:
    only "XiaoHongShu" itself is reported).

    ## Why is this bad?
    Forbidden renderings are the known wrong ones — an old official name, a common misspelling
    ("Shanghai Jiaotong University"); a glossary lists them precisely because they keep coming
    back.

    ## Example
    ```markdown
    Shanghai Jiaotong University hosted the forum.
    ```
    Use instead: `Shanghai Jiao Tong University hosted the forum.`
    """
    if ctx.glossary is None or pair.en is None:
        return
    match = matcher(ctx.glossary)
    for key in ("title", "summary"):
        value = pair.en.meta.get(key)
        for hit in match.en_renderings(value) if isinstance(value, str) else ():
            if hit.kind == FORBIDDEN:
                yield ctx.finding(
                    f'"{hit.text}" in the English {key} is a forbidden rendering of '
                    f'{hit.term.zh}: use "{hit.term.en}"',
                    en=pair.en.meta_lines.get(key, 1),
                    en_excerpt=hit.text,
                    primary="en",
                )
    for block in pair.en.blocks:
        if block.kind == "code":
            continue
        for hit in match.en_renderings(without_code(block)):
            if hit.kind == FORBIDDEN:
                yield ctx.finding(
                    f'"{hit.text}" in en.md:{block.line} is a forbidden rendering of '
                    f'{hit.term.zh}: use "{hit.term.en}"',
                    en=block,
                    en_excerpt=hit.text,
                    primary="en",
                )
