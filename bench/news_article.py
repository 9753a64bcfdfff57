"""Values and sentences of ``generate_news.py``: one value written both ways, a sentence filled.

A *slot* is one value in Chinese and in English (3.5亿元 / RMB 350 million), with the English a
careless translator might write instead (RMB 35 million), which the generator plants as a
defect. ``VALUES`` maps each kind of slot to the function that draws one; an ``Article`` holds
what stays the same throughout one article (its hosts, place, topic, date and people) and fills
the templates of ``news_templates.py`` with them.
"""

from __future__ import annotations

import calendar
import datetime
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

import news_templates as t

ZH_DIGITS = "零一二三四五六七八九"
ZH_WEEKDAYS = "一二三四五六日"
MONTHS = list(calendar.month_name)[1:]
WEEKDAYS = list(calendar.day_name)
#: Hours of a day's programme; not 12, which Chinese calls 中午 rather than 上午 or 下午.
HOURS = [8, 9, 10, 11, 13, 14, 15, 16, 17]


@dataclass
class Slot:
    """One value written both ways; ``wrong`` is a careless translator's English of it."""

    zh: str
    en: str
    kind: str  # number, date, term, link or text (text is never planted)
    wrong: str | None = None


Part = str | tuple[Slot, bool]  # literal English, or a slot (capitalised or not)


@dataclass
class Unit:
    """One block on each side: its Chinese, and its English as text and slots to render."""

    kind: str  # heading, paragraph, caption, item, quote, table, image; deleted when planted
    zh: str
    en: list[Part]
    joined: bool = False  # a list item after the first: one line break before it, not two
    wrong: dict[int, str] = field(default_factory=dict)  # part index -> planted English

    def english(self) -> str:
        """The English, with planted values where there are any."""
        out = []
        for i, part in enumerate(self.en):
            if isinstance(part, str):
                out.append(part)
                continue
            slot, cap = part
            text = self.wrong.get(i, slot.en)
            out.append(text[:1].upper() + text[1:] if cap else text)
        return "".join(out)


def join(units: list[Unit], kind: str) -> Unit:
    """Sentences as one block: the Chinese run together, the English a space apart."""
    en: list[Part] = []
    for i, unit in enumerate(units):
        en.extend([" "] if i else [])
        en.extend(unit.en)
    return Unit(kind, "".join(u.zh for u in units), en)


def zh_number(n: int) -> str:
    """``n`` (1-9999) in Chinese numerals as news writes them: 七百, 两千, 一千二百, 十五."""
    if n < 20:
        return ("十" if n >= 10 else "") + (ZH_DIGITS[n % 10] if n % 10 or n < 10 else "")
    out = ""
    gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += ("两" if digit == 2 and not out and value >= 100 else ZH_DIGITS[digit]) + unit
    return out


def ordinal(n: int) -> str:
    """12th, 21st, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def term(entry: tuple[str, str, list[str], list[str], str]) -> Slot:
    """A glossary term as a sentence names it ("the" where English wants one)."""
    zh, en, _, forbidden, _ = entry
    the = "the " if zh in t.WITH_THE else ""
    return Slot(zh, the + en, "term", the + forbidden[0] if forbidden else None)


def terms(kind: str) -> list[tuple[str, str, list[str], list[str], str]]:
    """The glossary's organisations, places or topics."""
    return [entry for entry in t.TERMS if entry[4] == kind]


def date(year: int, month: int, day: int, *, with_year: bool, weekday: bool = False) -> Slot:
    """4月2日 / April 2; with the year, or with the weekday (4月2日（星期日） / Sunday, April 2)."""
    wrong_day = day % 26 + 1  # what a slip of the keyboard makes of it, still a valid day
    zh, en, wrong = f"{month}月{day}日", f"{MONTHS[month - 1]} {day}", f"{MONTHS[month - 1]} "
    if weekday:
        wd = datetime.date(year, month, day).weekday()
        zh += f"（星期{ZH_WEEKDAYS[wd]}）"
        en, wrong = f"{WEEKDAYS[wd]}, {en}", f"{WEEKDAYS[wd]}, {wrong}"
    if with_year:
        return Slot(f"{year}年{zh}", f"{en}, {year}", "date", f"{wrong}{wrong_day}, {year}")
    return Slot(zh, en, "date", f"{wrong}{wrong_day}")


def clock(hour: int, minute: int) -> Slot:
    """上午9时30分 / 9:30 a.m. (``hour`` 8-17, never 12)."""
    half, suffix = ("上午", "a.m.") if hour < 12 else ("下午", "p.m.")
    h12 = hour if hour < 12 else hour - 12
    zh = f"{half}{h12}时" + (f"{minute}分" if minute else "")
    en = f"{h12}:{minute:02d} {suffix}" if minute else f"{h12} {suffix}"
    return Slot(zh, en, "text")


class Article:
    """What one article keeps the same throughout, and the values it draws for its sentences."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.rng = rng
        host, host2 = rng.sample(terms("org"), 2)
        self.year = rng.randint(2019, 2025)
        self.month, self.day = rng.randint(1, 12), rng.randint(1, 26)
        self.topic = rng.choice(terms("topic"))
        topic = term(self.topic)
        edition = rng.randint(2, 25)
        event_zh, event_en = rng.choice(t.EVENTS)
        edition_zh = zh_number(edition) if rng.random() < 0.5 else str(edition)  # 第十二届, 第12届
        self.people = rng.sample(t.PEOPLE, 3)
        self.fixed = {
            "host": term(host),
            "host2": term(host2),
            "place": term(rng.choice(terms("place"))),
            "topic": topic,
            "event": Slot(
                event_zh.format(ordinal=edition_zh, topic=topic.zh),
                event_en.format(ordinal=ordinal(edition), Topic=topic.en.title()),
                "text",
            ),
            "date_wd": date(self.year, self.month, self.day, with_year=False, weekday=True),
            "date": date(self.year, self.month, self.day, with_year=True),
            "name": Slot(*self.people[0], "text"),
        }
        self.slug = f"{self.year}-{self.topic[1].replace(' ', '-')}-news-{index:05d}"
        self.summary = ("", "")

    def slot(self, name: str) -> Slot:
        """The article's value for ``name``, or a fresh one (``money2``: another money)."""
        if name in self.fixed:
            return self.fixed[name]
        kind = name if name in VALUES else name.rstrip("0123456789")
        return VALUES[kind](self, name)

    def fill(self, zh: str, en: str, values: dict[str, Slot] | None = None) -> Unit:
        """One sentence pair with its slots filled (the same value for a name on both sides)."""
        values = {} if values is None else values

        def value(name: str) -> Slot:
            if name not in values:
                values[name] = self.slot(name)
            return values[name]

        zh_out = []
        for literal, name, _, _ in string.Formatter().parse(zh):
            zh_out += [literal, value(name).zh] if name is not None else [literal]
        en_out: list[Part] = []
        for literal, name, _, _ in string.Formatter().parse(en):
            en_out.append(literal)
            if name is None:
                continue
            slot = value(name[0].lower() + name[1:])
            if name == "Topic":  # in a title: Quantum Computing
                slot = Slot(slot.zh, slot.en.title(), "text")
            en_out.append((slot, name[0].isupper()))
        return Unit("paragraph", "".join(zh_out), en_out)

    def paragraph(self, count: int, pool: list[tuple[str, str]] = t.BODY) -> Unit:
        """A paragraph of ``count`` different sentences from ``pool``."""
        return join([self.fill(zh, en) for zh, en in self.rng.sample(pool, count)], "paragraph")


Draw = Callable[["Article", str], Slot]
#: The kinds of value: each draws one, for an article, given the slot's name.
VALUES: dict[str, Draw] = {}


def value(*kinds: str) -> Callable[[Draw], Draw]:
    """Register a function drawing values of ``kinds``."""

    def register(func: Draw) -> Draw:
        for kind in kinds:
            VALUES[kind] = func
        return func

    return register


@value("host", "org")
def _org(a: Article, name: str) -> Slot:
    return term(a.rng.choice(terms("org")))


@value("place")
def _place(a: Article, name: str) -> Slot:
    return term(a.rng.choice(terms("place")))


@value("name")
def _name(a: Article, name: str) -> Slot:
    return Slot(*a.rng.choice(a.people), "text")


@value("post")
def _post(a: Article, name: str) -> Slot:
    return Slot(*a.rng.choice(t.POSTS), "text")


@value("speaker")
def _speaker(a: Article, name: str) -> Slot:
    # 复旦大学副校长王立新 / Wang Lixin, Vice President of Fudan University, (the comma closes
    # the apposition); speaker and speaker2 are two different people of the article.
    org = term(a.rng.choice(terms("org")))
    zh_name, en_name = a.people[1 if name == "speaker" else 2]
    post_zh, post_en = a.rng.choice(t.POSTS)
    en = f"{en_name}, {post_en} of {org.en},"
    wrong = en.replace(org.en, org.wrong) if org.wrong else None
    return Slot(f"{org.zh}{post_zh}{zh_name}", en, "term", wrong)


@value("date")
def _date(a: Article, name: str) -> Slot:
    month = a.rng.randint(a.month, 12)  # later in the article's year: a deadline, a visit
    return date(a.year, month, a.rng.randint(1, 26), with_year=a.rng.random() < 0.4)


@value("daterange")
def _daterange(a: Article, name: str) -> Slot:
    month, day = a.rng.randint(a.month, 12), a.rng.randint(1, 24)
    end = day + a.rng.randint(1, 2)
    month_en = MONTHS[month - 1]
    wrong = f"{month_en} {day} to {end + 2}"
    return Slot(f"{month}月{day}日至{end}日", f"{month_en} {day} to {end}", "date", wrong)


@value("time")
def _time(a: Article, name: str) -> Slot:
    # {time} in the morning, {time2} in the afternoon: "from {time} to {time2}" reads right.
    hours = HOURS[:4] if name == "time" else HOURS[4:]
    return clock(a.rng.choice(hours), a.rng.choice((0, 0, 30)))


@value("guests")
def _guests(a: Article, name: str) -> Slot:
    n = a.rng.randrange(100, 1000, 100)
    return Slot(
        f"{zh_number(n)}余位嘉宾", f"more than {n} guests", "number", f"more than {n + 70} guests"
    )


@value("people", "scholars")
def _people(a: Article, name: str) -> Slot:
    n = a.rng.choice((1200, 1500, 2000, 2500, 3000, 4000))
    zh, en = (
        ("名青年学者", "young scholars")
        if name == "scholars"
        else ("名师生", "faculty members and students")
    )
    return Slot(
        f"{zh_number(n)}余{zh}", f"more than {n:,} {en}", "number", f"more than {n + 100:,} {en}"
    )


@value("money")
def _money(a: Article, name: str) -> Slot:
    # The wrong English is off by a factor of ten: the slip of converting 万 and 亿.
    form = a.rng.random()
    if form < 0.4:
        tenths = a.rng.randint(12, 95)  # 3.5亿元
        zh, en, wrong = f"{tenths / 10:g}亿元", f"{tenths * 10} million", f"{tenths} million"
    elif form < 0.55:
        tenths = a.rng.randint(11, 60)  # 12亿元
        zh, en, wrong = f"{tenths}亿元", f"{tenths / 10:g} billion", f"{tenths} billion"
    else:
        wan = a.rng.randint(30, 990) * 10  # 5320万元
        zh, en, wrong = f"{wan}万元", f"{wan / 100:g} million", f"{wan / 1000:g} million"
    return Slot(zh, f"RMB {en}", "number", f"RMB {wrong}")


@value("wan", "area")
def _wan(a: Article, name: str) -> Slot:
    tenths = a.rng.randint(11, 99)  # 1.2万 / 12,000
    zh, en = ("万平方米", " square meters") if name == "area" else ("万", "")
    return Slot(
        f"{tenths / 10:g}{zh}", f"{tenths * 1000:,}{en}", "number", f"{(tenths + 1) * 1000:,}{en}"
    )


@value("pct")
def _pct(a: Article, name: str) -> Slot:
    p = a.rng.randint(5, 95)
    return Slot(f"{p}%", f"{p}%", "number", f"{p + 1}%")


@value("pctw")
def _pct_words(a: Article, name: str) -> Slot:
    p = a.rng.randint(5, 60)  # 百分之十五 / 15 percent
    return Slot(f"百分之{zh_number(p)}", f"{p} percent", "number", f"{p + 5} percent")


@value("pctd")
def _pct_decimal(a: Article, name: str) -> Slot:
    p = a.rng.randint(11, 399) / 10
    return Slot(f"{p:g}%", f"{p:g}%", "number", f"{p + 1:g}%")


@value("n", "academicians")
def _count(a: Article, name: str) -> Slot:
    n = a.rng.randint(3, 48)
    return Slot(str(n), str(n), "number", str(n + 1))


@value("seats", "about", "nearly")
def _hundreds(a: Article, name: str) -> Slot:
    n = a.rng.randint(12, 90) * 10
    return Slot(str(n), str(n), "number", str(n + 20))


@value("countries")
def _countries(a: Article, name: str) -> Slot:
    n = a.rng.randint(5, 40)
    en = "countries and regions"
    return Slot(f"{n}个国家和地区", f"{n} {en}", "number", f"{n + 1} {en}")


@value("frac")
def _fraction(a: Article, name: str) -> Slot:
    return Slot(*a.rng.choice((("三分之一", "one third"), ("五分之二", "two fifths"))), "text")


@value("days", "years")
def _span(a: Article, name: str) -> Slot:
    low = a.rng.randint(2, 4)  # 3至5天 / 3 to 5 days
    high = low + a.rng.randint(1, 3)
    zh, en = ("天", "days") if name == "days" else ("年", "years")
    return Slot(
        f"{low}至{high}{zh}", f"{low} to {high} {en}", "number", f"{low} to {high + 2} {en}"
    )


@value("year", "year0")
def _year(a: Article, name: str) -> Slot:
    # {year} is to come (a target), {year0} past (a launch, an enrolment).
    n = a.year - a.rng.randint(1, 8) if name == "year0" else a.year + a.rng.randint(2, 10)
    return Slot(str(n), str(n), "number", str(n + 1))


@value("link")
def _link(a: Article, name: str) -> Slot:
    zh, en = a.rng.choice(
        (
            ("报名系统", "registration system"),
            ("活动官网", "event website"),
            ("项目主页", "project page"),
        )
    )
    url = f"https://news.example.edu.cn/{a.year}/{a.slug}/{en.split()[0]}"
    return Slot(f"[{zh}]({url})", f"[{en}]({url})", "link", f"[{en}]({url}s)")


@value("email")
def _email(a: Article, name: str) -> Slot:
    user = a.rng.choice(("news", "events", "forum", "contact"))
    return Slot(
        f"{user}@example.edu.cn", f"{user}@example.edu.cn", "link", f"{user}s@example.edu.cn"
    )


@value("code")
def _code(a: Article, name: str) -> Slot:
    code = f"`{a.rng.choice(t.COMMANDS)}`"
    return Slot(code, code, "text")
