"""The registry of partner media (`data/mitra.yml`): outlets that republish the office's
releases, their feeds and their Dewan Pers verification.

Validated like the other registries: every problem at once, in Indonesian, with file, line and
field; a misspelt `kind` or verification status gets a "maksud Anda" guess. Every text of the
file goes through the personal-data scan of release texts: a partner's contact is its
newsroom's address (an e-mail on the outlet's own domain, an office number), never a person's.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .bodycheck import personal_data
from .problems import Problem
from .registry import SLUG, Lookup
from .yamltext import Path_, YamlProblem, line_of, load_with_lines

FILE_NAME = "mitra.yml"  # beside the other registries (data/)
MAX_BYTES = 512 * 1024
KINDS = {"online": "Media daring", "cetak": "Media cetak", "tv": "Televisi", "radio": "Radio"}
#: Dewan Pers verification (https://dewanpers.or.id/data/perusahaanpers): the label citizens read.
VERIFICATION = {"terverifikasi-faktual": "Terverifikasi administratif dan faktual",
                "terverifikasi-administratif": "Terverifikasi administratif",
                "belum": "Belum terverifikasi"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class Verified(_Strict):
    status: str
    date: str | None = None  # YYYY-MM-DD (kept as text by our YAML reader; checked below)

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.date) if self.date else None

    @property
    def label(self) -> str:
        return VERIFICATION.get(self.status, self.status)


class PartnerContact(_Strict):
    """The newsroom's contact: for the office (to confirm a clipping), never shown on the site."""

    email: str = ""
    phone: str = ""


class Partner(_Strict):
    id: str = Field(pattern=SLUG, max_length=60)
    name: str = Field(min_length=2, max_length=120)
    kind: str
    url: str
    feed: str | None = None
    verified: Verified | None = None
    contact: PartnerContact | None = None

    @property
    def slug(self) -> str:  # what Lookup indexes
        return self.id

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)


class _PartnerFile(_Strict):
    partners: list[Partner] = []


def partners_path(registries: str) -> str:
    """`data/mitra.yml`: beside the registries file (`cfg.registries`)."""
    return posixpath.join(posixpath.dirname(registries), FILE_NAME)


def http_url(value: Any) -> bool:
    """An absolute http(s) address with a host, no credentials, spaces or control characters."""
    if not isinstance(value, str) or re.search(r"[\s\x00-\x1f\x7f]", value) or len(value) > 2000:
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and "." in parts.hostname.strip(".") \
        and "@" not in parts.netloc and "\\" not in value


def choice_hint(value: str, choices: Mapping[str, str]) -> str:
    """"maksud Anda: online? pilihan: …" for a value outside a fixed list."""
    guess = difflib.get_close_matches(value.strip().casefold(), list(choices), n=1, cutoff=0.5)
    listed = ", ".join(f"`{c}`" for c in choices)
    return (f"maksud Anda: {guess[0]}? " if guess else "") + f"pilihan: {listed}."


def load_partners(root: Path, rel: str, official_domains: tuple[str, ...],
                  today: date) -> tuple[Lookup[Partner] | None, list[Problem]]:
    """Read and validate `rel` (under `root`); an absent file is an empty registry. Never reads
    through a symbolic link (the load reports the link itself)."""
    path = root / rel
    if path.is_symlink() or not path.exists():
        return (None if path.is_symlink() else Lookup(())), []
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None, [Problem(rel, None, None, f"berkas registri mitra harus berkas teks sampai "
                              f"{MAX_BYTES // 1024} KB", "simpan daftar mitra sebagai berkas YAML biasa.")]
    try:
        data, lines = load_with_lines(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        return None, [Problem(rel, None, None, f"berkas bukan teks UTF-8 (byte 0x{e.object[e.start]:02x} "
                              f"di posisi {e.start})", "simpan ulang berkas dengan encoding UTF-8.")]
    except YamlProblem as e:
        return None, e.problems(rel, "YAML tidak valid",
                                "periksa indentasi (spasi, bukan tab) dan titik dua setelah kunci.")
    problems: list[Problem] = []
    parsed = None
    try:
        parsed = _PartnerFile.model_validate(data or {})
    except ValidationError as error:
        from .messages import translate_errors

        problems += translate_errors(error, rel, lines, _PartnerFile)
    entries = data.get("partners") if isinstance(data, dict) else None
    if isinstance(entries, list):
        problems += _entry_problems(entries, rel, lines, official_domains, today)
    if problems or parsed is None:
        return None, problems
    return Lookup(tuple(parsed.partners)), []


def _entry_problems(entries: list, rel: str, lines: dict[Path_, int], official: tuple[str, ...],
                    today: date) -> list[Problem]:
    """What the schema cannot say, read from the raw entries (so a type error elsewhere hides
    nothing): choices, addresses, dates, unique ids and names, personal data."""
    problems: list[Problem] = []
    seen: dict[str, set[str]] = {"id": set(), "name": set()}

    def problem(i: int, key: tuple, message: str, hint: str) -> None:
        field = f"partners[{i}]" + "".join(f".{k}" for k in key)
        problems.append(Problem(rel, line_of(lines, ("partners", i, *key)), field, message, hint))

    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        for key in ("id", "name"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                folded = value.strip().casefold()
                if folded in seen[key]:
                    problem(i, (key,), f"{'id' if key == 'id' else 'nama'} mitra '{value.strip()}' "
                            "terdaftar dua kali", "setiap mitra didaftarkan sekali; hapus atau ganti salah satunya.")
                seen[key].add(folded)
        kind = entry.get("kind")
        if isinstance(kind, str) and kind not in KINDS:
            problem(i, ("kind",), f"jenis media '{kind}' tidak dikenal", choice_hint(kind, KINDS))
        for key in ("url", "feed"):
            value = entry.get(key)
            if isinstance(value, str) and not http_url(value):
                problem(i, (key,), f"alamat {'situs' if key == 'url' else 'umpan'} harus berupa alamat "
                        "http:// atau https:// lengkap", "salin alamatnya dari peramban, mis. "
                        f"`{key}: https://www.lembahpos.example/{'feed/' if key == 'feed' else ''}`.")
        verified = entry.get("verified")
        if isinstance(verified, dict):
            _check_verified(verified, lambda key, *text, i=i: problem(i, ("verified", key), *text), today)
        for path, text in _texts(entry):  # addresses are what they are: not scanned
            for _, message, hint in personal_data(text, official + _own_domain(entry)):
                problem(i, path, message, hint)
    return problems


def _check_verified(verified: dict, problem, today: date) -> None:
    status, when = verified.get("status"), verified.get("date")
    if isinstance(status, str) and status not in VERIFICATION:
        problem("status", f"status verifikasi '{status}' tidak dikenal", choice_hint(status, VERIFICATION))
    if isinstance(when, str):
        try:
            day = date.fromisoformat(when.strip())
        except ValueError:
            problem("date", f"'{when}' bukan tanggal", "tulis tanggal verifikasi Dewan Pers sebagai "
                    "TAHUN-BULAN-HARI, mis. `date: 2025-03-14`.")
        else:
            if day > today:
                problem("date", "tanggal verifikasi di masa depan",
                        "tulis tanggal yang tertera di data Dewan Pers.")
    elif status in {"terverifikasi-faktual", "terverifikasi-administratif"} and when is None:
        problem("date", "tanggal verifikasi wajib diisi untuk media terverifikasi",
                "tulis tanggal yang tertera di data Dewan Pers, mis. `date: 2025-03-14`.")


def _own_domain(entry: dict) -> tuple[str, ...]:
    """The outlet's own domain (`lembahpos.example` from https://www.lembahpos.example/): its
    newsroom's e-mail address there is not personal data."""
    url = entry.get("url")
    if not http_url(url):
        return ()
    host = urlsplit(url).hostname or ""
    return (host.removeprefix("www."),)


def _texts(entry: dict) -> list[tuple[Path_, str]]:
    """Every text of an entry but its addresses, with its key path."""
    out: list[tuple[Path_, str]] = []
    for key, value in entry.items():
        if isinstance(value, str) and key not in {"url", "feed"}:
            out.append(((key,), value))
        elif isinstance(value, dict):
            out += [((key, inner), text) for inner, text in value.items() if isinstance(text, str)]
    return out


def directory(partners: Lookup[Partner]) -> list[dict[str, Any]]:
    """The partners by kind, for `/mitra-media/`: each group's label and its partners (name,
    address, verification label and date), in the registry's order of kinds."""
    groups = []
    for kind, label in KINDS.items():
        rows = [{"name": p.name, "url": p.url, "status": p.verified.status if p.verified else "belum",
                 "verified": p.verified.label if p.verified else VERIFICATION["belum"],
                 "date": format_date(p.verified.day, "d MMMM y", locale="id")
                 if p.verified and p.verified.day else "",
                 "iso": p.verified.date if p.verified and p.verified.day else ""}
                for p in partners if p.kind == kind]
        if rows:
            groups.append({"kind": kind, "label": label, "partners": rows})
    return groups
