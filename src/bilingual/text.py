"""Text patterns every stage shares: URLs and addresses, Han characters, HTML comments.

URLs and e-mail addresses are ASCII here on purpose: Chinese is typeset with no space around
them (访问https://www.sjtu.edu.cn了解更多), so a pattern using Unicode ``\\w`` would swallow the
Chinese on either side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
#: A URL or an e-mail address, whichever comes first.
LINK = re.compile(f"{URL.pattern}|{EMAIL.pattern}")
#: Trailing punctuation that ends a sentence rather than a URL.
URL_TAIL = ".,;:!?'"

_HAN_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff5e\u201c\u201d\u2018\u2019\u00b7\u2014\u2026"
#: A run of Chinese: Han characters, with CJK punctuation, full-width forms, and digits or
#: spaces that stand between Han characters (每个时段限额800人 is one run).
HAN = re.compile(f"[{_HAN_CHAR}](?:[{_HAN_CHAR}{_CJK_PUNCT}]|[0-9 .,%:\\-]+(?=[{_HAN_CHAR}]))*")
HAN_CHAR = re.compile(f"[{_HAN_CHAR}]")
#: Runs of Han characters (counted by their lengths: cheaper than listing every one).
HAN_RUN = re.compile(f"[{_HAN_CHAR}]+")

_FULL_WIDTH_DIGIT = re.compile("[\uff10-\uff19]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def scan(
    pattern: re.Pattern[str],
    opening: re.Pattern[str],
    text: str,
    skip: re.Pattern[str] | None = None,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only where ``opening`` finds a character a match can
    start with. A pattern that opens on a lookbehind has no first character for ``re`` to skip
    to, and is tried at every position of the text. ``pattern`` never matches the empty string.

    With ``skip``, where no match starts, none starts in the run ``skip`` matches there either,
    and the run is passed over. For a pattern whose first word must run to its end before what
    follows (a word, then a space), a match fails at every letter of a word where it failed at
    the first; trying each is quadratic in a word of a million letters.
    """
    position = 0
    while (candidate := opening.search(text, position)) is not None:
        start = candidate.start()
        match = pattern.match(text, start)
        if match is not None:
            yield match
            position = match.end()
        elif skip is not None and (run := skip.match(text, start)) is not None:
            position = max(run.end(), start + 1)
        else:
            position = start + 1


def find_links(text: str) -> list[str]:
    """URLs and e-mail addresses in plain text, in order, without sentence punctuation."""
    if "://" not in text and "@" not in text:
        return []
    return [m.group(0).rstrip(URL_TAIL) for m in LINK.finditer(text)]


def ascii_digits(text: str) -> str:
    """Full-width digits (２０２３) as ASCII digits (2023)."""
    if text.isascii() or not _FULL_WIDTH_DIGIT.search(text):
        return text
    return text.translate(_FULL_WIDTH_DIGITS)


def strip_comments(html: str) -> str:
    """``html`` without ``<!-- ... -->`` comments; an unclosed comment runs to the end.

    A scan rather than a regular expression, which is quadratic on many unclosed ``<!--``.
    """
    parts = []
    position = 0
    while True:
        start = html.find("<!--", position)
        if start < 0:
            parts.append(html[position:])
            return "".join(parts)
        parts.append(html[position:start])
        end = html.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        position = end + 3


def comments(html: str) -> list[str]:
    """The inside of every closed ``<!-- ... -->`` comment in ``html``."""
    found = []
    position = 0
    while (start := html.find("<!--", position)) >= 0:
        end = html.find("-->", start + 4)
        if end < 0:
            break
        found.append(html[start + 4 : end])
        position = end + 3
    return found
