"""The typed model of a release: front matter schema and the Release (its errors in Indonesian:
warta/messages.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, time
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import split_zone
from .mitra import Partner
from .registry import Category, Contact, Unit

ReleaseType = Literal["siaran-pers", "berita", "pengumuman", "klarifikasi"]
ClippingKind = Literal["republikasi", "kutipan", "sosial"]
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
    """ISO 8601 to an aware datetime; `WIB`, `WITA` or `WIT` after it is the zone's offset; no
    zone means the site's zone (never UTC); a day without a time starts at 00.00."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, Date):
        parsed = datetime.combine(value, time(0, 0))
    elif isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("warta_date", "tanggal belum diisi")
        text, zone = split_zone(value)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?.*", value):
                raise PydanticCustomError("warta_date", "tanggal '{v}' tidak ada di kalender",
                                          {"v": value.strip()}) from None
            raise PydanticCustomError("warta_date", "'{v}' bukan tanggal ISO 8601",
                                      {"v": value.strip()}) from None
        if zone is not None:
            if parsed.tzinfo is not None and parsed.utcoffset() != zone.utcoffset(None):
                raise PydanticCustomError("warta_date", "tanggal '{v}' menulis dua zona waktu yang "
                                          "berbeda", {"v": value.strip()})
            parsed = parsed.replace(tzinfo=zone)
    else:
        raise PydanticCustomError("warta_date", "harus berupa tanggal, bukan {kind}",
                                  {"kind": kind_word(value)})
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def time_written(value: Any) -> bool:
    """Whether a date as written names a time of day (`2026-12-02` does not)."""
    return not isinstance(value, str) or bool(re.search(r"\d[Tt ]\s*\d", split_zone(value)[0]))


def kind_word(value: Any) -> str:
    """What a YAML value is, in the words of a writer (never a Python type name)."""
    return {str: "teks", list: "daftar", dict: "kumpulan kunci", bool: "true/false", int: "angka",
            float: "angka", type(None): "kosong"}.get(type(value), "nilai lain")


def _tag(value: str) -> str:
    return _length(value.strip(), "tags[]")


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
    tags: list[Annotated[str, AfterValidator(_tag)]] = []
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
    def _len(cls, v: str | None, info: ValidationInfo) -> str | None:
        return v if v is None else _length(" ".join(v.split()), info.field_name)

    @field_validator("summary")
    @classmethod
    def _plain(cls, v: str) -> str:
        if re.search(NOT_PLAIN, v):
            raise PydanticCustomError("warta_plain", "harus teks biasa, tanpa Markdown atau HTML")
        return v

    @model_validator(mode="after")
    def _claim(self) -> FrontMatter:
        if self.type == "klarifikasi" and self.claim is None:
            raise PydanticCustomError("warta_claim", "rilis klarifikasi wajib punya `claim`")
        if self.type != "klarifikasi" and self.claim is not None:
            raise PydanticCustomError("warta_claim_type", "`claim` hanya untuk `type: klarifikasi`")
        return self


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
    renditions: tuple[tuple[int, int, str], ...]  # (width, height, file name): WebP, smallest first
    fallback: tuple[int, int, str]  # the JPEG, for browsers and feed readers without WebP

    @property
    def files(self) -> tuple[tuple[int, int, str], ...]:
        """Every file the photo is published as (`photos.render` makes them)."""
        return (*self.renditions, self.fallback)


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str

    @property
    def list_url(self) -> str:
        return f"tag/{self.slug}/"

    @property
    def list_description(self) -> str:
        return f"Rilis bertanda {self.name}"


@dataclass(frozen=True, slots=True)
class Photo:
    src: str  # file name in the bundle, as written
    source: str  # absolute path of the original file
    alt: str
    credit: str
    caption: str
    width: int  # upright size of the original
    height: int
    # (width, height, file name) of each web rendition (WebP), smallest first
    renditions: tuple[tuple[int, int, str], ...]
    fallback: tuple[int, int, str]  # the JPEG: for browsers without WebP, feeds and JSON-LD
    digest: str  # SHA-256 of the original's bytes (what the share cards are drawn from)

    @property
    def largest(self) -> tuple[int, int, str]:
        return self.renditions[-1]


@dataclass(frozen=True, slots=True)
class Clipping:
    """One entry of a release's publication trail (`kliping.yml` beside its index.md): a partner
    medium that republished or quoted it, or a social post of it (the office's own when
    `partner` is None). Kept apart from the release text: adding one is not an edit."""

    kind: ClippingKind
    url: str  # http(s), where it was published
    date: datetime  # when it was published (00.00 in the site's zone for a day)
    title: str = ""  # as the partner headlined it (may be empty for a social post)
    partner: Partner | None = None
    platform: str = ""  # social posts only: facebook, instagram, x, …


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
    time_given: bool = True  # False for `date: 2026-12-02`: public from 00.00, shown as a day
    clippings: tuple[Clipping, ...] = ()  # its publication trail (kliping.yml), oldest first

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
    time_given: bool = True

    def is_public(self, now: datetime) -> bool:
        return not self.draft and (self.date is None or self.date <= now)
