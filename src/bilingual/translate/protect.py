"""What a service must not touch, kept out of its hands: markup, addresses and glossary terms.

Each protected span of a unit (inline code, an image, an HTML tag or comment, a link's ``[`` and
``](target)``, emphasis markers, a bare URL, a glossary term) is sent as a placeholder ``[[n]]``
and put back afterwards; a term comes back as its preferred rendering in the target language.
Services do odd things to placeholders — drop them, space them (``[[ 1 ]]``), turn their
brackets full-width (``【【1】】``), move or repeat them. Spaced and full-width ones are read as
they are; when any is missing or repeated, the unit is sent again as the runs of text between
its placeholders, each on its own, and put together in the original order: the draft then
always carries every span, and every term as the glossary prefers it, whatever the service did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bilingual.glossary.match import FORBIDDEN, Matcher

_PROTECTED = re.compile(
    r"(?P<code>(`+).+?\2)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<image>!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\]))"
    r"|(?P<auto><(?:https?|mailto):[^>\s]+>)"
    r"|(?P<tag></?[A-Za-z][^<>]*>)"
    r"|(?P<target>\](?:\([^)]*\)|\[[^\]]*\]))"
    r"|(?P<open>\[)"
    r"|(?P<url>https?://[^\s<>)\]]+)"
    r"|(?P<mark>\*+|~~|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))"
    r"|(?P<escape>\\.)",
    re.DOTALL,
)
#: A placeholder as sent, and as services may return it (spaced, full-width brackets).
PLACEHOLDER = "[[{}]]"
_RETURNED = re.compile(r"[\[［【]\s*[\[［【]\s*(\d+)\s*[\]］】]\s*[\]］】]")
_WORDS = re.compile(r"[^\W\d_]", re.UNICODE)
#: Where a long text may be cut: after a sentence's end (and the quote closing it).
_SENTENCE = re.compile(r"(?<=[。！？；!?;])[”’」』)）]*\s*|(?<=[.!?])[\"'”’)]*\s+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MARKER = re.compile(r"\*+|_+|~~")


@dataclass(frozen=True, slots=True)
class Masked:
    """A unit with its protected spans replaced by placeholders."""

    text: str
    #: What each placeholder stands for in the draft.
    spans: tuple[str, ...]

    def translatable(self) -> bool:
        """Whether anything but placeholders and punctuation is left to translate."""
        return bool(_WORDS.search(_RETURNED.sub("", self.text)))


def mask(text: str, source: str, target: str, glossary: Matcher | None) -> Masked:
    """``text`` (inline Markdown in language ``source``) with its markup and glossary terms
    replaced by placeholders."""
    spans: list[str] = []
    out: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(text):
        out.append(_terms(text[position : match.start()], source, target, glossary, spans))
        out.append(PLACEHOLDER.format(len(spans)))
        spans.append(match.group())
        position = match.end()
    out.append(_terms(text[position:], source, target, glossary, spans))
    return Masked("".join(out), tuple(spans))


def _terms(text: str, source: str, target: str, glossary: Matcher | None, spans: list[str]) -> str:
    """``text`` with each glossary term a placeholder standing for its preferred rendering."""
    if glossary is None or not text:
        return text
    if source == "zh":
        hits = [(h.start, h.end, h.term.en) for h in glossary.zh_terms(text)]
    else:
        hits = [(h.start, h.end, h.term.zh) for h in glossary.en_renderings(text)]
    out: list[str] = []
    position = 0
    for start, end, rendering in sorted(hits):
        if start < position:
            continue  # overlapping matches: the first (longest) stands
        out.append(text[position:start] + PLACEHOLDER.format(len(spans)))
        spans.append(rendering)
        position = end
    out.append(text[position:])
    return "".join(out)


def restore(translated: str, masked: Masked) -> str | None:
    """``translated`` with its placeholders replaced by what they stand for; None when a
    placeholder is missing, repeated or unknown (the unit is then sent again in runs)."""
    found = [int(m.group(1)) for m in _RETURNED.finditer(translated)]
    expected = [int(m.group(1)) for m in _RETURNED.finditer(masked.text)]
    if sorted(found) != sorted(expected):
        return None
    return _RETURNED.sub(lambda m: masked.spans[int(m.group(1))], translated)


def chunks(text: str, limit: int) -> list[str]:
    """``text`` cut at sentence ends into pieces of at most ``limit`` characters (a sentence
    longer than that is cut at a space or, failing one, anywhere: never inside a placeholder)."""
    if len(text) <= limit:
        return [text]
    sentences = [s for s in _split_keep(text, _SENTENCE) if s]
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:
            cut = _cut(sentence, limit)
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentence[:cut])
            sentence = sentence[cut:]
        if len(current) + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current += sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p]


def _split_keep(text: str, pattern: re.Pattern[str]) -> list[str]:
    out, position = [], 0
    for match in pattern.finditer(text):
        if match.end() > position:
            out.append(text[position : match.end()])
            position = match.end()
    out.append(text[position:])
    return out


def _cut(text: str, limit: int) -> int:
    cut = text.rfind(" ", 0, limit) + 1 or limit
    for match in _RETURNED.finditer(text):  # never inside a placeholder
        if match.start() < cut < match.end():
            cut = match.start() or match.end()
    return cut


def translate_masked(masked: Masked, send: Callable[[str], str], limit: int, target: str) -> str:
    """The translation of a masked unit, its spans put back (in runs when the service lost a
    placeholder)."""
    if not masked.translatable():
        return restore(masked.text, masked) or masked.text
    pieces = chunks(masked.text, limit)
    joiner = "" if target == "zh" else " "
    whole = joiner.join(send(piece).strip() for piece in pieces)
    restored = restore(whole, masked)
    if restored is not None and markup(restored) == markup(restore(masked.text, masked) or ""):
        return restored
    return _in_runs(masked, send, limit, target)


def markup(text: str) -> list[str]:
    """The inline markup of ``text`` as the parser reads it (emphasis, links and their targets,
    images, code, HTML), in no order: placeholders moved so that a pair of ``**`` or a link no
    longer holds together change it."""
    from bilingual.parse.markdown import parser

    found = []
    for token in parser().parseInline(text):
        for child in token.children or []:
            if child.type not in ("text", "softbreak", "hardbreak"):
                found.append(f"{child.type}:{child.attrGet('href') or child.attrGet('src') or ''}")
    return sorted(found)


def _in_runs(masked: Masked, send: Callable[[str], str], limit: int, target: str) -> str:
    """Each run of text between placeholders translated on its own, then put together with
    the spans in the original order."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _RETURNED.finditer(masked.text):
        parts.append((_run(masked.text[position : match.start()], send, limit, target), False))
        parts.append((masked.spans[int(match.group(1))], True))
        position = match.end()
    parts.append((_run(masked.text[position:], send, limit, target), False))
    return _joined(parts, target)


def _run(text: str, send: Callable[[str], str], limit: int, target: str) -> str:
    if not _WORDS.search(text):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    joiner = "" if target == "zh" else " "
    translated = joiner.join(send(piece).strip() for piece in chunks(text.strip(), limit))
    return lead + translated + tail


def _joined(parts: list[tuple[str, bool]], target: str) -> str:
    """Runs of text and spans (``True``) put together; in English, neighbouring words get a
    space between them, outside a pair of emphasis markers or a link's brackets
    (``at **the forum** today``)."""
    if target != "en":
        return "".join(text for text, _ in parts)
    out = ""
    right = False  # whether what is written so far ends with a word
    opened: set[str] = set()
    for text, span in parts:
        if not text:
            continue
        left, after = _edges(text, span, opened)
        if right and left and out and not out[-1].isspace():
            out += " "
        out += text
        right = after
    return out


def _edges(text: str, span: bool, opened: set[str]) -> tuple[bool, bool]:
    """Whether a part starts and ends like a word: an opening marker is a word's start, a
    closing one a word's end, a term or code a word."""
    if not span:
        return text[0].isalnum() or bool(_HAN.match(text[0])), _wordy(text[-1])
    marker = text if _MARKER.fullmatch(text) else "[" if text == "[" else ""
    if text.startswith("]("):
        opened.discard("[")
        return False, True
    if not marker:
        return True, True
    if marker in opened:
        opened.discard(marker)
        return False, True
    opened.add(marker)
    return True, False


def _wordy(char: str) -> bool:
    return char.isalnum() or bool(_HAN.match(char)) or char in ").,;:!?%"


def enforce(text: str, target: str, glossary: Matcher | None) -> str:
    """``text`` with each forbidden rendering the service produced replaced by the preferred
    one (a term it wrote itself, outside any placeholder)."""
    if glossary is None or target != "en":
        return text
    hits = [h for h in glossary.en_renderings(text) if h.kind == FORBIDDEN]
    for hit in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[: hit.start] + hit.term.en + text[hit.end :]
    return text
