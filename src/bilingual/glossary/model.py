"""Terms and glossaries (frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    """One entry: a Chinese term, its preferred English rendering, and the other renderings."""

    zh: str
    #: The preferred rendering.
    en: str
    #: Also acceptable ("SJTU" for "Shanghai Jiao Tong University").
    variants: tuple[str, ...] = ()
    #: Never acceptable ("Shanghai Jiaotong University"): reported with the fix.
    forbidden: tuple[str, ...] = ()
    note: str = ""
    #: Whether English renderings must match in case; default: true for acronyms only.
    case_sensitive: bool | None = None
    tags: tuple[str, ...] = ()
    #: Line of the entry in the glossary file, for messages.
    line: int | None = None

    @property
    def allowed(self) -> tuple[str, ...]:
        """The preferred rendering and the variants."""
        return (self.en, *self.variants)

    @property
    def is_name(self) -> bool:
        """A proper name (an institution, a product, a person): every acceptable rendering has
        a capital letter. Otherwise the term is terminology ("control plane"; "Incubator" that
        may also be written "incubator"), which English inflects and translators may render by
        a synonym."""
        return all(any(char.isupper() for char in rendering) for rendering in self.allowed)

    def exact_case(self, rendering: str) -> bool:
        """Whether ``rendering`` must be matched in its own case (acronyms such as SJTU)."""
        if self.case_sensitive is not None:
            return self.case_sensitive
        return rendering.isupper() and len(rendering.replace(" ", "")) <= 8


@dataclass(frozen=True, slots=True)
class Glossary:
    """All terms of a content root, in file order."""

    terms: tuple[Term, ...] = ()
    #: The file they were read from, relative to the content root.
    path: str = "glossary.yaml"
    #: Problems found while reading (duplicates and the like), for ``glossary lint``.
    warnings: tuple[str, ...] = field(default=(), compare=False)
