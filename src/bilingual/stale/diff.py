"""``bilingual diff``: what changed in an original since its translation was synced with it.

The translation records the digest of the original it matches. In git, the newest committed
version of the original with that digest is the one the translator worked from: its blocks are
matched with the working tree's (``difflib`` on the blocks' kind, text, links and code), and
each block changed, added or removed is shown with the translation's block that renders it —
the paragraph to revise. That block is found by aligning the translation with the *synced*
version of the original, with the aligner ``check`` uses: the translation was made from that
version, so the two align cleanly, and a paragraph removed since still has its rendering found
(aligned with the current original, a paragraph added would be merged into a neighbour's bead
and the removed one would have no original left to align). Outside git, or when no commit has
the digest, what can be said is said: that the original changed, and the files' times.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bilingual.align import align
from bilingual.checks.article import translation_side
from bilingual.errors import SourceError
from bilingual.glossary.model import Glossary
from bilingual.model import Article, Block, Pair
from bilingual.parse.discover import load_pair, read_article, without_lone_titles
from bilingual.parse.frontmatter import decode, normalise, split
from bilingual.stale import KEY, TRANSLATED_KEYS, State, original_digest, sync_state
from bilingual.stale.history import History, find_version

# Each Han character, each word, each run of spaces and each other character is a token:
# Chinese has no spaces, so its changes are shown character by character, English word by word.
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_HAN}]|[^\W{_HAN}]+|\s+|[^\w\s]")
#: Below this similarity a removed and an added block are not called one changed block.
SIMILAR = 0.4
#: Larger stretches of replaced blocks are shown as removed and added, not paired.
_PAIRING_LIMIT = 20


@dataclass(frozen=True, slots=True)
class Place:
    """A block (or a front-matter value) in a file: where, what kind, and its text."""

    path: str
    line: int
    end_line: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a changed text: ``equal``, ``delete`` (old text only) or ``insert`` (new)."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    """One block of the original changed, added or removed since the synced version."""

    #: ``changed``, ``added`` or ``removed``.
    kind: str
    #: The block in the synced version (line numbers of that version) and now.
    old: Place | None
    new: Place | None
    #: The translation's blocks that render the old block: the paragraph to revise.
    translation: tuple[Place, ...] = ()
    #: For an added block: the translation block after which its rendering goes (None: at the
    #: start of the translation).
    after: Place | None = None
    #: The old and the new text with what changed marked (a changed block only).
    old_spans: tuple[Span, ...] = ()
    new_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class MetaChange:
    """The original's title or summary changed: old and new value, and the translation's."""

    key: str
    old: str
    new: str
    #: The translation's value of the key now, at its line (None when it has none).
    translation: Place | None
    old_spans: tuple[Span, ...] = ()
    new_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class StaleDiff:
    """Everything ``bilingual diff`` reports on one article."""

    article: str
    state: State
    original: str
    translation: str
    #: The original's digest now and what the translation records (None: never synced).
    digest: str
    recorded: str | None
    #: When each file was last modified (local time).
    original_modified: dt.datetime
    translation_modified: dt.datetime
    #: What git knows (None when the translation is current or never synced).
    history: History | None = None
    meta: tuple[MetaChange, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def exit_code(self) -> int:
        """1 when the translation is stale, else 0."""
        return 1 if self.state is State.STALE else 0


def stale_diff(
    root: Path, folder: Path, glossary: Glossary | None = None, *, default_original: str = "zh"
) -> StaleDiff:
    """What changed in the original of the article in ``folder`` since its translation was
    synced; ``SourceError`` when a side is missing or cannot be read. ``default_original``: the side
    articles are translated from unless they say (``bilingual.yaml``)."""
    pair = load_pair(root, folder)
    translation, original = _sides(pair, default_original)
    state = sync_state(translation.meta, original.digest)
    recorded = translation.meta.get(KEY)
    if state is State.INVALID:
        raise SourceError(
            f"{KEY} must be 'sha256:' and 64 hexadecimal digits, not {recorded!r}",
            path=translation.path,
            line=translation.meta_lines.get(KEY),
            hint=f"run 'bilingual sync {pair.slug}' once the translation matches its original",
        )
    result = StaleDiff(
        pair.slug,
        state,
        original.path,
        translation.path,
        original.digest,
        recorded,
        _modified(root / original.path),
        _modified(root / translation.path),
    )
    if state is not State.STALE:
        return result
    history = find_version(root / original.path, str(recorded), _digest_of, original.digest)
    if history.text is None or history.found is None:
        return replace(result, history=history)
    # Named as the other paths are, from the content root, when it is the same file; a file
    # that was elsewhere then (renamed since) keeps the path git gives it.
    was = history.found.path
    same = was == original.path or was.endswith(f"/{original.path}")
    old = read_article(normalise(history.text), original.lang, original.path if same else was)
    data = (root / original.path).read_bytes()
    now = read_article(decode(data, original.path), original.lang, original.path)
    return replace(
        result,
        history=history,
        meta=_meta_changes(old, now, translation),
        changes=_block_changes(old, now, translation, glossary),
    )


def _sides(pair: Pair, default_original: str) -> tuple[Article, Article]:
    """The translation and the original, or the ``SourceError`` of one that cannot be read."""
    for problem in pair.problems:
        raise SourceError(problem.message, path=problem.path, line=problem.line)
    for lang in pair.missing:
        raise SourceError(f"{lang}.md is missing: the article has one side", path=pair.path(lang))
    lang = translation_side(pair, default_original)
    translation, original = pair.side(lang), pair.side("zh" if lang == "en" else "en")
    assert translation is not None and original is not None
    return translation, original


def _digest_of(data: bytes, path: str) -> str | None:
    """The digest of a version of the original, or None when it does not read as an article."""
    try:
        source = split(decode(data, path), path)
    except SourceError:
        return None
    return original_digest(source.meta, source.body)


def _modified(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()


def _meta_changes(old: Article, now: Article, translation: Article) -> tuple[MetaChange, ...]:
    changes = []
    for key in TRANSLATED_KEYS:
        before, after = _text(old.meta.get(key)), _text(now.meta.get(key))
        if before == after:
            continue
        line = translation.meta_lines.get(key)
        place = (
            Place(translation.path, line, line, key, _text(translation.meta.get(key)))
            if line is not None
            else None
        )
        old_spans, new_spans = inline_diff(before, after)
        changes.append(MetaChange(key, before, after, place, old_spans, new_spans))
    return tuple(changes)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _block_changes(
    old: Article, now: Article, translation: Article, glossary: Glossary | None
) -> tuple[Change, ...]:
    """The blocks changed, added and removed between ``old`` and ``now``, each with the
    translation's blocks that render it (or, for an added one, where its rendering goes)."""
    rendered = _renderings(old, translation, glossary)
    matcher = difflib.SequenceMatcher(
        None, [_key(b) for b in old.blocks], [_key(b) for b in now.blocks], autojunk=False
    )
    changes: list[Change] = []
    last: Place | None = None  # the translation's block of the last old block kept or changed
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for block in old.blocks[i1:i2]:
                last = _last(rendered.get(block.line), last)
            continue
        for a, b in _pairs(old.blocks[i1:i2], now.blocks[j1:j2]):
            if a is not None and b is not None:
                old_spans, new_spans = inline_diff(_shown(a), _shown(b))
                places = rendered.get(a.line, ())
                changes.append(
                    Change(
                        "changed",
                        _place(old.path, a),
                        _place(now.path, b),
                        places,
                        old_spans=old_spans,
                        new_spans=new_spans,
                    )
                )
                last = _last(places, last)
            elif a is not None:
                places = rendered.get(a.line, ())
                changes.append(Change("removed", _place(old.path, a), None, places))
                last = _last(places, last)
            elif b is not None:
                changes.append(Change("added", None, _place(now.path, b), after=last))
    return tuple(changes)


def _renderings(
    old: Article, translation: Article, glossary: Glossary | None
) -> dict[int, tuple[Place, ...]]:
    """Line of each block of the synced original -> the translation's blocks aligned with it."""
    zh, en = (old, translation) if old.lang == "zh" else (translation, old)
    zh, en = without_lone_titles(zh, en)
    found: dict[int, tuple[Place, ...]] = {}
    for bead in align(zh.blocks, en.blocks, glossary):
        mine, theirs = (bead.zh, bead.en) if old.lang == "zh" else (bead.en, bead.zh)
        places = tuple(_place(translation.path, block) for block in theirs)
        for block in mine:
            found[block.line] = places
    return found


def _last(places: tuple[Place, ...] | None, last: Place | None) -> Place | None:
    return places[-1] if places else last


def _key(block: Block) -> tuple[object, ...]:
    return (block.kind, block.text, block.links, block.code, block.oversize)


def _pairs(
    old: tuple[Block, ...], new: tuple[Block, ...]
) -> list[tuple[Block | None, Block | None]]:
    """A stretch of replaced blocks as changed pairs (in order, by similarity) with the blocks
    left over as removed or added, in document order."""
    if len(old) * len(new) > _PAIRING_LIMIT**2:  # rewritten: no pairing worth its time
        return [(a, None) for a in old] + [(None, b) for b in new]
    similar = [[_similarity(a, b) for b in new] for a in old]
    # The pairing with the largest total similarity that keeps both orders (a small
    # Needleman-Wunsch with free gaps); blocks too unlike are not paired.
    score = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            paired = score[i + 1][j + 1] + similar[i][j] if similar[i][j] >= SIMILAR else -1.0
            score[i][j] = max(paired, score[i + 1][j], score[i][j + 1])
    result: list[tuple[Block | None, Block | None]] = []
    i = j = 0
    while i < len(old) and j < len(new):
        if similar[i][j] >= SIMILAR and score[i][j] == score[i + 1][j + 1] + similar[i][j]:
            result.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            result.append((old[i], None))
            i += 1
        else:
            result.append((None, new[j]))
            j += 1
    return result + [(a, None) for a in old[i:]] + [(None, b) for b in new[j:]]


def _similarity(a: Block, b: Block) -> float:
    if a.kind != b.kind:
        return 0.0
    matcher = difflib.SequenceMatcher(None, _shown(a), _shown(b), autojunk=False)
    # quick_ratio is an upper bound of ratio, and much cheaper: most unlike pairs stop there.
    return matcher.ratio() if matcher.quick_ratio() >= SIMILAR else 0.0


def _shown(block: Block) -> str:
    """What a block says, for showing: its text, else its code, else its links."""
    if block.oversize is not None:
        return f"(a block of {block.oversize.size:,} characters, too large to show)"
    return block.text or "\n".join(c.rstrip("\n") for c in block.code) or " ".join(block.links)


def _place(path: str, block: Block) -> Place:
    return Place(path, block.line, block.end_line, block.kind, _shown(block))


def inline_diff(old: str, new: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """``old`` and ``new`` as spans marking what was deleted and inserted: by character for
    Chinese, by word otherwise."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    before: list[Span] = []
    after: list[Span] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(before, "equal", "".join(a[i1:i2]))
            _append(after, "equal", "".join(b[j1:j2]))
            continue
        _append(before, "delete", "".join(a[i1:i2]))
        _append(after, "insert", "".join(b[j1:j2]))
    return tuple(before), tuple(after)


def _append(spans: list[Span], op: str, text: str) -> None:
    if not text:
        return
    if spans and spans[-1].op == op:
        spans[-1] = Span(op, spans[-1].text + text)
    else:
        spans.append(Span(op, text))
