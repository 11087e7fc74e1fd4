"""Schema errors in Bahasa Indonesia: each pydantic error as a Problem at its line, with a hint.

No Python type name or English text reaches a writer: kinds of value are named in words
(`teks`, `angka`, `daftar`, `kumpulan kunci`, `true/false`, `kosong`), the choices of a field
are listed, and a misspelt key (`Title:`, or `Alt:` under `image:`) gets the key it was meant to
be, from the schema of the place where it is written.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import FrontMatter, kind_word
from .problems import Problem
from .yamltext import Path_, line_of

FIELD_HINTS = {
    "title": "tulis judul 10–110 karakter, mis. `title: Bupati Resmikan Jembatan Desa Talang Mulya`.",
    "date": "tulis tanggal ISO 8601, mis. `date: 2026-11-22T09:30:00+07:00`, atau dengan WIB, WITA "
            "atau WIT di belakang jamnya, mis. `date: 2026-11-22T09:30 WITA` (tanpa zona = zona "
            "situs; tanpa jam = terbit pukul 00.00).",
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
    "image.caption": "tulis keterangan foto sampai 300 karakter, atau hapus baris ini.",
    "location": "tulis nama tempat dateline, mis. `location: Sarimulya`, atau hapus baris ini.",
    "claim": "tambahkan `claim:` berisi `text` (isi klaim), `source` (sumber) dan `verdict`.",
    "claim.verdict": "pilih `hoaks`, `salah`, `menyesatkan`, `sebagian-benar` atau `tidak-terbukti`.",
    "draft": "tulis `draft: true` atau hapus baris ini.",
    "updates": "tulis daftar catatan, mis. `- date: 2026-11-23T10:00:00+07:00` dan `note: …`.",
    "updates.note": "jelaskan apa yang diperbaiki, 10–500 karakter.",
    "withdrawn": "tulis `withdrawn:` dengan `date` (waktu penarikan) dan `reason` (alasan, 10–500 "
                 "karakter) di baris-baris menjorok di bawahnya.",
    "contact": "isi slug kontak dari data/registries.yml atau `name:` dan `role:`.",
    "social": "tulis teks per platform di bawah `social:`, mis. `x: …` atau `whatsapp: …`, dan "
              "`hashtags: [a, b]`.",
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
    "string_too_short": "terlalu pendek (minimal {min_length} karakter)",
    "string_too_long": "terlalu panjang (maksimal {max_length} karakter)",
    "string_pattern_mismatch": "hanya huruf kecil, angka dan tanda hubung (mis. `dinas-kesehatan`)",
    "too_short": "minimal {min_length} isi",
}
_OTHER = "nilai ini tidak bisa dipakai"  # an error type without wording above (never English)
_MODEL_TYPES = {"model_type", "dict_type", "model_attributes_type"}


def translate_errors(error: ValidationError, rel: str, lines: dict[Path_, int],
                     schema: type[BaseModel] = FrontMatter) -> list[Problem]:
    """Every error of a validation as a Problem; a union's member errors (`contact` is a text or
    a mapping) reduced to the one that fits what was written."""
    out = []
    for err in error.errors():
        member = _member(tuple(err["loc"]), lines)
        mapping = isinstance(err.get("input"), dict)
        if member and ((err["type"] == "string_type" and mapping)
                       or (err["type"] in _MODEL_TYPES and not mapping)):
            continue  # the other member says what is wrong
        problem = translate(err, rel, lines, schema)
        if member and err["type"] == "string_type":
            problem = Problem(problem.path, problem.line, problem.field,
                              f"harus berupa teks atau kumpulan kunci, bukan {kind_word(err.get('input'))}",
                              problem.hint)
        out.append(problem)
    return out


def translate(err: dict[str, Any], rel: str, lines: dict[Path_, int],
              schema: type[BaseModel] = FrontMatter) -> Problem:
    """One pydantic error as a Problem in Bahasa Indonesia, at its line."""
    loc = _clean_loc(tuple(err["loc"]), lines)
    field = _field_name(loc) or None
    kind = err["type"]
    value = err.get("input")
    ctx = {**(err.get("ctx") or {}), "kind": kind_word(value)}
    if kind.startswith("warta_"):
        message = err["msg"]
    elif kind == "literal_error":
        message = _choice(value, ctx.get("expected", ""))
    else:
        try:
            message = _SCHEMA_MESSAGES.get(kind, _OTHER).format(**ctx)
        except (KeyError, IndexError):
            message = _OTHER
    generic = re.sub(r"\[\d+\]", "", field or "")
    hint = FIELD_HINTS.get(generic) or FIELD_HINTS.get(generic.split(".")[0])
    if kind == "extra_forbidden":
        hint = _unknown_key_hint(str(loc[-1]) if loc else "", _keys_at(schema, loc[:-1]))
    line = line_of(lines, loc) if loc else line_of(lines, ("type",)) or 2
    if kind == "missing" and (written := _other_case(loc, lines)) is not None:
        line, hint = lines[written], (f"kunci ini ditulis `{written[-1]}:`; tulis dengan huruf "
                                      f"kecil: `{loc[-1]}:`.")
    if kind == "warta_claim_type":
        field, hint = "claim", "hapus `claim`, atau ubah menjadi `type: klarifikasi`."
    elif kind == "warta_claim":
        field = "claim"
    return Problem(rel, line, field, message, hint)


def _choice(value: Any, expected: str) -> str:
    """A value outside a fixed list: what was written and the choices, in Indonesian."""
    options = re.findall(r"'([^']*)'", expected)
    listed = ", ".join(f"`{o}`" for o in options[:-1]) + f" atau `{options[-1]}`" if len(options) > 1 else (
        f"`{options[0]}`" if options else "")
    if not isinstance(value, str):
        return f"harus salah satu pilihan ({listed}), bukan {kind_word(value)}"
    if not value.strip():
        return f"belum diisi; pilihan: {listed}"
    return f"nilai '{value}' tidak dikenal; pilihan: {listed}"


def _unknown_key_hint(key: str, known: list[str]) -> str:
    if key.lower() in known and key != key.lower():
        return f"maksud Anda: {key.lower()}? nama kunci ditulis dengan huruf kecil: `{key.lower()}:`."
    guess = difflib.get_close_matches(key.lower(), known, n=1)
    return ((f"maksud Anda: {guess[0]}? " if guess else "") + "hapus kunci ini atau perbaiki ejaannya"
            + (f"; kunci yang dikenal di sini: {', '.join(known)}." if known else "."))


def _keys_at(schema: type[BaseModel], path: Path_) -> list[str]:
    """The keys the schema knows where `path` points (`()` top level, `("image",)` …)."""
    model: type[BaseModel] | None = schema
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model else None
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `ImageRef | None` or `list[Update]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            if (found := _model_in(arg)) is not None:
                return found
    return None


def _other_case(loc: Path_, lines: dict[Path_, int]) -> Path_ | None:
    """A key written beside `loc` that differs from its name only in case (`Title` for `title`)."""
    if not loc or not isinstance(loc[-1], str):
        return None
    return next((p for p in lines if len(p) == len(loc) and p[:-1] == loc[:-1]
                 and isinstance(p[-1], str) and p[-1] != loc[-1] and p[-1].lower() == loc[-1]), None)


def _member(loc: tuple[Any, ...], lines: dict[Path_, int]) -> bool:
    """Whether an error is one member of a union refusing the value itself (pydantic names the
    member last in the path: `("contact", "str")`)."""
    return bool(loc) and _is_member_name(loc[-1]) and loc not in lines


def _is_member_name(part: Any) -> bool:
    return isinstance(part, str) and (part in {"str", "constrained-str"} or "[" in part
                                      or part[:1].isupper())


def _clean_loc(loc: tuple[Any, ...], lines: dict[Path_, int]) -> Path_:
    """The key path of an error: pydantic's union member names (`str`, `InlineContact`,
    `function-after[…]`) dropped, every key written in the file kept (even `Title`)."""
    out: Path_ = ()
    for p in loc:
        if isinstance(p, int) or out + (p,) in lines or not _is_member_name(p):
            out += (p,)
    return out


def _field_name(loc: Path_) -> str:
    """("updates", 0, "date") -> "updates[0].date"."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
