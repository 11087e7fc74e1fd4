"""Photos for the web: plan the renditions at load time, render them (cached) at build time.

Every rendition is decoded and encoded anew, never copied: a baseline RGB JPEG in sRGB,
upright, with no metadata at all (no EXIF, XMP, IPTC, comment, thumbnail or colour profile:
nothing of the camera or of the file's author reaches the web), at a few widths for `srcset`.
`plan` decodes the photo too (a JPEG at 1/8 scale, which is cheap), so `check` refuses every
photo the build could not render. Work is keyed by a hash of the original's bytes and the
settings, so an unchanged photo costs a hard link in the next build and no decode in `check`.
"""

from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import shutil
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO

from PIL import Image, ImageCms

from .dates import decimal

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
#: The only decoders Pillow may try, whatever the file's name: no EPS (Ghostscript), PSD, TIFF…
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
QUALITY = 80
MAX_PIXELS = 60_000_000
_VERSION = "3"  # bump when rendering changes, to invalidate caches
_TURNS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
          4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
          6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90}
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_RESAVE = "simpan ulang sebagai JPEG atau PNG, lalu unggah lagi."
_SMALLER = "kecilkan dulu foto (mis. lebar 2000 piksel), lalu unggah lagi."


class PhotoProblem(Exception):
    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint
        super().__init__(message)


@dataclass(frozen=True)
class Plan:
    width: int
    height: int
    renditions: tuple[tuple[int, int, str], ...]


def plan(path: Path, widths: tuple[int, ...], max_mb: int, *,
         cache_dir: str | Path | None = None) -> Plan:
    """The photo's upright size and the renditions to make; raises PhotoProblem for a photo
    the build could not render. The photo is decoded to prove it (a JPEG at 1/8 scale) unless
    the rendition cache `cache_dir` already holds this photo's renditions."""
    size = path.stat().st_size
    if size > max_mb * 1024 * 1024:
        raise PhotoProblem(f"foto terlalu besar ({decimal(size / 1024 / 1024)} MB; maksimal {max_mb} MB)",
                           _SMALLER)
    if size == 0:
        raise PhotoProblem(f"berkas foto '{path.name}' kosong (0 byte)", "unggah ulang fotonya.")
    data = path.read_bytes()
    with open_image(io.BytesIO(data), path.name) as im:
        width, height = upright_size(im)
        stem = safe_stem(path.stem)
        targets = sorted({w for w in widths if w < width} | {min(width, max(widths))})
        renditions = tuple((w, max(1, round(height * w / width)), f"{stem}-{w}.jpg") for w in targets)
        if not _cached(cache_dir, data, renditions):
            decode(im, (1, 1), path.name)
    return Plan(width, height, renditions)


def safe_stem(stem: str) -> str:
    """A file-name stem that needs no escaping in URLs or `srcset` (no spaces)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_).strip("-") or "foto"


def open_image(fp: IO[bytes], name: str = "") -> Image.Image:
    """The photo opened (its header read) by one of FORMATS, whatever its file name says.
    PhotoProblem (naming the file `name`) when it is none of them, or has more than
    MAX_PIXELS pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's size warning among them: our limit is lower
            im = Image.open(fp, formats=FORMATS)
    except Image.DecompressionBombError as e:  # the header claims an enormous size
        pixels = re.search(r"\((\d+) pixels\)", str(e))
        raise _too_large(name, f"{int(pixels[1]):,} piksel".replace(",", ".") if pixels
                         else f"lebih dari {MAX_PIXELS:,} piksel".replace(",", ".")) from None
    except Exception:  # not an image, or one Pillow may not open (HEIC, TIFF, SVG, HTML…)
        fp.seek(0)
        if _signed(fp.read(12)):  # a photo cut short before its pixels (or a broken WebP)
            raise _broken(name) from None
        raise PhotoProblem(f"berkas{_quoted(name)} bukan foto JPEG, PNG, WebP atau GIF yang bisa dibaca",
                           _RESAVE) from None
    width, height = im.size
    if width * height > MAX_PIXELS:
        im.close()
        raise _too_large(name, f"{width}×{height} piksel")
    return im


def _too_large(name: str, what: str) -> PhotoProblem:
    return PhotoProblem(f"foto{_quoted(name)} terlalu besar ({what}; maksimal "
                        f"{MAX_PIXELS // 1_000_000} juta piksel)", _SMALLER)


def _signed(head: bytes) -> bool:
    """Whether a file starts the way a JPEG, PNG, GIF or WebP does."""
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _broken(name: str) -> PhotoProblem:
    return PhotoProblem(f"foto{_quoted(name)} rusak atau terpotong (tidak bisa dibuka sampai habis)",
                        "unggah ulang foto aslinya; bila tetap gagal, " + _RESAVE)


def _quoted(name: str) -> str:
    """` 'foto.jpg'` for messages that name the photo, nothing when the name is not known."""
    return f" '{name}'" if name else ""


def upright_size(im: Image.Image) -> tuple[int, int]:
    """(width, height) of the photo as it is shown, after its EXIF orientation."""
    width, height = im.size
    return (height, width) if _orientation(im) in _ROTATED else (width, height)


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation (1 to 8); 1 when there is none or the EXIF cannot be read."""
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if value in _TURNS else 1


def decode(im: Image.Image, need: tuple[int, int], name: str = "") -> Image.Image:
    """The pixels of `im` (from `open_image`): upright, transparent parts on white, converted
    to sRGB from the photo's colour profile, RGB, without any metadata (`im.info` is emptied).
    A JPEG is decoded at the smallest DCT scale (1/2 to 1/8) whose upright size still covers
    `need`, which makes big camera photos cheap. PhotoProblem (naming the file `name`) when
    the data is broken (a truncated upload) or the colour profile cannot be used."""
    orientation = _orientation(im)
    w, h = max(1, need[0]), max(1, need[1])
    need = (h, w) if orientation in _ROTATED else (w, h)  # as the pixels are stored
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if im.format in ("JPEG", "MPO"):
                im.draft("RGB", need)
            im.load()
    except Exception:
        raise _broken(name) from None
    icc = im.info.get("icc_profile")
    # Other formats decode at full size: box-reduce them at once (palettes and 16-bit
    # greyscale once expanded), so the rest works on a fraction of the pixels.
    image = _reduced(_opaque(_reduced(im, need)), need)
    if icc:
        image = _to_srgb(image, icc, name)
    if image.mode != "RGB":
        image = image.convert("RGB")  # CMYK without a profile: Pillow's plain ink formula
    if orientation in _TURNS:
        image = image.transpose(_TURNS[orientation])
    if image is im:  # a new image: no state of the file (EXIF, segments) can reach the writer
        image = im.copy()
    image.info = {}  # Pillow's JPEG writer would keep a comment found here
    return image


def _opaque(im: Image.Image) -> Image.Image:
    """`im` in L, RGB or CMYK (the modes a colour profile describes): transparent parts on
    white, palettes expanded, 16-bit greyscale scaled to 8 bits."""
    mode = im.mode
    if mode.startswith("I;16") or mode == "I":  # 16-bit greyscale PNG (0 to 65535)
        return im.convert("I").point(lambda v: v / 256).convert("L")
    if "transparency" in im.info or mode in ("LA", "PA", "RGBA"):
        grey = mode in ("1", "L", "LA")
        rgba = im if mode in ("LA", "RGBA") else im.convert("LA" if grey else "RGBA")
        flat = Image.new("L" if grey else "RGB", im.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if mode in ("L", "RGB", "CMYK"):
        return im
    return im.convert("L" if mode == "1" else "RGB")


def _reduced(image: Image.Image, need: tuple[int, int]) -> Image.Image:
    """`image` made smaller by a whole factor (a box filter: each pixel the mean of a block)
    while it still covers `need`; unchanged in the modes `reduce` cannot average (palettes,
    16-bit greyscale, a transparent colour key)."""
    factor = min(image.width // need[0], image.height // need[1])
    if factor < 2 or image.mode not in ("L", "LA", "RGB", "RGBA", "CMYK") or "transparency" in image.info:
        return image
    return image.reduce(factor)


def _to_srgb(image: Image.Image, icc: bytes, name: str) -> Image.Image:
    """`image` converted from its embedded colour profile to sRGB. A profile that cannot be
    parsed, or that describes other colours than the image has (an RGB profile on a CMYK
    image), is refused: we do not guess what the photo's colours are."""
    try:
        return ImageCms.applyTransform(image, _transform(icc, image.mode))
    except Exception:
        raise PhotoProblem(
            f"profil warna (ICC) foto{_quoted(name)} rusak atau tidak cocok dengan gambarnya",
            "simpan ulang foto sebagai JPEG dengan profil warna sRGB "
            "(mis. «Ekspor» atau «Simpan untuk web»), lalu unggah lagi.") from None


@lru_cache(maxsize=16)  # most photos carry one of a few profiles (sRGB, Display P3…)
def _transform(icc: bytes, mode: str) -> ImageCms.ImageCmsTransform:
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return ImageCms.buildTransform(source, ImageCms.createProfile("sRGB"), mode, "RGB")


def cache_key(data: bytes, renditions: tuple[tuple[int, int, str], ...]) -> str:
    digest = hashlib.sha256(data)
    digest.update(f"{_VERSION}|{QUALITY}|{[r[:2] for r in renditions]}".encode())
    return digest.hexdigest()


def _cache_folder(cache_dir: str | Path | None, data: bytes,
                  renditions: tuple[tuple[int, int, str], ...]) -> str | None:
    if cache_dir is None:
        return None
    key = cache_key(data, renditions)
    return os.path.join(cache_dir, key[:2], key)


def _cached(cache_dir: str | Path | None, data: bytes,
            renditions: tuple[tuple[int, int, str], ...]) -> bool:
    """Whether the cache holds every rendition of this photo (a build rendered it before)."""
    folder = _cache_folder(cache_dir, data, renditions)
    return folder is not None and all(
        os.path.isfile(os.path.join(folder, posixpath.basename(name))) for _, _, name in renditions)


def render(source: str, renditions: tuple[tuple[int, int, str], ...], out_dir: str,
           cache_dir: str | None, also_as: str | None = None) -> None:
    """Write every rendition of `source` into `out_dir` (and the largest once more as
    `also_as`, so Markdown that links the photo by its own name still works). A rendition's
    name may carry the photo's folder (`foto/utama-400.jpg`): `out_dir` is that folder."""
    data = Path(source).read_bytes()
    names = tuple(posixpath.basename(name) for _, _, name in renditions)
    os.makedirs(out_dir, exist_ok=True)
    via_cache(_cache_folder(cache_dir, data, renditions), names, out_dir,
              lambda: _encode(data, renditions, os.path.basename(source)))
    if also_as:
        link_file(os.path.join(out_dir, names[-1]), os.path.join(out_dir, also_as))


def _encode(data: bytes, renditions: tuple[tuple[int, int, str], ...], name: str) -> dict[str, bytes]:
    """Every rendition, from one decode: each a new baseline JPEG of the pixels alone."""
    with open_image(io.BytesIO(data), name) as im:
        image = decode(im, renditions[-1][:2], name)
    made = {}
    for w, h, name in reversed(renditions):
        image = _shrink(image, w, h)
        buffer = io.BytesIO()
        # The smallest rendition (what phones load in lists) gets the extra Huffman pass,
        # which costs little at that size; at 800 px and above it would double the encode.
        image.save(buffer, "JPEG", quality=QUALITY, optimize=w <= 400)
        made[posixpath.basename(name)] = buffer.getvalue()
    return made


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


def _shrink(image: Image.Image, w: int, h: int) -> Image.Image:
    """Scale to (w, h): a fast box `reduce` for whole-number factors, Lanczos otherwise."""
    if image.size == (w, h):
        return image
    factor = image.width // w
    if factor >= 2 and image.width == w * factor and abs(-(-image.height // factor) - h) <= 1:
        reduced = image.reduce(factor)
        return reduced if reduced.size == (w, h) else reduced.resize((w, h), Image.BILINEAR)
    return image.resize((w, h), Image.LANCZOS, reducing_gap=2.0)


def prune_cache(cache: Path, site: Path) -> tuple[int, int]:
    """Delete cached files (renditions, cards, share kits) that no built site uses any more:
    the build hard-links what it uses, so a cache file with a single link is an old version.
    Keeps everything when links are impossible (cache and site on different file systems, or
    no file linked at all), since every file would then look unused. Returns (files, bytes)."""
    if not cache.is_dir() or not site.is_dir() or cache.stat().st_dev != site.stat().st_dev:
        return 0, 0
    found = [(path, path.stat()) for path in cache.rglob("*")  # editor/: the pinned editor download
             if path.is_file() and path.relative_to(cache).parts[0] != "editor"]
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
