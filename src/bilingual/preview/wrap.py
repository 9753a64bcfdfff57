"""Line breaking for Chinese and mixed text in a terminal cell.

rich wraps at spaces only: a Chinese sentence is one "word" to it, moved whole to the next line
and then folded, so a paragraph that mentions "AI for Science" leaves a line half empty and may
start the next one with a comma. Here a line may break between any two Chinese characters and
at the spaces between Latin words, never before closing punctuation (，。）” …) nor after
opening punctuation (（“), as Chinese typesetting does; a word wider than the line is folded.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: Characters a line may not start with.
CLOSING = frozenset("，。、；：？！）》」』】〕〉〗”’…—·％,.;:?!)]}%")
#: Characters a line may not end with.
OPENING = frozenset("（《「『【〔〈〖“‘([{")


def breaks(text: str) -> list[int]:
    """The offsets a line of ``text`` may break before (``len(text)`` last)."""
    points: list[int] = []
    for index in range(1, len(text)):
        char, before = text[index], text[index - 1]
        if char.isspace() or char in CLOSING or before in OPENING:
            continue
        # After a space (the end of a word), or beside a wide (Chinese) character.
        if (
            before.isspace()
            or get_character_cell_size(char) == 2
            or get_character_cell_size(before) == 2
        ):
            points.append(index)
    points.append(len(text))
    return points


def divide(text: str, width: int) -> list[int]:
    """Where to break ``text`` so that each line fits ``width`` cells."""
    width = max(1, width)
    offsets: list[int] = []
    used = 0  # cells on the current line, trailing spaces included
    start = 0
    for end in breaks(text):
        piece = text[start:end]
        visible = cell_len(piece.rstrip())
        if used + visible > width and used:
            offsets.append(start)
            used = 0
        if visible > width:  # a word longer than a line (a URL): folded
            for char_index, char in enumerate(piece):
                size = get_character_cell_size(char)
                if used + size > width and used:
                    offsets.append(start + char_index)
                    used = 0
                used += size
        else:
            used += cell_len(piece)
        start = end
    return offsets


def wrap(text: Text, width: int) -> Iterator[Text]:
    """``text`` as lines of at most ``width`` cells, its styles kept."""
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        if cell_len(plain) <= width:
            yield paragraph
            continue
        for line in paragraph.divide(divide(plain, width)):
            line.rstrip()
            yield line


class Wrapped:
    """A ``Text`` that breaks lines as Chinese text may be broken (see the module)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Each line as a Text of its own, which fits and so is not wrapped again."""
        for line in wrap(self.text, options.max_width):
            line.end = "\n"
            line.no_wrap = True
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """From a few cells (a line may break almost anywhere) to the whole text on one line."""
        longest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(4, longest), longest)
