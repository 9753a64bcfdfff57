"""Generate a deterministic corpus of long zh/en press releases and event reports.

A second corpus beside ``generate.py``'s, from other templates (``news_templates.py``) and
two and a half times larger a pair (15 KB): 16-50 blocks a side, 32 on average — headings at
three levels, long paragraphs, bulleted and numbered lists, tables, block quotes, images with
captions, inline code and links — carrying numbers in many forms (七百余 / more than 700,
3.5亿元 / RMB 350 million, 1.2万 / 12,000, 百分之十五 / 15 percent, 3至5天 / 3 to 5 days,
第十二届 / 12th, 三分之一 / one third), dates (2023年4月2日, 4月2日（星期日） / Sunday,
April 2), times (上午9时30分 / 9:30 a.m.) and glossary terms. The corpus root gets the
``glossary.yaml`` of those terms, with forbidden renderings.

A share of pairs (``--defect-rate``, 5% by default) carries ``--defects-per-pair`` known defects
in the English, each in another block: a deleted paragraph, a changed number, a changed date,
Chinese left in the English, a wrong link and a forbidden glossary rendering. ``defects.json``
lists them with the lines of the block on each side, so ``recall_news.py`` can score them.
Everything else is a faithful translation: ``bilingual check`` should report nothing there.

    python bench/generate_news.py 1000 bench/corpus/news-1000
    python bench/generate_news.py 10000 /tmp/many --defect-rate 1 --defects-per-pair 5
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

import news_templates as t
from news_article import HOURS, Article, Part, Slot, Unit, clock, join

KINDS = (
    "deleted-paragraph",
    "changed-number",
    "changed-date",
    "chinese-in-english",
    "wrong-link",
    "forbidden-term",
)


def body(article: Article) -> list[Unit]:
    """The blocks of an article, in order: a lead, four or five sections, a closing line."""
    rng = article.rng
    opening = article.fill(*t.LEADS[0])
    article.summary = (opening.zh, opening.english())
    others = [article.fill(*t.LEADS[1]), article.fill(*rng.choice(t.LEADS[2:]))]
    units = [join([opening, *others], "paragraph"), article.paragraph(rng.randint(3, 5))]
    if rng.random() < 0.5:
        units += image(article, 1)
    for zh, en in rng.sample(t.SECTIONS, rng.randint(4, 5)):
        units.append(Unit("heading", f"## {zh}", [f"## {en}"]))
        for _ in range(rng.randint(2, 4)):
            units += section_block(article)
    units.append(join([article.fill(*t.CLOSING)], "paragraph"))
    return units


def section_block(article: Article) -> list[Unit]:
    """One or a few blocks of a section: mostly paragraphs, sometimes a list, table or quote."""
    rng = article.rng
    roll = rng.random()
    if roll < 0.45:
        return [article.paragraph(rng.randint(3, 6))]
    if roll < 0.55:
        return [quote(article)]
    if roll < 0.65:
        return results(article)
    if roll < 0.72:
        return agenda(article)
    if roll < 0.80:
        return [figures(article) if rng.random() < 0.5 else schedule(article)]
    if roll < 0.90:
        level = rng.choice(("###", "####"))
        zh, en = rng.choice(t.SUBSECTIONS)
        heading = article.fill(f"{level} {zh}", f"{level} {en}")
        heading.kind = "heading"
        return [heading, article.paragraph(rng.randint(2, 4))]
    return image(article, rng.randint(2, 6))


def quote(article: Article) -> Unit:
    """A block quote: a speaker's words, then who said them."""
    zh, en = article.rng.choice(t.QUOTES)
    speaker = {"who": Slot(*article.rng.choice(article.people), "text")}
    unit = article.fill(f"> “{zh}，”{{who}}说。", f'> "{en}," said {{who}}.', speaker)
    unit.kind = "quote"
    return unit


def results(article: Article) -> list[Unit]:
    """A bulleted list of results, each item a bold label and a sentence."""
    units = []
    for i, ((label_zh, label_en), (zh, en)) in enumerate(
        article.rng.sample(t.RESULTS, article.rng.randint(3, 5))
    ):
        unit = article.fill(f"- **{label_zh}**：{zh}。", f"- **{label_en}**: {en}.")
        unit.kind, unit.joined = "item", i > 0
        units.append(unit)
    return units


def _programme(article: Article) -> list[tuple[Slot, tuple[str, str]]]:
    """Three to five items of a day's programme, in order, each at its time."""
    rng = article.rng
    items = sorted(rng.sample(range(len(t.AGENDA)), rng.randint(3, 5)))
    hours = sorted(rng.sample(HOURS, len(items)))
    return [
        (clock(hour, rng.choice((0, 30))), t.AGENDA[item])
        for item, hour in zip(items, hours, strict=True)
    ]


def agenda(article: Article) -> list[Unit]:
    """A numbered list: the day's programme, one time an item."""
    units = []
    for i, (when, (zh, en)) in enumerate(_programme(article)):
        unit = Unit("item", f"{i + 1}. {when.zh}：{zh}", [f"{i + 1}. ", (when, False), f": {en}"])
        unit.joined = i > 0
        units.append(unit)
    return units


def schedule(article: Article) -> Unit:
    """A table of the day's programme: time, activity and venue."""
    zh = ["| 时间 | 活动 | 地点 |", "| --- | --- | --- |"]
    en: list[Part] = ["| Time | Activity | Venue |\n| --- | --- | --- |"]
    for when, (what_zh, what_en) in _programme(article):
        place = article.slot("place2")
        # A table cell names the venue without "the".
        wrong = place.wrong.removeprefix("the ") if place.wrong else None
        venue = Slot(place.zh, place.en.removeprefix("the "), "term", wrong)
        zh.append(f"| {when.zh} | {what_zh} | {venue.zh} |")
        what = what_en[:1].upper() + what_en[1:]
        en += ["\n| ", (when, False), f" | {what} | ", (venue, False), " |"]
    return Unit("table", "\n".join(zh), en)


def figures(article: Article) -> Unit:
    """A table of figures: people by group, with their share."""
    zh = ["| 类别 | 人数 | 占比 |", "| --- | ---: | ---: |"]
    en: list[Part] = ["| Category | Number | Share |\n| --- | ---: | ---: |"]
    for group_zh, group_en in article.rng.sample(t.GROUPS, article.rng.randint(3, 5)):
        count = article.rng.randint(120, 6000)
        number = Slot(str(count), f"{count:,}", "number", f"{count + 10:,}")
        share = article.slot("pctd")
        zh.append(f"| {group_zh} | {number.zh} | {share.zh} |")
        en += [f"\n| {group_en} | ", (number, False), " | ", (share, False), " |"]
    return Unit("table", "\n".join(zh), en)


def image(article: Article, number: int) -> list[Unit]:
    """A photograph and its caption (a paragraph in italics, numbered as a figure)."""
    zh, en = article.rng.choice(t.CAPTIONS)
    src = f"https://news.example.edu.cn/images/{article.year}/{article.slug}-{number}.jpg"
    target = Slot(src, src, "link", src.replace(".jpg", "-1.jpg"))
    picture = Unit("image", f"![{zh}]({src})", [f"![{en}](", (target, False), ")"])
    caption = Unit("caption", f"*图{number}：{zh}*", [f"*Figure {number}: {en}*"])
    return [picture, caption]


# Defects -------------------------------------------------------------------------------


def plant(rng: random.Random, units: list[Unit], count: int) -> list[tuple[str, int, str]]:
    """Plant ``count`` defects in the English of different blocks: (kind, block, what)."""
    kinds = rng.sample(KINDS, min(count, len(KINDS)))
    kinds += [rng.choice(KINDS[1:]) for _ in range(count - len(kinds))]  # one deletion at most
    used: set[int] = set()
    planted = []
    for kind in kinds:
        places = [(i, p) for i, unit in enumerate(units) for p in _places(kind, unit, i, units)]
        # Not next to another defect either: each finding should point at one defect.
        places = [(i, p) for i, p in places if not {i - 1, i, i + 1} & used]
        if not places:
            continue
        i, part = rng.choice(places)
        used.add(i)
        unit = units[i]
        if kind == "deleted-paragraph":
            unit.kind = "deleted"
            what = unit.zh[:20]
        elif kind == "chinese-in-english":
            # A sentence without digits or links, where there is one: its values would add
            # findings of other kinds (a number only in the English) to the one planted.
            sentences = [s + "。" for s in unit.zh.split("。") if s]
            plain = [s for s in sentences if not re.search(r"[0-9(]", s)]
            sentence = (plain or sentences)[0]
            unit.en.append(" " + sentence)
            what = sentence
        else:
            slot = unit.en[part][0]  # type: ignore[index]
            unit.wrong[part] = slot.wrong
            what = f"{slot.en} -> {slot.wrong}"
        planted.append((kind, i, what))
    return planted


def _places(kind: str, unit: Unit, index: int, units: list[Unit]) -> list[int]:
    """Where in ``unit`` a defect of ``kind`` can go: English part indexes (or [0])."""
    if kind == "deleted-paragraph":
        # Not the lead (the summary repeats it) or the closing paragraph.
        return [0] if unit.kind == "paragraph" and 0 < index < len(units) - 1 else []
    if kind == "chinese-in-english":
        return [0] if unit.kind == "paragraph" else []
    want = {
        "changed-number": "number",
        "changed-date": "date",
        "wrong-link": "link",
        "forbidden-term": "term",
    }[kind]
    return [
        i
        for i, part in enumerate(unit.en)
        if not isinstance(part, str) and part[0].kind == want and part[0].wrong
    ]


# Files ---------------------------------------------------------------------------------


def _scalar(value: str) -> str:
    """A YAML scalar: plain when it can be, else double-quoted (JSON is valid YAML)."""
    if ": " in value or " #" in value or value[:1] in "!&*[]{}|>'\"%@`-?,#":
        return json.dumps(value, ensure_ascii=False)
    return value


def render(units: list[Unit], lang: str, head: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    """A source file and the first and last line of each block (deleted ones: (0, 0))."""
    lines = ["---", *(f"{key}: {value}" for key, value in head.items()), "---", ""]
    text = "\n".join(lines)
    line = len(lines)  # the blank line after the front matter
    spans = []
    for unit in units:
        if lang == "en" and unit.kind == "deleted":
            spans.append((0, 0))
            continue
        block = unit.zh if lang == "zh" else unit.english()
        # The first block follows the blank line; a list item its list's last line; any other
        # block a blank line of its own.
        step = 1 if unit.joined or len(spans) == 0 else 2
        text += "\n" * step
        line += step
        spans.append((line, line + block.count("\n")))
        line += block.count("\n")
        text += block
    return text + "\n", spans


def make_pair(
    rng: random.Random, index: int, defect_rate: float, defects_per_pair: int
) -> tuple[str, str, str, list[dict]]:
    """The slug, zh text, en text and the planted defects of pair ``index``."""
    article = Article(rng, index)
    units = body(article)
    planted = plant(rng, units, defects_per_pair) if rng.random() < defect_rate else []
    host, event = article.fixed["host"], article.fixed["event"]
    shared = {
        "date": f"{article.year}-{article.month:02d}-{article.day:02d}",
        "category": rng.choice(t.CATEGORIES),
        "tags": f"[{article.topic[1].replace(' ', '-')}, news]",
    }
    zh_head = {
        "title": f"{host.zh}举办{event.zh}",
        **shared,
        "author": article.people[1][0],
        "summary": _scalar(article.summary[0]),
    }
    en_head = {
        "title": _scalar(f"{host.en[:1].upper() + host.en[1:]} Hosts {event.en}"),
        **shared,
        "author": article.people[1][1],
        "summary": _scalar(article.summary[1]),
    }
    zh, zh_spans = render(units, "zh", zh_head)
    en, en_spans = render(units, "en", en_head)
    defects = [
        {
            "kind": kind,
            "zh": list(zh_spans[i]),
            "en": list(en_spans[i]) if en_spans[i][0] else None,
            "what": what,
        }
        for kind, i, what in planted
    ]
    return article.slug, zh, en, defects


def write_glossary(path: Path) -> None:
    """The corpus's term base: every term the templates use, with its forbidden renderings."""
    lines = ["# Terms of the generated press releases (bench/news_templates.py).", "terms:"]
    for zh, en, variants, forbidden, _ in t.TERMS:
        lines += [f"  - zh: {zh}", f"    en: {en}"]
        if variants:
            lines.append(f"    variants: [{', '.join(variants)}]")
        if forbidden:
            lines.append(f"    forbidden: [{', '.join(forbidden)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(
    count: int,
    out: Path,
    seed: int = 2023,
    defect_rate: float = 0.05,
    defects_per_pair: int = 1,
) -> dict[str, list[dict]]:
    """Write ``count`` pairs under ``out/articles`` (replacing what was there); the defects."""
    rng = random.Random(seed)
    articles = out / "articles"
    if articles.exists():
        shutil.rmtree(articles)
    articles.mkdir(parents=True)
    write_glossary(out / "glossary.yaml")
    defects = {}
    for index in range(count):
        slug, zh, en, planted = make_pair(rng, index, defect_rate, defects_per_pair)
        folder = articles / slug
        folder.mkdir()
        (folder / "zh.md").write_text(zh, encoding="utf-8")
        (folder / "en.md").write_text(en, encoding="utf-8")
        if planted:
            defects[slug] = planted
    (out / "defects.json").write_text(
        json.dumps(defects, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return defects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument(
        "--defect-rate", type=float, default=0.05, help="share of pairs with defects (0-1)"
    )
    parser.add_argument(
        "--defects-per-pair",
        type=int,
        default=1,
        help="defects in each such pair, each in its own block",
    )
    args = parser.parse_args()
    generate(args.count, args.out, args.seed, args.defect_rate, args.defects_per_pair)


if __name__ == "__main__":
    main()
