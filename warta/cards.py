"""Share cards drawn with Pillow: a 1200×630 link-preview JPEG (at most 300 KB, so WhatsApp
keeps the preview) and a 1080×1350 Instagram card, from the hero photo, title, unit, date and
the site's identity; a release without a photo gets a designed text card.

`render_cards` is a pure function of its inputs (photo bytes, texts); the build caches its
output by a hash of those inputs, so an unchanged release costs nothing the next time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .photos import flatten

FONTS = Path(__file__).parent / "fonts"
LINK = (1200, 630)
INSTAGRAM = (1080, 1350)
MAX_LINK_BYTES = 300 * 1024
BLUE, BLUE_DARK, ACCENT, WHITE = (11, 79, 138), (8, 58, 102), (245, 158, 11), (255, 255, 255)
_VERSION = "1"


def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def _drawable(text: str) -> str:
    """Drop what the font cannot draw (emoji, pictographs, controls) instead of boxes."""
    kept = "".join(c for c in text if unicodedata.category(c)[0] != "C"
                   and not (unicodedata.category(c) == "So" or ord(c) > 0xFFFF))
    return " ".join(kept.split())


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Lines that fit `width`, breaking at spaces; a word wider than a line is split; the
    last line ends with "…" when the text does not fit."""
    words, lines, line = text.split(), [], ""
    for word in words:
        while draw.textlength(word, font=font) > width:  # a very long word: split it
            cut = max(1, len(word) - 1)
            while cut > 1 and draw.textlength(word[:cut] + "-", font=font) > width:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut] + "-")
            word = word[cut:]
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last.rstrip(" ,.;:") + "…"
    return lines


def _fit_title(draw, title: str, width: int, sizes: tuple[int, ...], max_lines: int):
    for size in sizes:  # the largest size at which the title fits in max_lines
        font = _font(size)
        lines = _wrap(draw, title, font, width, 10)
        if len(lines) <= max_lines:
            return font, lines
    font = _font(sizes[-1])
    return font, _wrap(draw, title, font, width, max_lines)


def _cover(photo: Image.Image, size: tuple[int, int]) -> Image.Image:
    return ImageOps.fit(photo, size, Image.LANCZOS, centering=(0.5, 0.45))


def _logo(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    """Warta's mark (the site logo), drawn with primitives: no SVG renderer needed."""
    draw.rounded_rectangle((x, y, x + s, y + s), radius=s // 4, fill=BLUE)
    pts = [(x + s * .22, y + s * .69), (x + s * .375, y + s * .31), (x + s * .5, y + s * .56),
           (x + s * .625, y + s * .31), (x + s * .78, y + s * .69)]
    draw.line(pts, fill=WHITE, width=max(2, s // 10), joint="curve")
    r = s * .0625
    draw.ellipse((x + s / 2 - r, y + s * .78 - r, x + s / 2 + r, y + s * .78 + r), fill=ACCENT)


def _open_photo(photo: bytes | None, size: tuple[int, int]) -> Image.Image | None:
    if not photo:
        return None
    im = Image.open(io.BytesIO(photo))
    if im.format == "JPEG":
        im.draft("RGB", size)
    return flatten(ImageOps.exif_transpose(im))


def _shade(img: Image.Image, top: float, strength: int = 235) -> None:
    """A dark gradient over the lower part, so white text reads on any photo."""
    w, h = img.size
    mask = Image.linear_gradient("L").resize((w, h - int(h * top)))
    mask = mask.point(lambda v: v * strength // 255)
    img.paste(Image.new("RGB", mask.size, (8, 20, 36)), (0, int(h * top)), mask)


def link_card(photo: bytes | None, title: str, kicker: str, meta: str, site: str) -> bytes:
    w, h = LINK
    base = _open_photo(photo, LINK)
    img = _cover(base, LINK) if base else Image.linear_gradient("L").rotate(90).resize(LINK)
    if base is None:
        img = Image.merge("RGB", [img.point(lambda v, c=c: BLUE_DARK[c] + (BLUE[c] - BLUE_DARK[c]) * v // 255)
                                  for c in range(3)])
    else:
        _shade(img, 0.25)
    draw = ImageDraw.Draw(img)
    pad = 56
    _logo(draw, pad, 40, 52)
    draw.text((pad + 68, 66), _drawable(site), font=_font(26), fill=WHITE, anchor="lm")
    font, lines = _fit_title(draw, _drawable(title), w - 2 * pad, (60, 54, 48, 42), 3)
    line_h = int(font.size * 1.22)
    y = h - 70 - line_h * len(lines)
    draw.text((pad, y - 44), _drawable(kicker).upper(), font=_font(24), fill=ACCENT)
    for line in lines:
        draw.text((pad, y), line, font=font, fill=WHITE)
        y += line_h
    draw.text((pad, h - 48), _drawable(meta), font=_font(24, bold=False), fill=(225, 232, 240))
    return _jpeg(img, MAX_LINK_BYTES)


def instagram_card(photo: bytes | None, title: str, kicker: str, meta: str, site: str) -> bytes:
    w, h = INSTAGRAM
    img = Image.new("RGB", INSTAGRAM, BLUE_DARK)
    base = _open_photo(photo, (w, 760))
    panel_top = 760 if base else 0
    if base:
        img.paste(_cover(base, (w, 760)), (0, 0))
    draw = ImageDraw.Draw(img)
    pad = 72
    draw.rectangle((0, panel_top, w, panel_top + 10), fill=ACCENT)
    top = panel_top + 60 if base else 300
    draw.text((pad, top), _drawable(kicker).upper(), font=_font(30), fill=ACCENT)
    font, lines = _fit_title(draw, _drawable(title), w - 2 * pad,
                             (64, 56, 50) if base else (88, 76, 66), 4 if base else 6)
    y = top + 56
    for line in lines:
        draw.text((pad, y), line, font=font, fill=WHITE)
        y += int(font.size * 1.22)
    draw.text((pad, h - 150), _drawable(meta), font=_font(30, bold=False), fill=(225, 232, 240))
    _logo(draw, pad, h - 96, 56)
    draw.text((pad + 72, h - 68), _drawable(site), font=_font(30), fill=WHITE, anchor="lm")
    return _jpeg(img, 1024 * 1024)


def _jpeg(img: Image.Image, max_bytes: int) -> bytes:
    for quality in (85, 78, 70, 62, 55, 48):
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        if out.tell() <= max_bytes:
            return out.getvalue()
    return out.getvalue()


def cards_key(photo: bytes | None, texts: dict) -> str:
    h = hashlib.sha256(photo or b"")
    h.update(json.dumps([_VERSION, texts], sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def render_cards(photo_path: str | None, texts: dict, out_dir: str, cache_dir: str | None) -> None:
    """Write kartu-tautan.jpg and kartu-instagram.jpg into `out_dir`, via the cache."""
    photo = Path(photo_path).read_bytes() if photo_path else None
    key = cards_key(photo, texts)
    names = {"kartu-tautan.jpg": link_card, "kartu-instagram.jpg": instagram_card}
    cached = Path(cache_dir, key[:2], key) if cache_dir else None
    os.makedirs(out_dir, exist_ok=True)
    for name, draw in names.items():
        target = Path(out_dir, name)
        if cached is not None and (cached / name).exists():
            data = (cached / name).read_bytes()
        else:
            data = draw(photo, **texts)
            if cached is not None:
                cached.mkdir(parents=True, exist_ok=True)
                tmp = cached / f".{name}.{os.getpid()}"
                tmp.write_bytes(data)
                os.replace(tmp, cached / name)
        target.write_bytes(data)
