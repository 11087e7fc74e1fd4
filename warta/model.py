"""The typed model of a release: front matter schema, its Indonesian errors, the Release."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .problems import Problem
from .registry import Category, Contact, Unit
from .yamltext import Path_, line_of

ReleaseType = Literal["siaran-pers", "berita", "pengumuman", "klarifikasi"]
Verdict = Literal["hoaks", "salah", "menyesatkan", "sebagian-benar", "tidak-terbukti"]

TYPE_LABELS = {"siaran-pers": "Siaran Pers", "berita": "Berita", "pengumuman": "Pengumuman",
               "klarifikasi": "Klarifikasi"}
VERDICT_LABELS = {"hoaks": "Hoaks", "salah": "Salah", "menyesatkan": "Menyesatkan",
                  "sebagian-benar": "Sebagian benar", "tidak-terbukti": "Tidak terbukti"}

LIMITS = {"title": (10, 110), "summary": (50, 200), "image.alt": (5, 250),
          "image.credit": (2, 120), "image.caption": (0, 300), "location": (2, 60),
          "tags[]": (2, 40), "updates[].note": (10, 500), "withdrawn.reason": (10, 500),
          "claim.text": (10, 500), "claim.source": (2, 200)}
#: Fields whose length is counted with runs of spaces and line breaks read as one space.
COLLAPSED = ("title", "summary", "location")
#: What a plain-text summary may not contain (Markdown or HTML); the web editor uses it too.
NOT_PLAIN = r"<[a-zA-Z/!]|\*\*|\]\(|`|^#"


def _length(value: str, key: str) -> str:
    lo, hi = LIMITS[key]
    n = len(value)
    if n < lo:
        raise PydanticCustomError("warta_short", "terlalu pendek ({n} karakter; minimal {lo})",
                                  {"n": n, "lo": lo})
    if n > hi:
        raise PydanticCustomError("warta_long", "terlalu panjang ({n} karakter; maksimal {hi}, "
                                  "kelebihan {over})", {"n": n, "hi": hi, "over": n - hi})
    return value


def parse_date(value: Any, tz: ZoneInfo) -> datetime:
    """ISO 8601 to an aware datetime; no offset means the site's zone (never UTC)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, Date):
        parsed = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?.*", value):
                raise PydanticCustomError("warta_date", "tanggal '{v}' tidak ada di kalender",
                                          {"v": value.strip()}) from None
            raise PydanticCustomError("warta_date", "'{v}' bukan tanggal ISO 8601",
                                      {"v": value.strip()}) from None
    else:
        raise PydanticCustomError("warta_date", "harus berupa tanggal, bukan {kind}",
                                  {"kind": _kind(value)})
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _kind(value: Any) -> str:
    return {list: "daftar", dict: "kumpulan kunci", bool: "true/false", int: "angka",
            float: "angka", type(None): "kosong"}.get(type(value), type(value).__name__)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, strict=True)


class ImageRef(_Strict):
    src: str = Field(min_length=1)
    alt: str
    credit: str
    caption: str = ""

    @field_validator("alt", "credit", "caption")
    @classmethod
    def _len(cls, v: str, info: ValidationInfo) -> str:
        return _length(v, f"image.{info.field_name}")


class Claim(_Strict):
    text: str
    source: str
    verdict: Verdict

    @field_validator("text", "source")
    @classmethod
    def _len(cls, v: str, info: ValidationInfo) -> str:
        return _length(v, f"claim.{info.field_name}")


class _Dated(_Strict):
    date: datetime

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any, info: ValidationInfo) -> datetime:
        return parse_date(v, info.context["tz"])


class Update(_Dated):
    note: str

    @field_validator("note")
    @classmethod
    def _len(cls, v: str) -> str:
        return _length(v, "updates[].note")


class Withdrawn(_Dated):
    reason: str

    @field_validator("reason")
    @classmethod
    def _len(cls, v: str) -> str:
        return _length(v, "withdrawn.reason")


class InlineContact(_Strict):
    name: str = Field(min_length=2, max_length=120)
    role: str = ""
    phone: str = ""
    email: str = ""


class Social(_Strict):
    x: str | None = None
    facebook: str | None = None
    instagram: str | None = None
    whatsapp: str | None = None
    threads: str | None = None
    telegram: str | None = None
    hashtags: list[str] = []


class FrontMatter(_Strict):
    """The schema of a release's front matter (keys as SPEC.md names them)."""

    title: str
    date: datetime
    summary: str
    category: str
    unit: str
    type: ReleaseType = "siaran-pers"
    tags: list[str] = []
    image: ImageRef | None = None
    location: str | None = None
    contact: str | InlineContact | None = None
    claim: Claim | None = None
    draft: bool = False
    updates: list[Update] = []
    withdrawn: Withdrawn | None = None
    social: Social | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any, info: ValidationInfo) -> datetime:
        return parse_date(v, info.context["tz"])

    @field_validator(*COLLAPSED)
    @classmethod
    def _len(cls, v: str, info: ValidationInfo) -> str:
        return _length(" ".join(v.split()), info.field_name)

    @field_validator("summary")
    @classmethod
    def _plain(cls, v: str) -> str:
        if re.search(NOT_PLAIN, v):
            raise PydanticCustomError("warta_plain", "harus teks biasa, tanpa Markdown atau HTML")
        return v

    @field_validator("tags")
    @classmethod
    def _tags(cls, v: list[str]) -> list[str]:
        for tag in v:
            _length(tag.strip(), "tags[]")
        return [t.strip() for t in v]

    @model_validator(mode="after")
    def _claim(self) -> FrontMatter:
        if self.type == "klarifikasi" and self.claim is None:
            raise PydanticCustomError("warta_claim", "rilis klarifikasi wajib punya `claim`")
        if self.type != "klarifikasi" and self.claim is not None:
            raise PydanticCustomError("warta_claim_type", "`claim` hanya untuk `type: klarifikasi`")
        return self


# --- Indonesian wording of schema errors --------------------------------------------------

FIELD_HINTS = {
    "title": "tulis judul 10–110 karakter, mis. `title: Bupati Resmikan Jembatan Desa Talang Mulya`.",
    "date": "tulis tanggal ISO 8601, mis. `date: 2026-11-22T09:30:00+07:00` (tanpa zona = zona situs).",
    "summary": "tulis ringkasan 50–200 karakter berupa teks biasa; ini juga dipakai di umpan dan "
               "media sosial.",
    "category": "isi dengan slug kategori dari data/registries.yml, mis. `category: kesehatan`.",
    "unit": "isi dengan slug OPD penerbit dari data/registries.yml, mis. `unit: dinkes`.",
    "type": "pilih `siaran-pers`, `berita`, `pengumuman` atau `klarifikasi`.",
    "tags": "tulis sebagai daftar, mis. `tags: [imunisasi, posyandu]`.",
    "image": "tulis `image:` dengan `src`, `alt` dan `credit` di baris-baris menjorok di bawahnya.",
    "image.src": "isi nama berkas foto di folder rilis ini, mis. `src: foto-utama.jpg`.",
    "image.alt": "jelaskan isi foto untuk pembaca tunanetra, mis. `alt: Bupati menggunting pita`.",
    "image.credit": "sebutkan fotografer atau sumber, mis. `credit: Diskominfo/Rudi`.",
    "claim": "tambahkan `claim:` berisi `text` (isi klaim), `source` (sumber) dan `verdict`.",
    "claim.verdict": "pilih `hoaks`, `salah`, `menyesatkan`, `sebagian-benar` atau `tidak-terbukti`.",
    "draft": "tulis `draft: true` atau hapus baris ini.",
    "updates": "tulis daftar catatan, mis. `- date: 2026-11-23T10:00:00+07:00` dan `note: …`.",
    "updates.note": "jelaskan apa yang diperbaiki, 10–500 karakter.",
    "contact": "isi slug kontak dari data/registries.yml atau `name:` dan `role:`.",
}

_SCHEMA_MESSAGES = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks, bukan {kind}",
    "list_type": "harus berupa daftar, bukan {kind}",
    "bool_type": "harus `true` atau `false`, bukan {kind}",
    "bool_parsing": "harus `true` atau `false`",
    "model_type": "harus berupa kumpulan kunci, bukan {kind}",
    "dict_type": "harus berupa kumpulan kunci, bukan {kind}",
    "model_attributes_type": "harus berupa kumpulan kunci, bukan {kind}",
    "extra_forbidden": "kunci tidak dikenal",
    "literal_error": "nilai '{input}' tidak dikenal; pilihan: {expected}",
    "string_too_short": "terlalu pendek (minimal {min_length} karakter)",
    "string_too_long": "terlalu panjang (maksimal {max_length} karakter)",
    "string_pattern_mismatch": "hanya huruf kecil, angka dan tanda hubung (mis. `dinas-kesehatan`)",
    "too_short": "minimal {min_length} isi",
}


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"str", "InlineContact", "function-after[_len(), str]"}:
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _clean_loc(loc: tuple[Any, ...], lines: dict[Path_, int]) -> Path_:
    """The key path of an error: pydantic's union member names (`str`, `InlineContact`,
    `function-after[…]`) dropped, every key written in the file kept (even `Title`)."""
    out: Path_ = ()
    for p in loc:
        if (isinstance(p, int) or out + (p,) in lines
                or not (p == "str" or "[" in p or p[:1].isupper())):
            out += (p,)
    return out


def translate(err: dict[str, Any], rel: str, lines: dict[Path_, int]) -> Problem:
    """One pydantic error as a Problem in Bahasa Indonesia, at its line."""
    loc = _clean_loc(tuple(err["loc"]), lines)
    field = _field_name(loc) or None
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    ctx.setdefault("kind", _kind(err.get("input")))
    ctx.setdefault("input", err.get("input"))
    if kind.startswith("warta_"):
        message = err["msg"]
    else:
        template = _SCHEMA_MESSAGES.get(kind)
        try:
            message = template.format(**ctx) if template else err["msg"]
        except (KeyError, IndexError):
            message = err["msg"]
    generic = re.sub(r"\[\d+\]", "", field or "")
    hint = FIELD_HINTS.get(generic) or FIELD_HINTS.get(generic.split(".")[0])
    if kind == "extra_forbidden":
        import difflib

        known = list(FrontMatter.model_fields) if len(loc) == 1 else []
        guess = difflib.get_close_matches(str(loc[-1]).lower(), known, n=1)
        hint = (f"maksud Anda: {guess[0]}? " if guess else "") + "hapus kunci ini atau perbaiki ejaannya" + (
            f"; kunci yang dikenal: {', '.join(known)}." if known else ".")
    if kind == "warta_claim_type":
        field, hint = "claim", "hapus `claim`, atau ubah menjadi `type: klarifikasi`."
    elif kind == "warta_claim":
        field = "claim"
    return Problem(rel, line_of(lines, loc) if loc else line_of(lines, ("type",)) or 2,
                   field, message, hint)


# --- The release, as the rest of Warta sees it -----------------------------------------

class PageFront(_Strict):
    """The schema of a page outside `rilis/` (`tentang/index.md` …): the same hide-until-public
    rule as a release (a draft or a future `date` keeps it out of every output)."""

    title: str = Field(min_length=2, max_length=110)
    description: str = Field("", max_length=200)
    date: datetime | None = None
    draft: bool = False

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any, info: ValidationInfo) -> datetime:
        return parse_date(v, info.context["tz"])


@dataclass(frozen=True, slots=True)
class Attachment:
    """A photo of a bundle that its page references; it is published only as re-encoded web
    renditions (never as the file itself)."""

    src_uri: str  # relative to the content folder
    renditions: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class Photo:
    src: str  # file name in the bundle, as written
    source: str  # absolute path of the original file
    alt: str
    credit: str
    caption: str
    width: int  # upright size of the original
    height: int
    # (width, height, file name) of each web rendition, smallest first
    renditions: tuple[tuple[int, int, str], ...]

    @property
    def largest(self) -> tuple[int, int, str]:
        return self.renditions[-1]


@dataclass(frozen=True, slots=True)
class Release:
    path: str  # relative to the repository root
    src_uri: str  # relative to the content folder: rilis/YYYY/MM/slug/index.md
    url: str  # site-relative, no leading slash: rilis/YYYY/MM/slug/
    slug: str
    title: str
    date: datetime
    summary: str
    category: Category
    unit: Unit
    type: ReleaseType
    tags: tuple[Tag, ...]
    image: Photo | None
    location: str
    contact: Contact | InlineContact | None
    claim: Claim | None
    draft: bool
    updates: tuple[Update, ...]
    withdrawn: Withdrawn | None
    social: Social | None
    body: str  # Markdown after the front matter
    body_line: int  # file line where the body starts
    photos: tuple[Attachment, ...]  # the bundle photos it references (hero and body)

    @property
    def modified(self) -> datetime:
        dates = [u.date for u in self.updates] + ([self.withdrawn.date] if self.withdrawn else [])
        return max([self.date, *dates])

    def is_public(self, now: datetime) -> bool:
        """Published: not a draft and its time has come (a future date is an embargo)."""
        return not self.draft and self.date <= now

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]


@dataclass(frozen=True, slots=True)
class Page:
    """A content page outside `rilis/` (`tentang/` …), held to the rules of a release body."""

    path: str  # relative to the repository root
    src_uri: str  # relative to the content folder: tentang/index.md
    url: str  # site-relative: tentang/
    title: str
    description: str
    date: datetime | None
    draft: bool
    body: str
    body_line: int
    photos: tuple[Attachment, ...]

    def is_public(self, now: datetime) -> bool:
        return not self.draft and (self.date is None or self.date <= now)
