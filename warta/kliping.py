"""The publication trail (e-kliping) of a release: `kliping.yml` beside its index.md.

A list of entries, each `{partner, url, date, title, kind}`: a partner medium that republished
(`republikasi`) or quoted (`kutipan`) the release, or a social post of it (`sosial`, with its
`platform`; `partner` left out for the office's own accounts). Kept apart from the release
text, so adding a clipping is not an edit of a published release (the guard lets it through
without an `updates` note). The file is never copied to the site: the release page lists the
entries ("Dimuat ulang oleh", "Dikutip oleh", "Dibagikan di"); feeds and share kits ignore them.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date
from pydantic_core import PydanticCustomError

from .bodycheck import personal_data
from .config import SOCIAL_LABELS
from .mitra import Partner, choice_hint, http_url
from .model import Clipping, Release, kind_word, parse_date, time_written
from .problems import Problem
from .registry import Lookup, did_you_mean
from .sharekit import PLATFORMS as SHARE_PLATFORMS
from .yamltext import YamlProblem, load_with_lines

FILE = "kliping.yml"
MAX_BYTES = 256 * 1024
#: Kinds of entry and the heading each gets on the release page.
KINDS = {"republikasi": "Dimuat ulang oleh", "kutipan": "Dikutip oleh", "sosial": "Dibagikan di"}
#: Platforms of a social post: those of the share kit, then the footer's official accounts.
PLATFORMS = {**SHARE_PLATFORMS, **{k: v for k, v in SOCIAL_LABELS.items() if k not in SHARE_PLATFORMS}}
KEYS = ("partner", "url", "date", "title", "kind", "platform")
TITLE = (2, 300)
#: A partner's clock (or zone) may run ahead of ours: a clipping dated up to a day after the
#: clock is accepted.
TOLERANCE = timedelta(days=1)


def read(path: Path, rel: str, partners: Lookup[Partner] | None, released: datetime | None,
         clock: datetime, tz, partners_rel: str) -> tuple[tuple[Clipping, ...], list[Problem]]:
    """The entries of one kliping.yml (a regular file, never a link: the caller's scan says),
    and every problem in it. `released`: the release's date (None when it has errors);
    `partners` None when the partner registry has errors (then partners are not checked)."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return (), [Problem(rel, None, None, f"berkas terlalu besar ({-(-len(raw) // 1024)} KB; maksimal "
                            f"{MAX_BYTES // 1024} KB)", "satu rilis cukup satu daftar kliping; hapus "
                            "entri yang terulang.")]
    try:
        data, lines = load_with_lines(raw.decode("utf-8-sig").replace("\r\n", "\n"))
    except UnicodeDecodeError as e:
        return (), [Problem(rel, raw[: e.start].count(b"\n") + 1, None,
                            f"berkas bukan teks UTF-8 (byte 0x{raw[e.start]:02x} di posisi {e.start})",
                            "simpan ulang berkas dengan encoding UTF-8.")]
    except YamlProblem as e:
        return (), e.problems(rel, "YAML tidak valid", "periksa indentasi (spasi, bukan tab), tanda "
                              "`- ` di awal setiap entri dan tanda kutip pada judul yang memuat titik dua.")
    if data is None:
        return (), []
    if not isinstance(data, list):
        return (), [Problem(rel, 1, None, f"isi kliping.yml harus berupa daftar, bukan {kind_word(data)}",
                            "awali setiap entri dengan `- `, mis. `- partner: lembah-pos` lalu `url:`, "
                            "`date:`, `title:` dan `kind:` di baris-baris menjorok di bawahnya.")]
    check = _Checker(rel, lines, partners, released, clock, tz, partners_rel)
    found = [c for i, entry in enumerate(data) if (c := check.entry(i, entry)) is not None]
    if check.problems:
        return (), check.problems
    return tuple(sorted(found, key=lambda c: (c.date, c.url))), []


class _Checker:
    def __init__(self, rel, lines, partners, released, clock, tz, partners_rel):
        self.rel, self.lines, self.partners, self.released = rel, lines, partners, released
        self.clock, self.tz, self.partners_rel = clock, tz, partners_rel
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}  # url key -> line

    def problem(self, i: int, key: str | None, message: str, hint: str | None = None) -> None:
        line = self.lines.get((i, key)) if key else None
        self.problems.append(Problem(self.rel, line or self.lines.get((i,)), key, message, hint))

    def entry(self, i: int, entry: Any) -> Clipping | None:
        """One entry as a Clipping, or None after saying everything wrong with it."""
        if not isinstance(entry, dict):
            self.problem(i, None, f"entri kliping harus berupa kumpulan kunci, bukan {kind_word(entry)}",
                         "tulis `- partner: …` lalu `url:`, `date:`, `title:` dan `kind:` di bawahnya.")
            return None
        before = len(self.problems)
        for key in entry:
            if key not in KEYS:
                guess = difflib.get_close_matches(str(key).casefold(), KEYS, n=1, cutoff=0.6)
                self.problem(i, key, "kunci tidak dikenal", (f"maksud Anda: {guess[0]}? " if guess else "")
                             + f"hapus kunci ini atau perbaiki ejaannya; kunci yang dikenal: {', '.join(KEYS)}.")
        for key, value in entry.items():
            if key in KEYS and not isinstance(value, str):
                self.problem(i, key, f"harus berupa teks, bukan {kind_word(value)}",
                             "tulis nilainya sebagai teks (tanggal seperti `2026-11-17` juga boleh).")
        text = {k: v.strip() for k, v in entry.items() if k in KEYS and isinstance(v, str)}
        kind = self._kind(i, text, entry)
        url = self._url(i, text.get("url"), "url" in entry)
        when = self._date(i, text.get("date"), "date" in entry)
        partner = self._partner(i, text.get("partner"), kind, "partner" in entry)
        platform = self._platform(i, text.get("platform"), kind, "platform" in entry)
        title = self._title(i, text.get("title"), kind, "title" in entry)
        if len(self.problems) > before or kind is None or url is None or when is None:
            return None
        return Clipping(kind=kind, url=url, date=when, title=title, partner=partner, platform=platform)

    def _kind(self, i, text, entry) -> str | None:
        kind = text.get("kind")
        if kind is None:
            if "kind" not in entry:
                self.problem(i, "kind", "wajib diisi", "tulis `kind: republikasi` (dimuat ulang), "
                             "`kind: kutipan` (dikutip) atau `kind: sosial` (unggahan media sosial).")
            return None
        if kind not in KINDS:
            self.problem(i, "kind", f"jenis kliping '{kind}' tidak dikenal", choice_hint(kind, KINDS))
            return None
        return kind

    def _url(self, i, url, given) -> str | None:
        if url is None:
            if not given:
                self.problem(i, "url", "wajib diisi", "salin alamat berita atau unggahannya dari peramban.")
            return None
        if not http_url(url):
            self.problem(i, "url", "alamat harus berupa alamat http:// atau https:// lengkap",
                         "salin alamat berita atau unggahannya dari peramban, mis. "
                         "`url: https://www.lembahpos.example/2026/11/17/jembatan-talang-mulya/`.")
            return None
        key = url_key(url)
        if key in self.seen:
            self.problem(i, "url", f"alamat ini sudah dicatat (baris {self.seen[key]})",
                         "hapus entri yang terulang; satu alamat cukup dicatat sekali.")
            return None
        self.seen[key] = self.lines.get((i, "url")) or 0
        return url

    def _date(self, i, value, given) -> datetime | None:
        if value is None:
            if not given:
                self.problem(i, "date", "wajib diisi", "tulis tanggal terbitnya, mis. `date: 2026-11-17`.")
            return None
        try:
            when = parse_date(value, self.tz)
        except PydanticCustomError as e:
            self.problem(i, "date", e.message(), "tulis tanggal terbitnya, mis. `date: 2026-11-17` "
                         "atau `date: 2026-11-17T14:05 WIB`.")
            return None
        if self.released is not None and (when < self.released if time_written(value)
                                          else when.date() < self.released.date()):
            self.problem(i, "date", "tanggal kliping sebelum rilis terbit",
                         f"rilis terbit {self.released.isoformat()}; periksa tanggal beritanya.")
        elif when > self.clock + TOLERANCE:
            self.problem(i, "date", "tanggal kliping di masa depan",
                         "tulis tanggal terbit berita yang sebenarnya (hari ini atau sebelumnya).")
        return when

    def _partner(self, i, value, kind, given) -> Partner | None:
        if value is None:
            if kind in {"republikasi", "kutipan"} and not given:
                self.problem(i, "partner", f"wajib diisi untuk `kind: {kind}`",
                             f"tulis id media mitra dari {self.partners_rel}, mis. `partner: lembah-pos`.")
            return None
        if self.partners is None:
            return None  # the registry has errors of its own, reported there
        found = self.partners.get(value)
        if found is None:
            self.problem(i, "partner", f"mitra '{value}' tidak dikenal",
                         did_you_mean(self.partners, value, "mitra", self.partners_rel) if len(self.partners)
                         else f"daftarkan medianya dulu di {self.partners_rel}.")
        return found

    def _platform(self, i, value, kind, given) -> str:
        if kind == "sosial" and value is None and not given:
            self.problem(i, "platform", "wajib diisi untuk `kind: sosial`", choice_hint("", PLATFORMS))
        elif value is not None and kind in {"republikasi", "kutipan"}:
            self.problem(i, "platform", "`platform` hanya untuk `kind: sosial`",
                         "hapus baris ini, atau ubah menjadi `kind: sosial`.")
        elif value is not None and value not in PLATFORMS:
            self.problem(i, "platform", f"platform '{value}' tidak dikenal", choice_hint(value, PLATFORMS))
        return value or ""

    def _title(self, i, value, kind, given) -> str:
        title = " ".join((value or "").split())
        lo, hi = TITLE
        if not title and kind in {"republikasi", "kutipan"} and not (given and value is None):
            self.problem(i, "title", f"wajib diisi untuk `kind: {kind}`",
                         "salin judul berita dari media mitra.")
        elif title and not lo <= len(title) <= hi:
            self.problem(i, "title", f"judul {len(title)} karakter; harus {lo}–{hi} karakter",
                         "salin judul berita apa adanya; persingkat bila lebih dari 300 karakter.")
        for _, message, hint in personal_data(value or "", ()):
            self.problem(i, "title", message, hint)
        return title


def url_key(url: str) -> str:
    """An address as compared for duplicates: no scheme, `www.`, fragment, trailing slash or
    `utm_` tracking parameters."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith("utm_"))
    return f"{host}{parts.path.rstrip('/') or '/'}" + (f"?{query}" if query else "")


def trail(releases: Iterable[Release]) -> list[tuple[Release, Clipping]]:
    """Every clipping of `releases` (pass the public ones: `site.releases`) with its release,
    oldest first: what reports count."""
    pairs = [(r, c) for r in releases for c in r.clippings]
    return sorted(pairs, key=lambda rc: (rc[1].date, rc[0].url, rc[1].url))


def sections(release: Release) -> list[dict[str, Any]]:
    """The release page's trail: one section per kind that has entries, each entry with its
    name (a partner, or a platform), link, title and day."""
    out = []
    for kind, heading in KINDS.items():
        rows = []
        for c in release.clippings:
            if c.kind != kind:
                continue
            by = c.partner.name if c.partner else ""
            name = PLATFORMS.get(c.platform, c.platform) if kind == "sosial" else by
            rows.append({"name": name, "by": by if kind == "sosial" else "", "url": c.url,
                         "title": c.title, "day": format_date(c.date.date(), "d MMMM y", locale="id"),
                         "iso": c.date.date().isoformat()})
        if rows:
            out.append({"kind": kind, "heading": heading, "entries": rows})
    return out


# --- Writing (scripts/warta clippings --write) ---------------------------------------------

HEADER = ("# Jejak publikasi (e-kliping) rilis ini: media mitra yang memuat ulang atau mengutipnya,\n"
          "# dan unggahan media sosialnya. Bukan bagian teks rilis: menambah entri tidak perlu\n"
          "# catatan `updates`. Mitra ditulis dengan id-nya di data/mitra.yml.\n")


_PLAIN = re.compile(r"(?:https?://)?[\w.~%/+=&?;,@!$*()-]+")  # no `:`, `#`, quotes or brackets


def entry_text(kind: str, url: str, day: str, title: str = "", partner: str = "", platform: str = "") -> str:
    """One entry as a block of YAML, in the order staff write it. A title, and any value YAML
    could misread, is written as a JSON string (a valid YAML double-quoted scalar: no value can
    break out of its line)."""
    rows = [("partner", partner), ("url", url), ("date", day), ("title", title), ("kind", kind),
            ("platform", platform)]
    lines = [f"{key}: {value if _PLAIN.fullmatch(value) and key != 'title' else json.dumps(value, ensure_ascii=False)}"
             for key, value in rows if value]
    return "- " + "\n  ".join(lines) + "\n"


def append(path: Path, entries: list[str]) -> None:
    """Add `entries` (from `entry_text`) to a release's kliping.yml, keeping what it holds, its
    comments included; the file is made (with a short header) when it does not exist."""
    block = "".join(f"\n{e}" for e in entries)
    if not path.exists():
        path.write_text(HEADER + block, encoding="utf-8")
        return
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    first = next((line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")), "")
    if first and not first.startswith("-"):  # a flow list (`[]`, `[{…}]`): written out again
        data, _ = load_with_lines(text)
        kept = "".join(f"{line}\n" for line in text.split("\n") if line.startswith("#"))
        block = "".join(f"\n{entry_text(**_fields(e))}" for e in data or []) + block
        text = kept
    path.write_text(text.rstrip("\n") + ("\n" if text.strip() else "") + block, encoding="utf-8")


def _fields(entry: dict) -> dict[str, str]:
    """An entry read back from YAML, as `entry_text` arguments."""
    names = {"date": "day"}
    return {names.get(k, k): str(v) for k, v in entry.items() if k in KEYS and v is not None}
