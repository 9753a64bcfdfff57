"""The keys of pages: a digest of everything a page's bytes depend on, so that a rebuild renders
only the pages whose key changed (``bilingual.bundle.record`` keeps them)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bilingual.bundle.pages import Page
from bilingual.bundle.site import Entry

#: Part of every key: a new layout of the keys renders every page.
VERSION = 3


def inputs_key(root: Path, *parts: object) -> str:
    """A digest of what every page depends on besides its context: the tool's code, the
    templates and catalogs (shipped and the content root's), and ``parts`` (the settings)."""
    from bilingual.bundle.render import SHIPPED, TEMPLATES
    from bilingual.cache import tool_key
    from bilingual.i18n import LOCALES, PACKAGED, SOURCE

    hasher = hashlib.blake2b(repr((VERSION, tool_key(), *parts)).encode(), digest_size=16)
    for folder in (SHIPPED, root / TEMPLATES, PACKAGED, SOURCE, root / LOCALES):
        if not folder.is_dir():
            hasher.update(b"\x00-")
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hasher.update(f"\x00{folder.name}/{path.relative_to(folder).as_posix()}".encode())
                hasher.update(path.read_bytes())
    return hasher.hexdigest()


def page_key(page: Page, inputs: str, tokens: dict[int, str] | None = None) -> str:
    """The digest of what ``page``'s bytes depend on: ``inputs`` and its context, in which the
    page's own article stands for its source (``source_token``) and an article in a list for
    what a list can show of it (``entry_token``). ``tokens`` keeps the articles' tokens, by
    ``id``, from page to page (an article is in several lists)."""
    parts = [inputs, page.path, page.template, page.lang]
    if page.entry is not None:
        parts.append(source_token(page.entry))
    _canon(page.context, parts, {} if tokens is None else tokens)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def article_key(inputs: str, entry: Entry, counterpart: Entry | None, newest: str) -> str:
    """The key of an article's page, from what ``Pages.article`` makes its context of, without
    making it (most pages of a rebuild are not rendered): the article's source, whether its
    counterpart is published, and ``newest``, the tokens (``entry_token``) of the newest
    articles of the language, of which the "Latest News" list shows the first others."""
    where = counterpart.url if counterpart else "-"
    text = "\x1f".join((inputs, "article", source_token(entry), where, newest))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


#: What a list of articles may show of one: every field but the digest of its source, so that
#: an edit of a body leaves the lists it appears in as they are.
_LISTED = tuple(f.name for f in dataclasses.fields(Entry) if f.name != "digest")


def entry_token(entry: Entry) -> str:
    """What stands for an article in a list, in a key."""
    return repr(tuple(getattr(entry, name) for name in _LISTED))


def source_token(entry: Entry) -> str:
    """What stands for the article a page shows, in a key: its list token and its source's
    digest (the body is read from the source)."""
    return f"{entry_token(entry)}@{entry.digest}"


def _canon(value: Any, parts: list[str], tokens: dict[int, str]) -> None:
    """``value`` written into ``parts`` unambiguously; functions (``link``) are left out, as
    they are made from the page's path."""
    if isinstance(value, Entry):
        token = tokens.get(id(value))
        if token is None:
            token = tokens[id(value)] = entry_token(value)
        parts.append(token)
    elif isinstance(value, Mapping):
        parts.append("{")
        for name, item in value.items():
            if not callable(item):
                parts.append(str(name))
                _canon(item, parts, tokens)
        parts.append("}")
    elif isinstance(value, list | tuple):
        parts.append("[")
        for item in value:
            _canon(item, parts, tokens)
        parts.append("]")
    else:  # strings, numbers, dates, None; settings (filings): dataclasses with a stable repr
        parts.append(repr(value))
