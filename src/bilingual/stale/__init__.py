"""Stale translations: the digest a translation records of its original, and whether it holds.

A translation's front matter records ``translated_from: sha256:<hex>``, the digest of its
original as it was when the translation last matched it (``bilingual sync``, ``bilingual new``).
When the original's digest differs now, the translation is stale (check A107). The digest covers
what a translator translates (the original's title, summary and body), so editing the original's
status, tags or date does not make its translation stale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilingual.model import Pair

#: The translation's front-matter key.
KEY = "translated_from"
#: The form of its value: the algorithm, a colon, 64 hexadecimal digits.
DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
#: The original's front-matter keys a translation renders, and so its digest covers.
TRANSLATED_KEYS = ("title", "summary")


def original_digest(meta: Mapping[str, Any], body: str) -> str:
    """The digest a translation records of an original with front matter ``meta`` and ``body``
    (normalised text, as ``bilingual.parse.frontmatter.split`` gives them)."""
    digest = hashlib.sha256()
    for key in TRANSLATED_KEYS:
        value = meta.get(key)
        digest.update(f"{key}\0{'' if value is None else value}\0".encode())
    digest.update(body.encode("utf-8"))
    return f"sha256:{digest.hexdigest()}"


class State(StrEnum):
    """Whether a translation is known to match its original."""

    CURRENT = "current"
    STALE = "stale"
    #: No ``translated_from``: nothing is known, and nothing is reported.
    NEVER_SYNCED = "never-synced"
    #: A ``translated_from`` that is not a digest (A107 reports it).
    INVALID = "invalid"


def sync_state(translation_meta: Mapping[str, Any], digest: str) -> State:
    """The state of a translation with front matter ``translation_meta`` whose original's
    digest is ``digest`` now (``Article.digest``)."""
    recorded = translation_meta.get(KEY)
    if recorded is None:
        return State.NEVER_SYNCED
    if not isinstance(recorded, str) or not DIGEST.match(recorded):
        return State.INVALID
    return State.CURRENT if recorded == digest else State.STALE


def pair_sync(pair: Pair, original: str = "zh") -> tuple[str, str, State] | None:
    """The translated side of ``pair``, its original side and the translation's state; None
    when a side is missing or unreadable (there is nothing to be in sync with). ``original``
    is the side articles are translated from unless their front matter says (``bilingual.yaml``)."""
    from bilingual.checks.article import translation_side

    lang = translation_side(pair, original)
    other = "zh" if lang == "en" else "en"
    translation, original = pair.side(lang), pair.side(other)
    if translation is None or original is None:
        return None
    return lang, other, sync_state(translation.meta, original.digest)
