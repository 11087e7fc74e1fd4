"""Photos for the web: plan the renditions at load time, render them (cached) at build time.

Every rendition is decoded and encoded anew with libvips, never copied: WebP at a few widths
for `srcset`, and one baseline JPEG for browsers and feed readers without WebP, all in sRGB,
upright, with no metadata at all (no EXIF, XMP, IPTC, comment, thumbnail or colour profile:
nothing of the camera or of the file's author reaches the web). Only libvips' JPEG, PNG, WebP
and GIF decoders ever see a file, chosen by its first bytes, whatever its name says.
`plan` decodes the photo too (a JPEG at 1/8 scale, which is cheap), so `check` refuses every
photo the build could not render. A rendition's name carries a hash of the photo's bytes and
of the settings (`foto-800.3f9a0c1b2d.webp`), so a name always means the same picture and the
site may tell browsers to keep it forever. Work is keyed by that hash, so an unchanged photo
costs a hard link in the next build and no decode in `check`.
"""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .dates import decimal
from .filecache import link_file, prune_cache, via_cache, write_atomic  # noqa: F401 (their old home)

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
#: The only decoders libvips may use, by the file's first bytes: never TIFF, SVG, PDF, HEIF…
LOADERS = {"jpeg": "jpegload_buffer", "png": "pngload_buffer", "webp": "webpload_buffer",
           "gif": "gifload_buffer"}
WEBP_QUALITY = 70
WEBP_EFFORT = 0  # libwebp's fastest method: 2–4 save 5 % of the bytes at twice the time or more
JPEG_QUALITY = 70
FALLBACK_WIDTH = 800  # the one JPEG: what a browser without WebP, or a feed reader, shows
# Mitchell–Netravali: sharp edges without Lanczos' ringing, and sensor noise averaged away
# rather than kept (on the bench's grainy photos: WebP 40 % and the cards 15 % smaller).
KERNEL = "mitchell"
MAX_PIXELS = 60_000_000
_VERSION = "4"  # bump when rendering changes: new names (and caches) for every rendition
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_RESAVE = "simpan ulang sebagai JPEG atau PNG, lalu unggah lagi."
_SMALLER = "kecilkan dulu foto (mis. lebar 2000 piksel), lalu unggah lagi."

Size = tuple[int, int, str]  # (width, height, file name) of one rendition
#: A name that carries its content's hash: the site may be told to cache it forever.
HASHED = re.compile(r"\.[0-9a-f]{10}\.(webp|jpe?g|png)$")


def published_as_itself(name: str) -> bool:
    """Whether a photo the body links to by its own name (`[unduh](foto.jpg)`) is published
    under that name too (its JPEG rendition): a JPEG whose name cannot pass for a hashed one."""
    return name.lower().endswith((".jpg", ".jpeg")) and not HASHED.search(name)


class PhotoProblem(Exception):
    def __init__(self, message: str, hint: str):
        self.message, self.hint = message, hint
        super().__init__(message)


@lru_cache(maxsize=1)
def vips() -> Any:
    """pyvips, imported when first needed (a warm build decodes nothing) and set up for our
    worker pool, which already uses every core: one libvips thread per process, no operation
    cache (each photo is seen once), every loader but ours blocked, libvips' own warnings
    kept out of the console (`_warnings` reads them)."""
    import pyvips

    pyvips.concurrency_set(1)
    pyvips.cache_set_max(0)
    pyvips.block_untrusted_set(True)
    pyvips.operation_block_set("VipsForeignLoad", True)
    for loader in ("VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp",
                   "VipsForeignLoadNsgif"):
        pyvips.operation_block_set(loader, False)
    logger = logging.getLogger("pyvips")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return pyvips


@dataclass(frozen=True)
class Plan:
    width: int
    height: int
    renditions: tuple[Size, ...]  # WebP, smallest first
    fallback: Size  # the JPEG
    digest: str  # SHA-256 of the photo's bytes

    @property
    def files(self) -> tuple[Size, ...]:
        return (*self.renditions, self.fallback)


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
    width, height = upright_size(open_image(data, path.name))
    digest = hashlib.sha256(data).hexdigest()
    targets = sorted({w for w in widths if w < width} | {min(width, max(widths))})
    sizes = [(w, max(1, round(height * w / width))) for w in targets]
    jpeg = min(width, FALLBACK_WIDTH)
    sizes.append((jpeg, max(1, round(height * jpeg / width))))
    key = cache_key(digest, sizes)
    stem, tag = safe_stem(path.stem), key[:10]
    files = tuple((w, h, f"{stem}-{w}.{tag}.webp") for w, h in sizes[:-1])
    fallback = (*sizes[-1], f"{stem}-{jpeg}.{tag}.jpg")
    if not _cached(cache_dir, key, (*files, fallback)):
        decode(data, (1, 1), path.name)
    return Plan(width, height, files, fallback, digest)


def safe_stem(stem: str) -> str:
    """A file-name stem that needs no escaping in URLs or `srcset` (no spaces)."""
    import unicodedata

    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_).strip("-") or "foto"


def _kind(head: bytes) -> str | None:
    """Which of LOADERS a file is, by its first bytes (its name is not asked)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def open_image(data: bytes, name: str = "", **options) -> Any:
    """The photo opened (its header read; pixels are decoded when asked) by the one of
    LOADERS its first bytes name, with `options` for that loader. PhotoProblem (naming the
    file `name`) when it is none of them, its header is broken, or it has more than
    MAX_PIXELS pixels."""
    kind = _kind(data[:12])
    if kind is None:  # not an image, or one we do not decode (HEIC, TIFF, SVG, PDF, HTML…)
        raise PhotoProblem(f"berkas{_quoted(name)} bukan foto JPEG, PNG, WebP atau GIF yang bisa dibaca",
                           _RESAVE)
    pyvips = vips()
    try:
        image = getattr(pyvips.Image, LOADERS[kind])(data, fail_on="truncated", **options)
    except pyvips.Error:  # cut short before its pixels, or a broken header
        raise _broken(name) from None
    if image.get("vips-loader") != LOADERS[kind]:  # never another decoder, whatever happens
        raise PhotoProblem(f"berkas{_quoted(name)} bukan foto JPEG, PNG, WebP atau GIF yang bisa dibaca",
                           _RESAVE)
    if image.width * image.height > MAX_PIXELS:
        raise _too_large(name, f"{image.width}×{image.height} piksel")
    return image


def _too_large(name: str, what: str) -> PhotoProblem:
    return PhotoProblem(f"foto{_quoted(name)} terlalu besar ({what}; maksimal "
                        f"{MAX_PIXELS // 1_000_000} juta piksel)", _SMALLER)


def _broken(name: str) -> PhotoProblem:
    return PhotoProblem(f"foto{_quoted(name)} rusak atau terpotong (tidak bisa dibuka sampai habis)",
                        "unggah ulang foto aslinya; bila tetap gagal, " + _RESAVE)


def _quoted(name: str) -> str:
    """` 'foto.jpg'` for messages that name the photo, nothing when the name is not known."""
    return f" '{name}'" if name else ""


def upright_size(image: Any) -> tuple[int, int]:
    """(width, height) of the photo as it is shown, after its EXIF orientation."""
    return (image.height, image.width) if _orientation(image) in _ROTATED else (image.width, image.height)


def _orientation(image: Any) -> int:
    """The EXIF orientation (1 to 8); 1 when there is none."""
    value = image.get("orientation") if image.get_typeof("orientation") else 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def decode(data: bytes, need: tuple[int, int], name: str = "") -> Any:
    """The pixels of the photo `data`, in memory: upright, transparent parts on white,
    converted to 8-bit sRGB from the photo's colour profile, three bands, and a new image that
    carries no metadata at all. A JPEG is decoded at the smallest DCT scale (1/2 to 1/8), a
    WebP at the smallest size, whose upright size still covers `need`; other formats are
    box-reduced as soon as they are opaque. PhotoProblem (naming the file `name`) when the
    data is broken (a truncated upload) or the colour profile cannot be used."""
    pyvips = vips()
    header = open_image(data, name)
    w, h = max(1, need[0]), max(1, need[1])
    w, h = (h, w) if _orientation(header) in _ROTATED else (w, h)  # as the pixels are stored
    factor = max(1, min(header.width // w, header.height // h))
    loader = header.get("vips-loader")
    try:
        if loader == "jpegload_buffer" and factor >= 2:
            image = open_image(data, name, shrink=next(s for s in (8, 4, 2) if s <= factor))
        elif loader == "webpload_buffer" and factor >= 2:
            image = open_image(data, name, scale=1 / factor)
        else:
            image = header
        image = _srgb(image, name)
        if image.hasalpha():
            image = image.flatten(background=[255, 255, 255])
        factor = min(image.width // w, image.height // h)
        if factor >= 2:  # a box filter: each pixel the mean of a block
            image = image.shrink(factor, factor)
        image = image.autorot().cast("uchar")
        if image.bands != 3:
            raise _broken(name)
        memory = image.write_to_memory()
    except pyvips.Error:
        raise _broken(name) from None
    return pyvips.Image.new_from_memory(memory, image.width, image.height, 3, "uchar")


def _srgb(image: Any, name: str) -> Any:
    """`image` as 8-bit sRGB (and its alpha). An embedded colour profile is applied; one that
    cannot be parsed, or that describes other colours than the image has (an RGB profile on
    a greyscale image), is refused: we do not guess what the photo's colours are (libvips
    would only warn and keep the numbers). CMYK without a profile: the plain ink formula."""
    if image.get_typeof("icc-profile-data"):
        with _warnings() as said:
            image = image.icc_transform("srgb", embedded=True)
        if said:
            raise PhotoProblem(
                f"profil warna (ICC) foto{_quoted(name)} rusak atau tidak cocok dengan gambarnya",
                "simpan ulang foto sebagai JPEG dengan profil warna sRGB "
                "(mis. «Ekspor» atau «Simpan untuk web»), lalu unggah lagi.")
    elif image.interpretation == "cmyk":
        ink = image.cast("float") / 255
        image = ((1 - ink[0:3]) * (1 - ink[3]) * 255 + 0.5).cast("uchar").copy(interpretation="srgb")
    if image.interpretation != "srgb" or image.format != "uchar":
        image = image.colourspace("srgb")
    if image.bands > 4:  # bands of no use on the web: colours only
        image = image[0:3]
    return image.cast("uchar")


@contextmanager
def _warnings() -> Iterator[list[logging.LogRecord]]:
    """What libvips warns about inside the block (a corrupt or mismatched colour profile)."""
    logger, said = logging.getLogger("pyvips"), logging.handlers.BufferingHandler(1000)
    said.setLevel(logging.WARNING)
    logger.addHandler(said)
    try:
        yield said.buffer
    finally:
        logger.removeHandler(said)


def cache_key(digest: str, sizes) -> str:
    """The key of a photo's renditions: its bytes' hash and everything that decides them."""
    settings = f"{_VERSION}|{KERNEL}|{WEBP_QUALITY}|{WEBP_EFFORT}|{JPEG_QUALITY}|{[tuple(s[:2]) for s in sizes]}"
    return hashlib.sha256(f"{digest}|{settings}".encode()).hexdigest()


def _cached(cache_dir: str | Path | None, key: str, files: tuple[Size, ...]) -> bool:
    """Whether the cache holds every rendition of this photo (a build rendered it before)."""
    return cache_dir is not None and all(
        os.path.isfile(os.path.join(cache_dir, key[:2], key, name)) for _, _, name in files)


class Picture:
    """A photo file (or its bytes), read, hashed and decoded at most once for everything made
    of it (renditions, share cards), each size scaled once, from the smallest one already
    made that covers it. `need` is what the decode must cover (see `decode`): the largest
    size any of them asks for."""

    def __init__(self, source: str | bytes, need: tuple[int, int] = (1, 1), name: str = "",
                 digest: str | None = None):
        self._source, self.need = source, need
        self.name = name or (os.path.basename(source) if isinstance(source, str) else "")
        self._scaled: dict[tuple[int, int], Any] = {}
        if digest:  # known from the plan: a warm build need not read the file at all
            self.__dict__["digest"] = digest

    @cached_property
    def data(self) -> bytes:
        data = Path(self._source).read_bytes() if isinstance(self._source, str) else self._source
        if "digest" in self.__dict__ and hashlib.sha256(data).hexdigest() != self.digest:
            # what is made is cached by the digest `check` saw: never store another photo under it
            raise PhotoProblem(f"foto{_quoted(self.name)} berubah saat build berjalan", "jalankan build lagi.")
        return data

    @cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @cached_property
    def upright(self) -> tuple[int, int]:
        """The photo's size as shown (its header alone is read)."""
        return upright_size(open_image(self.data, self.name))

    @cached_property
    def image(self) -> Any:
        """The decoded pixels (`decode`), covering `need`."""
        image = decode(self.data, self.need, self.name)
        self._scaled[image.width, image.height] = image
        return image

    def scaled(self, w: int, h: int, slack: float = 1.0) -> Any:
        """The pixels at (w, h) (KERNEL), kept for the sizes that follow. With `slack` above 1,
        a size already made that covers (w, h) and is at most that much larger will do (the
        caller crops it: a share card shows a little less of the photo, at no resize)."""
        base = self.image
        found = next((im for (sw, sh), im in self._scaled.items()
                      if w <= sw <= w * slack and h <= sh <= h * slack), None)
        if found is None:
            covering = [im for im in self._scaled.values() if im.width >= w and im.height >= h]
            start = min(covering, key=lambda im: im.width) if covering else base  # else: enlarged
            found = self._scaled[w, h] = start.resize(w / start.width, vscale=h / start.height,
                                                      kernel=KERNEL).copy_memory()
        return found


def render(source: str | Picture, files: tuple[Size, ...], out_dir: str, cache_dir: str | None,
           also_as: str | None = None) -> None:
    """Write every rendition `files` (`Plan.files`; a name's suffix says WebP or JPEG) of
    `source` (a path, or a Picture shared with the share cards) into `out_dir`, and the last
    (the JPEG) once more as `also_as`, so Markdown that links the photo by its own name still
    works."""
    picture = source if isinstance(source, Picture) else Picture(source, covering(files))
    key = cache_key(picture.digest, files)
    names = tuple(name for _, _, name in files)
    os.makedirs(out_dir, exist_ok=True)
    via_cache(os.path.join(cache_dir, key[:2], key) if cache_dir else None, names, out_dir,
              lambda: encode(picture, files))
    if also_as:
        link_file(os.path.join(out_dir, names[-1]), os.path.join(out_dir, also_as))


def covering(files: tuple[Size, ...]) -> tuple[int, int]:
    """The size a decode must cover to make all of `files`."""
    return max(w for w, _, _ in files), max(h for _, h, _ in files)


def encode(picture: Picture, files: tuple[Size, ...]) -> dict[str, bytes]:
    """Every rendition of `picture`, largest first (each scaled from the one before; a size
    shared by WebP and JPEG is scaled once)."""
    made = {}
    for w, h, name in sorted(files, key=lambda f: -f[0]):
        scaled = picture.scaled(w, h)
        if name.endswith(".webp"):
            made[name] = scaled.webpsave_buffer(Q=WEBP_QUALITY, effort=WEBP_EFFORT, keep="none")
        else:
            made[name] = jpeg(scaled, JPEG_QUALITY)
    return made


def jpeg(image: Any, quality: int) -> bytes:
    """A baseline JPEG of the pixels alone. Standard Huffman tables: tables made for the
    image would save about 7 % of the bytes at twice the encoding time."""
    return image.jpegsave_buffer(Q=quality, keep="none")
