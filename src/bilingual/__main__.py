"""Allow ``python -m bilingual``."""

from __future__ import annotations

from bilingual.cli import main

if __name__ == "__main__":
    main()
