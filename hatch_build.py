"""Hatch build hook: the shipped gettext catalogs, compiled, go into the wheel.

``locales/<lang>/LC_MESSAGES/messages.po`` (in git) become
``bilingual/locales/<lang>/LC_MESSAGES/messages.mo`` inside the wheel, so an installed tool
renders Chinese pages without babel parsing .po files, and no .mo is ever committed. An editable
install needs none: it reads the .po from the checkout (``bilingual.i18n``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(source: Path, target: Path) -> dict[str, str]:
    """Compile every ``source/<lang>/LC_MESSAGES/*.po`` into ``target``; returns
    ``{compiled file: its path in the wheel}``. A broken catalog fails the build."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    included: dict[str, str] = {}
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po.relative_to(source).with_suffix(".mo")
        mo = target / relative
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parts[-3], abort_invalid=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        included[str(mo)] = f"bilingual/locales/{relative.as_posix()}"
    return included


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile the catalogs for a wheel (not for an editable one, which reads the .po)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile into a temporary folder and include each .mo in the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        self._folder = Path(tempfile.mkdtemp(prefix="bilingual-mo-"))
        source = Path(self.root) / "locales"
        build_data["force_include"].update(compile_catalogs(source, self._folder))

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary folder."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
