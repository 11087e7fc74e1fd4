"""Photos are decoded and encoded anew by libvips, never copied: hostile files built byte by
byte leave nothing of their own in the site (WebP renditions, the JPEG fallback, the cards),
and `check` refuses every photo the build could not render."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import make_project, run_warta, write_release
from conftest import photo as conftest_photo
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from warta import cards, photos
from warta.photos import PhotoProblem, cache_key, decode, plan, render

WIDTHS = (400, 800, 1200)
#: How metadata announces itself in a file: EXIF (JPEG APP1, WebP chunk), XMP, IPTC (Photoshop
#: APP13), ICC (JPEG APP2, WebP chunk); none may be anywhere in an output (outputs are
#: deterministic, so a chance match in the pixel data would fail every run, not flicker).
SIGNATURES = (b"Exif", b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"8BIM", b"ICC_PROFILE",
              b"ICCP", b"XMP ")
HASHED = re.compile(r"\.[0-9a-f]{10}\.(webp|jpe?g|png)$")  # what the publish step caches forever
MARKERS = {name: f"WARTA-PROBE-{name.upper()}-7f3a9c".encode() for name in
           ("jfif", "jfxx", "exif", "xmp", "icc", "iptc", "adobe", "app15", "com", "trailer",
            "text", "itxt", "ztxt", "webp")}
REL = "rilis/2026/11/jembatan-talang-mulya"
TEXTS = {"title": "Judul", "kicker": "Pembangunan", "meta": "16 November 2026", "site": "Warta"}


def picture(size=(900, 600), color=(200, 30, 30)) -> Image.Image:
    """A photo-like RGB image: a colour, a gradient and some shapes (not one flat colour)."""
    image = Image.new("RGB", size, color)
    image.paste(Image.linear_gradient("L").resize((size[0] // 3, size[1])).convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 2, size[1] // 4, size[0] * 3 // 4, size[1] // 2), fill=(20, 160, 60))
    return image


def jpeg_bytes(image: Image.Image, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", **{"quality": 90, **kwargs})
    return out.getvalue()


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def icc_profile(marker: bytes = b"", swap: bool = False, grey: bool = False) -> bytes:
    """lcms' sRGB profile, rebuilt: with `marker`, its description becomes that text; with
    `swap`, its red and blue primaries change places (so a conversion shows in the pixels);
    with `grey`, a greyscale profile with sRGB's tone curve."""
    data = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    tags = {}
    for i in range(int.from_bytes(data[128:132], "big")):
        sig, offset, size = struct.unpack(">4sII", data[132 + 12 * i:144 + 12 * i])
        tags[sig] = data[offset:offset + size]
    if swap:
        tags[b"rXYZ"], tags[b"bXYZ"] = tags[b"bXYZ"], tags[b"rXYZ"]
    if grey:
        tags = {b"desc": tags[b"desc"], b"wtpt": tags[b"wtpt"], b"kTRC": tags[b"rTRC"]}
    if marker:  # textDescriptionType: ASCII count and text, then empty Unicode and ScriptCode
        tags[b"desc"] = (b"desc" + bytes(4) + struct.pack(">I", len(marker) + 1) + marker + b"\0"
                         + bytes(8) + bytes(70))
    table, body, offset = b"", b"", 128 + 4 + 12 * len(tags)
    for sig, value in tags.items():
        value += bytes(-len(value) % 4)
        table += struct.pack(">4sII", sig, offset + len(body), len(value))
        body += value
    space = b"GRAY" if grey else data[16:20]
    header = struct.pack(">I", offset + len(body)) + data[4:16] + space + data[20:128]
    return header + struct.pack(">I", len(tags)) + table + body


def hostile_jpeg(path: Path, size=(900, 600)) -> Path:
    """A valid JPEG carrying a marker in every place a JPEG can hide data: a JFIF thumbnail,
    a JFXX thumbnail, EXIF (with GPS and serial), XMP, a (valid) ICC profile's description,
    IPTC, trailing bytes of an Adobe segment, an unknown APP15, a comment, after EOI."""
    data = jpeg_bytes(picture(size))
    assert data[2:4] == b"\xff\xe0"  # Pillow's own JFIF segment: replaced by ours
    body = data[4 + int.from_bytes(data[4:6], "big"):]
    thumb = MARKERS["jfif"].ljust(48, b"!")  # a 16×1 RGB thumbnail
    exif = Image.Exif()
    exif[0x010E] = MARKERS["exif"].decode()  # ImageDescription
    exif[0xA431] = "SN-1234567"  # BodySerialNumber
    exif[0x8825] = {1: "S", 2: (4.0, 30.0, 0.0), 3: "E", 4: (102.0, 50.0, 0.0)}  # GPS
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           b'02/22-rdf-syntax-ns#"><rdf:Description>' + MARKERS["xmp"] + b"</rdf:Description>"
           b"</rdf:RDF></x:xmpmeta>")
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(MARKERS["iptc"])) + MARKERS["iptc"]
    segments = [
        segment(0xE0, b"JFIF\0\x01\x02\x00\x00\x01\x00\x01\x10\x01" + thumb),
        segment(0xE0, b"JFXX\0\x13\x04\x01" + MARKERS["jfxx"][:12]),  # a 4×1 RGB thumbnail
        segment(0xE1, exif.tobytes()),
        segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xmp),
        segment(0xE2, b"ICC_PROFILE\0\x01\x01" + icc_profile(MARKERS["icc"])),
        segment(0xED, b"Photoshop 3.0\0" + b"8BIM\x04\x04\0\0" + struct.pack(">I", len(iptc)) + iptc),
        segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01" + MARKERS["adobe"]),
        segment(0xEF, MARKERS["app15"]),
        segment(0xFE, MARKERS["com"]),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8" + b"".join(segments) + body + MARKERS["trailer"] + data)
    with Image.open(path) as im:  # the file is a real, readable JPEG with all of it inside
        assert im.size == size and im.info["comment"] == MARKERS["com"] and im.getexif()
        assert MARKERS["icc"] in im.info["icc_profile"]
    return path


def jpeg_markers(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of every segment up to the scan; the scan must end with the file
    (in entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker)."""
    assert data[:2] == b"\xff\xd8"
    found, i = [], 2
    while data[i + 1] != 0xDA:
        length = int.from_bytes(data[i + 2:i + 4], "big")
        found.append((data[i + 1], data[i + 4:i + 2 + length]))
        i += 2 + length
    found.append((0xDA, b""))
    assert data.find(b"\xff\xd9", i) == len(data) - 2  # one image, nothing after its EOI
    return found


def webp_chunks(data: bytes) -> list[bytes]:
    """The chunk names of a WebP file, which must fill it exactly."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert int.from_bytes(data[4:8], "little") == len(data) - 8  # nothing after the image
    found, i = [], 12
    while i < len(data):
        size = int.from_bytes(data[i + 4:i + 8], "little")
        found.append(data[i:i + 4])
        i += 8 + size + size % 2
    assert i == len(data)
    return found


def assert_clean(path: Path, size: tuple[int, int] | None = None) -> None:
    """Only what it takes to decode the image. A JPEG: baseline, RGB, tables, frame, scan
    (at most a bare JFIF header, no thumbnail); a WebP: one lossy VP8 chunk (no VP8X, so no
    EXIF, XMP or ICCP chunk can follow). No EXIF, XMP, IPTC, ICC, comment, no trailing data,
    and neither Pillow nor libvips finds any metadata in it."""
    data = path.read_bytes()
    for marker in (*MARKERS.values(), b"SN-1234567"):
        assert marker not in data, (path, marker)
    if data[:4] == b"RIFF":
        assert webp_chunks(data) == [b"VP8 "], path
        fmt = "WEBP"
    else:
        segments = jpeg_markers(data)
        assert {m for m, _ in segments} <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}, (path, segments)
        for jfif in [p for m, p in segments if m == 0xE0]:
            assert jfif.startswith(b"JFIF\0") and jfif[12:14] == b"\0\0" and len(jfif) == 14
        assert len([m for m, _ in segments if m == 0xE0]) <= 1
        fmt = "JPEG"
    for signature in SIGNATURES:
        assert signature not in data, (path, signature)
    with Image.open(path) as im:
        assert im.format == fmt and im.mode == "RGB"
        assert not im.getexif() and "icc_profile" not in im.info
        assert not {"exif", "xmp", "comment", "photoshop", "adobe", "progressive"} & set(im.info)
        if size:
            assert im.size == size
    found = photos.vips().Image.new_from_buffer(data, "")
    assert not [f for f in found.get_fields() if f.endswith("-data") or f.startswith(("exif-", "orientation"))]


def rendered(source: Path, tmp_path: Path, cache: Path | None = None) -> list[Path]:
    """Plan and render `source` (checked like `check` does); the files written: the WebP
    renditions, then the JPEG (also under the photo's own name, as the build does)."""
    p = plan(source, WIDTHS, 10)
    out = tmp_path / "out"
    render(str(source), p.files, str(out), str(cache) if cache else None, also_as="asli.jpg")
    files = [out / name for _, _, name in p.files]
    for (w, h, name), file in zip(p.files, files, strict=True):
        assert HASHED.search(name), name
        assert_clean(file, (w, h))
    assert_clean(out / "asli.jpg", p.fallback[:2])
    return files


def plain(name: str) -> str:
    """A rendition's or card's name without its hash: `foto-800.3f9a0c1b2d.jpg` -> `foto-800.jpg`."""
    return re.sub(r"\.[0-9a-f]{10}\.", ".", name)


def refused(path: Path) -> PhotoProblem:
    with pytest.raises(PhotoProblem) as caught:
        plan(path, WIDTHS, 10)
    return caught.value


def pixel(path: Path, xy: tuple[int, int]) -> tuple[int, int, int]:
    with Image.open(path) as im:
        return im.convert("RGB").getpixel(xy)


def near(a, b, tolerance=12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


# Hostile JPEGs: nothing of the original file but its pixels reaches the output.

def test_hostile_jpeg_at_web_size_is_re_encoded_without_any_of_its_data(tmp_path):
    source = hostile_jpeg(tmp_path / "foto.jpg", size=(1600, 1067))  # the old lossless path
    files = rendered(source, tmp_path)
    tag = files[0].name.split(".")[1]
    assert [f.name for f in files] == [f"foto-400.{tag}.webp", f"foto-800.{tag}.webp",
                                       f"foto-1200.{tag}.webp", f"foto-800.{tag}.jpg"]
    assert near(pixel(files[2], (1120, 750)), pixel(source, (1500, 1000)))
    assert near(pixel(files[-1], (750, 500)), pixel(source, (1500, 1000)))


def test_hostile_jpeg_smaller_than_every_width(tmp_path):
    files = rendered(hostile_jpeg(tmp_path / "kecil.jpg", size=(300, 200)), tmp_path)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", f.name) for f in files] == ["kecil-300.webp", "kecil-300.jpg"]


def test_cached_renditions_are_clean_too(tmp_path):
    source = hostile_jpeg(tmp_path / "foto.jpg")
    cache = tmp_path / "cache"
    rendered(source, tmp_path, cache)
    (tmp_path / "out").rename(tmp_path / "first")
    rendered(source, tmp_path, cache)  # from the cache: hard links of the same clean files
    cached = [p for p in cache.rglob("*") if p.is_file()]
    assert len(cached) == 4  # three WebP and the JPEG
    for path in cached:
        assert_clean(path)


def test_exif_orientation_is_applied(tmp_path):
    stored = Image.new("RGB", (600, 400), (255, 255, 255))
    stored.paste((255, 0, 0), (0, 0, 100, 100))  # red in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise: the red corner goes top-right
    source = tmp_path / "miring.jpg"
    source.write_bytes(jpeg_bytes(stored, exif=exif))
    p = plan(source, WIDTHS, 10)
    assert (p.width, p.height) == (400, 600)
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (350, 50)), (255, 0, 0), 30)
    assert near(pixel(largest, (50, 50)), (255, 255, 255), 30)


# Colour: profiles are applied, never copied; CMYK and YCCK become RGB.

def test_icc_profile_is_converted_to_srgb_and_dropped(tmp_path):
    source = tmp_path / "profil.jpg"
    source.write_bytes(jpeg_bytes(Image.new("RGB", (500, 300), (200, 30, 30)),
                                  icc_profile=icc_profile(MARKERS["icc"], swap=True)))
    *_, largest = rendered(source, tmp_path)
    r, g, b = pixel(largest, (250, 150))
    assert b > 150 and r < 80, (r, g, b)  # red in a profile whose red is sRGB's blue


def test_broken_icc_profile_is_refused(tmp_path):
    source = tmp_path / "profil.jpg"
    source.write_bytes(jpeg_bytes(Image.new("RGB", (500, 300), (200, 30, 30)),
                                  icc_profile=b"\0\0\2\0" + b"bukan profil warna" * 20))
    problem = refused(source)
    assert problem.message == "profil warna (ICC) foto 'profil.jpg' rusak atau tidak cocok dengan gambarnya"
    assert problem.hint.startswith("simpan ulang foto sebagai JPEG dengan profil warna sRGB")


def test_icc_profile_of_other_colours_than_the_image_is_refused(tmp_path):
    source = tmp_path / "abu.jpg"  # a greyscale JPEG claiming an RGB profile
    source.write_bytes(jpeg_bytes(Image.new("L", (500, 300), 128), icc_profile=icc_profile()))
    assert refused(source).message.startswith("profil warna (ICC) foto 'abu.jpg' rusak")


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    source = tmp_path / "cmyk.jpg"
    source.write_bytes(jpeg_bytes(Image.new("CMYK", (500, 300), (0, 255, 255, 0))))
    with Image.open(source) as im:
        assert im.mode == "CMYK" and im.info["adobe"]
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (250, 150)), (255, 0, 0))


def test_ycck_jpeg_becomes_rgb(tmp_path):
    """Adobe transform 2: CMY stored as YCbCr (Photoshop's CMYK JPEGs). Built from a CMYK JPEG
    whose channels hold Y, Cb, Cr of the inks and the inverted K, with the flag set to 2."""
    c, m, y, k = 30, 200, 160, 40
    luma = 0.299 * c + 0.587 * m + 0.114 * y
    cb, cr = 128 + (y - luma) / 1.772, 128 + (c - luma) / 1.402
    stored = tuple(round(v) for v in (255 - luma, 255 - cb, 255 - cr, k))  # Pillow inverts CMYK
    data = jpeg_bytes(Image.new("CMYK", (500, 300), stored), quality=95)
    adobe = data.index(b"Adobe")
    assert data[adobe + 11] == 0  # transform: none
    source = tmp_path / "ycck.jpg"
    source.write_bytes(data[:adobe + 11] + b"\x02" + data[adobe + 12:])
    *_, largest = rendered(source, tmp_path)
    expected = tuple(round((255 - ink) * (255 - k) / 255) for ink in (c, m, y))
    assert near(pixel(largest, (250, 150)), expected), (pixel(largest, (250, 150)), expected)


@pytest.mark.parametrize("profile", [None, icc_profile(MARKERS["icc"], grey=True)])
def test_greyscale_jpeg(tmp_path, profile):
    source = tmp_path / "abu.jpg"
    extra = {"icc_profile": profile} if profile else {}
    source.write_bytes(jpeg_bytes(Image.new("L", (500, 300), 90), **extra))
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (250, 150)), (90, 90, 90), 4)


# Other formats: each renders right, with none of its metadata.

def test_png_with_alpha_and_metadata(tmp_path):
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    image.paste((20, 60, 200, 255), (300, 0, 600, 400))  # left half transparent
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKERS["text"].decode())
    info.add_itxt("Description", MARKERS["itxt"].decode())
    info.add_text("Author", MARKERS["ztxt"].decode(), zip=True)
    exif = Image.Exif()
    exif[0x010E] = MARKERS["exif"].decode()
    source = tmp_path / "logo.png"
    image.save(source, pnginfo=info, exif=exif, icc_profile=icc_profile(MARKERS["icc"]))
    with open(source, "ab") as fh:
        fh.write(MARKERS["trailer"])
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (100, 200)), (255, 255, 255))
    assert near(pixel(largest, (500, 200)), (20, 60, 200))


def test_large_png_is_reduced_without_dark_edges(tmp_path):
    """A PNG decodes at full size and is box-reduced at once, in premultiplied alpha: the
    black under transparent pixels must not darken the edge of what is visible."""
    image = Image.new("RGBA", (3200, 1600), (0, 0, 0, 0))
    image.paste((20, 60, 200, 255), (1601, 0, 3200, 1600))  # an odd edge: mixed by the reduce
    source = tmp_path / "besar.png"
    image.save(source)
    rendered(source, tmp_path)
    pixels = decode(source.read_bytes(), (1600, 800))
    assert (pixels.width, pixels.height, pixels.bands) == (1600, 800, 3)
    edge = pixels.getpoint(800, 400)  # half blue on white; (132, 142, 177) if not premultiplied
    assert near(edge, (137, 157, 227), 4), edge


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped(tmp_path):
    source = tmp_path / "abu16.png"
    Image.new("I;16", (500, 300), 40000).save(source)  # 40000 / 65535 of white
    with Image.open(source) as im:
        assert im.mode.startswith("I;16")
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (250, 150)), (156, 156, 156), 3)


def test_webp_with_alpha_and_metadata(tmp_path):
    image = Image.new("RGBA", (600, 400), (200, 30, 30, 255))
    image.paste((0, 0, 0, 0), (0, 0, 300, 400))
    exif = Image.Exif()
    exif[0x010E] = MARKERS["exif"].decode()
    source = tmp_path / "foto.webp"
    image.save(source, "WEBP", lossless=True, exif=exif, xmp=MARKERS["webp"],
               icc_profile=icc_profile(MARKERS["icc"]))
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (100, 200)), (255, 255, 255))
    assert near(pixel(largest, (500, 200)), (200, 30, 30))


def test_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (500, 300), color) for color in ((200, 30, 30), (30, 30, 200))]
    source = tmp_path / "animasi.gif"
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=100, loop=0,
                   comment=MARKERS["com"])
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (250, 150)), (200, 30, 30))


def test_multi_picture_jpeg_gives_its_first_picture(tmp_path):
    """MPO (some phones and 3D cameras): a JPEG followed by more JPEGs, indexed in APP2."""
    source = tmp_path / "ganda.jpg"
    first, second = Image.new("RGB", (500, 300), (200, 30, 30)), Image.new("RGB", (500, 300), (30, 30, 200))
    first.save(source, "MPO", save_all=True, append_images=[second])
    with Image.open(source) as im:
        assert im.format == "MPO" and im.n_frames == 2
    *_, largest = rendered(source, tmp_path)
    assert near(pixel(largest, (250, 150)), (200, 30, 30))


def test_png_named_jpg_renders(tmp_path):
    source = tmp_path / "foto.jpg"
    picture((500, 300)).save(source, "PNG")
    rendered(source, tmp_path)


@pytest.mark.parametrize(("name", "data"), [
    ("halaman.jpg", b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>\n"),
    ("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'),
    ("dokumen.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
    ("cetak.jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"),  # no Ghostscript
])
def test_files_that_are_not_photos_are_refused(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    problem = refused(tmp_path / name)
    assert problem.message == f"berkas '{name}' bukan foto JPEG, PNG, WebP atau GIF yang bisa dibaca"
    assert problem.hint == "simpan ulang sebagai JPEG atau PNG, lalu unggah lagi."


def test_tiff_named_jpg_is_refused(tmp_path):
    picture((300, 200)).save(tmp_path / "pindaian.jpg", "TIFF")
    assert refused(tmp_path / "pindaian.jpg").message.startswith("berkas 'pindaian.jpg' bukan foto JPEG")


def test_empty_file_is_refused(tmp_path):
    (tmp_path / "kosong.jpg").write_bytes(b"")
    problem = refused(tmp_path / "kosong.jpg")
    assert (problem.message, problem.hint) == ("berkas foto 'kosong.jpg' kosong (0 byte)",
                                               "unggah ulang fotonya.")


# Broken and enormous photos: refused by `plan`, with what is wrong.

@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_jpeg_is_refused_by_plan(tmp_path, keep):
    data = jpeg_bytes(picture((1600, 1067)))
    source = tmp_path / "terpotong.jpg"
    source.write_bytes(data[:int(len(data) * keep)])
    with Image.open(source) as im:
        assert im.size == (1600, 1067)  # the header alone looks fine
    problem = refused(source)
    assert problem.message == "foto 'terpotong.jpg' rusak atau terpotong (tidak bisa dibuka sampai habis)"
    assert problem.hint.startswith("unggah ulang foto aslinya")


@pytest.mark.parametrize(("fmt", "keep"), [("PNG", 0.5), ("WEBP", 0.5), ("GIF", 0.5), ("JPEG", 0.001)])
def test_truncated_photos_of_every_format_are_refused_by_plan(tmp_path, fmt, keep):
    out = io.BytesIO()
    picture((800, 500)).save(out, fmt)
    source = tmp_path / f"terpotong.{fmt.lower()}"
    source.write_bytes(out.getvalue()[:max(20, int(len(out.getvalue()) * keep))])  # JPEG: its header cut
    assert refused(source).message == (f"foto '{source.name}' rusak atau terpotong "
                                       "(tidak bisa dibuka sampai habis)")


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` (its pixel data is empty)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


@pytest.mark.parametrize(("size", "message"), [
    ((50000, 50000), "foto 'bom.png' terlalu besar (50000×50000 piksel; maksimal 60 juta piksel)"),
    ((10000, 10000), "foto 'bom.png' terlalu besar (10000×10000 piksel; maksimal 60 juta piksel)"),
    ((8000, 8000), "foto 'bom.png' terlalu besar (8000×8000 piksel; maksimal 60 juta piksel)"),
])
def test_too_many_pixels_is_too_large_not_unreadable(tmp_path, size, message):
    (tmp_path / "bom.png").write_bytes(png_header(*size))
    problem = refused(tmp_path / "bom.png")
    assert problem.message == message
    assert problem.hint == "kecilkan dulu foto (mis. lebar 2000 piksel), lalu unggah lagi."


def test_very_large_valid_photo_gets_renditions_and_cards(tmp_path):
    source = tmp_path / "besar.jpg"
    picture((7500, 5000)).save(source, quality=85)
    p = plan(source, WIDTHS, 10)
    assert (p.width, p.height) == (7500, 5000)
    rendered(source, tmp_path)
    base = cards.open_photo(source.read_bytes())
    assert (base.image.width, base.image.height) == (1875, 1250)  # 1/4 scale, covering both cards
    drawn = cards.draw_cards(source.read_bytes(), TEXTS)
    for kind, data in drawn.items():
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == cards.SIZES[kind]


@pytest.mark.parametrize("size", [(788, 788), (7500, 7500)])
def test_cards_of_square_photos(size):
    """The crop box of a square photo once came out a hair wider than the photo (rounding),
    which Pillow refuses: the build failed on a photo `check` had passed."""
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 255)).save(out, "PNG")
    drawn = cards.draw_cards(out.getvalue(), TEXTS)
    with Image.open(io.BytesIO(drawn["instagram"])) as im:
        assert im.size == cards.INSTAGRAM and near(im.getpixel((540, 100)), (200, 30, 30), 20)


def test_cards_use_the_decoded_pixels_not_the_file(tmp_path):
    source = hostile_jpeg(tmp_path / "foto.jpg", size=(1600, 1067))
    for kind, data in cards.draw_cards(source.read_bytes(), TEXTS).items():
        (tmp_path / f"{kind}.jpg").write_bytes(data)
        assert_clean(tmp_path / f"{kind}.jpg", cards.SIZES[kind])


def test_libvips_opens_no_other_format_whatever_asks(tmp_path):
    """In Warta's processes libvips' loaders other than JPEG, PNG, WebP and GIF are blocked:
    a TIFF, an SVG or a HEIF is not even tried, not even by libvips' own format sniffing."""
    pyvips = photos.vips()
    tiff = io.BytesIO()
    picture((300, 200)).save(tiff, "TIFF")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
    for data in (tiff.getvalue(), svg):
        with pytest.raises(pyvips.Error):
            pyvips.Image.new_from_buffer(data, "").avg()
    with pytest.raises(pyvips.Error):
        pyvips.Image.tiffload_buffer(tiff.getvalue()).avg()
    assert pyvips.Image.new_from_buffer(jpeg_bytes(picture()), "").width == 900


# The cache: `plan` trusts renditions a build already made of the very same bytes.

def test_plan_skips_the_decode_when_the_cache_holds_the_renditions(tmp_path):
    data = jpeg_bytes(picture((1600, 1067)))
    whole, cut = tmp_path / "utuh.jpg", tmp_path / "terpotong.jpg"
    whole.write_bytes(data)
    cut.write_bytes(data[:len(data) // 2])
    files = plan(whole, WIDTHS, 10).files
    cache = tmp_path / "cache"
    with pytest.raises(PhotoProblem):
        plan(cut, WIDTHS, 10, cache_dir=cache)  # not cached: decoded, refused
    key = cache_key(hashlib.sha256(cut.read_bytes()).hexdigest(), files)
    folder = cache / key[:2] / key
    folder.mkdir(parents=True)
    for _, _, name in files:  # as if a build had rendered these very bytes
        (folder / re.sub(r"^utuh-(\d+)\.[0-9a-f]{10}\.", rf"terpotong-\1.{key[:10]}.", name)).write_bytes(b"")
    assert plan(cut, WIDTHS, 10, cache_dir=cache).renditions[-1][:2] == (1200, 800)


def test_render_fills_the_cache_that_plan_reads(tmp_path):
    source = hostile_jpeg(tmp_path / "foto.jpg")
    cache = tmp_path / "cache"
    p = plan(source, WIDTHS, 10, cache_dir=cache)
    render(str(source), p.files, str(tmp_path / "out"), str(cache))
    assert plan(source, WIDTHS, 10, cache_dir=cache) == p
    assert sorted(f.name for f in cache.rglob("*.*")) == sorted(name for _, _, name in p.files)


def test_names_carry_a_hash_of_the_photo_and_the_settings(tmp_path, monkeypatch):
    """Same bytes, same names (wherever the photo lies); other bytes or other settings, other
    names: a name always means the same picture, so it may be cached forever."""
    a, b = tmp_path / "a" / "foto.jpg", tmp_path / "b" / "foto.jpg"
    for path in (a, b):
        path.parent.mkdir()
        path.write_bytes(jpeg_bytes(picture((1600, 1067))))
    first = plan(a, WIDTHS, 10)
    assert plan(b, WIDTHS, 10) == first and plan(a, WIDTHS, 10) == first
    assert len({name.split(".")[1] for _, _, name in first.files}) == 1
    b.write_bytes(jpeg_bytes(picture((1600, 1067), color=(30, 30, 200))))
    other = plan(b, WIDTHS, 10)
    assert not {n for *_, n in first.files} & {n for *_, n in other.files}
    monkeypatch.setattr(photos, "WEBP_QUALITY", photos.WEBP_QUALITY - 5)
    assert not {n for *_, n in first.files} & {n for *_, n in plan(a, WIDTHS, 10).files}


def test_a_photo_changed_after_check_is_not_cached_under_its_old_hash(tmp_path):
    """The build makes a hero photo's renditions and cards under the hash `check` computed:
    if the file changed in between, nothing is made (or cached) under that hash."""
    source = tmp_path / "foto.jpg"
    source.write_bytes(jpeg_bytes(picture()))
    p = plan(source, WIDTHS, 10)
    source.write_bytes(jpeg_bytes(picture(color=(30, 30, 200))))
    with pytest.raises(PhotoProblem) as caught:
        render(photos.Picture(str(source), photos.covering(p.files), digest=p.digest), p.files,
               str(tmp_path / "out"), str(tmp_path / "cache"))
    assert caught.value.message == "foto 'foto.jpg' berubah saat build berjalan"
    assert not list((tmp_path / "cache").rglob("*.*"))


# Real CLI runs.

def hero_release(root: Path, src: str = "foto.jpg") -> Path:
    return write_release(root, image={"src": src, "alt": "Warga melintasi jembatan baru",
                                      "credit": "Diskominfo"},
                         body="Warga kini bisa menyeberang dengan aman.\n\n![Posko](posko.png)\n")


@pytest.mark.slow
def test_build_of_hostile_photos_leaks_nothing(tmp_path):
    root = make_project(tmp_path / "proj")
    bundle = write_release(root, image={"src": "foto.jpg", "alt": "Warga melintasi jembatan baru",
                                        "credit": "Diskominfo"},
                           body="Warga kini bisa menyeberang.\n\n![Posko](posko.png)\n\n[Unduh foto](foto.jpg)\n").parent
    hostile_jpeg(bundle / "foto.jpg", size=(1600, 1067))
    image = Image.new("RGB", (700, 500), (20, 60, 200))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", MARKERS["text"].decode())
    image.save(bundle / "posko.png", pnginfo=info, icc_profile=icc_profile(MARKERS["icc"]))
    hostile_jpeg(root / "content/tentang/kantor.jpg", size=(1000, 700))
    (root / "content/tentang/index.md").write_text(
        "---\ntitle: Tentang\n---\n\n![Kantor](kantor.jpg)\n\n[Foto kantor](./kantor.jpg)\n")
    run_warta(root, "build", check=True)
    site = root / "site"
    out = site / REL
    assert {plain(p.name) for p in out.iterdir()} == {
        "index.html", "share.json", "foto.jpg", "foto-400.webp", "foto-800.webp", "foto-1200.webp",
        "foto-800.jpg", "posko-400.webp", "posko-700.webp", "posko-700.jpg", "kartu-tautan.jpg",
        "kartu-instagram.jpg"}
    images = [p for p in [*out.iterdir(), *(site / "tentang").iterdir()] if p.suffix in {".jpg", ".webp"}]
    assert len(images) == 10 + 5  # tentang: kantor at 400, 800, 1000 px, its JPEG and kantor.jpg
    for path in images:  # the cards too: drawn with Pillow, encoded by libvips
        assert_clean(path)
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in MARKERS.values():
                assert marker not in data, (path, marker)


@pytest.mark.slow
def test_large_hero_photo_builds_with_cards_and_a_subfolder_is_refused(tmp_path):
    root = make_project(tmp_path / "proj")
    bundle = hero_release(root, "utama.jpg").parent
    picture((7500, 5000)).save(bundle / "utama.jpg", quality=85)
    Image.new("RGB", (700, 500), (20, 60, 200)).save(bundle / "posko.png")
    run_warta(root, "build", check=True)
    out = root / "site" / REL
    found = {plain(p.name): p for p in out.iterdir()}
    for name, size in (("utama-1200.webp", (1200, 800)), ("utama-800.jpg", (800, 533)),
                       ("kartu-tautan.jpg", cards.LINK), ("kartu-instagram.jpg", cards.INSTAGRAM)):
        with Image.open(found[name]) as im:
            assert im.size == size
    srcset = ", ".join(f"{found[f'utama-{w}.webp'].name} {w}w" for w in WIDTHS)
    assert f'<source type="image/webp" sizes="(min-width: 50em) 40rem, 100vw"\n' \
           f'                srcset="{srcset}">' in (out / "index.html").read_text()
    # Photos live beside index.md: a hero photo in a sub-folder is refused by check, by name.
    hero_release(root, "foto/utama.jpg")
    (bundle / "foto").mkdir()
    (bundle / "utama.jpg").rename(bundle / "foto" / "utama.jpg")
    done = run_warta(root, "check")
    assert done.returncode == 1
    assert f"content/{REL}/index.md:8: image.src: foto 'foto/utama.jpg' berada di sub-folder" in done.stderr
    assert f"content/{REL}/foto/utama.jpg: sub-folder di dalam folder rilis tidak diizinkan" in done.stderr


def test_disguised_files_are_refused_by_check(project):
    """An SVG and a TIFF given a photo's name: check names each, in staff's words."""
    bundle = hero_release(project).parent
    (bundle / "foto.jpg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>')
    picture((700, 500)).save(bundle / "posko.png", "TIFF")
    done = run_warta(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for where, name in (("8: image.src", "foto.jpg"), ("15: isi", "posko.png")):
        assert (f"content/{REL}/index.md:{where}: berkas '{name}' bukan foto JPEG, PNG, WebP atau GIF "
                "yang bisa dibaca") in done.stderr, done.stderr
    assert "petunjuk: simpan ulang sebagai JPEG atau PNG, lalu unggah lagi." in done.stderr


def _bench():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("warta_bench", Path(__file__).parent.parent / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_bench_photo_release_adds_at_most_400_kb(tmp_path):
    """The bench corpus' photo (1600×1067, JPEG q80 with grain, ~340 KB): its renditions, the
    JPEG under the photo's own name, both cards and share.json stay within 400 KB."""
    bench = _bench()
    bench._BASES = [bench._base_photo((0, bench.PHOTO_SIZE))]
    root = make_project(tmp_path / "proj")
    bundle = hero_release(root, "foto-utama.jpg").parent
    bench._variant((str(bundle / "foto-utama.jpg"), 0, 20261124))
    Image.new("RGB", (700, 500), (20, 60, 200)).save(bundle / "posko.png")
    assert (bundle / "foto-utama.jpg").stat().st_size > 300_000
    run_warta(root, "build", check=True)
    added = {p.name: p.stat().st_size for p in (root / "site" / REL).iterdir()
             if p.name != "index.html" and not p.name.startswith("posko")}
    assert len(added) == 7 and sum(added.values()) <= 400 * 1024, added


@pytest.mark.slow
def test_hashed_names_are_stable_and_follow_the_photo(tmp_path):
    """Two builds from scratch give the same names and bytes; a new hero photo gives its
    renditions and cards new names (the old ones leave the site), the other photo's stay."""
    root = make_project(tmp_path / "proj")
    bundle = hero_release(root).parent
    conftest_photo(bundle / "foto.jpg")
    Image.new("RGB", (700, 500), (20, 60, 200)).save(bundle / "posko.png")
    out = root / "site" / REL

    def built() -> dict[str, bytes]:
        run_warta(root, "build", check=True)
        return {p.name: p.read_bytes() for p in out.iterdir() if HASHED.search(p.name)}

    first = built()
    assert {plain(n) for n in first} == {"foto-400.webp", "foto-800.webp", "foto-1200.webp", "foto-800.jpg",
                                         "posko-400.webp", "posko-700.webp", "posko-700.jpg",
                                         "kartu-tautan.jpg", "kartu-instagram.jpg"}
    for folder in (root / ".cache", root / "site"):
        shutil.rmtree(folder)
    assert built() == first
    conftest_photo(bundle / "foto.jpg", color=(200, 30, 30))
    second = built()
    kept = {n for n in first if n.startswith("posko-")}
    assert set(second) & set(first) == kept and len(second) == len(first)
    html = (out / "index.html").read_text()
    assert all(n in html for n in second if not n.startswith("kartu-instagram"))
    assert not any(n in html for n in set(first) - kept)


def test_a_photo_named_like_a_hashed_file_is_not_published_under_its_name(project):
    """A name such as `foto.0123456789.jpg` would be cached forever by the publish step: the
    photo is published as renditions only, and a link to it by that name is refused."""
    from warta.config import load_site_config
    from warta.load import load_content

    assert photos.published_as_itself("foto-utama.jpg") and photos.published_as_itself("Foto.JPEG")
    assert not photos.published_as_itself("foto.0123456789.jpg") and not photos.published_as_itself("a.png")
    write_release(project, image={"src": "foto.0123456789.jpg", "alt": "Jembatan", "credit": "Diskominfo"},
                  body="Isi.\n\n[Unduh](foto.0123456789.jpg)\n")
    conftest_photo(project / "content" / REL / "foto.0123456789.jpg")
    (problem,) = load_content(load_site_config(project)).problems
    assert problem.message == "tautan ke halaman atau berkas yang tidak ada di situs: foto.0123456789.jpg"


def test_truncated_hero_photo_fails_check_not_build(project):
    bundle = hero_release(project).parent
    data = jpeg_bytes(picture((1600, 1067)))
    (bundle / "foto.jpg").write_bytes(data[:len(data) * 2 // 3])
    Image.new("RGB", (700, 500), (20, 60, 200)).save(bundle / "posko.png")
    message = (f"content/{REL}/index.md:8: image.src: foto 'foto.jpg' rusak atau terpotong "
               "(tidak bisa dibuka sampai habis)")
    done = run_warta(project, "check")
    assert done.returncode == 1
    assert message in done.stderr and "1 kesalahan di 1 berkas" in done.stderr, done.stderr
    assert "petunjuk: unggah ulang foto aslinya" in done.stderr and "Traceback" not in done.stderr
    built = run_warta(project, "build")  # refused with the same words before rendering anything
    assert built.returncode == 1 and message in built.stderr and "Build dibatalkan" in built.stderr
    assert "foto gagal diproses" not in built.stderr and not (project / "site").exists()
