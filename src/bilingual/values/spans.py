"""The parts of a text a reader has already read, so that no other reader reads them again (the
2 of 4月2日 is not also a number).

A candidate tested against each span read so far costs as many tests as values read: fine for
the few values of a sentence, quadratic on a block of thousands (200,000 values took minutes).
Past a few dozen spans, a mark per character costs a candidate the length of its own span,
whatever was read before.
"""

from __future__ import annotations

from collections.abc import Callable

#: Spans tested one by one up to this many; then marked. A plain loop over a short list is
#: cheaper than marking, and most texts read have a few values.
_LISTED = 32


class Taken:
    """Spans ``(start, end)`` of one text already read. A span overlaps another when
    ``start < b and end > a`` for a read span ``(a, b)``, empty spans included."""

    __slots__ = ("_empty", "_marked", "_marks", "_size", "add", "spans")

    def __init__(self, size: int) -> None:
        #: Every span read, in order.
        self.spans: list[tuple[int, int]] = []
        #: Mark ``(start, end)`` as read: the list's own append, as cheap as adding can be
        #: (readers add every value they read). Marks are made when a test needs them.
        self.add: Callable[[tuple[int, int]], None] = self.spans.append
        self._size = size
        self._marked = 0
        # Made once there are more than ``_LISTED`` spans (most texts never have them): one
        # byte per character of the text, 1 where a non-empty span of the first ``_marked`` was
        # read; and where empty spans stand, which mark no character.
        self._marks: bytearray | None = None
        self._empty: list[int] = []

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span read."""
        spans = self.spans
        if len(spans) <= _LISTED or end <= start:  # an empty span overlaps one it is inside
            for a, b in spans:  # noqa: SIM110 - a plain loop is twice as fast as all()
                if start < b and end > a:
                    return False
            return True
        if self._marked < len(spans):
            self._mark()
        assert self._marks is not None
        if self._marks.find(1, start, end) >= 0:
            return False
        return not self._empty or not any(start < a < end for a in self._empty)

    def _mark(self) -> None:
        if self._marks is None:
            self._marks = bytearray(self._size)
        marks = self._marks
        for a, b in self.spans[self._marked :]:
            if b > len(marks):  # past the text (not met): the marks keep their places
                marks.extend(bytes(b - len(marks)))
            if b > a:
                marks[a:b] = b"\x01" * (b - a)
            else:
                self._empty.append(a)
        self._marked = len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)
