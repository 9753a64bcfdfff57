"""The site's words in each language: gettext catalogs for the templates' UI strings.

The tool's own catalogs live in the repository's top-level ``locales/<lang>/LC_MESSAGES/
messages.po``; a wheel carries them compiled (``bilingual/locales/…/messages.mo``, made by the
hatch build hook in ``hatch_build.py``). A content root may add its own ``locales/`` catalogs,
whose entries override the shipped ones (its own category names, another wording).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import BundleError

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from babel.support import Translations

DOMAIN = "messages"
LOCALES = "locales"
#: Message context of a category name (``pgettext("category", "campus-events")``).
CATEGORY = "category"
#: Compiled catalogs inside an installed package (a wheel).
PACKAGED = Path(__file__).resolve().parent.parent / LOCALES
#: The source catalogs, in a checkout or an editable install (src/bilingual/i18n → repo).
SOURCE = Path(__file__).resolve().parents[3] / LOCALES


def po_path(folder: Path, lang: str) -> Path:
    """Where ``lang``'s catalog lives under a ``locales/`` folder."""
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(path: Path, lang: str) -> Catalog:
    """A ``.po`` file; ``BundleError`` with its line when it cannot be read."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        problem = re.sub(r" on -?\d+$", "", str(exc))  # babel's line is 0-based: ours is not
        raise BundleError(
            f"broken catalog: {problem}", path=path, line=exc.lineno + 1, hint="fix the .po file"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BundleError(f"cannot read catalog: {exc}", path=path) from None


def compiled(catalog: Catalog) -> bytes:
    """``catalog`` as ``.mo`` bytes (untranslated and fuzzy entries left out)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def translations(lang: str, root: Path | None = None) -> Translations:
    """The shipped catalog of ``lang``, with the content root's entries over it."""
    from babel.support import Translations

    shipped_mo = PACKAGED / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if shipped_mo.is_file():
        with shipped_mo.open("rb") as handle:
            result = Translations(handle, domain=DOMAIN)
    elif po_path(SOURCE, lang).is_file():
        # A checkout: the .po compiled in memory, so a translator's edit shows at once.
        result = _from_po(po_path(SOURCE, lang), lang)
    else:
        raise BundleError(
            f"no shipped catalog for {lang}: the installation is incomplete",
            path=shipped_mo,
            hint="reinstall bilingual",
        )
    own = po_path(root / LOCALES, lang) if root is not None else None
    if own is not None and own.is_file() and own.resolve() != po_path(SOURCE, lang).resolve():
        result.merge(_from_po(own, lang))
    return result


def _from_po(path: Path, lang: str) -> Translations:
    from babel.support import Translations

    return Translations(io.BytesIO(compiled(read_catalog(path, lang))), domain=DOMAIN)
