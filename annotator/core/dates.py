"""Publication dates, read once at import into ISO 8601; the text as written is kept beside it.

Readers are tried from the cheapest: ISO 8601 as it is, numeric day/month/year (refused when
it could be either order), English dates through python-dateutil, then dateparser for other
languages and forms ("9 mai 2026", "Saturday 9 May 2026 14.30 BST"). Relative dates
("yesterday", "2 hours ago") are refused: they would be read against the day of the import.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

_REDUCED_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})((?:[ ,T]+\S.*)?)")  # a time may follow
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[./](\d{1,2})[./](\d{1,2})")
_LABEL = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on)?|date|on)\s*[:\-–—|]?\s*", re.I
)
_FAR_APART = (datetime(1, 1, 1, 0, 0), datetime(2, 2, 2, 1, 1))
_DOTTED_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})\b(?!\.\d)")  # British "14.30"
# Zone abbreviations news pages print, as UTC offsets in hours (IST is left out: India,
# Israel or Ireland; such a date goes to dateparser, which reads it by its locale).
_ZONES = {
    "GMT": 0, "UTC": 0, "BST": 1, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "EAT": 3, "WAT": 1, "CAT": 2, "SAST": 2, "PKT": 5, "HKT": 8, "SGT": 8, "JST": 9,
    "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}  # fmt: skip
_ZONE_SECONDS = {name: hours * 3600 for name, hours in _ZONES.items()}


class UnreadableDate(ValueError):
    """A date that none of the readers can read without guessing; the message says how to write it."""


def sort_key(published: str) -> str:
    """A key ordering dates by time, for values stored before dates were parsed, too."""
    try:
        return iso_date(published)
    except UnreadableDate:
        return published


@lru_cache(maxsize=8192)
def iso_date(raw: str) -> str:
    """ISO 8601 for a date as written ("9 May 2026" -> "2026-05-09"); "" for no date.

    Precision is kept: a month ("May 2026") gives "2026-05", a time gives a date-time (with
    its UTC offset when the text has one).
    """
    text = _LABEL.sub("", " ".join(raw.split())).strip(" ,.")
    if not text:
        return ""
    for reader in (_iso, _numeric, _english, _any_language):
        found = reader(text)
        if found:
            return found
    raise UnreadableDate(f"cannot read the date {raw!r}: write it as YYYY-MM-DD (for example 2026-05-09)")


def _iso(text: str) -> str:
    reduced = _REDUCED_ISO.fullmatch(text)
    if reduced:
        year, month = reduced.groups()
        if month and not 1 <= int(month) <= 12:
            raise UnreadableDate(f"the date {text!r} has no month {month}")
        return text
    try:
        if len(text) <= 10:
            return date.fromisoformat(text).isoformat()
        return _datetime_text(datetime.fromisoformat(text))
    except ValueError:
        return ""


def _numeric(text: str) -> str:
    ymd = _YEAR_MONTH_DAY.fullmatch(text)
    if ymd:
        return _checked_day(*map(int, ymd.groups()), text)
    dmy = _DAY_MONTH_YEAR.fullmatch(text)
    if not dmy:
        return ""
    first, second, year = map(int, dmy.groups()[:3])
    if first != second and first <= 12 and second <= 12:
        raise UnreadableDate(
            f"the date {text!r} could be day/month or month/day: write it as YYYY-MM-DD "
            f"({year}-{second:02}-{first:02} or {year}-{first:02}-{second:02})"
        )
    day, month = (first, second) if first > 12 or first == second else (second, first)
    day_text = _checked_day(year, month, day, text)
    time = dmy.group(4).strip(" ,T")
    return _english(f"{day_text} {time}") if time else day_text


def _checked_day(year: int, month: int, day: int, text: str) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise UnreadableDate(f"the date {text!r} is not a day of the calendar") from None


def _english(text: str) -> str:
    from dateutil.parser import ParserError
    from dateutil.parser import parse as parse_date

    text = _DOTTED_TIME.sub(r"\1:\2", text)
    try:
        first, second = (parse_date(text, default=day, tzinfos=_ZONE_SECONDS) for day in _FAR_APART)
    except (ParserError, ValueError, OverflowError):
        return ""
    if first.year != second.year:
        raise UnreadableDate(f"the date {text!r} has no year")
    if first.day != second.day:
        return f"{first.year:04}-{first.month:02}" if first.month == second.month else f"{first.year:04}"
    if first.hour != second.hour or first.minute != second.minute:
        return first.date().isoformat()
    return _datetime_text(first)


def _any_language(text: str) -> str:
    found = _dateparser().get_date_data(text)
    if found is None or found.date_obj is None:
        return ""
    stamp, period = found.date_obj, found.period
    if period == "year":
        return f"{stamp.year:04}"
    if period == "month":
        return f"{stamp.year:04}-{stamp.month:02}"
    if period == "time":
        return _datetime_text(stamp)
    return stamp.date().isoformat()


@lru_cache(maxsize=1)
def _dateparser():
    from dateparser.date import DateDataParser

    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    }
    # a file's dates share a language: the locale that read the last one is tried first
    return DateDataParser(settings=settings, try_previous_locales=True, use_given_order=False)


def _datetime_text(stamp: datetime) -> str:
    return stamp.isoformat(timespec="seconds" if stamp.second else "minutes")
