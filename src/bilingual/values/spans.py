"""The parts of a text a reader has already read, so that no other reader reads them again (the
2 of 4月2日 is not also a number).

A candidate tested against each span read so far costs as many tests as values read: nothing
for the few values of a sentence, quadratic on a block of thousands (200,000 values took
minutes). In a long text, past a few dozen spans, a mark per character costs a candidate the
length of its own span, whatever was read before.
"""

from __future__ import annotations

from collections.abc import Callable

#: Texts up to this long are tested span by span: they hold a few hundred values at most, and
#: a paragraph's few are tested fastest so (most texts read are paragraphs).
_SHORT = 2_000
#: In a longer text, spans are tested one by one up to this many; then marked.
_LISTED = 32


def free_test(taken: list[tuple[int, int]], size: int) -> Callable[[int, int], bool]:
    """Whether a span ``(start, end)`` of a text of ``size`` characters overlaps none of
    ``taken``, the spans read so far (which the reader appends to as it goes): overlaps one
    ``(a, b)`` when ``start < b and end > a``, empty spans included."""
    if size > _SHORT:
        return _Marks(taken, size).free

    def free(start: int, end: int) -> bool:
        for a, b in taken:  # noqa: SIM110 - a plain loop is twice as fast as all() here
            if start < b and end > a:
                return False
        return True

    return free


class _Marks:
    """Spans read in a long text, marked character by character once there are many."""

    __slots__ = ("_empty", "_marked", "_marks", "_size", "spans")

    def __init__(self, spans: list[tuple[int, int]], size: int) -> None:
        self.spans = spans
        self._size = size
        # One byte per character, 1 where a non-empty span of the first ``_marked`` was read
        # (made when first needed); and where empty spans stand, which mark no character.
        self._marks: bytearray | None = None
        self._marked = 0
        self._empty: list[int] = []

    def free(self, start: int, end: int) -> bool:
        spans = self.spans
        if len(spans) <= _LISTED or end <= start:  # an empty span overlaps one it is inside
            for a, b in spans:  # noqa: SIM110
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
