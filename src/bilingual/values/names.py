"""Month, weekday and day-period names from babel's CLDR locale data, loaded once."""

from __future__ import annotations

from functools import cache


@cache
def english_months() -> dict[str, int]:
    """Lower-case English month names and abbreviations ("april", "apr") to 1-12."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            names[name.lower()] = number
    names["sept"] = 9  # common in news style, not in CLDR
    return names


@cache
def english_weekdays() -> dict[str, int]:
    """Lower-case English weekday names and abbreviations to 0 (Monday) - 6 (Sunday)."""
    from babel.dates import get_day_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_day_names(width, locale="en").items():
            names[name.lower()] = number
    return names


@cache
def chinese_weekdays() -> dict[str, int]:
    """Chinese weekday names (星期日, 周日, and 礼拜日 / 星期天 by the same pattern) to 0-6."""
    from babel.dates import get_day_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_day_names(width, locale="zh").items():
            names[name] = number
    for name, number in list(names.items()):
        if name.startswith("星期"):
            names["礼拜" + name[2:]] = number
    for prefix in ("星期", "礼拜", "周"):
        names[prefix + "天"] = 6
    return names


@cache
def chinese_periods() -> dict[str, str]:
    """Chinese day-period words (上午, 下午, 晚上 ...) to "am" or "pm"."""
    from babel import Locale

    periods: dict[str, str] = {}
    for width in ("abbreviated", "wide"):
        for key, name in Locale.parse("zh").day_periods["format"][width].items():
            periods[name] = "pm" if key.startswith(("pm", "afternoon", "evening")) else "am"
    periods.update({"傍晚": "pm", "晚间": "pm", "夜间": "pm", "早晨": "am"})
    return periods
