"""Generate a deterministic corpus of realistic zh/en article pairs for benchmarks.

Each pair has 6-14 blocks a side (headings, paragraphs, list items) carrying numbers in the
forms Chinese news uses (七百余位, 3.5亿元, 35%, 1.2万), dates with and without a year, and
glossary terms. A small share of pairs carries a known defect (a deleted English paragraph,
Chinese left in the English, a wrong e-mail address, a changed number, a changed date);
``defects.json`` lists them, so a benchmark can tell true findings from false ones.

    python bench/generate.py 1000 bench/corpus/1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

TERMS = [
    ("上海交通大学", "Shanghai Jiao Tong University"),
    ("上海交通大学", "SJTU"),
    ("张江科学会堂", "Zhangjiang Science Hall"),
    ("张江科学城", "Zhangjiang Science City"),
    ("浦江创新论坛", "the Pujiang Innovation Forum"),
    ("科学技术部", "the Ministry of Science and Technology"),
    ("上海市人民政府", "the Shanghai Municipal People's Government"),
    ("上海市科学技术委员会", "the Science and Technology Commission of Shanghai Municipality"),
    ("上海张江（集团）有限公司", "Shanghai Zhangjiang (Group) Co., Ltd."),
    ("上海白玉兰开源开放研究院", "the Shanghai Baiyulan Open AI Research Institute"),
]
ZH_NUM = {100: "一百", 200: "两百", 300: "三百", 500: "五百", 700: "七百", 800: "八百"}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
TOPICS = [
    ("人工智能", "artificial intelligence"),
    ("新材料", "new materials"),
    ("生物医药", "biomedicine"),
    ("集成电路", "integrated circuits"),
    ("海洋工程", "ocean engineering"),
    ("碳中和", "carbon neutrality"),
    ("量子计算", "quantum computing"),
    ("智慧医疗", "smart healthcare"),
]
CATEGORIES = [
    "conference-season",
    "research-funding",
    "campus-events",
    "international",
    "alumni",
    "teaching",
]


def _guests(rng: random.Random) -> tuple[str, str]:
    n = rng.choice(list(ZH_NUM))
    return f"{ZH_NUM[n]}余位嘉宾", f"more than {n} guests"


def _amount(rng: random.Random) -> tuple[str, str]:
    tenths = rng.randint(12, 95)
    return f"{tenths / 10:g}亿元", f"RMB {tenths * 10} million"


def _wan(rng: random.Random) -> tuple[str, str]:
    tenths = rng.randint(11, 99)
    return f"{tenths / 10:g}万平方米", f"{tenths * 1000:,} square meters"


def _percent(rng: random.Random) -> tuple[str, str]:
    p = rng.randint(5, 95)
    return f"{p}%", f"{p}%"


def _date(rng: random.Random, year: int) -> tuple[str, str]:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.5:
        return f"{year}年{month}月{day}日", f"{MONTHS[month - 1]} {day}, {year}"
    return f"{month}月{day}日", f"{MONTHS[month - 1]} {day}"


def _paragraph(rng: random.Random, year: int) -> tuple[str, str]:
    zh_term, en_term = rng.choice(TERMS)
    zh_topic, en_topic = rng.choice(TOPICS)
    guests, amount, area, pct, date = (
        _guests(rng),
        _amount(rng),
        _wan(rng),
        _percent(rng),
        _date(rng, year),
    )
    sentences = [
        (
            f"{date[0]}，{zh_term}举办{zh_topic}主题交流会，{guests[0]}出席。",
            f"On {date[1]}, {en_term} held a forum on {en_topic}, attended by {guests[1]}.",
        ),
        (
            f"项目总投资{amount[0]}，建设面积达{area[0]}。",
            f"The project has a total investment of {amount[1]} and covers {area[1]}.",
        ),
        (
            f"其中，{pct[0]}的经费将用于{zh_topic}方向的青年人才培养。",
            f"Of the funding, {pct[1]} will support young researchers in {en_topic}.",
        ),
        (
            f"与会专家围绕{zh_topic}领域的前沿问题展开深入讨论，并就学科交叉与成果转化提出建议。",
            f"Experts discussed frontier questions in {en_topic} and made suggestions on "
            "interdisciplinary research and the transfer of results.",
        ),
        (
            f"{zh_term}相关负责人表示，将继续加强与国内外高校和企业的合作。",
            f"A representative of {en_term} said it would keep strengthening cooperation with "
            "universities and companies in China and abroad.",
        ),
    ]
    chosen = rng.sample(sentences, rng.randint(2, 4))
    return "".join(z for z, _ in chosen), " ".join(e for _, e in chosen)


def make_pair(rng: random.Random, index: int) -> tuple[str, str, str, dict | None]:
    """The slug, zh text, en text and the injected defect (or None) of pair ``index``."""
    year = rng.randint(2019, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    category = rng.choice(CATEGORIES)
    zh_topic, en_topic = rng.choice(TOPICS)
    zh_blocks: list[str] = []
    en_blocks: list[str] = []
    for n in range(rng.randint(6, 14)):
        roll = rng.random()
        if n and roll < 0.12:
            zh_blocks.append(f"## {zh_topic}研究进展")
            en_blocks.append(f"## Progress in {en_topic.title()}")
        elif n and roll < 0.25:
            zh, en = _paragraph(rng, year)
            zh_blocks.append(f"- {zh}")
            en_blocks.append(f"- {en}")
        else:
            zh, en = _paragraph(rng, year)
            zh_blocks.append(zh)
            en_blocks.append(en)
    zh_blocks.append(
        f"详情请访问[项目主页](https://news.example.edu.cn/{index}) 或致信 news@example.edu.cn。"
    )
    en_blocks.append(
        f"For details, see the [project page](https://news.example.edu.cn/{index}) "
        "or write to news@example.edu.cn."
    )
    defect = _inject(rng, zh_blocks, en_blocks)
    slug = f"{year}-{en_topic.replace(' ', '-')}-{index:05d}"
    head = f"date: {year}-{month:02d}-{day:02d}\ncategory: {category}\ntags: [{category}]\n"
    zh = f"---\ntitle: {zh_topic}主题交流会举行\n{head}---\n\n" + "\n\n".join(zh_blocks) + "\n"
    en = f"---\ntitle: Forum on {en_topic} held\n{head}---\n\n" + "\n\n".join(en_blocks) + "\n"
    return slug, zh, en, defect


def _inject(rng: random.Random, zh: list[str], en: list[str]) -> dict | None:
    roll = rng.random()
    paragraphs = [i for i, b in enumerate(en) if not b.startswith(("#", "-")) and i < len(en) - 1]
    if roll < 0.02 and len(paragraphs) > 1:
        i = rng.choice(paragraphs[1:])
        del en[i]
        return {"kind": "deleted-paragraph", "block": i}
    if roll < 0.03 and paragraphs:
        i = rng.choice(paragraphs)
        en[i] += " 该项目预计明年完工。"
        return {"kind": "chinese-in-english", "block": i}
    if roll < 0.04:
        en[-1] = en[-1].replace("news@example.edu.cn", "new@example.edu.cn")
        return {"kind": "wrong-email", "block": len(en) - 1}
    if roll < 0.05:
        return _change(
            en,
            re.compile(r"more than (\d+) guests"),
            "changed-number",
            lambda m: f"more than {int(m.group(1)) + 70} guests",
        )
    if roll < 0.06:
        return _change(
            en,
            re.compile(
                r"(January|February|March|April|May|June|July|August|"
                r"September|October|November|December) (\d+)"
            ),
            "changed-date",
            lambda m: f"{m.group(1)} {(int(m.group(2)) + 9) % 28 + 1}",  # a valid day
        )
    return None


def _change(en: list[str], pattern: re.Pattern[str], kind: str, new: object) -> dict | None:
    """Change the first match of ``pattern`` in the English, as a careless translator would."""
    for i, block in enumerate(en):
        if pattern.search(block):
            en[i] = pattern.sub(new, block, count=1)  # type: ignore[arg-type]
            return {"kind": kind, "block": i}
    return None


def generate(count: int, out: Path, seed: int = 2023) -> None:
    """Write ``count`` pairs under ``out/articles`` (replacing what was there)."""
    rng = random.Random(seed)
    articles = out / "articles"
    if articles.exists():
        shutil.rmtree(articles)
    articles.mkdir(parents=True)
    defects = {}
    for index in range(count):
        slug, zh, en, defect = make_pair(rng, index)
        folder = articles / slug
        folder.mkdir()
        (folder / "zh.md").write_text(zh, encoding="utf-8")
        (folder / "en.md").write_text(en, encoding="utf-8")
        if defect:
            defects[slug] = defect
    (out / "defects.json").write_text(json.dumps(defects, indent=1, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
