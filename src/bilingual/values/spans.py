"""The parts of a text a reader has already read, so that no other reader reads them again (the
2 of 4月2日 is not also a number).

A candidate tested against each span read so far costs as many tests as values read: fine for
the few values of a sentence, quadratic on a block of thousands (200,000 values took minutes).
Past a few dozen spans, a mark per character costs a candidate the length of its own span,
whatever was read before.
"""

from __future__ import annotations

#: Spans tested one by one up to this many; then marked. A plain loop over a short list is
#: cheaper than marking, and most texts read have a few values.
_LISTED = 32


class Taken:
    """Spans ``[start, end)`` of one text already read. A span overlaps another when
    ``start < b and end > a`` for a read span ``(a, b)``, empty spans included."""

    __slots__ = ("_empty", "_marks", "_size", "spans")

    def __init__(self, size: int) -> None:
        self._size = size
        #: Every span added, in order.
        self.spans: list[tuple[int, int]] = []
        #: Once there are more than ``_LISTED`` spans, one byte per character of the text: 1
        #: where a non-empty span has been read.
        self._marks: bytearray | None = None
        #: Where empty spans stand, once marking (none in practice: they mark no character).
        self._empty: list[int] = []

    def add(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as read."""
        self.spans.append((start, end))
        if self._marks is not None:
            self._mark(start, end)
        elif len(self.spans) > _LISTED:
            self._marks = bytearray(max(self._size, max(b for _, b in self.spans)))
            for a, b in self.spans:
                self._mark(a, b)

    def _mark(self, start: int, end: int) -> None:
        assert self._marks is not None
        if end > len(self._marks):  # past the text (not met): the marks keep their places
            self._marks.extend(bytes(end - len(self._marks)))
        if end > start:
            self._marks[start:end] = b"\x01" * (end - start)
        else:
            self._empty.append(start)

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps no span read."""
        marks = self._marks
        if marks is None or end <= start:  # an empty span overlaps one it stands inside
            for a, b in self.spans:  # noqa: SIM110 - a plain loop is twice as fast as all()
                if start < b and end > a:
                    return False
            return True
        if marks.find(1, start, end) >= 0:
            return False
        return not self._empty or not any(start < a < end for a in self._empty)

    def __bool__(self) -> bool:
        return bool(self.spans)
