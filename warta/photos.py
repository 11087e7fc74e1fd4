"""Photos for the web: plan the renditions at load time, render them (cached) at build time.

Renditions are re-encoded JPEGs without any metadata (no EXIF GPS, no camera serial), upright,
at a few widths for `srcset`. Work is keyed by a hash of the original's bytes and the
settings, so an unchanged photo costs a file copy in the next build.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
QUALITY = 80
_VERSION = "2"  # bump when rendering changes, to invalidate caches
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


class PhotoProblem(Exception):
    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint
        super().__init__(message)


@dataclass(frozen=True)
class Plan:
    width: int
    height: int
    renditions: tuple[tuple[int, int, str], ...]


def plan(path: Path, widths: tuple[int, ...], max_mb: int) -> Plan:
    """Read only the photo's header: upright size and the renditions to make."""
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise PhotoProblem(f"foto terlalu besar ({size / 1024 / 1024:.1f} MB; maksimal {max_mb} MB)",
                           "kecilkan dulu foto (mis. lebar 2000 piksel) sebelum diunggah.")
    try:
        with Image.open(path) as im:
            width, height = im.size
            orientation = im.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise PhotoProblem("berkas ini bukan gambar yang bisa dibaca",
                           "simpan ulang sebagai JPEG atau PNG.") from None
    if width * height > 60_000_000:
        raise PhotoProblem(f"foto terlalu besar ({width}×{height} piksel)",
                           "kecilkan dulu foto (mis. lebar 2000 piksel).")
    if orientation in _ROTATED:
        width, height = height, width
    stem = safe_stem(path.stem)
    targets = sorted({w for w in widths if w < width} | {min(width, max(widths))})
    renditions = tuple((w, max(1, round(height * w / width)), f"{stem}-{w}.jpg") for w in targets)
    return Plan(width, height, renditions)


def safe_stem(stem: str) -> str:
    """A file-name stem that needs no escaping in URLs or `srcset` (no spaces)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_).strip("-") or "foto"


def cache_key(data: bytes, renditions: tuple[tuple[int, int, str], ...]) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"{_VERSION}|{QUALITY}|{[r[:2] for r in renditions]}".encode())
    return digest.hexdigest()


def render(source: str, renditions: tuple[tuple[int, int, str], ...], out_dir: str,
           cache_dir: str | None, also_as: str | None = None) -> None:
    """Write every rendition of `source` into `out_dir` (and the largest once more as
    `also_as`, so Markdown that links the photo by its own name still works)."""
    data = Path(source).read_bytes()
    key = cache_key(data, renditions)
    cached = Path(cache_dir, key[:2], key) if cache_dir else None
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if cached is None or not all((cached / name).exists() for _, _, name in renditions):
        target = cached or out
        target.mkdir(parents=True, exist_ok=True)
        _encode(source, data, renditions, target)
    if cached is not None:
        for _, _, name in renditions:
            link_file(cached / name, out / name)
    if also_as:
        link_file(out / renditions[-1][2], out / also_as)


def link_file(src: str | Path, dest: str | Path) -> None:
    """A hard link where the file system allows it (no second copy on disk), else a copy.
    A missing `src` raises FileNotFoundError (callers use that as "not cached")."""
    try:
        os.link(src, dest)
    except FileExistsError:
        os.unlink(dest)
        link_file(src, dest)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copyfile(src, dest)


def _encode(source: str, data: bytes, renditions: tuple[tuple[int, int, str], ...],
            target: Path) -> None:
    with Image.open(source) as im:
        orientation = im.getexif().get(0x0112, 1)
        todo = list(renditions)
        if im.format == "JPEG" and orientation == 1 and todo[-1][:2] == im.size:
            # Already web-sized and upright: keep the pixels, drop the metadata (no second
            # generation of JPEG loss, and no decode or encode at all for the largest).
            stripped = strip_jpeg(data)
            if stripped is not None:
                write_atomic(target, todo.pop()[2], stripped)
        if not todo:
            return
        if im.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that is enough: faster
            upright_w = im.size[1] if orientation in _ROTATED else im.size[0]
            scale = max(s for s in (1, 2, 4, 8) if upright_w // s >= todo[-1][0])
            im.draft("RGB", (im.size[0] // scale, im.size[1] // scale))
        image = ImageOps.exif_transpose(im) if orientation != 1 else im
        image = flatten(image)
    for w, h, name in reversed(todo):
        image = _shrink(image, w, h)
        buffer = io.BytesIO()
        # The smallest rendition (what phones load in lists) gets the extra Huffman pass,
        # which costs little at that size; at 800 px and above it would double the encode.
        image.save(buffer, "JPEG", quality=QUALITY, optimize=w <= 400)
        write_atomic(target, name, buffer.getvalue())


def via_cache(folder: str | None, names: tuple[str, ...], out_dir: str,
              make: Callable[[], dict[str, bytes]]) -> None:
    """Put the files `names` into `out_dir`: hard-linked from the cache `folder` when it holds
    them all, else made (`make` returns name -> bytes), stored there and linked. With no cache
    (`folder` None) they are made straight into `out_dir`. A warm build's whole cost is the
    links, so this stays on plain strings and system calls."""
    if folder is not None and _link_all(folder, names, out_dir):
        return
    target = Path(folder or out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in make().items():
        write_atomic(target, name, data)
    if folder is not None:
        _link_all(folder, names, out_dir)


def _link_all(folder: str, names: tuple[str, ...], out_dir: str) -> bool:
    """Hard-link every cached file into `out_dir`; False when the cache does not hold them."""
    try:
        for name in names:
            link_file(os.path.join(folder, name), os.path.join(out_dir, name))
    except FileNotFoundError:
        return False
    return True


def write_atomic(folder: Path, name: str, data: bytes) -> None:
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)


#: The only metadata-like segments kept: JFIF header, colour profile, Adobe colour transform.
_KEEP = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}


def strip_jpeg(data: bytes) -> bytes | None:
    """The same JPEG without EXIF, XMP, IPTC, comments, thumbnails or trailing images.

    Lossless: segments are copied, pixels are not touched. Everything that is not needed to
    decode the image is dropped (an allowlist, not a blocklist). Returns None for anything
    it does not understand, and the caller re-encodes instead."""
    if data[:2] != b"\xff\xd8":
        return None
    out, i, n = [b"\xff\xd8"], 2, len(data)
    while i + 2 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image: anything after it (MPF images, trailers) is dropped
            out.append(b"\xff\xd9")
            return b"".join(out)
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if i + 4 > n or length < 2 or end > n:
            return None
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            ident = _KEEP.get(marker)
            if ident and data[i + 4:i + 4 + len(ident)] == ident:
                out.append(data[i:end])
        else:
            out.append(data[i:end])
        i = end
        if marker == 0xDA:  # entropy-coded data follows, up to the next real marker
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= n:
                    return None
                following = data[j + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    j += 1 if following == 0xFF else 2
                    continue
                break
            out.append(data[i:j])
            i = j
    return None


def _shrink(image: Image.Image, w: int, h: int) -> Image.Image:
    """Scale to (w, h): a fast box `reduce` for whole-number factors, Lanczos otherwise."""
    if image.size == (w, h):
        return image
    factor = image.width // w
    if factor >= 2 and image.width == w * factor and abs(-(-image.height // factor) - h) <= 1:
        reduced = image.reduce(factor)
        return reduced if reduced.size == (w, h) else reduced.resize((w, h), Image.BILINEAR)
    return image.resize((w, h), Image.LANCZOS, reducing_gap=2.0)


def flatten(image: Image.Image) -> Image.Image:
    """RGB without alpha (transparent parts on white); drops every metadata block."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    clean = image.convert("RGB") if image.mode != "RGB" else image
    clean.load()
    clean.info.clear()  # EXIF, XMP, ICC comments: nothing of the camera reaches the web
    return clean


def prune_cache(cache: Path, site: Path) -> tuple[int, int]:
    """Delete cached files (renditions, cards, share kits) that no built site uses any more:
    the build hard-links what it uses, so a cache file with a single link is an old version.
    Keeps everything when links are impossible (cache and site on different file systems, or
    no file linked at all), since every file would then look unused. Returns (files, bytes)."""
    if not cache.is_dir() or not site.is_dir() or cache.stat().st_dev != site.stat().st_dev:
        return 0, 0
    found = [(path, path.stat()) for path in cache.rglob("*") if path.is_file()]
    if not any(st.st_nlink > 1 for _, st in found):
        return 0, 0
    removed = size = 0
    for path, st in found:
        if st.st_nlink == 1:
            path.unlink()
            removed, size = removed + 1, size + st.st_size
    for folder in sorted((p for p in cache.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed, size
