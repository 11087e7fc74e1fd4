"""Share cards: a 1200×630 link-preview JPEG (at most 300 KB, so WhatsApp keeps the preview)
and a 1080×1350 Instagram card, from the hero photo, title, unit, date and the site's
identity; a release without a photo gets a designed text card. libvips decodes, crops, scales
and encodes; Pillow draws the text, labels and logo in between.

`draw_cards` is a pure function of its inputs (photo bytes, texts); `render_cards` caches
its output by a hash of those inputs and of this code, so an unchanged release costs nothing
the next time. The cards' file names carry that hash (`kartu-tautan.3f9a0c1b2d.jpg`), so a
corrected card gets a new address and platforms fetch it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import photos
from .filecache import via_cache

FONTS = Path(__file__).parent / "fonts"
LINK = (1200, 630)
INSTAGRAM = (1080, 1350)
INSTAGRAM_PHOTO = (1080, 760)  # the photo's part of the Instagram card
MIN_PHOTO = (LINK[0] // 2, INSTAGRAM_PHOTO[1] // 2)  # smaller photos give the text card
MAX_LINK_BYTES = 300 * 1024  # WhatsApp drops a bigger preview image
LINK_QUALITY, INSTAGRAM_QUALITY = 70, 65  # the first try; lower steps for a very detailed photo
BLUE, BLUE_DARK, ACCENT, WHITE = (11, 79, 138), (8, 58, 102), (245, 158, 11), (255, 255, 255)
MUTED, VERDICT_RED = (225, 232, 240), (200, 30, 30)
STEMS = {"tautan": "kartu-tautan", "instagram": "kartu-instagram"}
SIZES = {"tautan": LINK, "instagram": INSTAGRAM}


def code_version(*files: Path) -> str:
    """A hash of the code (and fonts) that make an output: any change to them invalidates the
    cached outputs by itself (no version number to remember to bump)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_VERSION = code_version(Path(__file__), Path(__file__).with_name("photos.py"),  # decodes the photo
                        *sorted(FONTS.glob("*.ttf")))


@lru_cache(maxsize=32)
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


def _line_height(font: ImageFont.FreeTypeFont) -> int:
    return int(font.size * 1.22)


def _fit_title(draw, title: str, width: int, sizes: tuple[int, ...], height: int):
    """The largest size at which the whole title fits in width × height; else the smallest
    size, cut with "…" after as many lines as fit."""
    for size in sizes:
        font = _font(size)
        lines = _wrap(draw, title, font, width, 10)
        if len(lines) * _line_height(font) <= height:
            return font, lines
    font = _font(sizes[-1])
    return font, _wrap(draw, title, font, width, max(1, height // _line_height(font)))


def _cover(photo: photos.Picture, size: tuple[int, int]) -> Image.Image:
    """The photo scaled to fill `size` and cropped (above centre: faces sit high in news
    photos), as a Pillow image to draw on. A size of the photo already made (the largest
    rendition, usually) is cropped as it is when it is at most 10 % larger."""
    w, h = photo.image.width, photo.image.height
    scale = max(size[0] / w, size[1] / h)
    scaled = photo.scaled(max(size[0], round(w * scale)), max(size[1], round(h * scale)), 1.1)
    left = (scaled.width - size[0]) // 2
    top = int((scaled.height - size[1]) * (0.2 if h > w else 0.45))  # portraits: keep the head
    return Image.frombytes("RGB", size, scaled.crop(left, top, *size).write_to_memory())


def _logo(draw: ImageDraw.ImageDraw, x: int, y: int, s: int) -> None:
    """Warta's mark (the site logo), drawn with primitives: no SVG renderer needed."""
    draw.rounded_rectangle((x, y, x + s, y + s), radius=s // 4, fill=BLUE, outline=WHITE,
                           width=max(2, s // 22))
    pts = [(x + s * .22, y + s * .69), (x + s * .375, y + s * .31), (x + s * .5, y + s * .56),
           (x + s * .625, y + s * .31), (x + s * .78, y + s * .69)]
    draw.line(pts, fill=WHITE, width=max(2, s // 10), joint="curve")
    r = s * .0625
    draw.ellipse((x + s / 2 - r, y + s * .78 - r, x + s / 2 + r, y + s * .78 + r), fill=ACCENT)


NEED = (LINK[0], INSTAGRAM_PHOTO[1])  # what the photo's decode must cover for both cards


def open_photo(photo: bytes | photos.Picture | None) -> photos.Picture | None:
    """The hero photo for both cards (decoded once, when first drawn, the way its renditions
    are: upright, on white, sRGB, no metadata; a JPEG at the smallest DCT scale that still
    covers both cards, which makes big camera photos cheap: a 7500×5000 photo is decoded at
    1875×1250). None without a photo, or for one too small for a card."""
    if not photo:
        return None
    picture = photo if isinstance(photo, photos.Picture) else photos.Picture(photo, NEED)
    width, height = picture.upright
    if width < MIN_PHOTO[0] or height < MIN_PHOTO[1]:
        return None  # blown up more than twice it would look blurred: the text card instead
    return picture


def _shade(img: Image.Image, top: float, strength: int = 235, header: float = 0.0) -> None:
    """Dark gradients so white text reads on any photo: over the lower part from `top` down,
    and (when `header` > 0) from the top edge down to `header`, behind the site's name."""
    for ink, at, mask in _shading(img.size, top, strength, header):
        img.paste(ink, at, mask)


@lru_cache(maxsize=4)
def _shading(size: tuple[int, int], top: float, strength: int, header: float) -> list:
    """(ink, position, mask) of `_shade`'s gradients, made once per card design."""
    w, h = size
    column = Image.linear_gradient("L").resize((1, h - int(h * top)))
    masks = [((0, int(h * top)), column.point(lambda v: v * strength // 255))]
    if header:
        column = Image.linear_gradient("L").resize((1, int(h * header)))
        masks.append(((0, 0), column.point(lambda v: (255 - v) * 150 // 255)))
    return [(Image.new("RGB", (w, m.height), (8, 20, 36)), at, m.resize((w, m.height), Image.NEAREST))
            for at, m in masks]


@lru_cache(maxsize=4)
def _backdrop(size: tuple[int, int]) -> Image.Image:
    """The designed background of a card without a photo: a diagonal blue gradient."""
    down = Image.linear_gradient("L").resize(size)
    ramp = Image.blend(down, down.transpose(Image.Transpose.ROTATE_90).resize(size), 0.5)
    return Image.merge("RGB", [ramp.point(lambda v, c=c: BLUE[c] + (BLUE_DARK[c] - BLUE[c]) * v // 255)
                               for c in range(3)])


def _kicker(draw: ImageDraw.ImageDraw, x: int, y: int, kicker: str, badge: str, size: int) -> None:
    """The category (or "Klarifikasi") as a label in the accent colour, and a verdict as a red
    one beside it: solid labels stay legible on any photo."""
    font = _font(size)
    for text, fill, ink in ((kicker, ACCENT, BLUE_DARK), (badge, VERDICT_RED, WHITE)):
        label = _drawable(text).upper()
        if not label:
            continue
        width = draw.textlength(label, font=font)
        draw.rounded_rectangle((x, y - size * 0.3, x + width + size * 0.9, y + size * 1.3),
                               radius=size // 3, fill=fill)
        draw.text((x + size * 0.45, y), label, font=font, fill=ink)
        x += int(width + size * 1.5)


def link_card(base: photos.Picture | None, title: str, kicker: str, meta: str, site: str,
              badge: str = "") -> bytes:
    w, h = LINK
    if base is None:
        img = _backdrop(LINK).copy()
    else:
        img = _cover(base, LINK)
        _shade(img, 0.25, header=0.3)
    draw = ImageDraw.Draw(img)
    pad = 56
    _logo(draw, pad, 40, 52)
    draw.text((pad + 68, 66), _drawable(site), font=_font(26), fill=WHITE, anchor="lm")
    font, lines = _fit_title(draw, _drawable(title), w - 2 * pad, (60, 54, 48, 42), 3 * 73)
    line_h = _line_height(font)
    y = h - 70 - line_h * len(lines)
    _kicker(draw, pad, y - 44, kicker, badge, 24)
    for line in lines:
        draw.text((pad, y), line, font=font, fill=WHITE)
        y += line_h
    draw.text((pad, h - 48), _drawable(meta), font=_font(24, bold=False), fill=MUTED)
    return _jpeg(img, MAX_LINK_BYTES, LINK_QUALITY)


def instagram_card(base: photos.Picture | None, title: str, kicker: str, meta: str, site: str,
                   badge: str = "") -> bytes:
    """A photo on top and the text on a blue panel; without a photo, the site's identity on
    top and the title on the designed background."""
    w, h = INSTAGRAM
    pad = 72
    if base is not None:
        img = Image.new("RGB", INSTAGRAM, BLUE_DARK)
        img.paste(_cover(base, INSTAGRAM_PHOTO), (0, 0))
        draw = ImageDraw.Draw(img)
        draw.rectangle((0, INSTAGRAM_PHOTO[1], w, INSTAGRAM_PHOTO[1] + 10), fill=ACCENT)
        top, sizes = INSTAGRAM_PHOTO[1] + 60, (64, 56, 50)
        _logo(draw, pad, h - 96, 56)
        draw.text((pad + 72, h - 68), _drawable(site), font=_font(30), fill=WHITE, anchor="lm")
        meta_y = h - 150
    else:
        img = _backdrop(INSTAGRAM).copy()
        draw = ImageDraw.Draw(img)
        draw.rectangle((0, 0, w, 10), fill=ACCENT)
        _logo(draw, pad, 80, 64)
        draw.text((pad + 84, 112), _drawable(site), font=_font(34), fill=WHITE, anchor="lm")
        top, sizes = 320, (88, 76, 66)
        meta_y = h - 110
    font, lines = _fit_title(draw, _drawable(title), w - 2 * pad, sizes, meta_y - 36 - (top + 64))
    if base is None:  # centre the kicker and title between the header and the date
        block = 64 + len(lines) * _line_height(font)
        top = max(top, 200 + (meta_y - 36 - 200 - block) // 2)
    _kicker(draw, pad, top, kicker, badge, 30)
    y = top + 64
    for line in lines:
        draw.text((pad, y), line, font=font, fill=WHITE)
        y += _line_height(font)
    draw.text((pad, meta_y), _drawable(meta), font=_font(30, bold=False), fill=MUTED)
    return _jpeg(img, 1024 * 1024, INSTAGRAM_QUALITY)


def _jpeg(img: Image.Image, max_bytes: int, quality: int) -> bytes:
    """The drawn card as a JPEG (libvips) at `quality`, or lower if it must fit `max_bytes`;
    a photo full of fine detail (foliage, crowds, sensor noise) is softened a little before
    it may break the limit."""
    image = photos.vips().Image.new_from_memory(img.tobytes(), img.width, img.height, 3, "uchar")
    for soften in (False, True):
        if soften:
            image = image.gaussblur(1.2).cast("uchar")
        for q in (quality, *[q for q in (60, 50, 40) if q < quality]):
            data = photos.jpeg(image, q)
            if len(data) <= max_bytes:
                return data
    return photos.jpeg(image, 20)


def draw_cards(photo: bytes | photos.Picture | None, texts: dict) -> dict[str, bytes]:
    """Both cards of a release, by kind ("tautan", "instagram"); the photo is decoded once."""
    base = open_photo(photo)
    return {"tautan": link_card(base, **texts), "instagram": instagram_card(base, **texts)}


def cards_key(digest: str | None, texts: dict) -> str:
    """What a release's cards are made of: the photo (the SHA-256 of its bytes, `Photo.digest`),
    the texts on them and this code."""
    return hashlib.sha256(json.dumps([_VERSION, digest or "", texts], sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


def card_names(digest: str | None, texts: dict) -> dict[str, str]:
    """The cards' file names by kind, e.g. `kartu-tautan.3f9a0c1b2d.jpg`: a new name whenever
    the picture changes, so each can be cached forever."""
    tag = cards_key(digest, texts)[:10]
    return {kind: f"{stem}.{tag}.jpg" for kind, stem in STEMS.items()}


def render_cards(photo: bytes | photos.Picture | None, texts: dict, out_dir: str,
                 cache_dir: str | None) -> dict[str, str]:
    """Write both cards into `out_dir` via the content-hash cache; returns their names by kind.
    The photo is read and decoded only to draw: a warm build costs a hash and two hard links
    when the Picture was given its digest (`sharekit.share_files`)."""
    if isinstance(photo, bytes):
        photo = photos.Picture(photo, NEED)
    digest = photo.digest if photo else None
    key = cards_key(digest, texts)
    names = card_names(digest, texts)
    ensure_dir(out_dir)
    via_cache(os.path.join(cache_dir, key[:2], key) if cache_dir else None,
                     tuple(names.values()), out_dir,
                     lambda: {names[kind]: card for kind, card in draw_cards(photo, texts).items()})
    return names


def ensure_dir(path: str) -> None:
    """`os.makedirs(path, exist_ok=True)` in one system call when the parent exists."""
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(path, exist_ok=True)


SITE_CARD = "kartu-situs.jpg"


def render_site_card(texts: dict, out_dir: str, cache_dir: str | None) -> None:
    """The link card of home and list pages (SITE_CARD): the site's identity, no photo."""
    key = cards_key(None, {"site-card": texts})
    via_cache(os.path.join(cache_dir, key[:2], key) if cache_dir else None, (SITE_CARD,),
                     out_dir, lambda: {SITE_CARD: link_card(None, **texts)})
