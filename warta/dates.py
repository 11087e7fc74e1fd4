"""Dates and numbers as Indonesian readers expect them: `Senin, 22 November 2026 09.30 WIB`,
`31,1 MB`."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from .config import INDONESIAN_ZONES

#: The zone names staff write after a time (`2026-12-02T09:30 WITA`), as UTC offsets in hours.
ZONE_ABBREVIATIONS = {"WIB": 7, "WITA": 8, "WIT": 9}
_ZONE_WRITTEN = re.compile(r"\s*(.*?\d)\s*(WITA|WIB|WIT)\s*", re.IGNORECASE)


def split_zone(text: str) -> tuple[str, timezone | None]:
    """`2026-12-02T09:30 wita` -> (`2026-12-02T09:30`, UTC+08:00); other text as it is, stripped."""
    m = _ZONE_WRITTEN.fullmatch(text)
    if m is None:
        return text.strip(), None
    return m[1], timezone(timedelta(hours=ZONE_ABBREVIATIONS[m[2].upper()]))


def decimal(value: float, digits: int = 1) -> str:
    """`31,1`: a number with Indonesian separators (comma for decimals, dot for thousands)."""
    return format_decimal(value, format="#,##0." + "0" * digits, locale="id")


@lru_cache(maxsize=64)
def _zone_for(offset_minutes: int, fallback: str) -> ZoneInfo | None:
    name = INDONESIAN_ZONES.get(offset_minutes // 60) if offset_minutes % 60 == 0 else None
    return ZoneInfo(name) if name else None


def local(dt: datetime) -> datetime:
    """The same instant in the named Indonesian zone of its offset (so +08:00 reads WITA)."""
    offset = dt.utcoffset()
    zone = _zone_for(int(offset.total_seconds() // 60), "") if offset is not None else None
    return dt.astimezone(zone) if zone else dt


def long_date(dt: datetime, with_time: bool = True) -> str:
    """`Senin, 22 November 2026 09.30 WIB`; `Senin, 22 November 2026` without the time."""
    if not with_time:
        return day_date(dt)
    dt = local(dt)  # Babel's "EEEE, d MMMM y HH.mm z", from cached parts (it runs for every card)
    return f"{_day(dt.date())} {dt:%H.%M} {zone_label(dt)}"


def day_date(dt: datetime) -> str:
    """`Senin, 22 November 2026`, for share cards."""
    return _day(local(dt).date())


@lru_cache(maxsize=4096)  # a few releases a day: a 10,000-release build formats ~3,000 days
def _day(day: date) -> str:
    return format_date(day, "EEEE, d MMMM y", locale="id")


def short_date(dt: datetime) -> str:
    """`22 Nov 2026`, for cards."""
    return _short(local(dt).date())


@lru_cache(maxsize=4096)
def _short(day: date) -> str:
    return format_date(day, "d MMM y", locale="id")


def zone_label(dt: datetime) -> str:
    if isinstance(dt.tzinfo, ZoneInfo) and dt.tzinfo.key in INDONESIAN_ZONES.values():
        return _zone_name(dt.tzinfo.key, dt.utcoffset())
    offset = dt.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}.{abs(minutes) % 60:02d}"


@lru_cache(maxsize=64)
def _zone_name(key: str, offset: timedelta) -> str:
    """`WIB`: Babel's name of an Indonesian zone at that offset (the same for every instant)."""
    return format_datetime(datetime(2000, 1, 1, tzinfo=timezone(offset)).astimezone(ZoneInfo(key)), "z", locale="id")


def dateline(location: str, dt: datetime, with_time: bool = True) -> str:
    """`Manna, Senin, 22 November 2026 09.30 WIB` (`Manna, Senin, 22 November 2026` for a
    release dated without a time)."""
    text = long_date(dt, with_time)
    return f"{location}, {text}" if location else text


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")
