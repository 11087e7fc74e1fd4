"""The example texts `scripts/warta new` writes, defined once: the scaffold writes them, and
`check` refuses a release that is not a draft while one of them is still in it."""

from __future__ import annotations

import re

SUMMARY = "Tulis ringkasan rilis di sini dalam satu atau dua kalimat yang jelas."
OPENING = "Tulis paragraf pembuka di sini: siapa, apa, kapan, di mana, mengapa."
NEXT = "Paragraf berikutnya: kutipan pejabat, data, dan penutup."
CLAIM_TEXT = "Isi klaim yang beredar."
CLAIM_SOURCE = "Tempat klaim beredar, mis. pesan berantai WhatsApp."
IMAGE_ALT = "Jelaskan isi foto untuk pembaca tunanetra"
IMAGE_CREDIT = "Diskominfo/Nama Fotografer"
IMAGE_CAPTION = "Keterangan foto, Senin (23/11/2026)."

#: Each example text, and what the writer puts in its place.
MEANING = {SUMMARY: "ringkasan rilis Anda sendiri", OPENING: "paragraf pembuka rilis Anda",
           NEXT: "isi rilis Anda", CLAIM_TEXT: "bunyi klaim yang sebenarnya beredar",
           CLAIM_SOURCE: "tempat klaim itu beredar", IMAGE_ALT: "penjelasan isi foto Anda",
           IMAGE_CREDIT: "nama fotografer atau sumber foto",
           IMAGE_CAPTION: "keterangan foto Anda (atau hapus baris `caption`)"}

# Found however the lines are wrapped, in any case, with or without its final full stop.
_PATTERNS = [(re.compile(r"\s+".join(map(re.escape, text.rstrip(".").split())), re.IGNORECASE), text)
             for text in MEANING]


def found(text: str) -> list[tuple[int, str]]:
    """(line within `text`, example text) for every example text `text` still holds."""
    hits = [(text.count("\n", 0, m.start()) + 1, example)
            for pattern, example in _PATTERNS for m in pattern.finditer(text)]
    return sorted(hits)


def problem(example: str) -> tuple[str, str]:
    """The message and hint for an example text left in a release."""
    short = example if len(example) <= 40 else example[:example.rfind(" ", 0, 38)] + "…"
    return (f"masih berisi teks contoh dari `scripts/warta new` (\"{short}\")",
            f"ganti teks contoh ini dengan {MEANING[example]}.")
