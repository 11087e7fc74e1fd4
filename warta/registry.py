"""Registries of categories, issuing units (OPD), press contacts and the acronyms hashtags keep
upper case, from one data file."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import Problem
from .yamltext import Path_, YamlProblem, line_of, load_with_lines

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ACRONYM = re.compile(r"(?=[0-9]*[A-Z])[A-Z0-9]{2,12}")  # as it is written in a hashtag: RI, KTP, P3K


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)
    slug: str = Field(pattern=SLUG, max_length=60)
    name: str = Field(min_length=2, max_length=120)


class Category(_Entry):
    description: str = ""
    nav: bool = True  # in the row of sections on every page (the rest under "Lainnya")

    @property
    def list_url(self) -> str:
        """The category's list page (and feeds), site-relative."""
        return f"kategori/{self.slug}/"

    @property
    def list_description(self) -> str:
        return self.description or f"Rilis kategori {self.name}"


class Unit(_Entry):
    short: str = ""
    description: str = ""  # what the unit does, on the directory page /unit/
    url: str = ""  # the unit's own website

    @property
    def list_url(self) -> str:
        """The unit's list page (and feeds), site-relative."""
        return f"unit/{self.slug}/"

    @property
    def list_description(self) -> str:
        return f"Rilis yang diterbitkan {self.name}"


class Contact(_Entry):
    role: str = ""
    phone: str = ""
    email: str = ""


class _RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    categories: list[Category] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    contacts: list[Contact] = []
    acronyms: list[str] = []


E = TypeVar("E", bound=_Entry)


@dataclass(frozen=True)
class Lookup(Generic[E]):
    """Entries by slug, also found by their name, with a "did you mean" for misses."""

    entries: tuple[E, ...]

    def __post_init__(self) -> None:
        index: dict[str, E] = {}
        for entry in self.entries:
            index.setdefault(entry.slug, entry)
            index.setdefault(entry.name.casefold(), entry)
        object.__setattr__(self, "_index", index)

    def get(self, key: str) -> E | None:
        return self._index.get(key.strip().casefold())  # type: ignore[attr-defined]

    def suggest(self, key: str) -> str | None:
        names = list(self._index)  # type: ignore[attr-defined]
        match = difflib.get_close_matches(key.strip().casefold(), names, n=1, cutoff=0.5)
        return self.get(match[0]).slug if match else None  # type: ignore[union-attr]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Registries:
    categories: Lookup[Category]
    units: Lookup[Unit]
    contacts: Lookup[Contact]
    acronyms: tuple[str, ...] = ()  # kept upper case in hashtags: `hut ri` -> #HUTRI
    # Partner media (data/mitra.yml, warta/mitra.py); None while that file has errors.
    partners: Lookup[Any] | None = field(default_factory=lambda: Lookup(()))


def did_you_mean(lookup: Lookup, value: str, what: str, where: str) -> str:
    """The hint for an unknown reference."""
    guess = lookup.suggest(value)
    known = ", ".join(e.slug for e in list(lookup)[:12])
    lead = f"maksud Anda: {guess}? " if guess else ""
    return f"{lead}{what} yang terdaftar: {known}{' …' if len(lookup) > 12 else ''} (lihat {where})."


def load_registries(path: Path, rel: str) -> tuple[Registries | None, list[Problem]]:
    """Read and validate the registries file; return every problem in it."""
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(rel, None, None, "berkas registri tidak ditemukan",
                              "buat berkas ini dengan daftar `categories`, `units` dan `contacts`.")]
    except UnicodeDecodeError as e:
        return None, [Problem(rel, None, None, f"berkas bukan teks UTF-8 (byte 0x{e.object[e.start]:02x} di posisi {e.start})",
                              "simpan ulang berkas dengan encoding UTF-8.")]
    except YamlProblem as e:
        return None, e.problems(rel, "YAML tidak valid",
                                "periksa indentasi (spasi, bukan tab) dan titik dua setelah kunci.")
    try:
        parsed = _RegistryFile.model_validate(data or {})
    except ValidationError as error:
        from .messages import translate_errors  # shared wording of schema errors

        return None, translate_errors(error, rel, lines, _RegistryFile)
    problems: list[Problem] = []
    for group in ("categories", "units", "contacts"):
        seen: set[str] = set()
        for i, entry in enumerate(getattr(parsed, group)):
            if entry.slug in seen:
                problems.append(Problem(rel, line_of(lines, (group, i, "slug")), f"{group}.slug",
                                        f"slug '{entry.slug}' terdaftar dua kali",
                                        "setiap slug harus unik; hapus atau ganti salah satunya."))
            seen.add(entry.slug)
    problems += _acronym_problems(parsed.acronyms, rel, lines)
    registries = Registries(Lookup(tuple(parsed.categories)), Lookup(tuple(parsed.units)),
                            Lookup(tuple(parsed.contacts)), tuple(parsed.acronyms))
    return (None if problems else registries), problems


def _acronym_problems(acronyms: list[str], rel: str, lines: dict[Path_, int]) -> list[Problem]:
    """Each acronym as a hashtag writes it (upper-case letters and digits), each listed once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, word in enumerate(acronyms):
        line = line_of(lines, ("acronyms", i))
        if not ACRONYM.fullmatch(word):
            problems.append(Problem(rel, line, "acronyms", f"singkatan '{word}' harus huruf kapital dan "
                                    "angka saja, 2–12 karakter, dengan sedikitnya satu huruf",
                                    "tulis seperti di tagar, mis. `HUT` atau `KTP`; untuk KTP-el cukup "
                                    "daftarkan `KTP`."))
        elif word in seen:
            problems.append(Problem(rel, line, "acronyms", f"singkatan '{word}' terdaftar dua kali",
                                    "hapus salah satunya; setiap singkatan cukup ditulis sekali."))
        seen.add(word)
    return problems


def slugs(entries: Iterable[_Entry]) -> list[str]:
    return [e.slug for e in entries]
