"""A Chinese-English lexicon: how much of an English block a Chinese block's words can explain.

Anchors (numbers, links, terms, names) tell the aligner which blocks translate each other when a
block has them; many paragraphs have none. The lexicon is the evidence left for those: each
Chinese word of CC-CEDICT with the stems of the English words of its glosses. A Chinese block
"explains" an English one to the degree that the English block's content words are among the
glosses of the Chinese block's words. The measure is crude (no word sense, no order) but it
tells a translation from its neighbour: on the real pairs of ``tests/fixtures/real``, half the
paragraphs paired one to one score 0.57 or more and half of their neighbours 0.13 or less.

The data file (``data/lexicon.tsv.gz``, one ``word<TAB>stem stem ...`` line per word) is made
from CC-CEDICT by ``scripts/make_lexicon.py``; see ``data/LEXICON.md`` for its source and
licence. It is read on first use only, in a few tens of milliseconds.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from bilingual.text import HAN_CHAR

#: Longest dictionary word the segmenter looks for, in characters.
MAX_WORD = 4
#: English words too common to say anything about which block translates which, and words
#: CC-CEDICT uses to describe rather than translate (classifier, variant, surname).
_STOP_WORDS = """
    a an the of to and or in on at by for with from as is be been being are was were it its this
    that these those one's sb sth someone something etc used also see variant classifier
    surname abbr not no up out into over under about than then very more most such which who
    what how when where have has had do does did make makes get give go put take can will
    may we our you your they their he she his her them us i my me all any some each other so
    but if there here just only well now new use
"""
STOP = frozenset(_STOP_WORDS.split())
#: Chinese characters that are grammar rather than content: their glosses ("of", "already")
#: would match any English block.
_HAN_STOP = frozenset("的了是在和与也都而及或就被把这那有个为以对将从上中下等之其于着过吗呢吧啊")
_WORD = re.compile(r"[a-z]+")
_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ings", "ing", "ities", "ity",
    "ies", "es", "ed", "ly", "s", "e", "er",
)  # fmt: skip
_HAN_RUN = re.compile(f"(?:{HAN_CHAR.pattern})+")
#: In the data file (after a leading newline): each line's word, and its first character (a
#: Han character is 3 bytes of UTF-8, or 4 beyond the Basic Multilingual Plane).
_FIRST_FIELD = re.compile(rb"\n([^\t]+)")
_FIRST_CHAR = re.compile(rb"\n([\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})")
#: Fewer English content words than this, and a block says too little to be scored.
MIN_WORDS = 4


@cache
def stem(word: str) -> str:
    """A crude stem of a lower-case English word: one common suffix off, then seven letters at
    most, so that "develop", "developed" and "development" meet."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:7]


def english_stems(text: str) -> frozenset[str]:
    """The stems of an English text's content words."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOP)


class _Lexicon:
    """The lexicon in memory, as small as it can be made: it is loaded in every worker process,
    so its size is the tool's fixed cost in memory.

    The words are a set of their UTF-8 bytes (half the size of strings), for segmentation; the
    glosses stay in the file's bytes, and a word's line is found among the lines of its first
    character when first asked (then cached by ``_glosses``).
    """

    def __init__(self) -> None:
        source = resources.files("bilingual").joinpath("data/lexicon.tsv.gz")
        # One block of bytes for the whole file; the words are sorted, so the lines of one
        # first character stand together: where each group starts is the only index needed.
        data = b"\n" + gzip.decompress(source.read_bytes())
        self.words = set(_FIRST_FIELD.findall(data))
        starts: dict[bytes, int] = {}
        for match in _FIRST_CHAR.finditer(data):
            starts.setdefault(match.group(1), match.start())
        bounds = [*starts.values(), len(data)]
        self.blocks = {
            first.decode("utf-8"): (bounds[k], bounds[k + 1]) for k, first in enumerate(starts)
        }
        self.data = data

    def __contains__(self, word: str) -> bool:
        return word.encode("utf-8") in self.words

    def glosses(self, word: str) -> str | None:
        bounds = self.blocks.get(word[0])
        if bounds is None:
            return None
        key = b"\n" + word.encode("utf-8") + b"\t"
        start = self.data.find(key, *bounds)
        if start < 0:
            return None
        start += len(key)
        return self.data[start : self.data.index(b"\n", start)].decode("ascii")


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon()


@cache
def _glosses(word: str) -> frozenset[str]:
    found = _lexicon().glosses(word)
    return frozenset(found.split()) if found else frozenset()


def words(text: str) -> list[str]:
    """The Chinese words of ``text``: greedy longest match against the lexicon, run by run."""
    lexicon = _lexicon()
    known = lexicon.words
    found: list[str] = []
    for run in _HAN_RUN.findall(text):
        data, end = run.encode("utf-8"), len(run)
        # Han characters of the Basic Multilingual Plane are 3 bytes each: the run is looked up
        # as slices of its bytes, with no text made for a candidate that is not a word.
        wide = 3 if len(data) == 3 * end else 0
        i = 0
        while i < end:
            for size in range(min(MAX_WORD, end - i), 0, -1):
                if size == 1:
                    found.append(run[i])
                    break
                if wide:
                    if data[3 * i : 3 * (i + size)] in known:
                        found.append(run[i : i + size])
                        break
                elif run[i : i + size] in lexicon:
                    found.append(run[i : i + size])
                    break
            i += size
    return found


def word_glosses(text: str) -> tuple[frozenset[str], ...]:
    """The content words of a Chinese text, each once, as the English stems each may be
    rendered by (words the lexicon does not know are left out)."""
    if not _HAN_RUN.search(text):
        return ()
    seen: dict[str, frozenset[str]] = {}
    for word in words(text):
        if word not in seen and (len(word) > 1 or word not in _HAN_STOP):
            glosses = _glosses(word)
            if glosses:
                seen[word] = glosses
    return tuple(seen.values())


def agreement(
    chinese: Sequence[frozenset[str]], union: frozenset[str], english: frozenset[str]
) -> float | None:
    """How well Chinese words (as from ``word_glosses``) and English stems account for each
    other: the mean of the share of Chinese words with a gloss among the English stems and the
    share of English stems among the glosses (``union``, all the words' glosses). None when
    either side has too few words to tell.

    Both shares count: the English share alone would grow with every Chinese block added to a
    merge, the Chinese share alone with every English block.
    """
    if len(english) < MIN_WORDS or len(chinese) < MIN_WORDS:
        return None
    found = sum(1 for glosses in chinese if not glosses.isdisjoint(english))
    return (found / len(chinese) + len(english & union) / len(english)) / 2


def centres(text: str, lang: str, others: Sequence[str]) -> list[tuple[float, int]]:
    """Where in ``text`` (0 at its start, 1 at its end) the words each of ``others`` renders
    stand, on average, and how many words that is: only words that one of ``others`` renders
    and no other count. ``text`` is one block in ``lang``; ``others`` are the blocks of the
    other language that together translate it, in their order. A text whose parts are rendered
    in order has rising centres."""
    if lang == "zh":
        sequence = [
            _glosses(w) for w in words(text) if len(w) > 1 or w not in _HAN_STOP
        ]  # each word as the stems that render it
        targets = [english_stems(o) for o in others]
        hits = [[k for k, t in enumerate(targets) if not g.isdisjoint(t)] for g in sequence]
    else:
        sequence = [stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOP]
        targets = [chinese_glosses(o) for o in others]
        hits = [[k for k, t in enumerate(targets) if s in t] for s in sequence]
    places: list[list[float]] = [[] for _ in others]
    total = max(len(hits), 1)
    for position, found in enumerate(hits):
        if len(found) == 1:
            places[found[0]].append(position / total)
    return [(sum(p) / len(p), len(p)) if p else (0.0, 0) for p in places]


def chinese_glosses(text: str) -> frozenset[str]:
    """Every English stem the content words of a Chinese text may be rendered by."""
    return frozenset().union(*word_glosses(text))


def make_entries(cedict: str) -> list[str]:
    """The lexicon's lines made from the text of CC-CEDICT (``scripts/make_lexicon.py``).

    Each simplified headword of up to ``MAX_WORD`` characters, with the stems of its glosses;
    cross-references, classifiers, variants and surname entries say nothing of meaning and are
    left out, and so are parenthesised notes.
    """
    lexicon: dict[str, set[str]] = {}
    for line in cedict.splitlines():
        if line.startswith("#") or " [" not in line:
            continue
        head, _, rest = line.partition(" [")
        simplified = head.split(" ")[-1]
        if len(simplified) > MAX_WORD or not _HAN_RUN.fullmatch(simplified):
            continue
        stems = lexicon.setdefault(simplified, set())
        for gloss in rest.partition("] /")[2].split("/"):
            if gloss.startswith(("CL:", "variant of", "old variant", "see ", "surname ", "abbr.")):
                continue
            gloss = re.sub(r"\([^)]*\)", " ", gloss)
            stems.update(english_stems(gloss))
    return [f"{w}\t{' '.join(sorted(stems))}" for w, stems in sorted(lexicon.items()) if stems]
