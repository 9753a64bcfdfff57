"""What a bundle says about itself: ``manifest.json`` (tool, articles, files, check summary) and
``SHA256SUMS``; and ``verify``, which recomputes every checksum of a folder or an archive."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual import __version__
from bilingual.bundle.links import BrokenLink
from bilingual.bundle.site import Site
from bilingual.bundle.write import GENERATOR, MANIFEST, Files
from bilingual.errors import BundleError
from bilingual.model import Summary

SUMS = "SHA256SUMS"


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def manifest(
    site: Site,
    files: Files,
    summary: Summary | None,
    *,
    base_url: str,
    drafts: bool,
    broken: Sequence[BrokenLink] = (),
    articles: str | None = None,
) -> bytes:
    """``manifest.json`` for ``files`` (which it then joins, with ``SHA256SUMS``): what
    ``json.dumps(..., ensure_ascii=False, indent=2, sort_keys=True)`` writes (a test holds the
    two equal), its two long parts, the articles and the files, written line by line; the
    articles given as written already (``patch_articles``), or from ``site``."""
    data = {
        "generator": GENERATOR,
        "version": __version__,
        "languages": list(site.languages),
        "default_language": site.default,
        "base_url": base_url,
        "drafts": drafts,
        "check": None
        if summary is None
        else {
            "articles": summary.articles,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "suppressed": summary.suppressed,
        },
        "articles": _Raw(_articles(site) if articles is None else articles),
        "broken_links": [{"page": b.page, "target": b.target} for b in broken],
        "files": _Raw(_files(files)),
    }
    return (dumps(data) + "\n").encode()


class _Raw(str):
    """Text ``dumps`` writes as it is: a value written already."""

    __slots__ = ()


def _articles(site: Site) -> str:
    """The ``articles`` list as ``dumps`` writes it at the manifest's second level."""
    articles: dict[str, dict[str, str]] = {}
    for lang in site.languages:
        for entry in site.entries[lang]:
            articles.setdefault(entry.slug, {})[lang] = (
                f'          "digest": "{entry.digest}",\n'
                f'          "page": {_string(entry.url + "index.html")},\n'
                f'          "source": {_string(entry.path)}\n'
            )
    if not articles:
        return "[]"
    items = []
    for slug in sorted(articles):
        sides = articles[slug]
        languages = ",\n".join(
            f"        {_string(lang)}: {{\n{sides[lang]}        }}" for lang in sorted(sides)
        )
        items.append(
            f'    {{\n      "languages": {{\n{languages}\n      }},\n'
            f'      "slug": {_string(slug)}\n    }}'
        )
    return "[\n" + ",\n".join(items) + "\n  ]"


#: How an old manifest starts, and what follows its ``articles``.
_HEAD = '{\n  "articles": '
_NEXT = ',\n  "base_url": '
_DIGEST = '"digest": "'


def patch_articles(old: str, digests: Mapping[str, str]) -> str | None:
    """The ``articles`` of an old manifest (its text, as ``manifest`` wrote it), with the
    digest of each source of ``digests`` replaced; None when the text is not such a manifest
    or does not list one of the sources. The other articles are not read or written again."""
    end = old.find(_NEXT)
    if not old.startswith(_HEAD) or end < 0:
        return None
    text = old[len(_HEAD) : end]
    for path, digest in digests.items():
        at = text.find(f'\n          "source": {_string(path)}\n')
        start = text.rfind(_DIGEST, 0, at) + len(_DIGEST)
        stop = start + len(digest)
        if at < 0 or start < len(_DIGEST) or text[stop : stop + 2] != '",':
            return None
        text = text[:start] + digest + text[stop:]
    return text


def _files(files: Files) -> str:
    """The ``files`` object as ``dumps`` writes it at the manifest's second level."""
    lines = [f'    {_string(path)}: "{digest}"' for path, digest in files.digests()]
    return "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"


def dumps(value: Any, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)``, the same text (a
    test holds the two equal), faster: with ``indent`` the json module encodes in Python, and
    took a second for the manifest of 20,000 pages."""
    inner = indent + "  "
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{dumps(key)}: {dumps(value[key], inner)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dumps(item, inner) for item in value) + f"\n{indent}]"
    if isinstance(value, str) and not _ESCAPED.search(value):
        return f'"{value}"'  # most strings (paths, digests) need no escape
    return json.dumps(value, ensure_ascii=False)


#: What ``json.dumps(..., ensure_ascii=False)`` escapes in a string.
_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False) if _ESCAPED.search(value) else f'"{value}"'


def checksums(files: Files) -> bytes:
    """``SHA256SUMS`` in the ``sha256sum`` format: ``sha256sum -c SHA256SUMS`` checks it."""
    return "".join(f"{digest}  {path}\n" for path, digest in files.digests()).encode()


def seal(
    site: Site,
    files: Files,
    summary: Summary | None,
    *,
    base_url: str,
    drafts: bool,
    broken: Sequence[BrokenLink] = (),
    articles: str | None = None,
) -> None:
    """Add the manifest and the checksum list to ``files``."""
    data = manifest(
        site, files, summary, base_url=base_url, drafts=drafts, broken=broken, articles=articles
    )
    files.add(MANIFEST, data, "manifest")
    files.add(SUMS, checksums(files), "checksums")


@dataclass(slots=True)
class Verification:
    """What ``verify`` found: files whose checksum differs, listed files missing, files no
    list names."""

    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Nothing differs."""
        return not (self.changed or self.missing or self.extra)


def verify(path: Path) -> Verification:
    """Recompute every checksum of a bundle folder, ``.tar.gz`` or ``.zip``."""
    contents = dict(_read(path))
    if SUMS not in contents:
        raise BundleError(f"not a bundle: no {SUMS}", path=path)
    expected = _parse_sums(contents[SUMS], path)
    result = Verification()
    for name, digest in sorted(expected.items()):
        if name not in contents:
            result.missing.append(name)
        elif sha256(contents[name]) != digest:
            result.changed.append(name)
        result.checked += 1
    result.extra = sorted(set(contents) - set(expected) - {SUMS})
    if MANIFEST in contents and MANIFEST not in result.changed:
        listed = _manifest_files(contents[MANIFEST])
        for name, digest in sorted(listed.items()):
            if expected.get(name) != digest and name not in result.changed:
                result.changed.append(name)  # the manifest and the list disagree
    return result


def _parse_sums(data: bytes, path: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64:
            raise BundleError(f"{SUMS} line {n} is not 'sha256  path'", path=path, line=n)
        sums[name] = digest
    return sums


def _manifest_files(data: bytes) -> Mapping[str, str]:
    try:
        files = json.loads(data).get("files", {})
    except (ValueError, AttributeError):
        return {}
    return files if isinstance(files, dict) else {}


def _read(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every file of a bundle, by its path inside the bundle."""
    if path.is_dir():
        for dirpath, _, filenames in os.walk(path):
            for name in filenames:
                full = Path(dirpath, name)
                yield full.relative_to(path).as_posix(), full.read_bytes()
        return
    if not path.is_file():
        raise BundleError("no such bundle folder or archive", path=path)
    from bilingual.bundle.archive import read_archive

    yield from read_archive(path)
