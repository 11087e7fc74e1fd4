"""Generate the illustrative demo photos for the Warta demo content.

Every photo is drawn procedurally with Pillow (sky, hills, fields, buildings,
people silhouettes, ...) and written next to its release as a JPEG. The output
is deterministic: each photo is drawn from a random generator seeded with a
fixed seed plus the photo's path.

Every photo deliberately carries EXIF metadata (camera make/model, body serial
number, capture time and GPS coordinates), so that the build can demonstrate
that it strips such metadata before publishing.

Usage (from the repository root):

    .venv/bin/python scripts/demo_photos.py
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SEED = 20261123
ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "rilis"

LANDSCAPE = (1600, 1067)
SMALL = (1200, 800)
PORTRAIT = (1067, 1600)

# Approximate coordinates used for the (fictional) GPS tags.
SARIMULYA = (-1.6123, 101.8347)
SUNGAI_BARU = (-1.7031, 101.7012)
AIR_DINGIN = (-1.5236, 101.9581)
DANAU_SARI = (-1.6810, 101.9954)
TANJUNG_RAMBAI = (-1.5472, 101.7425)
MAKASSAR = (-5.1477, 119.4327)
JAYAPURA = (-2.5337, 140.7181)

CAMERAS = [
    ("Canon", "Canon EOS 90D"),
    ("NIKON CORPORATION", "NIKON Z 6_2"),
    ("SONY", "ILCE-7M3"),
    ("FUJIFILM", "X-T4"),
]

# (release folder relative to content/rilis, file name, scene, size, GPS, taken at)
PHOTOS = [
    ("2026/07/imunisasi-polio-serentak-di-15-kecamatan", "foto-utama.jpg",
     "posyandu", SMALL, SARIMULYA, "2026:07:06 08:41:10"),
    ("2026/07/hari-pertama-sekolah-bupati-tinjau-sdn-04-air-dingin", "foto-utama.jpg",
     "school", LANDSCAPE, AIR_DINGIN, "2026:07:13 07:52:33"),
    ("2026/07/dispertan-salurkan-40-ton-benih-padi-sungai-baru", "foto-utama.jpg",
     "ricefield", LANDSCAPE, SUNGAI_BARU, "2026:07:21 10:12:05"),
    ("2026/07/bpbd-imbau-warga-waspada-karhutla-puncak-kemarau", "foto-utama.jpg",
     "haze", LANDSCAPE, SUNGAI_BARU, "2026:07:27 15:30:48"),
    ("2026/08/upacara-hut-ke-81-ri-alun-alun-sarimulya", "foto-utama.jpg",
     "flag", PORTRAIT, SARIMULYA, "2026:08:17 07:58:12"),
    ("2026/08/wabup-paparkan-strategi-pengendalian-inflasi-di-makassar", "foto-utama.jpg",
     "meeting", LANDSCAPE, MAKASSAR, "2026:08:18 10:05:51"),
    ("2026/08/lembah-sari-raih-penghargaan-inovasi-pelayanan-publik", "foto-utama.jpg",
     "stage", LANDSCAPE, MAKASSAR, "2026:08:19 14:20:37"),
    ("2026/09/praktik-baik-penurunan-stunting-di-jayapura", "foto-utama.jpg",
     "meeting", LANDSCAPE, JAYAPURA, "2026:09:02 09:31:02"),
    ("2026/09/festival-danau-sari-2026-dibuka", "foto-utama.jpg",
     "lake", LANDSCAPE, DANAU_SARI, "2026:09:08 16:44:19"),
    ("2026/09/bantuan-rumah-tidak-layak-huni-120-keluarga", "foto-utama.jpg",
     "houses", SMALL, TANJUNG_RAMBAI, "2026:09:17 09:02:44"),
    ("2026/09/rsud-sarimulya-resmikan-layanan-hemodialisis", "foto-utama.jpg",
     "hospital", LANDSCAPE, SARIMULYA, "2026:09:23 13:15:26"),
    ("2026/10/apel-kesiapsiagaan-hadapi-musim-hujan", "foto-utama.jpg",
     "apel", LANDSCAPE, SARIMULYA, "2026:10:05 08:10:03"),
    ("2026/10/harga-cabai-turun-stok-beras-aman", "foto-utama.jpg",
     "market", LANDSCAPE, SARIMULYA, "2026:10:09 07:25:40"),
    ("2026/10/banjir-rendam-ratusan-rumah-di-sungai-baru", "foto-utama.jpg",
     "flood", LANDSCAPE, SUNGAI_BARU, "2026:10:13 07:03:58"),
    ("2026/10/dinsos-salurkan-bantuan-logistik-korban-banjir", "foto-utama.jpg",
     "logistics", SMALL, SUNGAI_BARU, "2026:10:20 09:12:30"),
    ("2026/10/peringatan-hari-santri-2026", "foto-utama.jpg",
     "santri", LANDSCAPE, SARIMULYA, "2026:10:22 07:40:11"),
    ("2026/11/panen-raya-jagung-desa-bukit-harapan", "foto-utama.jpg",
     "cornfield", LANDSCAPE, AIR_DINGIN, "2026:11:03 08:36:27"),
    ("2026/11/wifi-gratis-di-40-desa-terpencil", "foto-utama.jpg",
     "tower", LANDSCAPE, AIR_DINGIN, "2026:11:05 11:48:09"),
    ("2026/11/upacara-hari-pahlawan-dan-tabur-bunga", "foto-utama.jpg",
     "cemetery", LANDSCAPE, SARIMULYA, "2026:11:10 07:21:55"),
    ("2026/11/pelatihan-kemasan-dan-pemasaran-daring-umkm", "foto-utama.jpg",
     "workshop", SMALL, SARIMULYA, "2026:11:12 10:40:14"),
    ("2026/11/bupati-resmikan-jembatan-gantung-talang-mulya", "peresmian-jembatan.jpg",
     "bridge", LANDSCAPE, AIR_DINGIN, "2026:11:16 08:57:42"),
    ("2026/11/jalan-poros-sungai-baru-air-dingin-capai-85-persen", "progres-jalan-poros.jpg",
     "road", LANDSCAPE, SUNGAI_BARU, "2026:11:19 14:06:31"),
    ("2026/11/pawai-budaya-hari-jadi-ke-68-lembah-sari", "foto-utama.jpg",
     "parade", LANDSCAPE, SARIMULYA, "2026:11:22 08:49:17"),
    ("2036/08/upacara-hut-ke-91-ri-di-alun-alun-sarimulya", "foto-utama.jpg",
     "flagfield", LANDSCAPE, SARIMULYA, "2026:08:17 08:03:20"),
]

# ---------------------------------------------------------------- colours

SKIES = {
    "morning": ((104, 158, 214), (238, 222, 196)),
    "noon": ((58, 124, 200), (190, 218, 240)),
    "overcast": ((138, 146, 156), (206, 208, 210)),
    "haze": ((176, 150, 120), (228, 190, 140)),
    "evening": ((92, 96, 160), (246, 176, 112)),
    "rain": ((96, 104, 114), (170, 176, 180)),
}

CLOTHES = [
    (196, 40, 44), (32, 70, 140), (230, 230, 226), (40, 40, 44), (214, 150, 40),
    (48, 118, 78), (120, 60, 120), (150, 96, 60), (200, 90, 120), (70, 150, 170),
]
KHAKI = (150, 128, 86)
SKIN = [(150, 104, 72), (176, 128, 92), (124, 86, 60), (190, 146, 110)]
HAIR = (30, 26, 24)


def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def jitter(c, rng, amount=12):
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c)


# ---------------------------------------------------------------- helpers

class Scene:
    """A canvas plus a random generator and a size-relative unit."""

    def __init__(self, size, rng):
        self.w, self.h = size
        self.img = Image.new("RGB", size, (0, 0, 0))
        self.rng = rng
        self.u = min(self.w, self.h) / 1067.0  # unit: 1 px at 1600x1067

    @property
    def draw(self):
        return ImageDraw.Draw(self.img)

    def layer(self):
        lay = Image.new("RGBA", (self.w, self.h), (0, 0, 0, 0))
        return lay, ImageDraw.Draw(lay)

    def paste(self, lay, blur=0.0):
        if blur:
            lay = lay.filter(ImageFilter.GaussianBlur(blur))
        base = self.img.convert("RGBA")
        self.img = Image.alpha_composite(base, lay).convert("RGB")


def gradient(scene, top, bottom, y0, y1):
    d = scene.draw
    span = max(1, y1 - y0)
    for y in range(int(y0), int(y1)):
        d.line([(0, y), (scene.w, y)], fill=mix(top, bottom, (y - y0) / span))


def sky(scene, kind, horizon):
    top, bottom = SKIES[kind]
    gradient(scene, top, bottom, 0, horizon + 2)
    if kind in ("morning", "noon", "evening", "haze"):
        lay, d = scene.layer()
        sx = scene.rng.uniform(0.15, 0.85) * scene.w
        sy = horizon * scene.rng.uniform(0.2, 0.6)
        r = 40 * scene.u
        glow = (255, 236, 190) if kind != "haze" else (255, 196, 120)
        for i in range(6, 0, -1):
            rr = r * (1 + i * 0.9)
            d.ellipse([sx - rr, sy - rr, sx + rr, sy + rr], fill=glow + (22,))
        scene.paste(lay, blur=40 * scene.u)
        lay, d = scene.layer()
        d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=(255, 250, 230, 235))
        scene.paste(lay, blur=2 * scene.u)
    clouds(scene, kind, horizon)


def clouds(scene, kind, horizon):
    rng = scene.rng
    lay, d = scene.layer()
    count = {"overcast": 14, "rain": 16, "haze": 3}.get(kind, rng.randint(4, 8))
    col = {"overcast": (236, 238, 240), "rain": (120, 126, 134), "haze": (236, 214, 186)}.get(
        kind, (255, 255, 255))
    for _ in range(count):
        cx = rng.uniform(-0.1, 1.1) * scene.w
        cy = rng.uniform(0.05, 0.75) * horizon
        cw = rng.uniform(120, 320) * scene.u
        for _ in range(rng.randint(4, 8)):
            ox = rng.uniform(-cw / 2, cw / 2)
            oy = rng.uniform(-cw / 8, cw / 10)
            rr = rng.uniform(cw / 6, cw / 3)
            d.ellipse([cx + ox - rr, cy + oy - rr * 0.6, cx + ox + rr, cy + oy + rr * 0.6],
                      fill=col + (rng.randint(90, 170),))
    scene.paste(lay, blur=14 * scene.u)


def ridge(scene, base, amp, rng, freq=1.0):
    phases = [rng.uniform(0, math.tau) for _ in range(4)]
    pts = []
    steps = 80
    for i in range(steps + 1):
        x = scene.w * i / steps
        t = x / scene.w * math.tau * freq
        y = base - amp * (0.55 * math.sin(t + phases[0]) + 0.25 * math.sin(2.3 * t + phases[1])
                          + 0.12 * math.sin(5.1 * t + phases[2]) + 0.08 * math.sin(9.7 * t + phases[3]))
        pts.append((x, y))
    return pts


def hills(scene, horizon, layers=3, near=(62, 112, 60), far=(150, 176, 190), amp=90):
    rng = scene.rng
    for i in range(layers):
        t = i / max(1, layers - 1)
        col = mix(far, near, t)
        base = horizon - (layers - i) * 22 * scene.u
        pts = ridge(scene, base, amp * scene.u * (1.2 - 0.35 * t), rng, freq=rng.uniform(0.8, 1.8))
        scene.draw.polygon(pts + [(scene.w, scene.h), (0, scene.h)], fill=col)


def ground(scene, horizon, top, bottom):
    gradient(scene, top, bottom, horizon, scene.h)


def tree(d, x, y, size, rng, dark=(40, 88, 44)):
    trunk = (86, 62, 40)
    d.rectangle([x - size * 0.06, y - size * 0.6, x + size * 0.06, y], fill=trunk)
    for _ in range(6):
        ox = rng.uniform(-0.35, 0.35) * size
        oy = rng.uniform(-0.95, -0.55) * size
        r = rng.uniform(0.22, 0.36) * size
        d.ellipse([x + ox - r, y + oy - r, x + ox + r, y + oy + r], fill=jitter(dark, rng, 14))


def palm(d, x, y, size, rng):
    trunk = (110, 90, 66)
    lean = rng.uniform(-0.2, 0.2) * size
    top = (x + lean, y - size)
    d.line([(x, y), top], fill=trunk, width=max(2, int(size * 0.05)))
    for k in range(7):
        a = -math.pi / 2 + (k - 3) * 0.5 + rng.uniform(-0.1, 0.1)
        pts = []
        for j in range(6):
            r = size * 0.45 * j / 5
            droop = (j / 5) ** 2 * size * 0.25
            pts.append((top[0] + math.cos(a) * r * 1.3, top[1] + math.sin(a) * r * 0.6 + droop))
        d.line(pts, fill=jitter((46, 104, 52), rng, 12), width=max(2, int(size * 0.035)))


def tree_line(scene, y, count, size, palms=0.3):
    rng = scene.rng
    lay, d = scene.layer()
    for _ in range(count):
        x = rng.uniform(-0.05, 1.05) * scene.w
        s = size * rng.uniform(0.7, 1.3) * scene.u
        if rng.random() < palms:
            palm(d, x, y + rng.uniform(-6, 6) * scene.u, s * 1.4, rng)
        else:
            tree(d, x, y + rng.uniform(-6, 6) * scene.u, s, rng)
    scene.paste(lay)


def person(d, x, y, h, rng, clothes=None, skin=None, facing_away=False, headwear=None, arm_up=False):
    """A simple standing figure with feet at (x, y) and height h."""
    clothes = clothes or rng.choice(CLOTHES)
    skin = skin or rng.choice(SKIN)
    trousers = rng.choice([(40, 40, 48), (60, 60, 70), (30, 44, 80), clothes])
    head_r = h * 0.075
    shoulder = h * 0.2
    hip = h * 0.52
    bw = h * 0.13
    # legs
    d.rectangle([x - bw * 0.8, y - hip, x - bw * 0.1, y], fill=trousers)
    d.rectangle([x + bw * 0.1, y - hip, x + bw * 0.8, y], fill=trousers)
    # torso
    d.rounded_rectangle([x - bw, y - h + shoulder, x + bw, y - hip + h * 0.04],
                        radius=max(1, int(bw * 0.5)), fill=clothes)
    # arms
    aw = max(1, int(h * 0.05))
    if arm_up:
        d.line([(x + bw * 0.9, y - h + shoulder * 1.2), (x + bw * 1.6, y - h - h * 0.05)],
               fill=clothes, width=aw)
    else:
        d.line([(x + bw * 0.95, y - h + shoulder * 1.1), (x + bw * 1.15, y - hip + h * 0.02)],
               fill=clothes, width=aw)
    d.line([(x - bw * 0.95, y - h + shoulder * 1.1), (x - bw * 1.15, y - hip + h * 0.02)],
           fill=clothes, width=aw)
    # neck and head
    hy = y - h + head_r * 1.05
    d.ellipse([x - head_r, hy - head_r, x + head_r, hy + head_r],
              fill=HAIR if facing_away else skin)
    if not facing_away:
        d.chord([x - head_r, hy - head_r * 1.05, x + head_r, hy + head_r * 0.4], 180, 360, fill=HAIR)
    if headwear == "peci":
        d.rectangle([x - head_r * 0.95, hy - head_r * 1.45, x + head_r * 0.95, hy - head_r * 0.55],
                    fill=(20, 20, 22))
    elif headwear == "hijab":
        col = rng.choice([(236, 236, 232), (60, 90, 150), (170, 60, 80), (90, 130, 90), (40, 40, 44)])
        d.ellipse([x - head_r * 1.25, hy - head_r * 1.25, x + head_r * 1.25, hy + head_r * 1.1], fill=col)
        if not facing_away:
            d.ellipse([x - head_r * 0.7, hy - head_r * 0.65, x + head_r * 0.7, hy + head_r * 0.75], fill=skin)
        d.polygon([(x - head_r * 1.3, hy + head_r * 0.4), (x + head_r * 1.3, hy + head_r * 0.4),
                   (x + bw * 1.1, y - h + shoulder * 1.6), (x - bw * 1.1, y - h + shoulder * 1.6)], fill=col)
    elif headwear == "helmet":
        d.chord([x - head_r * 1.2, hy - head_r * 1.3, x + head_r * 1.2, hy + head_r * 0.6], 180, 360,
                fill=(240, 200, 40))
    elif headwear == "caping":
        d.polygon([(x - head_r * 2.6, hy - head_r * 0.3), (x + head_r * 2.6, hy - head_r * 0.3),
                   (x, hy - head_r * 1.9)], fill=(214, 186, 120))


def crowd(scene, y0, y1, count, h0, h1, **kw):
    """Scatter people between rows y0 (far) and y1 (near), sorted back to front."""
    rng = scene.rng
    lay, d = scene.layer()
    people = []
    for _ in range(count):
        t = rng.random() ** 0.8
        people.append((y0 + (y1 - y0) * t, rng.uniform(-0.02, 1.02) * scene.w, h0 + (h1 - h0) * t))
    for y, x, h in sorted(people):
        opts = dict(kw)
        if "headwear" in opts and callable(opts["headwear"]):
            opts["headwear"] = opts["headwear"](rng)
        if "clothes" in opts and callable(opts["clothes"]):
            opts["clothes"] = opts["clothes"](rng)
        person(d, x, y, h * scene.u, rng, **opts)
    scene.paste(lay)


def house(d, x, y, w, h, rng, wall=None, roof=None, stilts=False):
    wall = wall or jitter(rng.choice([(230, 220, 196), (206, 224, 214), (236, 210, 170), (214, 200, 226)]), rng)
    roof = roof or jitter(rng.choice([(150, 60, 44), (90, 96, 104), (176, 90, 50), (70, 80, 110)]), rng)
    base = y
    if stilts:
        for i in range(4):
            px = x + w * (0.08 + i * 0.28)
            d.rectangle([px, y - h * 0.25, px + w * 0.04, y], fill=(90, 70, 50))
        base = y - h * 0.25
    d.rectangle([x, base - h * 0.6, x + w, base], fill=wall)
    d.polygon([(x - w * 0.08, base - h * 0.6), (x + w * 1.08, base - h * 0.6), (x + w / 2, base - h)], fill=roof)
    d.rectangle([x + w * 0.42, base - h * 0.38, x + w * 0.58, base], fill=mix(wall, (60, 50, 40), 0.6))
    for wx in (0.12, 0.7):
        d.rectangle([x + w * wx, base - h * 0.45, x + w * (wx + 0.18), base - h * 0.25], fill=(70, 90, 110))


def building(d, x, y, w, h, rng, wall=(236, 234, 226), window=(110, 140, 170), floors=3, roof=None):
    d.rectangle([x, y - h, x + w, y], fill=wall)
    cols = max(3, int(w / (h / floors * 0.9)))
    for f in range(floors):
        fy = y - h + (f + 0.25) * h / floors
        for c in range(cols):
            cx = x + (c + 0.2) * w / cols
            d.rectangle([cx, fy, cx + 0.6 * w / cols, fy + 0.45 * h / floors], fill=jitter(window, rng, 8))
    if roof:
        d.polygon([(x - w * 0.04, y - h), (x + w * 1.04, y - h), (x + w * 0.85, y - h - h * 0.35),
                   (x + w * 0.15, y - h - h * 0.35)], fill=roof)


def gonjong_roof(d, x, y, w, h, col):
    """A curved, horned roof inspired by regional architecture (no text)."""
    pts = []
    for i in range(41):
        t = i / 40
        pts.append((x + w * t, y - h * (0.35 + 0.65 * (2 * t - 1) ** 4)))
    d.polygon([(x, y)] + pts + [(x + w, y)], fill=col)


def stage(scene, horizon, backdrop_cols):
    """A stage with an abstract backdrop, podium and tent canopy."""
    d = scene.draw
    w, _h, u = scene.w, scene.h, scene.u
    sx0, sx1 = w * 0.12, w * 0.88
    sy = horizon + 40 * u
    # backdrop: abstract waves and a round emblem, no lettering
    top = horizon - 360 * u
    d.rectangle([sx0, top, sx1, sy], fill=backdrop_cols[0])
    for i in range(5):
        pts = [(sx0 + (sx1 - sx0) * k / 30,
                top + (sy - top) * (0.55 + 0.08 * i) + 30 * u * math.sin(k / 30 * math.tau + i))
               for k in range(31)]
        d.line(pts, fill=mix(backdrop_cols[1], backdrop_cols[0], i / 6), width=int(14 * u))
    ex, ey, er = sx0 + (sx1 - sx0) * 0.18, top + (sy - top) * 0.3, 55 * u
    d.ellipse([ex - er, ey - er, ex + er, ey + er], fill=backdrop_cols[2])
    d.ellipse([ex - er * 0.6, ey - er * 0.6, ex + er * 0.6, ey + er * 0.6], fill=backdrop_cols[1])
    for i in range(3):  # abstract bars standing in for a headline
        bx = sx0 + (sx1 - sx0) * 0.3
        d.rounded_rectangle([bx, ey - er + i * 38 * u, bx + (sx1 - sx0) * (0.55 - i * 0.12),
                             ey - er + i * 38 * u + 22 * u], radius=int(8 * u),
                            fill=mix(backdrop_cols[2], backdrop_cols[0], 0.2 + i * 0.2))
    # floor of stage
    d.rectangle([sx0 - 30 * u, sy, sx1 + 30 * u, sy + 50 * u], fill=(96, 70, 56))
    d.rectangle([sx0 - 30 * u, sy + 50 * u, sx1 + 30 * u, sy + 70 * u], fill=(60, 44, 36))
    # flower arrangement along the front
    rng = scene.rng
    lay, ld = scene.layer()
    for k in range(60):
        fx = sx0 + (sx1 - sx0) * k / 59
        for _ in range(3):
            r = rng.uniform(6, 12) * u
            fy = sy + 52 * u + rng.uniform(-8, 8) * u
            ld.ellipse([fx - r, fy - r, fx + r, fy + r],
                       fill=rng.choice([(220, 60, 70), (246, 220, 90), (236, 236, 236), (60, 130, 60)]) + (255,))
    scene.paste(lay)
    # podium
    px = sx0 + (sx1 - sx0) * 0.72
    d.polygon([(px - 45 * u, sy), (px + 45 * u, sy), (px + 35 * u, sy - 120 * u), (px - 35 * u, sy - 120 * u)],
              fill=(120, 78, 50))
    return sy


def chairs_audience(scene, y0, y1, rows, per_row):
    rng = scene.rng
    lay, d = scene.layer()
    u = scene.u
    for r in range(rows):
        t = r / max(1, rows - 1)
        y = y0 + (y1 - y0) * t
        hh = (60 + 120 * t) * u
        for c in range(per_row):
            x = (c + 0.5 + rng.uniform(-0.2, 0.2)) * scene.w / per_row
            if rng.random() < 0.12:
                continue
            head_r = hh * 0.18
            col = rng.choice([(36, 36, 40), (226, 226, 222), (40, 60, 110), (150, 60, 60), KHAKI])
            d.rounded_rectangle([x - hh * 0.32, y - hh * 0.65, x + hh * 0.32, y + hh * 0.1],
                                radius=int(hh * 0.12), fill=col)
            headwear = rng.random()
            hc = HAIR
            if headwear < 0.3:
                hc = rng.choice([(236, 236, 232), (60, 90, 150), (170, 60, 80), (40, 40, 44)])
                d.ellipse([x - head_r * 1.3, y - hh * 0.95 - head_r * 1.1, x + head_r * 1.3,
                           y - hh * 0.95 + head_r * 1.5], fill=hc)
            else:
                d.ellipse([x - head_r, y - hh * 0.95 - head_r, x + head_r, y - hh * 0.95 + head_r], fill=hc)
                if headwear > 0.8:
                    d.rectangle([x - head_r, y - hh * 0.95 - head_r * 1.3, x + head_r,
                                 y - hh * 0.95 - head_r * 0.4], fill=(18, 18, 20))
    scene.paste(lay)


def flag(d, x, y, w, h, rng, phase=0.0):
    pts_top, pts_mid, pts_bot = [], [], []
    for i in range(21):
        t = i / 20
        wave = math.sin(t * math.pi * 2 + phase) * h * 0.12 * t
        px = x + w * t
        pts_top.append((px, y + wave))
        pts_mid.append((px, y + h / 2 + wave))
        pts_bot.append((px, y + h + wave))
    d.polygon(pts_top + pts_mid[::-1], fill=(206, 32, 40))
    d.polygon(pts_mid + pts_bot[::-1], fill=(246, 246, 244))


def flagpole(scene, x, ground_y, height):
    d = scene.draw
    u = scene.u
    d.rectangle([x - 5 * u, ground_y - height, x + 5 * u, ground_y], fill=(214, 214, 210))
    d.ellipse([x - 10 * u, ground_y - height - 14 * u, x + 10 * u, ground_y - height + 4 * u], fill=(220, 190, 80))
    flag(d, x + 5 * u, ground_y - height + 6 * u, 150 * u, 96 * u, scene.rng, phase=scene.rng.uniform(0, 3))
    d.rectangle([x - 40 * u, ground_y - 16 * u, x + 40 * u, ground_y], fill=(180, 176, 170))


def water(scene, y0, top, bottom, ripples=True):
    gradient(scene, top, bottom, y0, scene.h)
    if ripples:
        rng = scene.rng
        lay, d = scene.layer()
        for _ in range(int(260 * scene.u)):
            y = rng.uniform(y0, scene.h)
            t = (y - y0) / (scene.h - y0)
            x = rng.uniform(0, scene.w)
            ln = (20 + 120 * t) * scene.u
            d.line([(x, y), (x + ln, y)], fill=(255, 255, 255, rng.randint(30, 80)), width=max(1, int(2 * t * scene.u)))
        scene.paste(lay, blur=0.8)


def vehicle(d, x, y, w, rng, kind="truck", col=None):
    col = col or rng.choice([(214, 214, 210), (220, 160, 40), (40, 90, 160), (190, 50, 40)])
    h = w * 0.45
    wr = w * 0.09
    if kind == "truck":
        d.rectangle([x, y - h, x + w * 0.68, y - wr], fill=col)
        d.rectangle([x + w * 0.7, y - h * 0.75, x + w, y - wr], fill=mix(col, (255, 255, 255), 0.2))
        d.rectangle([x + w * 0.78, y - h * 0.68, x + w * 0.96, y - h * 0.42], fill=(70, 100, 130))
    elif kind == "excavator":
        d.rectangle([x, y - h * 0.35, x + w * 0.7, y - wr * 0.3], fill=(40, 40, 40))
        d.rectangle([x + w * 0.05, y - h * 0.9, x + w * 0.6, y - h * 0.35], fill=(236, 176, 30))
        d.rectangle([x + w * 0.35, y - h * 1.3, x + w * 0.6, y - h * 0.9], fill=(236, 176, 30))
        d.rectangle([x + w * 0.39, y - h * 1.24, x + w * 0.56, y - h * 0.96], fill=(90, 120, 140))
        d.line([(x + w * 0.6, y - h * 0.8), (x + w * 0.95, y - h * 1.5), (x + w * 1.15, y - h * 0.5)],
               fill=(236, 176, 30), width=int(w * 0.07))
        d.polygon([(x + w * 1.05, y - h * 0.6), (x + w * 1.25, y - h * 0.5), (x + w * 1.12, y - h * 0.2)],
                  fill=(60, 60, 60))
        return
    for wx in (0.15, 0.55, 0.85):
        d.ellipse([x + w * wx - wr, y - wr * 2, x + w * wx + wr, y], fill=(26, 26, 28))


# ---------------------------------------------------------------- scenes

def scene_ricefield(s):
    hz = int(s.h * 0.42)
    sky(s, "morning", hz)
    hills(s, hz, layers=3, near=(70, 120, 64), far=(150, 180, 196))
    ground(s, hz, (120, 170, 70), (70, 140, 40))
    rng = s.rng
    d = s.draw
    # terraced paddies: bands between wavy dykes, some still flooded for planting
    n = 14
    phase = rng.uniform(0, math.tau)
    curves = []
    for i in range(n + 1):
        t = (i / n) ** 1.5
        y = hz + 8 * s.u + (s.h - hz) * t
        amp = (6 + 40 * t) * s.u
        curves.append([(s.w * k / 40, y + amp * math.sin(k / 40 * math.tau * 0.8 + phase + i * 0.35))
                       for k in range(41)])
    for i in range(n):
        flooded = rng.random() < 0.35
        col = (150, 186, 190) if flooded else jitter(rng.choice([(112, 168, 56), (96, 152, 48), (132, 176, 64)]), rng, 8)
        d.polygon(curves[i] + curves[i + 1][::-1], fill=col)
        t = (i / n) ** 1.5
        d.line(curves[i + 1], fill=(104, 120, 52), width=max(1, int((2 + 8 * t) * s.u)))
        if not flooded and t > 0.15:
            # rows of young rice plants
            y_top = curves[i][20][1]
            y_bot = curves[i + 1][20][1]
            rows = 3 if t < 0.5 else 5
            for r in range(rows):
                fy = y_top + (y_bot - y_top) * (r + 0.5) / rows
                step = (10 + 26 * t) * s.u
                x = rng.uniform(0, step)
                hh = (4 + 18 * t) * s.u
                while x < s.w:
                    k = min(40, int(x / s.w * 40))
                    yy = fy + (curves[i][k][1] - curves[i][20][1])
                    d.line([(x - hh * 0.3, yy - hh), (x, yy), (x + hh * 0.3, yy - hh)],
                           fill=(60, 120, 36), width=max(1, int(hh * 0.15)))
                    x += step
    tree_line(s, hz + 4 * s.u, 26, 40, palms=0.5)
    crowd(s, hz + 120 * s.u, hz + 260 * s.u, 7, 70, 150, headwear="caping",
          clothes=lambda r: r.choice([(60, 80, 120), (140, 60, 50), (90, 90, 80)]))
    # sacks of seed stacked near the dyke
    d = s.draw
    for k in range(8):
        bx = s.w * 0.62 + (k % 4) * 60 * s.u
        by = s.h * 0.92 - (k // 4) * 45 * s.u
        d.rounded_rectangle([bx, by - 50 * s.u, bx + 56 * s.u, by], radius=int(14 * s.u), fill=(226, 218, 196),
                            outline=(180, 170, 150))


def scene_cornfield(s):
    hz = int(s.h * 0.38)
    sky(s, "noon", hz)
    hills(s, hz, layers=2, near=(86, 126, 70), far=(160, 186, 200))
    ground(s, hz, (150, 160, 80), (110, 120, 50))
    lay, d = s.layer()
    rng = s.rng
    for row in range(26):
        t = (row / 25) ** 1.7
        y = hz + 10 * s.u + (s.h - hz) * t
        hh = (14 + 190 * t) * s.u
        step = (16 + 90 * t) * s.u
        x = rng.uniform(0, step)
        while x < s.w + step:
            stalk = jitter((150, 150, 60), rng, 16)
            d.line([(x, y), (x, y - hh)], fill=stalk, width=max(1, int(3 * t * s.u + 1)))
            for k in range(3):
                ly = y - hh * (0.3 + k * 0.22)
                sgn = 1 if (k + row) % 2 else -1
                d.line([(x, ly), (x + sgn * hh * 0.35, ly - hh * 0.05), (x + sgn * hh * 0.5, ly + hh * 0.1)],
                       fill=jitter((170, 160, 70), rng, 20), width=max(1, int(2 * t * s.u + 1)))
            if t > 0.3 and rng.random() < 0.5:
                d.ellipse([x - hh * 0.05, y - hh * 0.62, x + hh * 0.05, y - hh * 0.42], fill=(214, 180, 80))
            x += step * rng.uniform(0.8, 1.2)
    s.paste(lay)
    crowd(s, hz + 100 * s.u, hz + 180 * s.u, 6, 90, 130, headwear=lambda r: r.choice(["caping", "peci", None]))


def scene_bridge(s):
    hz = int(s.h * 0.46)
    sky(s, "morning", hz)
    hills(s, hz, layers=3, near=(54, 100, 58), far=(146, 170, 186), amp=110)
    water(s, int(s.h * 0.62), (110, 150, 150), (70, 110, 100))
    d = s.draw
    # river banks
    d.polygon([(0, s.h * 0.58), (s.w * 0.18, s.h * 0.6), (s.w * 0.12, s.h), (0, s.h)], fill=(86, 110, 56))
    d.polygon([(s.w, s.h * 0.58), (s.w * 0.84, s.h * 0.6), (s.w * 0.9, s.h), (s.w, s.h)], fill=(86, 110, 56))
    tree_line(s, s.h * 0.6, 10, 60, palms=0.6)
    d = s.draw
    u = s.u
    t1, t2 = s.w * 0.16, s.w * 0.84
    deck = s.h * 0.64
    top = s.h * 0.36
    for tx in (t1, t2):
        d.rectangle([tx - 12 * u, top, tx + 12 * u, deck + 30 * u], fill=(230, 226, 218))
        d.rectangle([tx - 30 * u, top - 10 * u, tx + 30 * u, top + 8 * u], fill=(214, 58, 50))
    # main cables and hangers
    for off in (0, 10 * u):
        pts = []
        for i in range(41):
            t = i / 40
            x = t1 + (t2 - t1) * t
            y = top + off + (deck - top - 26 * u) * (1 - (2 * t - 1) ** 2)
            pts.append((x, y))
        d.line(pts, fill=(60, 60, 66), width=max(2, int(3 * u)))
    for i in range(1, 40):
        t = i / 40
        x = t1 + (t2 - t1) * t
        y = top + (deck - top - 26 * u) * (1 - (2 * t - 1) ** 2)
        d.line([(x, y), (x, deck)], fill=(80, 80, 86), width=max(1, int(2 * u)))
    d.rectangle([0, deck, s.w, deck + 14 * u], fill=(170, 120, 70))
    d.line([(0, deck - 22 * u), (s.w, deck - 22 * u)], fill=(214, 58, 50), width=max(2, int(4 * u)))
    # ribbon-cutting group at the near end
    crowd(s, deck - 2 * u, deck, 14, 120, 128, headwear=lambda r: r.choice(["peci", "hijab", None, None]),
          clothes=lambda r: r.choice([KHAKI, (236, 236, 232), (40, 40, 44), (130, 50, 50)]))
    d = s.draw
    d.line([(s.w * 0.3, deck - 60 * u), (s.w * 0.7, deck - 60 * u)], fill=(226, 40, 44), width=int(6 * u))


def scene_school(s):
    hz = int(s.h * 0.55)
    sky(s, "morning", hz)
    hills(s, hz - 60 * s.u, layers=2, near=(80, 130, 80), far=(156, 184, 200))
    ground(s, hz, (180, 170, 140), (160, 146, 116))
    d = s.draw
    u = s.u
    bx, bw, bh = s.w * 0.1, s.w * 0.8, 220 * u
    d.rectangle([bx, hz - bh, bx + bw, hz], fill=(236, 230, 206))
    d.polygon([(bx - 30 * u, hz - bh), (bx + bw + 30 * u, hz - bh), (bx + bw - 60 * u, hz - bh - 110 * u),
               (bx + 60 * u, hz - bh - 110 * u)], fill=(176, 64, 46))
    for c in range(6):
        cx = bx + (c + 0.15) * bw / 6
        d.rectangle([cx, hz - bh * 0.75, cx + bw / 6 * 0.3, hz], fill=(120, 84, 56))
        d.rectangle([cx + bw / 6 * 0.42, hz - bh * 0.72, cx + bw / 6 * 0.8, hz - bh * 0.35], fill=(96, 126, 150))
    d.rectangle([bx, hz - 24 * u, bx + bw, hz], fill=(150, 150, 146))
    flagpole(s, s.w * 0.5, hz + 120 * u, 380 * u)
    tree_line(s, hz, 4, 120, palms=0.2)
    crowd(s, hz + 130 * u, s.h * 0.98, 34, 90, 200,
          clothes=lambda r: r.choice([(240, 240, 236)] * 5 + [KHAKI]),
          headwear=lambda r: r.choice([None, None, "hijab"]))


def scene_haze(s):
    hz = int(s.h * 0.5)
    sky(s, "haze", hz)
    hills(s, hz, layers=4, near=(90, 96, 60), far=(196, 170, 140), amp=120)
    ground(s, hz, (120, 110, 70), (96, 84, 54))
    lay, d = s.layer()
    rng = s.rng
    for _k in range(3):
        x = s.w * rng.uniform(0.15, 0.85)
        y = hz + rng.uniform(-40, 20) * s.u
        drift = rng.uniform(8, 16)
        for i in range(40):
            r = (14 + i * 7) * s.u
            cx, cy = x + i * drift * s.u, y - i * 14 * s.u
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(96, 90, 86, max(10, 150 - i * 3)))
    s.paste(lay, blur=14 * s.u)
    tree_line(s, hz + 30 * s.u, 20, 60, palms=0.7)
    crowd(s, s.h * 0.8, s.h * 0.95, 4, 170, 210, headwear="helmet", clothes=(224, 112, 40))
    d = s.draw
    d.line([(s.w * 0.55, s.h * 0.9), (s.w * 0.85, s.h * 0.86)], fill=(220, 200, 40), width=int(12 * s.u))


def scene_flag(s):
    """Portrait: flag ceremony seen from the field."""
    hz = int(s.h * 0.62)
    sky(s, "noon", hz)
    tree_line(s, hz, 12, 110, palms=0.3)
    ground(s, hz, (104, 150, 70), (80, 126, 50))
    flagpole(s, s.w * 0.5, hz + 40 * s.u, 820 * s.u)
    lay, d = s.layer()
    rng = s.rng
    # marching troupe (paskibra) in white
    for i in range(3):
        x = s.w * (0.38 + i * 0.12)
        person(d, x, hz + 140 * s.u, 210 * s.u, rng, clothes=(246, 246, 244), skin=rng.choice(SKIN), arm_up=i == 1)
    s.paste(lay)
    crowd(s, s.h * 0.86, s.h * 1.02, 18, 300, 420, facing_away=True,
          clothes=lambda r: r.choice([KHAKI, KHAKI, (236, 236, 232)]))


def scene_flagfield(s):
    hz = int(s.h * 0.5)
    sky(s, "noon", hz)
    d = s.draw
    # government hall with curved roof behind the square
    building(d, s.w * 0.25, hz, s.w * 0.5, 150 * s.u, s.rng, wall=(240, 236, 222), floors=2)
    gonjong_roof(d, s.w * 0.22, hz - 150 * s.u, s.w * 0.56, 150 * s.u, (120, 60, 46))
    tree_line(s, hz, 10, 120, palms=0.3)
    ground(s, hz, (110, 156, 74), (86, 130, 56))
    flagpole(s, s.w * 0.5, hz + 80 * s.u, 460 * s.u)
    lay, d = s.layer()
    rng = s.rng
    for row in range(5):
        t = row / 4
        y = hz + (150 + 200 * t) * s.u
        hh = (80 + 90 * t) * s.u
        for c in range(24):
            x = s.w * (0.05 + 0.9 * c / 23) + rng.uniform(-4, 4)
            if abs(x - s.w * 0.5) < 80 * s.u:
                continue
            person(d, x, y, hh, rng, clothes=rng.choice([KHAKI, (246, 246, 244), (40, 70, 130)]),
                   facing_away=True, headwear=rng.choice([None, "peci", "hijab"]))
    s.paste(lay)


def scene_meeting(s):
    d = s.draw
    u = s.u
    gradient(s, (196, 180, 160), (150, 130, 110), 0, s.h)
    # screen with abstract chart
    sx0, sy0, sx1, sy1 = s.w * 0.2, s.h * 0.1, s.w * 0.8, s.h * 0.52
    d.rectangle([sx0 - 10 * u, sy0 - 10 * u, sx1 + 10 * u, sy1 + 10 * u], fill=(30, 30, 34))
    gradient_box(d, (sx0, sy0, sx1, sy1), (30, 70, 140), (60, 120, 190))
    rng = s.rng
    bars = rng.randint(5, 8)
    for i in range(bars):
        bh = (sy1 - sy0) * rng.uniform(0.2, 0.7)
        bx = sx0 + (sx1 - sx0) * (0.1 + 0.8 * i / bars)
        d.rectangle([bx, sy1 - 30 * u - bh, bx + (sx1 - sx0) * 0.06, sy1 - 30 * u],
                    fill=rng.choice([(240, 200, 70), (240, 240, 240), (120, 200, 160)]))
    pts = [(sx0 + (sx1 - sx0) * (0.1 + 0.8 * i / 7), sy0 + (sy1 - sy0) * rng.uniform(0.2, 0.5)) for i in range(8)]
    d.line(pts, fill=(250, 120, 90), width=int(6 * u))
    # head table
    d.rectangle([s.w * 0.1, s.h * 0.6, s.w * 0.9, s.h * 0.68], fill=(236, 236, 232))
    d.rectangle([s.w * 0.1, s.h * 0.68, s.w * 0.9, s.h * 0.74], fill=(60, 90, 60))
    lay, ld = s.layer()
    for i in range(6):
        x = s.w * (0.17 + i * 0.13)
        person(ld, x, s.h * 0.66, 150 * u, rng, clothes=rng.choice([(40, 40, 44), KHAKI, (236, 236, 232), (110, 50, 50)]),
               headwear=rng.choice([None, "peci", "hijab"]))
    s.paste(lay)
    d = s.draw
    d.rectangle([s.w * 0.1, s.h * 0.62, s.w * 0.9, s.h * 0.74], fill=(236, 236, 232))
    d.rectangle([s.w * 0.1, s.h * 0.7, s.w * 0.9, s.h * 0.74], fill=(60, 90, 60))
    chairs_audience(s, s.h * 0.84, s.h * 1.02, 2, 9)


def gradient_box(d, box, top, bottom):
    x0, y0, x1, y1 = box
    for y in range(int(y0), int(y1)):
        d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / max(1, y1 - y0)))


def scene_stage(s):
    gradient(s, (60, 50, 70), (110, 90, 90), 0, s.h)
    hz = int(s.h * 0.5)
    rng = s.rng
    cols = rng.choice([((24, 60, 120), (240, 190, 60), (236, 236, 236)),
                       ((120, 30, 40), (240, 200, 90), (250, 250, 246)),
                       ((20, 100, 90), (250, 220, 120), (240, 240, 240))])
    sy = stage(s, hz, cols)
    lay, ld = s.layer()
    for i in range(5):
        x = s.w * (0.3 + i * 0.08)
        person(ld, x, sy, 190 * s.u, rng, clothes=rng.choice([(40, 40, 44), KHAKI, (236, 236, 232)]),
               headwear=rng.choice([None, "peci", "hijab"]), arm_up=i == 2)
    s.paste(lay)
    # spotlights
    lay, ld = s.layer()
    for k in range(3):
        x = s.w * (0.25 + 0.25 * k)
        ld.polygon([(x, 0), (x - 140 * s.u, sy), (x + 140 * s.u, sy)], fill=(255, 240, 200, 28))
    s.paste(lay, blur=20 * s.u)
    chairs_audience(s, s.h * 0.78, s.h * 1.03, 3, 10)


def scene_workshop(s):
    d = s.draw
    u = s.u
    gradient(s, (226, 220, 206), (190, 180, 160), 0, s.h)
    # windows on back wall
    for i in range(5):
        x = s.w * (0.06 + i * 0.19)
        gradient_box(d, (x, s.h * 0.12, x + s.w * 0.12, s.h * 0.42), (190, 220, 240), (230, 240, 246))
    d.rectangle([0, s.h * 0.5, s.w, s.h], fill=(170, 150, 120))
    rng = s.rng
    lay, ld = s.layer()
    for r in range(2):
        y = s.h * (0.66 + r * 0.26)
        for c in range(4 - r):
            x = s.w * (0.08 + c * 0.24 + r * 0.1)
            for k in range(2):
                person(ld, x + (30 + k * 90) * u * (1 + r * 0.3), y - 10 * u, (180 + 60 * r) * u, rng,
                       headwear=rng.choice([None, "hijab", "hijab"]))
            ld.rectangle([x, y - 70 * u * (1 + r * 0.3), x + s.w * 0.18, y - 50 * u * (1 + r * 0.3)],
                         fill=(236, 236, 230, 255))
            ld.rectangle([x + 6 * u, y - 50 * u * (1 + r * 0.3), x + s.w * 0.18 - 6 * u, y], fill=(120, 84, 56, 255))
            for p in range(4):  # product packages on the table
                px = x + s.w * 0.02 + p * s.w * 0.04
                ph = rng.uniform(30, 60) * u * (1 + r * 0.3)
                ld.rectangle([px, y - 70 * u * (1 + r * 0.3) - ph, px + s.w * 0.03,
                              y - 70 * u * (1 + r * 0.3)],
                             fill=rng.choice([(220, 90, 60), (240, 200, 80), (90, 160, 110), (120, 90, 170)]) + (255,))
    s.paste(lay)


def scene_hospital(s):
    hz = int(s.h * 0.7)
    sky(s, "noon", hz)
    d = s.draw
    u = s.u
    building(d, s.w * 0.08, hz, s.w * 0.62, 420 * u, s.rng, wall=(242, 242, 238), floors=5,
             window=(120, 160, 190))
    building(d, s.w * 0.62, hz, s.w * 0.32, 300 * u, s.rng, wall=(226, 236, 232), floors=4,
             window=(110, 150, 180))
    # entrance canopy and cross emblem (a symbol, no text)
    d.rectangle([s.w * 0.3, hz - 110 * u, s.w * 0.5, hz - 92 * u], fill=(40, 140, 110))
    cx, cy = s.w * 0.4, hz - 330 * u
    d.rectangle([cx - 50 * u, cy - 16 * u, cx + 50 * u, cy + 16 * u], fill=(40, 150, 110))
    d.rectangle([cx - 16 * u, cy - 50 * u, cx + 16 * u, cy + 50 * u], fill=(40, 150, 110))
    ground(s, hz, (150, 150, 146), (120, 120, 118))
    tree_line(s, hz + 6 * u, 6, 110, palms=0.5)
    crowd(s, hz + 60 * u, s.h * 0.98, 12, 140, 260, headwear=lambda r: r.choice([None, "hijab"]),
          clothes=lambda r: r.choice([(246, 246, 244), (246, 246, 244), (60, 120, 150), KHAKI]))


def scene_houses(s):
    hz = int(s.h * 0.5)
    sky(s, "noon", hz)
    hills(s, hz - 30 * s.u, layers=2)
    ground(s, hz, (130, 150, 90), (110, 120, 80))
    rng = s.rng
    d = s.draw
    for i in range(4):
        i / 3
        x = s.w * (0.02 + i * 0.25)
        house(d, x, hz + 140 * s.u, 300 * s.u, 300 * s.u, rng)
    tree_line(s, hz + 10 * s.u, 5, 120, palms=0.8)
    crowd(s, s.h * 0.82, s.h * 0.98, 10, 200, 250, headwear=lambda r: r.choice([None, "peci", "hijab"]))


def scene_apel(s):
    hz = int(s.h * 0.48)
    sky(s, "overcast", hz)
    d = s.draw
    building(d, s.w * 0.05, hz, s.w * 0.4, 160 * s.u, s.rng, wall=(236, 230, 216), floors=2,
             roof=(120, 60, 46))
    tree_line(s, hz, 8, 120)
    ground(s, hz, (100, 140, 70), (76, 116, 50))
    d = s.draw
    for i in range(4):
        vehicle(d, s.w * (0.52 + i * 0.12), hz + 70 * s.u, 170 * s.u, s.rng, kind="truck",
                col=[(232, 110, 30), (200, 40, 40), (230, 230, 226), (232, 110, 30)][i])
    lay, ld = s.layer()
    rng = s.rng
    for row in range(4):
        t = row / 3
        y = hz + (130 + 230 * t) * s.u
        hh = (110 + 110 * t) * s.u
        for c in range(16):
            x = s.w * (0.04 + 0.92 * c / 15)
            col = [(232, 110, 30), KHAKI, (40, 60, 110), (232, 110, 30)][row]
            person(ld, x, y, hh, rng, clothes=col, facing_away=True, headwear="helmet" if row == 0 else None)
    s.paste(lay)


def scene_market(s):
    d = s.draw
    u = s.u
    gradient(s, (120, 110, 100), (70, 60, 56), 0, s.h)
    rng = s.rng
    for i in range(6):  # stalls with awnings and produce
        t = i % 3
        row = i // 3
        x0 = s.w * (0.02 + t * 0.33)
        y = s.h * (0.55 + row * 0.35)
        sc = 1 + row * 0.4
        awn = rng.choice([(40, 120, 190), (220, 80, 60), (240, 190, 50), (60, 150, 90)])
        d.polygon([(x0, y - 260 * u * sc), (x0 + s.w * 0.31, y - 260 * u * sc),
                   (x0 + s.w * 0.33, y - 200 * u * sc), (x0 - s.w * 0.02, y - 200 * u * sc)], fill=awn)
        d.rectangle([x0, y - 90 * u * sc, x0 + s.w * 0.3, y], fill=(130, 96, 64))
        for _k in range(60):
            px = x0 + rng.uniform(0.02, 0.98) * s.w * 0.3
            py = y - 90 * u * sc - rng.uniform(0, 40) * u * sc
            r = rng.uniform(7, 13) * u * sc
            d.ellipse([px - r, py - r, px + r, py + r],
                      fill=jitter(rng.choice([(200, 30, 30), (230, 120, 30), (80, 140, 50), (236, 210, 120)]), rng, 20))
        if row == 0:
            lay, ld = s.layer()
            person(ld, x0 + s.w * 0.15, y - 60 * u, 200 * u, rng, headwear=rng.choice([None, "hijab"]))
            s.paste(lay)
            d = s.draw
    crowd(s, s.h * 0.7, s.h * 0.8, 5, 230, 280, facing_away=True, headwear=lambda r: r.choice([None, "hijab"]))


def scene_flood(s):
    hz = int(s.h * 0.45)
    sky(s, "rain", hz)
    hills(s, hz, layers=2, near=(70, 96, 70), far=(140, 150, 160))
    tree_line(s, hz + 20 * s.u, 14, 80, palms=0.6)
    d = s.draw
    rng = s.rng
    for i in range(5):
        house(d, s.w * (-0.02 + i * 0.22), hz + 150 * s.u, 260 * s.u, 260 * s.u, rng)
    lay, ld = s.layer()
    for y in range(int(hz + 40 * s.u), s.h):
        t = (y - hz) / (s.h - hz)
        ld.line([(0, y), (s.w, y)], fill=mix((150, 120, 84), (120, 96, 64), t) + (240,))
    s.paste(lay)
    lay, ld = s.layer()
    for _ in range(int(200 * s.u)):
        y = rng.uniform(hz + 100 * s.u, s.h)
        x = rng.uniform(0, s.w)
        ld.line([(x, y), (x + rng.uniform(20, 90) * s.u, y)], fill=(200, 180, 150, 70), width=2)
    s.paste(lay)
    # rescue boat
    d = s.draw
    bx, by = s.w * 0.45, s.h * 0.82
    d.polygon([(bx, by), (bx + 420 * s.u, by), (bx + 380 * s.u, by + 60 * s.u), (bx + 40 * s.u, by + 60 * s.u)],
              fill=(230, 110, 30))
    lay, ld = s.layer()
    for k in range(4):
        person(ld, bx + (60 + k * 95) * s.u, by + 10 * s.u, 150 * s.u, rng, clothes=(240, 120, 30),
               headwear="helmet" if k % 2 == 0 else None)
    s.paste(lay)
    # rain streaks
    lay, ld = s.layer()
    for _ in range(700):
        x = rng.uniform(0, s.w)
        y = rng.uniform(0, s.h)
        ld.line([(x, y), (x - 6 * s.u, y + 30 * s.u)], fill=(220, 224, 230, 60), width=1)
    s.paste(lay)


def scene_logistics(s):
    hz = int(s.h * 0.5)
    sky(s, "overcast", hz)
    d = s.draw
    building(d, s.w * 0.0, hz, s.w * 0.5, 200 * s.u, s.rng, wall=(230, 226, 214), floors=2, roof=(90, 96, 104))
    tree_line(s, hz, 6, 120, palms=0.5)
    ground(s, hz, (150, 144, 130), (120, 114, 104))
    d = s.draw
    rng = s.rng
    vehicle(d, s.w * 0.5, hz + 200 * s.u, 460 * s.u, rng, kind="truck", col=(200, 50, 40))
    for k in range(24):  # stacks of boxes and rice sacks
        bx = s.w * 0.06 + (k % 8) * 70 * s.u
        by = s.h * 0.95 - (k // 8) * 55 * s.u
        if k % 3:
            d.rectangle([bx, by - 52 * s.u, bx + 66 * s.u, by], fill=jitter((196, 160, 110), rng, 10),
                        outline=(150, 120, 80))
        else:
            d.rounded_rectangle([bx, by - 52 * s.u, bx + 66 * s.u, by], radius=int(16 * s.u),
                                fill=(236, 232, 220))
    crowd(s, hz + 120 * s.u, hz + 260 * s.u, 9, 150, 200,
          clothes=lambda r: r.choice([(232, 110, 30), KHAKI, (200, 50, 40)]),
          headwear=lambda r: r.choice([None, "helmet", "hijab"]))


def scene_lake(s):
    hz = int(s.h * 0.45)
    sky(s, "evening", hz)
    hills(s, hz, layers=3, near=(60, 80, 70), far=(150, 130, 160), amp=140)
    water(s, hz, (200, 150, 130), (70, 80, 110))
    rng = s.rng
    d = s.draw
    for _k in range(9):  # colourful boats
        t = rng.random()
        y = hz + (40 + 400 * t) * s.u
        w = (80 + 260 * t) * s.u
        x = rng.uniform(0, s.w - w)
        col = rng.choice([(220, 50, 40), (240, 190, 40), (40, 120, 200), (40, 160, 100)])
        d.polygon([(x, y), (x + w, y), (x + w * 0.85, y + w * 0.15), (x + w * 0.15, y + w * 0.15)], fill=col)
        d.line([(x - w * 0.05, y - w * 0.05), (x + w * 0.05, y)], fill=col, width=max(2, int(w * 0.04)))
        d.line([(x + w * 1.05, y - w * 0.05), (x + w * 0.95, y)], fill=col, width=max(2, int(w * 0.04)))
        lay, ld = s.layer()
        for p in range(4):
            person(ld, x + w * (0.2 + p * 0.2), y, w * 0.35, rng, clothes=jitter(col, rng, 40))
        s.paste(lay)
        d = s.draw
    # pennant strings on the shore
    lay, ld = s.layer()
    for i in range(40):
        x = s.w * i / 40
        y = s.h * 0.06 + 30 * s.u * math.sin(i / 40 * math.pi)
        ld.polygon([(x, y), (x + s.w / 40, y), (x + s.w / 80, y + 34 * s.u)],
                   fill=rng.choice([(220, 40, 40), (250, 250, 250), (240, 190, 40)]) + (255,))
    s.paste(lay)


def scene_santri(s):
    hz = int(s.h * 0.48)
    sky(s, "morning", hz)
    d = s.draw
    # mosque silhouette with dome
    mx, mw = s.w * 0.35, s.w * 0.3
    d.rectangle([mx, hz - 170 * s.u, mx + mw, hz], fill=(240, 236, 224))
    d.chord([mx + mw * 0.25, hz - 330 * s.u, mx + mw * 0.75, hz - 90 * s.u], 180, 360, fill=(50, 120, 90))
    for tx in (mx - 40 * s.u, mx + mw + 20 * s.u):
        d.rectangle([tx, hz - 360 * s.u, tx + 20 * s.u, hz], fill=(236, 232, 220))
        d.chord([tx - 8 * s.u, hz - 400 * s.u, tx + 28 * s.u, hz - 340 * s.u], 180, 360, fill=(50, 120, 90))
    tree_line(s, hz, 10, 110, palms=0.6)
    ground(s, hz, (110, 150, 74), (84, 126, 54))
    lay, ld = s.layer()
    rng = s.rng
    for row in range(5):
        t = row / 4
        y = hz + (120 + 240 * t) * s.u
        hh = (90 + 110 * t) * s.u
        for c in range(18):
            x = s.w * (0.03 + 0.94 * c / 17) + rng.uniform(-5, 5)
            female = rng.random() < 0.4
            person(ld, x, y, hh, rng, clothes=(246, 246, 244), facing_away=True,
                   headwear="hijab" if female else "peci")
    s.paste(lay)


def scene_cemetery(s):
    hz = int(s.h * 0.42)
    sky(s, "morning", hz)
    tree_line(s, hz, 16, 130, palms=0.2)
    ground(s, hz, (110, 150, 80), (90, 130, 60))
    d = s.draw
    rng = s.rng
    for row in range(7):  # rows of white grave markers
        t = (row / 6) ** 1.3
        y = hz + (40 + 500 * t) * s.u
        hh = (14 + 60 * t) * s.u
        n = 14 - row
        for c in range(n):
            x = s.w * (0.05 + 0.9 * c / max(1, n - 1))
            d.rectangle([x - hh * 0.35, y - hh, x + hh * 0.35, y], fill=(244, 244, 240))
            d.rectangle([x - hh * 0.7, y, x + hh * 0.7, y + hh * 0.15], fill=(214, 214, 208))
            for _ in range(3):
                fx = x + rng.uniform(-hh * 0.6, hh * 0.6)
                r = hh * 0.08
                d.ellipse([fx - r, y - r, fx + r, y + r], fill=rng.choice([(220, 40, 60), (250, 230, 120)]))
    crowd(s, hz + 200 * s.u, s.h * 0.95, 10, 170, 260,
          clothes=lambda r: r.choice([(40, 40, 44), (40, 60, 100), KHAKI]),
          headwear=lambda r: r.choice(["peci", "hijab", "peci"]))


def scene_tower(s):
    hz = int(s.h * 0.6)
    sky(s, "noon", hz)
    hills(s, hz, layers=3, near=(60, 110, 60), far=(150, 180, 196), amp=160)
    d = s.draw
    u = s.u
    tx, ty = s.w * 0.62, hz - 120 * u
    th = 520 * u
    left = [(tx - 60 * u + 60 * u * k / 10, ty - th * k / 10) for k in range(11)]
    right = [(tx + 60 * u - 60 * u * k / 10, ty - th * k / 10) for k in range(11)]
    col = (200, 60, 50)
    d.line(left, fill=col, width=int(5 * u))
    d.line(right, fill=col, width=int(5 * u))
    for k in range(10):
        d.line([left[k], right[k + 1]], fill=(230, 230, 230), width=int(3 * u))
        d.line([right[k], left[k + 1]], fill=(230, 230, 230), width=int(3 * u))
        d.line([left[k], right[k]], fill=col, width=int(3 * u))
    for k in (7, 9):
        d.rectangle([left[k][0] - 18 * u, left[k][1] - 30 * u, left[k][0] - 4 * u, left[k][1] + 20 * u],
                    fill=(236, 236, 236))
    rng = s.rng
    ground(s, hz, (90, 130, 70), (70, 110, 50))
    for i in range(6):
        house(s.draw, s.w * (0.02 + i * 0.16), hz + 200 * u, 180 * u, 180 * u, rng, stilts=i % 2 == 0)
    tree_line(s, hz + 20 * u, 12, 70, palms=0.6)
    crowd(s, s.h * 0.9, s.h * 0.98, 4, 190, 220, headwear=lambda r: r.choice([None, "hijab", "peci"]))


def scene_road(s):
    hz = int(s.h * 0.45)
    sky(s, "noon", hz)
    hills(s, hz, layers=3, near=(60, 110, 60), far=(150, 180, 196), amp=110)
    ground(s, hz, (100, 140, 70), (80, 120, 50))
    d = s.draw
    cx = s.w * 0.5
    d.polygon([(cx - 20 * s.u, hz), (cx + 20 * s.u, hz), (s.w * 0.95, s.h), (s.w * 0.05, s.h)], fill=(70, 70, 74))
    d.polygon([(cx + 20 * s.u, hz), (cx + 60 * s.u, hz), (s.w * 1.2, s.h), (s.w * 0.95, s.h)], fill=(170, 150, 110))
    for k in range(12):
        t0 = (k / 12) ** 2
        t1 = ((k + 0.5) / 12) ** 2
        y0 = hz + (s.h - hz) * t0
        y1 = hz + (s.h - hz) * t1
        d.polygon([(cx - (2 + 10 * t0) * s.u, y0), (cx + (2 + 10 * t0) * s.u, y0),
                   (cx + (2 + 10 * t1) * s.u, y1), (cx - (2 + 10 * t1) * s.u, y1)], fill=(240, 240, 236))
    tree_line(s, hz + 10 * s.u, 18, 60, palms=0.5)
    d = s.draw
    vehicle(d, s.w * 0.68, s.h * 0.72, 300 * s.u, s.rng, kind="excavator")
    for k in range(6):
        x = s.w * (0.28 + k * 0.02)
        y = s.h * (0.62 + k * 0.06)
        hh = (20 + k * 12) * s.u
        d.polygon([(x, y), (x + hh * 0.6, y), (x + hh * 0.3, y - hh)], fill=(240, 110, 30))
    crowd(s, s.h * 0.62, s.h * 0.78, 5, 120, 170, headwear="helmet",
          clothes=lambda r: r.choice([(240, 120, 30), KHAKI, (40, 60, 110)]))


def scene_parade(s):
    hz = int(s.h * 0.5)
    sky(s, "noon", hz)
    d = s.draw
    for i in range(5):
        building(d, s.w * (i * 0.21), hz, s.w * 0.19, (140 + 40 * (i % 2)) * s.u, s.rng,
                 wall=jitter((236, 226, 206), s.rng, 14), floors=2, roof=(150, 70, 50))
    ground(s, hz, (120, 118, 114), (90, 88, 86))
    rng = s.rng
    # pennants across the street
    lay, ld = s.layer()
    for i in range(50):
        x = s.w * i / 50
        y = hz - 300 * s.u + 40 * s.u * math.sin(i / 50 * math.pi)
        ld.polygon([(x, y), (x + s.w / 50, y), (x + s.w / 100, y + 40 * s.u)],
                   fill=rng.choice([(220, 40, 40), (250, 250, 250)]) + (255,))
    s.paste(lay)
    lay, ld = s.layer()
    costume = [(180, 30, 40), (230, 170, 30), (30, 90, 60), (110, 30, 90), (20, 40, 100)]
    for row in range(4):
        t = row / 3
        y = hz + (110 + 280 * t) * s.u
        hh = (110 + 140 * t) * s.u
        for c in range(8):
            x = s.w * (0.12 + 0.76 * c / 7)
            person(ld, x, y, hh, rng, clothes=costume[(row + c) % len(costume)],
                   headwear=rng.choice(["hijab", "peci", None]))
            if c % 3 == 0:  # ceremonial umbrella
                uy = y - hh * 1.15
                ld.chord([x - hh * 0.35, uy - hh * 0.2, x + hh * 0.35, uy + hh * 0.2], 180, 360,
                         fill=rng.choice([(240, 200, 40), (200, 30, 40)]) + (255,))
                ld.line([(x, uy), (x, y - hh * 0.6)], fill=(60, 40, 30, 255), width=max(1, int(hh * 0.02)))
    s.paste(lay)
    crowd(s, s.h * 0.95, s.h * 1.03, 10, 300, 360, facing_away=True,
          headwear=lambda r: r.choice([None, "hijab"]))


def scene_posyandu(s):
    hz = int(s.h * 0.5)
    sky(s, "morning", hz)
    tree_line(s, hz, 10, 110, palms=0.6)
    ground(s, hz, (150, 146, 120), (120, 116, 96))
    d = s.draw
    u = s.u
    # tent canopy
    d.polygon([(s.w * 0.1, hz - 120 * u), (s.w * 0.9, hz - 120 * u), (s.w * 0.8, hz - 260 * u),
               (s.w * 0.2, hz - 260 * u)], fill=(236, 236, 232))
    for i in range(5):
        x = s.w * (0.1 + i * 0.2)
        d.rectangle([x - 5 * u, hz - 120 * u, x + 5 * u, hz + 200 * u], fill=(180, 180, 176))
    d.rectangle([s.w * 0.3, hz + 40 * u, s.w * 0.7, hz + 60 * u], fill=(60, 110, 160))
    d.rectangle([s.w * 0.32, hz + 60 * u, s.w * 0.68, hz + 130 * u], fill=(60, 110, 160))
    lay, ld = s.layer()
    rng = s.rng
    for i in range(3):  # health workers behind the table
        person(ld, s.w * (0.38 + i * 0.12), hz + 50 * u, 170 * u, rng, clothes=(246, 246, 244), headwear="hijab")
    s.paste(lay)
    d = s.draw
    d.rectangle([s.w * 0.3, hz + 40 * u, s.w * 0.7, hz + 60 * u], fill=(236, 236, 232))
    d.rectangle([s.w * 0.32, hz + 60 * u, s.w * 0.68, hz + 130 * u], fill=(60, 110, 160))
    lay, ld = s.layer()
    for i in range(9):  # mothers with small children
        x = s.w * (0.05 + i * 0.11) + rng.uniform(-10, 10)
        y = s.h * rng.uniform(0.84, 0.98)
        person(ld, x, y, 250 * u, rng, headwear="hijab")
        person(ld, x + 50 * u, y, 110 * u, rng)
    s.paste(lay)


SCENES = {
    "ricefield": scene_ricefield, "cornfield": scene_cornfield, "bridge": scene_bridge,
    "school": scene_school, "haze": scene_haze, "flag": scene_flag, "flagfield": scene_flagfield,
    "meeting": scene_meeting, "stage": scene_stage, "workshop": scene_workshop,
    "hospital": scene_hospital, "houses": scene_houses, "apel": scene_apel, "market": scene_market,
    "flood": scene_flood, "logistics": scene_logistics, "lake": scene_lake, "santri": scene_santri,
    "cemetery": scene_cemetery, "tower": scene_tower, "road": scene_road, "parade": scene_parade,
    "posyandu": scene_posyandu,
}


# ---------------------------------------------------------------- finishing

def finish(img, rng):
    """Soften, add a vignette and a little grain so the drawing reads as a photo."""
    w, h = img.size
    img = img.filter(ImageFilter.GaussianBlur(0.7))
    # vignette
    mask = Image.new("L", (w // 8, h // 8), 0)
    md = ImageDraw.Draw(mask)
    md.ellipse([-w // 40, -h // 40, w // 8 + w // 40, h // 8 + h // 40], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(w // 60)).resize((w, h), Image.BILINEAR)
    dark = Image.new("RGB", (w, h), (20, 18, 16))
    img = Image.composite(img, Image.blend(img, dark, 0.35), mask)
    # fine grain from a deterministic tile
    tile = Image.frombytes("L", (128, 128), rng.randbytes(128 * 128))
    grain = Image.new("L", (w, h))
    for x in range(0, w, 128):
        for y in range(0, h, 128):
            grain.paste(tile, (x, y))
    grain = grain.filter(ImageFilter.GaussianBlur(0.8)).convert("RGB")
    grey = Image.new("RGB", (w, h), (128, 128, 128))
    img = ImageChops.add(img, ImageChops.subtract(grain, grey, 8, 128), 1, -128)
    return img


def dms(value):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 2)
    return (float(d), float(m), float(s))


def exif_for(index, gps, taken):
    make, model = CAMERAS[index % len(CAMERAS)]
    exif = Image.Exif()
    exif[0x010F] = make                      # Make
    exif[0x0110] = model                     # Model
    exif[0x0131] = "Warta demo_photos.py"    # Software
    exif[0x0132] = taken                     # DateTime
    exif[0x013B] = "Tim Dokumentasi Diskominfo Lembah Sari"  # Artist
    ifd = exif.get_ifd(0x8769)               # Exif IFD
    ifd[0x9003] = taken                      # DateTimeOriginal
    ifd[0xA431] = f"LS{2026_0000 + index * 7919:010d}"  # BodySerialNumber
    ifd[0xA434] = "24-105mm F4"              # LensModel
    lat, lon = gps
    g = exif.get_ifd(0x8825)                 # GPS IFD
    g[0x0000] = b"\x02\x03\x00\x00"           # GPSVersionID
    g[0x0001] = "S" if lat < 0 else "N"      # GPSLatitudeRef
    g[0x0002] = dms(lat)                     # GPSLatitude
    g[0x0003] = "W" if lon < 0 else "E"      # GPSLongitudeRef
    g[0x0004] = dms(lon)                     # GPSLongitude
    return exif


def render(index, folder, name, scene_name, size, gps, taken):
    rng = random.Random(f"{SEED}:{folder}/{name}")
    scene = Scene(size, rng)
    SCENES[scene_name](scene)
    img = finish(scene.img, rng)
    out = CONTENT / folder / name
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "JPEG", quality=85, optimize=True, exif=exif_for(index, gps, taken))
    return out


def main():
    for index, (folder, name, scene_name, size, gps, taken) in enumerate(PHOTOS):
        out = render(index, folder, name, scene_name, size, gps, taken)
        print(f"{out.relative_to(ROOT)}  {size[0]}x{size[1]}  {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
