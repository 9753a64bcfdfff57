"""The lexicon: the shipped CC-CEDICT data, segmentation, and how well two texts agree."""

from __future__ import annotations

import gzip

from bilingual import lexicon
from tests.conftest import REPO
from tests.test_align import EN, ZH

DATA = REPO / "src" / "bilingual" / "data"


def _agreement(zh: str, en: str) -> float | None:
    words = lexicon.word_glosses(zh)
    return lexicon.agreement(words, frozenset().union(*words), lexicon.english_stems(en))


def test_the_shipped_data_is_cedict_with_its_licence():
    lines = gzip.decompress((DATA / "lexicon.tsv.gz").read_bytes()).decode("utf-8").splitlines()
    assert len(lines) > 100_000
    entries = dict(line.split("\t") for line in lines)
    assert "forum" in entries["论坛"].split()
    assert "scienc" in entries["科学"].split()
    notice = (DATA / "LEXICON.md").read_text(encoding="utf-8")
    assert "CC-CEDICT" in notice
    assert "Attribution-ShareAlike 4.0" in notice


def test_words_are_the_longest_dictionary_matches():
    # 张江 is no dictionary word: its characters stand alone.
    assert lexicon.words("论坛在张江科学会堂举行") == [
        "论坛",
        "在",
        "张",
        "江",
        "科学",
        "会堂",
        "举行",
    ]
    assert lexicon.words("Answer 插件") == ["插件"]  # Latin text is not segmented


def test_english_stems_meet_across_inflections():
    assert lexicon.english_stems("developed") == lexicon.english_stems("development")
    assert lexicon.english_stems("the of and to") == frozenset()


def test_a_translation_agrees_better_than_its_neighbours():
    # The shipped sample's paragraphs: each with its own translation, then with the next one's.
    for k in range(2, len(ZH) - 1):
        own = _agreement(ZH[k], EN[k])
        other = _agreement(ZH[k], EN[k + 1])
        assert own is not None and other is not None
        assert own > other, (ZH[k], own, other)


def test_too_few_words_give_no_verdict():
    assert _agreement("张江科学会堂", "At the Pujiang Innovation Forum.") is None
    assert _agreement("", "Guests attended the forum and gave speeches.") is None


def test_make_entries_reads_cedict_lines():
    cedict = (
        "# CC-CEDICT\n"
        "論壇 论坛 [lun4 tan2] /forum (for discussion)/CL:個|个[ge4]/\n"
        "丁寧 丁宁 [ding1 ning2] /variant of 叮嚀|叮咛[ding1 ning2]/\n"
        "中華人民共和國國務院 中华人民共和国国务院 [x] /State Council of the PRC/\n"
    )
    # Notes in parentheses, classifiers, cross-references and words longer than MAX_WORD go.
    assert lexicon.make_entries(cedict) == ["论坛\tforum"]
