"""Markdown bodies to blocks with source line numbers, using markdown-it-py (CommonMark + tables).

A block is what a translator aligns: a heading, a paragraph, a list item (nested items are their
own blocks), a block quote (one block, whatever it holds), an image standing alone, a table, a
code block, or raw HTML. HTML comments are not content; a comment
``<!-- bilingual-ignore: CODE, slug -->`` switches those checks off for the block after it (or,
inside a list item, quote or paragraph, for that block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from bilingual.model import MAX_BLOCK, Block, Oversize
from bilingual.parse.html import html_targets, link_target, prose_markup, without_tags
from bilingual.text import HAN_RUN, comments, find_links, strip_comments

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

_IGNORE = "bilingual-ignore"
_SPACE = re.compile(r"\s+")
#: A line break between two Chinese characters joins them: Chinese has no spaces between words.
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")
#: Han characters; an indented block that is mostly Chinese is a paragraph a writer indented
#: (a first-line indent), not code.
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PROSE_SHARE = 0.4
_WORD = re.compile(r"[^\W_]")
_NOT_WORDS = " \t:：.。,，;；-—–|/()（）"
#: What a line of a paragraph may hold besides images to be an image line.
_IMAGE_LINE = frozenset({"link_open", "link_close", "text", "html_inline", "image"})
_LIST_OPEN = {"bullet_list_open", "ordered_list_open"}
_LIST_CLOSE = {"bullet_list_close", "ordered_list_close"}

_parser: MarkdownIt | None = None


def _md() -> MarkdownIt:
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        # Line endings and NUL characters are normalised in ``parse_blocks`` instead: the rule
        # substitutes every line ending, a plain \n with \n too, in each article.
        _parser = MarkdownIt("commonmark", {"html": True}).enable("table").disable("normalize")
        # Both sides of a pair link the same pages, and normalising a URL (parsing, punycode,
        # percent-encoding) costs more than the rest of its link: each is normalised once.
        _parser.normalizeLink = lru_cache(maxsize=256)(_parser.normalizeLink)  # type: ignore[method-assign]
        _parser.core.ruler.at("inline", _bounded_inline)
        _quiet_block_rules()
    return _parser


def parser() -> MarkdownIt:
    """The Markdown parser the checks read with (CommonMark, raw HTML, tables): what a bundle
    renders is what was checked."""
    return _md()


def _bounded_inline(state: StateCore) -> None:
    """markdown-it's inline rule, which leaves inline content of more than ``MAX_BLOCK``
    characters unparsed: its block is not checked, and the link and image rules take time
    superlinear in a run of brackets (a megabyte of "![" took 28 s)."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if len(token.content) <= MAX_BLOCK:
                state.md.inline.parse(token.content, state.md, state.env, token.children)


def _normalised(body: str) -> str:
    """``body`` as markdown-it's normalize rule leaves it: \r\n and \r as \n, NUL as U+FFFD.
    Text read from a file has its line endings normalised already."""
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in body:
        body = body.replace("\0", "\ufffd")
    return body


class _Quiet:
    """A logger that drops debug messages without asking the logging system first."""

    def debug(self, *args: object, **kwargs: object) -> None:
        """Nothing: no one reads markdown-it's trace of its own rules."""


def _quiet_block_rules() -> None:
    # markdown-it's block rules log a debug line each time they are tried, a few hundred per
    # article: the logging calls cost about 2% of a check run even with debug logging off.
    import importlib
    import pkgutil

    import markdown_it.rules_block as rules

    for info in pkgutil.iter_modules(rules.__path__):
        module = importlib.import_module(f"{rules.__name__}.{info.name}")
        if hasattr(module, "LOGGER"):
            module.LOGGER = _Quiet()  # type: ignore[attr-defined]


@dataclass(slots=True)
class _Draft:
    kind: str
    line: int
    end_line: int
    level: int = 0
    ignore: frozenset[str] = frozenset()
    parts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    images_only: bool = True
    has_image: bool = False
    #: Whether words stand inside and outside bold or italics, to tell a bold line standing
    #: for a heading.
    emphasised: bool = False
    plain: bool = False
    #: Characters of Markdown source read into the block: its inline content, code and HTML.
    size: int = 0

    def empty(self) -> bool:
        """Nothing to translate or compare: an empty heading (### ), markup alone (<div>,
        <br>), or punctuation such as a "..." placeholder item."""
        if self.links or self.code or self.has_image or self.kind == "code":
            return False
        return _WORD.search("".join(self.parts)) is None

    def freeze(self) -> Block:
        if self.size > MAX_BLOCK:
            return self._oversize()
        text = "".join(self.parts)
        if "\n" in text:
            text = _CJK_BREAK.sub("", text)
        if "\n" in text or "  " in text or "\t" in text or "\r" in text:
            text = _SPACE.sub(" ", text)
        text = text.strip()
        kind = self.kind
        if kind == "paragraph" and self.images_only and self.has_image:
            kind = "image"
        return Block(
            kind=kind,
            text=text,
            line=self.line,
            end_line=self.end_line,
            links=tuple(self.links),
            code=tuple(self.code),
            ignore=self.ignore,
            level=self.level,
            emphasised=kind in ("paragraph", "list_item")
            and self.emphasised > 0
            and not self.plain,
        )

    def _oversize(self) -> Block:
        """A block too large to check: its size, and nothing that a reader would read."""
        text = "".join(self.parts) + "".join(self.code)
        han = sum(map(len, HAN_RUN.findall(text)))
        blank = sum(map(text.count, " \t\n"))
        kind = (
            "image"
            if self.kind == "paragraph" and self.images_only and self.has_image
            else self.kind
        )
        return Block(
            kind=kind,
            text="",
            line=self.line,
            end_line=self.end_line,
            ignore=self.ignore,
            level=self.level,
            oversize=Oversize(self.size, han, len(text) - blank - han),
        )


def ignore_directives(html: str) -> frozenset[str] | None:
    """Checks named by ``bilingual-ignore`` comments in ``html``; None when there is none."""
    names: set[str] = set()
    found = False
    for comment in comments(html):
        listed = _ignore_list(comment)
        if listed is not None:
            found = True
            names.update([n for n in re.split(r"[\s,]+", listed) if n] or ["*"])
    return frozenset(names) if found else None


def _ignore_list(comment: str) -> str | None:
    """What a ``bilingual-ignore`` comment lists after its colon ("" for nothing); None for
    another comment. Read with string methods: a pattern with a lazy list and white space at
    its end is quadratic in a comment holding a long run of spaces."""
    body = comment.strip()
    if not body.startswith(_IGNORE):
        return None
    rest = body[len(_IGNORE) :].lstrip()
    if not rest:
        return ""
    return rest[1:].strip() if rest.startswith(":") else None


def parse_blocks(body: str, offset: int = 0) -> tuple[Block, ...]:
    """The blocks of a Markdown ``body`` whose first line is file line ``offset + 1``."""
    walker = _Walker(offset, body.split("\n"))
    walker.walk(_md().parse(_normalised(body)))
    return tuple(d.freeze() for d in walker.blocks if not d.empty())


class _Walker:
    """Turns markdown-it's flat token stream into drafts, one per alignable block."""

    def __init__(self, offset: int, lines: list[str]) -> None:
        self.offset = offset
        self.lines = lines
        self.blocks: list[_Draft] = []
        self.stack: list[_Draft] = []  # open list items and block quotes
        self.leaf: _Draft | None = None  # the heading, paragraph or table being filled
        self.pending: frozenset[str] = frozenset()
        self.list_depth = 0

    def open(self, kind: str, tok: Token, level: int = 0) -> _Draft:
        begin, end = tok.map or (0, 0)
        while end > begin + 1 and not self.lines[end - 1].strip():
            end -= 1  # a list item's range takes in the blank line after it
        draft = _Draft(kind, begin + 1 + self.offset, end + self.offset, level, self.pending)
        self.pending = frozenset()
        self.blocks.append(draft)
        return draft

    def walk(self, tokens: list[Token]) -> None:
        for tok in tokens:
            kind = tok.type
            container = self.stack[-1] if self.stack else None
            if kind in _LIST_OPEN:
                self.list_depth += 1
            elif kind in _LIST_CLOSE:
                self.list_depth -= 1
            elif kind == "list_item_open":
                absorbed = container is not None and container.kind == "blockquote"
                draft = container if absorbed else self.open("list_item", tok, self.list_depth)
                self.stack.append(draft)  # type: ignore[arg-type]
            elif kind == "blockquote_open":
                self.stack.append(container or self.open("blockquote", tok))
            elif kind in ("list_item_close", "blockquote_close"):
                self.stack.pop()
            elif kind in ("heading_open", "paragraph_open", "table_open"):
                if container is None:
                    name = kind.removesuffix("_open")
                    level = int(tok.tag[1]) if name == "heading" else 0
                    self.leaf = self.open(name, tok, level)
                    if name != "paragraph":
                        self.leaf.images_only = False
            elif kind in ("heading_close", "paragraph_close", "table_close"):
                self.leaf = None
            elif kind == "inline":
                target = self.leaf or container
                if target is not None:
                    if target.parts:
                        target.parts.append(" ")  # between cells, quote lines, item paragraphs
                    size = len(tok.content)
                    target.size += size
                    if size > MAX_BLOCK:
                        target.parts.append(tok.content)  # left unparsed: measured only
                    elif target is self.leaf and target.kind == "paragraph":
                        self.paragraph_inline(tok, target)
                    else:
                        _inline(tok, target)
            elif kind in ("fence", "code_block"):
                self._code(tok, container)
            elif kind == "html_block":
                self._html(tok, container)

    def _code(self, tok: Token, container: _Draft | None) -> None:
        if tok.type == "code_block" and _chinese_prose(tok.content):
            target = container or self.open("paragraph", tok)
            target.parts.append(" " + tok.content + " ")
        else:
            target = container or self.open("code", tok)
            target.code.append(tok.content)
        target.images_only = False
        target.size += len(tok.content)

    def _html(self, tok: Token, container: _Draft | None) -> None:
        directive = ignore_directives(tok.content)
        if directive is not None:
            if container is None:
                self.pending = self.pending | directive
            else:  # inside a list item or quote: it applies to that block
                container.ignore = container.ignore | directive
        rest = strip_comments(tok.content).strip()
        if not rest:
            return
        # Text on the same line as a comment ends up in the HTML block: keep it as prose.
        kind = "html" if rest.startswith("<") else "paragraph"
        if len(rest) > MAX_BLOCK:  # not read (its tag patterns are quadratic on "<a<a<a"...)
            target = container or self.open(kind, tok)
            target.size += len(tok.content)
            target.parts.append(rest)
            target.images_only = False
            return
        text = without_tags(rest)
        images = html_targets(rest, "img", "source")
        if kind == "html" and images and not text.strip():
            kind = "paragraph"  # frozen as an image: only images inside the markup
        elif kind == "html" and text.strip() and prose_markup(rest):
            kind = "paragraph"  # <p>text</p>: a paragraph written in HTML
        target = container or self.open(kind, tok)
        target.size += len(tok.content)
        target.parts.append(" " + text + " ")
        target.links.extend(html_targets(rest))
        if kind == "paragraph":
            target.links.extend(find_links(text))  # a URL written as text, as in Markdown
        if images and not text.strip():
            target.has_image = True
        else:
            target.images_only = False

    def paragraph_inline(self, tok: Token, draft: _Draft) -> None:
        """A paragraph's inline content; lines holding only images become image blocks of their
        own (an image with no blank line before the text, on one side only)."""
        if "![" not in tok.content and "<" not in tok.content:
            _inline(tok, draft)  # no image: nothing to split off
            return
        lines = _lines(tok.children or [])
        kinds = [_image_line(line) for line in lines]
        if len(lines) < 2 or all(kinds) or not any(kinds):
            _inline(tok, draft)
            return
        first = draft.line
        for index, line in enumerate(lines):
            if index and kinds[index] == kinds[index - 1] and not kinds[index]:
                draft.parts.append("\n")  # text lines stay one paragraph
            elif index:
                draft = _Draft("paragraph", first + index, first + index, 0, draft.ignore)
                self.blocks.append(draft)
            draft.end_line = first + index
            _children(line, draft)


def _chinese_prose(content: str) -> bool:
    chars = len(content) - sum(map(content.count, " \t\n"))
    return chars > 0 and len(_HAN.findall(content)) >= _PROSE_SHARE * chars


def _lines(children: list[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return lines


def _image_line(line: list[Token]) -> bool:
    """A line of a paragraph holding images (perhaps linked) and nothing else."""
    has_image = False
    for child in line:
        if child.type == "image" or (
            child.type == "html_inline" and html_targets(child.content, "img")
        ):
            has_image = True
        elif (child.type == "text" and child.content.strip()) or child.type not in _IMAGE_LINE:
            return False
    return has_image


def _inline(tok: Token, draft: _Draft) -> None:
    _children(tok.children or [], draft)


def _children(children: list[Token], draft: _Draft) -> None:
    in_link = 0
    emphasis = 0
    for child in children:
        kind = child.type
        if kind == "text":  # the most common token first
            draft.parts.append(child.content)
            if emphasis:
                draft.emphasised = True
            elif not draft.plain:  # "：" after a bold title is still a bold title
                draft.plain = bool(child.content.strip(_NOT_WORDS))
            if not in_link:
                _scan_bare_links(child.content, draft)
            if child.content.strip():
                draft.images_only = False
        elif kind == "strong_open" or kind == "em_open":
            emphasis += 1
        elif kind == "strong_close" or kind == "em_close":
            emphasis -= 1
        elif kind in ("softbreak", "hardbreak"):
            draft.parts.append("\n")
        elif kind == "code_inline":
            draft.plain = True
            draft.parts.append(child.content)
            draft.code.append(child.content)
            draft.images_only = False
        elif kind == "link_open":
            in_link += 1
            draft.links.append(link_target(str(child.attrs.get("href", ""))))
        elif kind == "link_close":
            in_link -= 1
        elif kind == "image":
            draft.links.append(link_target(str(child.attrs.get("src", ""))))
            draft.parts.append(child.content)
            draft.has_image = True
        elif kind == "html_inline":  # markup, not text; a directive applies to this block
            directive = ignore_directives(child.content)
            if directive:
                draft.ignore = draft.ignore | directive
            targets = html_targets(child.content)
            if targets:
                draft.links.extend(targets)
                draft.has_image = draft.has_image or bool(html_targets(child.content, "img"))


def _scan_bare_links(text: str, draft: _Draft) -> None:
    draft.links.extend(find_links(text))
