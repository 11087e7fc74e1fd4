"""History mode: the administrations (masa pemerintahan) of `data/periode.yml`.

A release published under an earlier administration than the current one keeps its page, but
the page says so in a banner; lists by administration live at `/periode/<slug>/`. The file is
optional: without it no banner and no list appears. Every problem of the file is reported at
once, with its line (a wrong date, an end before its start, two administrations that overlap
or leave days between them, a slug used twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .model import kind_word
from .problems import Problem
from .registry import SLUG
from .yamltext import YamlProblem, line_of, load_with_lines

HINTS = {
    "name": "tulis nama pasangan kepala daerah, mis. `name: Bupati Hendra Wijaya dan Wakil Bupati "
            "Ratna Sari`.",
    "start": "tulis hari pertama masa jabatan sebagai tanggal, mis. `start: 2021-08-26`.",
    "end": "tulis hari terakhir masa jabatan sebagai tanggal, mis. `end: 2026-08-25`, atau hapus "
           "baris ini untuk masa yang sedang berjalan.",
    "slug": "tulis huruf kecil, angka dan tanda hubung, mis. `slug: 2021-2026`, atau hapus baris ini.",
    "periods": "tulis daftar di bawah `periods:`, tiap masa dengan `name`, `start` dan (kecuali "
               "yang terakhir) `end`.",
}


def _day(value: Any) -> date:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("warta_period_date", "tanggal '{v}' tidak ada di kalender",
                                      {"v": value.strip()}) from None
    shown = str(value).strip() if isinstance(value, str | int) else kind_word(value)
    raise PydanticCustomError("warta_period_date", "'{v}' bukan tanggal; tulis YYYY-MM-DD",
                              {"v": shown})


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)
    name: str = Field(min_length=5, max_length=160)
    start: date
    end: date | None = None
    slug: str | None = Field(None, pattern=SLUG, max_length=60)

    @field_validator("start", "end", mode="before")
    @classmethod
    def _date(cls, value: Any) -> date | None:
        return None if value is None else _day(value)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    periods: list[_Entry] = []


@dataclass(frozen=True)
class Period:
    name: str
    start: date
    end: date | None  # the last day; None for the administration still in office
    slug: str

    @property
    def url(self) -> str:
        return f"periode/{self.slug}/"

    @property
    def span(self) -> str:
        """`26 Agustus 2021–25 Agustus 2026`; `sejak 26 Agustus 2026` while in office."""
        first = format_date(self.start, "d MMMM y", locale="id")
        if self.end is None:
            return f"sejak {first}"
        return f"{first}–{format_date(self.end, 'd MMMM y', locale='id')}"

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Periods:
    entries: tuple[Period, ...] = ()  # oldest first

    def of(self, day: date) -> Period | None:
        """The administration in office on `day` (None before the first one)."""
        return next((p for p in self.entries if p.holds(day)), None)

    def current(self, today: date) -> Period | None:
        """The administration in office today: the latest one that has started."""
        started = [p for p in self.entries if p.start <= today]
        return started[-1] if started else None

    def earlier(self, day: date, today: date) -> Period | None:
        """The administration of `day` when it is not today's (the history-mode banner)."""
        then, now = self.of(day), self.current(today)
        return then if then is not None and now is not None and then != now else None

    def __bool__(self) -> bool:
        return bool(self.entries)


def load_periods(path: Path, rel: str) -> tuple[Periods, list[Problem]]:
    """Read and validate `data/periode.yml` (no file: no administrations, no problem; a
    symbolic link is never read through, `check` refuses it)."""
    if path.is_symlink():
        return Periods(), []
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Periods(), []
    except UnicodeDecodeError as e:
        return Periods(), [Problem(rel, None, None, f"berkas bukan teks UTF-8 (byte 0x{e.object[e.start]:02x} "
                                   f"di posisi {e.start})", "simpan ulang berkas dengan encoding UTF-8.")]
    except YamlProblem as e:
        return Periods(), e.problems(rel, "YAML tidak valid",
                                     "periksa indentasi (spasi, bukan tab) dan titik dua setelah kunci.")
    try:
        parsed = _File.model_validate(data or {})
    except ValidationError as error:
        from .messages import translate_errors  # shared wording of schema errors

        problems = translate_errors(error, rel, lines, _File)
        return Periods(), [p if p.hint else Problem(p.path, p.line, p.field, p.message, _hint(p.field))
                           for p in problems]
    from .load import slugify

    entries = [Period(e.name, e.start, e.end, e.slug or slugify(e.name)) for e in parsed.periods]
    problems = _order_problems(entries, rel, lines)
    return (Periods() if problems else Periods(tuple(sorted(entries, key=lambda p: p.start)))), problems


def _hint(field: str | None) -> str | None:
    return HINTS.get((field or "").rsplit(".", 1)[-1]) or HINTS["periods"]


def _order_problems(entries: list[Period], rel: str, lines) -> list[Problem]:
    """End before start, a missing end, overlaps, days between two administrations, slugs."""
    problems: list[Problem] = []
    index = {id(p): i for i, p in enumerate(entries)}

    def problem(p: Period, key: str, message: str, hint: str) -> None:
        i = index[id(p)]
        problems.append(Problem(rel, line_of(lines, ("periods", i, key)), f"periods[{i}].{key}", message, hint))

    seen: dict[str, Period] = {}
    for p in entries:
        if p.end is not None and p.end < p.start:
            problem(p, "end", f"`end` ({p.end}) lebih awal dari `start` ({p.start})",
                    "`end` adalah hari terakhir masa jabatan; periksa tahunnya.")
        if p.slug in seen:
            problem(p, "slug", f"slug '{p.slug}' dipakai juga oleh '{seen[p.slug].name}'",
                    "setiap masa perlu alamat sendiri; tulis `slug:` yang berbeda, mis. `slug: 2026-2031`.")
        seen.setdefault(p.slug, p)
    ordered = sorted(entries, key=lambda p: (p.start, index[id(p)]))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.end is not None and before.end < before.start:
            continue  # its end is wrong (said above): no overlap or gap to tell from it
        if before.end is None:
            problem(before, "end", f"masa '{before.name}' belum punya `end`, padahal ada masa sesudahnya "
                    f"('{after.name}', mulai {after.start})",
                    f"tulis `end: {after.start - timedelta(days=1)}` (sehari sebelum masa berikutnya); "
                    "hanya masa terakhir yang boleh tanpa `end`.")
        elif after.start <= before.end:
            problem(after, "start", f"masa ini tumpang tindih dengan '{before.name}' (sampai {before.end})",
                    f"mulai masa ini pada {before.end + timedelta(days=1)}, sehari setelah masa sebelumnya "
                    "berakhir.")
        elif after.start > before.end + timedelta(days=1):
            gap = (after.start - before.end).days - 1
            problem(after, "start", f"ada {gap} hari tanpa masa pemerintahan antara '{before.name}' "
                    f"(sampai {before.end}) dan masa ini (mulai {after.start})",
                    f"mulai masa ini pada {before.end + timedelta(days=1)}, atau daftarkan masa Penjabat "
                    "(Pj.) Bupati di antaranya.")
    return problems
