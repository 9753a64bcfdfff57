"""An article body as safe HTML: the checks' Markdown parser, then the nh3 sanitizer.

Raw HTML in Markdown is allowed (offices paste it), so whatever the renderer emits goes through
nh3 (the Rust ``ammonia`` sanitizer) before it reaches a page: no ``<script>``, no ``on*=``
handler and no ``javascript:`` URL survives, whatever the article holds.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from bilingual.model import MAX_BLOCK

if TYPE_CHECKING:
    import nh3
    from markdown_it.token import Token

#: Tags a news article may use; anything else is dropped with its markup, keeping its text.
_TAG_NAMES = """a abbr b blockquote br caption cite code dd del details div dl dt em figcaption
    figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary
    sup table tbody td tfoot th thead tr u ul"""
TAGS = frozenset(_TAG_NAMES.split())
ATTRIBUTES = {
    "*": {"title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "code": {"class"},  # language-python, from a fenced block's info string
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
#: Link schemes a page may point to; a relative URL is always allowed.
SCHEMES = frozenset({"http", "https", "mailto"})
#: Chinese (and full-width) characters either side of a line break: Chinese has no spaces
#: between words, so a source line break inside a sentence must not become one.
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def render_body(markdown: str, title: str = "") -> str:
    """The body's HTML, sanitized; a first heading repeating ``title`` is left out, as the
    page shows the title above the body."""
    from bilingual.parse.markdown import parser

    md = parser()
    tokens = md.parse(markdown)
    tokens = _without_title(tokens, title)
    for token in tokens:
        if token.type == "inline":
            _prepare_inline(token)
    html = md.renderer.render(tokens, md.options, {})
    return _cleaner().clean(html)


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """The sanitizer, made once: making it is half the time of cleaning a page with it."""
    import nh3

    return nh3.Cleaner(
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _without_title(tokens: list[Token], title: str) -> list[Token]:
    if (
        len(tokens) >= 3
        and tokens[0].type == "heading_open"
        and " ".join(tokens[1].content.split()) == " ".join(title.split())
    ):
        return tokens[3:]
    return tokens


def _prepare_inline(token: Token) -> None:
    """Text the parser left unparsed (over ``MAX_BLOCK`` characters) is shown as plain text
    rather than dropped; soft breaks between Chinese characters are removed."""
    from markdown_it.token import Token as MdToken

    if not token.children and len(token.content) > MAX_BLOCK:
        token.children = [MdToken("text", "", 0, content=token.content)]
        return
    children = token.children or []
    kept: list[Token] = []
    for n, child in enumerate(children):
        if child.type == "softbreak" and 0 < n < len(children) - 1:
            before, after = children[n - 1].content, children[n + 1].content
            if before and after and _CJK.match(before[-1]) and _CJK.match(after[0]):
                continue
        kept.append(child)
    token.children = kept
