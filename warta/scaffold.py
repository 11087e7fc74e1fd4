"""`warta new`: a release bundle with front matter that explains itself, and the interview that
fills it in (on a terminal it asks for what the command line did not say, and asks again after
a mistake; given on the command line, a wrong value is an error)."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from rich.console import Console
from rich.markup import escape

from . import placeholders as example
from .bodycheck import personal_data
from .config import INDONESIAN_ZONES, SiteConfig, now
from .dates import long_date
from .load import parse_release, slugify
from .model import LIMITS, TYPE_LABELS
from .problems import Problem
from .registry import Lookup, Registries
from .yamltext import YamlProblem, load_with_lines

TYPES = tuple(TYPE_LABELS)
SUMMARY = example.SUMMARY
SLUG_MAX = 70  # characters of a slug made from a title or typed (the loader allows 80)

TEMPLATE = """\
---
# Judul rilis: {title_size} karakter. Tulis seperti judul berita, bukan nama acara.
title: {title}
# Waktu terbit (ISO 8601). Tanpa zona waktu = zona situs ({tz}).
# Waktu di masa depan = EMBARGO: rilis baru tampil di situs pada waktu itu.
date: {date}
# Ringkasan: {summary_size} karakter, teks biasa. Dipakai di beranda, umpan mitra media dan media sosial.
summary: >-
  {summary}
# Kategori dan OPD penerbit: slug dari data/registries.yml.
category: {category}
unit: {unit}
# Jenis: siaran-pers | berita | pengumuman | klarifikasi
type: {type}
# Tempat dateline (kosongkan untuk {location}).
# location: {location}
# Tanda (boleh lebih dari satu).
tags: []
# Foto utama: simpan berkasnya di folder ini. alt dan credit wajib.
# image:
#   src: foto-utama.jpg
#   alt: {alt}
#   credit: {credit}
#   caption: {caption}
# Kontak media: slug dari data/registries.yml, atau name dan role.
# contact: humas-diskominfo
{claim}# Draf: hapus baris ini bila rilis siap ditinjau.
draft: true
---

{opening}

{next}
"""

CLAIM = f"""\
# Klaim yang diklarifikasi (wajib untuk type: klarifikasi).
claim:
  text: {example.CLAIM_TEXT}
  source: {example.CLAIM_SOURCE}
  verdict: salah  # hoaks | salah | menyesatkan | sebagian-benar | tidak-terbukti
"""


# --- Pure parts: the file, its path, the values typed -------------------------------------

def render(cfg: SiteConfig, *, title: str, category: str, unit: str, when: datetime,
           kind: str = "siaran-pers", summary: str = SUMMARY) -> str:
    return TEMPLATE.format(title=_yaml_str(title), date=when.isoformat(timespec="minutes"),
                           summary=summary, category=category, unit=unit, type=kind,
                           tz=cfg.timezone, location=cfg.default_location,
                           claim=CLAIM if kind == "klarifikasi" else "",
                           title_size=size("title"), summary_size=size("summary"),
                           alt=example.IMAGE_ALT, credit=example.IMAGE_CREDIT,
                           caption=example.IMAGE_CAPTION, opening=example.OPENING, next=example.NEXT)


def size(key: str) -> str:
    """`10–110`: the length the model allows a field."""
    return "{}–{}".format(*LIMITS[key])


def release_path(cfg: SiteConfig, when: datetime, slug: str) -> Path:
    return cfg.content_dir / "rilis" / f"{when:%Y}" / f"{when:%m}" / slug / "index.md"


def new_release(cfg: SiteConfig, *, title: str, category: str, unit: str, when: datetime,
                kind: str = "siaran-pers", slug: str | None = None, summary: str = SUMMARY) -> Path:
    """Write `content/rilis/YYYY/MM/<slug>/index.md` and return its path. Never overwrites."""
    target = release_path(cfg, when, slug or make_slug(title) or "rilis")
    if target.exists():
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(cfg, title=title, category=category, unit=unit, when=when, kind=kind,
                             summary=summary), encoding="utf-8")
    return target


def _yaml_str(text: str) -> str:
    """The title as YAML: plain when it reads back unchanged, else double-quoted with only `\\`
    and `"` escaped (an invisible character stays in the file, where check finds it)."""
    try:
        plain = load_with_lines(f"title: {text}\n")[0]
    except YamlProblem:
        plain = None
    return text if plain == {"title": text} else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_slug(text: str) -> str | None:
    """`Pemadaman Listrik` -> `pemadaman-listrik` (the loader's `slugify`, cut at a hyphen);
    None when the text has no letter or digit it could use."""
    if slugify(f"a {text}") == "a":  # slugify() falls back to "tag" for such a text
        return None
    return slugify(text)[:SLUG_MAX].rstrip("-")


def title_problems(cfg: SiteConfig, title: str) -> list[Problem]:
    """What `check` would say about this title in a new release, before anything is written:
    the model's rules (length), the YAML it is written as (invisible characters) and personal
    data, each with check's own message."""
    text = render(cfg, title=title, category="x", unit="x", when=now(cfg.tz))
    problems = parse_release(cfg, text.encode(), "index.md")[1]
    return problems + [Problem("index.md", line, "title", message, hint)
                       for line, message, hint in personal_data(title, cfg.official_email_domains)]


_WHEN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ] ?(\d{1,2})[:.](\d{2}))? ?(WIB|WITA|WIT)?", re.I)
_ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
WHEN_HINT = ("tulis tanggal dan jam, mis. 2026-12-02 09:30 atau 2026-12-02T09:30, boleh diikuti "
             "WIB, WITA atau WIT (tanpa zona = zona situs).")


class Invalid(ValueError):
    """A value refused: what is wrong, how to fix it, and a likely meant value (offered as the
    answer when asking again)."""

    def __init__(self, message: str, hint: str | None = None, guess: str | None = None):
        super().__init__(message)
        self.message, self.hint, self.guess = message, hint, guess


def parse_when(text: str, tz: ZoneInfo) -> datetime:
    """`2026-12-02 09:30`, `2026-12-02T09:30`, `… WITA`, or full ISO 8601 with an offset;
    to the minute, in the site's zone unless one is given."""
    text = " ".join(text.split())
    m = _WHEN.fullmatch(text)
    if m is not None and m[4] is None:
        raise Invalid(f"waktu '{text}' belum berisi jam", WHEN_HINT)
    try:
        if m is None:
            moment = datetime.fromisoformat(text)
        else:
            zone = ZoneInfo(INDONESIAN_ZONES[_ZONES[m[6].upper()]]) if m[6] else tz
            moment = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), tzinfo=zone)
    except ValueError:
        what = "tidak ada (tanggal atau jamnya keliru)" if m else "tidak dikenali"
        raise Invalid(f"waktu '{text}' {what}", WHEN_HINT) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=tz)
    return moment.replace(second=0, microsecond=0)


def listing(entries: Iterable[Any], width: int = 100, indent: int = 2) -> str:
    """`slug (Name) · slug (Name) · …` on as few indented lines as fit in `width`."""
    items = [e.slug if e.name.casefold() == e.slug else f"{e.slug} ({e.name})" for e in entries]
    lines = [""]
    for item in items:
        if lines[-1] and len(lines[-1]) + 3 + len(item) > width - indent:
            lines.append("")
        lines[-1] += (" · " if lines[-1] else "") + item
    return "\n".join(" " * indent + line for line in lines)


# --- The interview ----------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    key: str
    option: str
    label: str  # the question
    parse: Callable[[str], Any]  # raises Invalid
    default: Callable[[], str] | None = None
    intro: str = ""  # printed once before asking (the registered choices)


def _fields(cfg: SiteConfig, registries: Registries, width: int) -> list[Field]:
    def title(value: str) -> str:
        value = " ".join(value.split())
        problems = title_problems(cfg, value)
        if problems:
            raise Invalid("; ".join(f"{p.field or 'title'}: {p.message}" for p in problems),
                          problems[0].hint)
        return value

    def registered(lookup: Lookup, what: str) -> Callable[[str], str]:
        def parse(value: str) -> str:
            entry = lookup.get(value)
            if entry is None:
                hint = (f"tulis slug salah satu {what} yang terdaftar di {cfg.registries}:\n"
                        + listing(lookup, width, indent=8))
                raise Invalid(f"{what} '{value.strip()}' tidak dikenal.", hint, lookup.suggest(value))
            return entry.slug
        return parse

    def kind(value: str) -> str:
        value = value.strip().lower()
        if value not in TYPES:
            guess = difflib.get_close_matches(value, TYPES, n=1, cutoff=0.5)
            raise Invalid(f"jenis '{value}' tidak dikenal.", f"pilih {', '.join(TYPES)}.",
                          guess[0] if guess else None)
        return value

    return [
        Field("title", "--title", f"Judul rilis ({size('title')} karakter)", title),
        Field("category", "--category", "Kategori", registered(registries.categories, "kategori"),
              intro="Kategori yang terdaftar:\n" + listing(registries.categories, width)),
        Field("unit", "--unit", "OPD penerbit (unit)", registered(registries.units, "unit"),
              intro="OPD penerbit (unit) yang terdaftar:\n" + listing(registries.units, width)),
        Field("when", "--date", "Waktu terbit (mis. 2026-12-02 09:30, boleh diikuti WIB/WITA/WIT)",
              lambda value: parse_when(value, cfg.tz), lambda: f"{now(cfg.tz):%Y-%m-%d %H:%M}"),
        Field("kind", "--type", f"Jenis ({', '.join(TYPES)})", kind, lambda: TYPES[0]),
    ]


def _refuse(err: Console, error: Invalid, ask: bool) -> None:
    guess = f" maksud Anda: {error.guess}?" if error.guess else ""
    err.print(f"[red]✗[/] {escape(error.message)}{escape(guess)}", soft_wrap=True)
    if error.hint and not (ask and error.guess):
        err.print(f"      [dim]petunjuk:[/] {escape(error.hint)}", soft_wrap=True)


def _ask(field: Field, err: Console) -> Any:
    default = field.default() if field.default else None
    while True:
        try:
            return field.parse(click.prompt(field.label, default=default))
        except Invalid as error:
            _refuse(err, error, ask=True)
            default = error.guess or default


def _slug(value: str) -> str:
    slug = make_slug(value)
    if slug is None:
        raise Invalid(f"slug '{value}' tidak berisi huruf atau angka",
                      "tulis huruf kecil, angka dan tanda hubung, mis. pemadaman-listrik.")
    return slug


def create(cfg: SiteConfig, registries: Registries, given: dict[str, str | None], *, ask: bool,
           out: Console, err: Console) -> int:
    """`scripts/warta new`: check what the command line gave (every mistake at once), ask for
    the rest when `ask` (a terminal) and something needed is missing, write the bundle.
    Returns the exit code."""
    fields = _fields(cfg, registries, min(out.width, 100))
    values: dict[str, Any] = {}
    errors: list[Invalid] = []
    for field in fields:
        if given.get(field.key) is not None:
            try:
                values[field.key] = field.parse(given[field.key])
            except Invalid as error:
                errors.append(error)
    if given.get("slug") is not None:
        try:
            values["slug"] = _slug(given["slug"])
        except Invalid as error:
            errors.append(error)
    missing = [f for f in fields if given.get(f.key) is None and f.default is None]
    if errors or (missing and not ask):
        for error in errors:
            _refuse(err, error, ask=False)
        for field in [] if ask else missing:
            _refuse(err, Invalid(f"{field.option} belum diisi.",
                                 f"tambahkan {field.option} …, atau jalankan perintah ini di terminal "
                                 "untuk ditanya satu per satu."), ask=False)
            if field.intro:
                err.print(escape(field.intro), soft_wrap=True)
        return 1 if errors else 2
    interview = bool(missing)
    for field in fields:
        if field.key in values:
            continue
        if interview:
            if field.intro:
                out.print(escape(field.intro), soft_wrap=True)
            values[field.key] = _ask(field, err)
        else:
            values[field.key] = field.parse(field.default())
    if "slug" in values and values["slug"] != given["slug"]:
        out.print(f"Slug '{escape(given['slug'])}' ditulis menjadi '{values['slug']}' (alamat hanya "
                  "memakai huruf kecil, angka dan tanda hubung).", soft_wrap=True)
    return _write(cfg, values, interview, out, err)


def _write(cfg: SiteConfig, values: dict[str, Any], interview: bool, out: Console, err: Console) -> int:
    when = values["when"]
    slug = values.get("slug") or make_slug(values["title"])
    while slug is None or release_path(cfg, when, slug).exists():
        if slug is None:
            error = Invalid("judul ini tidak menghasilkan alamat (slug)",
                            "tambahkan --slug, mis. --slug pemadaman-listrik.")
        else:
            where = os.path.relpath(release_path(cfg, when, slug))
            error = Invalid(f"sudah ada: {where}.", "tulis alamat (slug) lain." if interview
                            else "pilih judul atau --slug lain.")
        _refuse(err, error, ask=False)
        if not interview:
            return 1
        free = next((f"{slug}-{n}" for n in range(2, 100) if slug and not release_path(
            cfg, when, f"{slug}-{n}").exists()), None)
        slug = _ask(Field("slug", "--slug", "Alamat (slug)", _slug,
                          (lambda offer=free: offer) if free else None), err)
    try:
        path = new_release(cfg, title=values["title"], category=values["category"], unit=values["unit"],
                           when=values["when"], kind=values["kind"], slug=slug)
    except FileExistsError as error:  # written by someone else in the meantime
        err.print(f"[red]✗[/] sudah ada: {escape(os.path.relpath(error.args[0]))}.")
        return 1
    out.print(f"[green]✓[/] Rilis baru: [bold]{escape(os.path.relpath(path))}[/]", soft_wrap=True)
    out.print("  Isi ringkasan dan teksnya, simpan foto di folder yang sama, lalu jalankan "
              "[bold]scripts/warta check[/].")
    if values["when"] > now(cfg.tz):
        out.print(f"  Waktu terbitnya di masa depan: rilis ini embargo dan baru tampil di situs pada "
                  f"{long_date(values['when'])}.")
    return 0
