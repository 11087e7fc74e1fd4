"""`warta new`: a release bundle with front matter that explains itself."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from . import placeholders as example
from .config import SiteConfig
from .load import slugify

TEMPLATE = """\
---
# Judul rilis: 10–110 karakter. Tulis seperti judul berita, bukan nama acara.
title: {title}
# Waktu terbit (ISO 8601). Tanpa zona waktu = zona situs ({tz}).
# Waktu di masa depan = EMBARGO: rilis baru tampil di situs pada waktu itu.
date: {date}
# Ringkasan: 50–200 karakter, teks biasa. Dipakai di beranda, umpan mitra media dan media sosial.
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


def new_release(cfg: SiteConfig, *, title: str, category: str, unit: str, when: datetime,
                kind: str = "siaran-pers", slug: str | None = None,
                summary: str = example.SUMMARY) -> Path:
    """Write `content/rilis/YYYY/MM/<slug>/index.md` and return its path. Never overwrites."""
    slug = slug or slugify(title)[:70].rstrip("-")
    folder = cfg.content_dir / "rilis" / f"{when:%Y}" / f"{when:%m}" / slug
    target = folder / "index.md"
    if target.exists():
        raise FileExistsError(str(target))
    folder.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.format(title=_yaml_str(title), date=when.isoformat(timespec="minutes"),
                           summary=summary, category=category, unit=unit, type=kind,
                           tz=cfg.timezone, location=cfg.default_location,
                           claim=CLAIM if kind == "klarifikasi" else "", alt=example.IMAGE_ALT,
                           credit=example.IMAGE_CREDIT, caption=example.IMAGE_CAPTION,
                           opening=example.OPENING, next=example.NEXT)
    target.write_text(text, encoding="utf-8")
    return target


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if any(
        c in text for c in ":#'\"[]{}&*!|>%@`") else text
