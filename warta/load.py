"""Load: read every release bundle, validate it once, collect every problem.

`load_content(cfg)` is the single entry point used by the CLI, the MkDocs hooks, the tests
and the benchmark. It never raises for bad content: problems come back as a list.
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from . import bodycheck, photos, sharekit
from .config import SiteConfig
from .model import FrontMatter, Photo, Release, Tag, parse_date, translate
from .problems import Problem
from .registry import SLUG, Registries, did_you_mean, load_registries
from .yamltext import (
    MAX_FILE_BYTES,
    MAX_FRONT_BYTES,
    FrontMatterProblem,
    Split,
    YamlProblem,
    invisible_characters,
    line_of,
    load_with_lines,
    split_front_matter,
    without_invisible,
)

RELEASE_PATH = re.compile(r"^rilis/(\d{4})/(\d{2})/([^/]+)/index\.md$")
_SLUG = re.compile(SLUG)


@dataclass(frozen=True)
class Attachment:
    """A file of a bundle other than index.md; photos get web renditions."""

    src_uri: str
    renditions: tuple[tuple[int, int, str], ...] | None = None


@dataclass
class Content:
    releases: list[Release] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    registries: Registries | None = None
    attachments: dict[str, tuple[Attachment, ...]] = field(default_factory=dict)  # by release src_uri
    page_photos: list[Attachment] = field(default_factory=list)  # photos of other pages (tentang/)

    @property
    def ok(self) -> bool:
        return not self.problems


def slugify(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "tag"


def page_url(src_uri: str) -> str:
    """The URL MkDocs gives a Markdown file with directory URLs, case-folded for comparison."""
    stem = src_uri[:-3]
    if posixpath.basename(stem) in {"index", "README"}:
        stem = posixpath.dirname(stem)
    return (stem + "/" if stem else "").casefold()


def load_content(cfg: SiteConfig, only: list[Path] | None = None) -> Content:
    """Read and validate every release (or only those under `only`) and the registries."""
    content = Content()
    registries, problems = load_registries(cfg.registries_path, cfg.registries)
    content.registries, content.problems = registries, problems
    root = cfg.content_dir
    tree: dict[str, list[str]] = defaultdict(list)  # dir (relative) -> file names
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = PurePosixPath(Path(dirpath).relative_to(root)).as_posix()
        tree["" if rel == "." else rel] = sorted(f for f in filenames if not f.startswith("."))

    urls: dict[str, list[str]] = defaultdict(list)
    selected = [p.resolve() for p in only] if only else None
    for folder, names in tree.items():
        for name in names:
            src_uri = f"{folder}/{name}" if folder else name
            if not name.endswith(".md"):
                _other_file(cfg, content, tree, folder, src_uri)
                continue
            urls[page_url(src_uri)].append(src_uri)
            if not src_uri.startswith("rilis/"):
                continue
            abs_path = root / src_uri
            if selected and not any(abs_path == s or s in abs_path.parents for s in selected):
                continue
            rel = f"{cfg.docs_dir}/{src_uri}"
            m = RELEASE_PATH.match(src_uri)
            if not m:
                content.problems.append(Problem(
                    rel, None, None, "berkas berada di luar tata letak bundel rilis",
                    "setiap rilis adalah folder: content/rilis/TAHUN/BULAN/slug-rilis/index.md "
                    "(mis. content/rilis/2026/11/bupati-resmikan-jembatan/index.md)."))
                continue
            bundle = posixpath.dirname(src_uri)
            siblings = tuple(f"{bundle}/{n}" for n in tree.get(bundle, []) if n != "index.md")
            release, attachments, found = load_release(cfg, registries, src_uri, m, siblings)
            content.problems.extend(found)
            if release is not None:
                content.releases.append(release)
                content.attachments[src_uri] = attachments

    for url, sources in urls.items():
        if len(sources) > 1:
            for src in sources:
                others = ", ".join(f"{cfg.docs_dir}/{s}" for s in sources if s != src)
                content.problems.append(Problem(
                    f"{cfg.docs_dir}/{src}", None, None,
                    f"alamat /{url} dipakai juga oleh {others}",
                    "dua rilis tidak boleh punya alamat yang sama; ganti nama folder salah satunya."))
    content.releases.sort(key=lambda r: (r.date, r.url), reverse=True)
    if content.problems:  # one broken release fails the whole set; nothing half-publishes
        content.releases = [r for r in content.releases
                            if not any(p.path == r.path for p in content.problems)]
    return content


_BUNDLE_DIR = re.compile(r"^rilis/\d{4}/\d{2}/[^/]+(/.*)?$")


def _other_file(cfg: SiteConfig, content: Content, tree, folder: str, src_uri: str) -> None:
    """Files that are not Markdown: release photos are handled with their release; a stray
    file under rilis/ is an error; photos of other pages get web renditions too."""
    if src_uri.startswith("rilis/"):
        bundle = "/".join(folder.split("/")[:4])
        if _BUNDLE_DIR.match(folder) and "index.md" in tree.get(bundle, []):
            return
        content.problems.append(Problem(
            f"{cfg.docs_dir}/{src_uri}", None, None, "berkas berada di luar folder rilis mana pun",
            "simpan foto di folder rilisnya, di samping index.md "
            "(mis. content/rilis/2026/11/slug-rilis/foto-utama.jpg)."))
        return
    if PurePosixPath(src_uri).suffix.lower() in photos.PHOTO_SUFFIXES:
        try:
            plan = photos.plan(cfg.content_dir / src_uri, cfg.photo_widths, cfg.max_photo_mb)
        except photos.PhotoProblem as e:
            content.problems.append(Problem(f"{cfg.docs_dir}/{src_uri}", None, None, e.message, e.hint))
            return
        content.page_photos.append(Attachment(src_uri, plan.renditions))


@dataclass(frozen=True)
class Parsed:
    """A release file read and validated against the schema (no files, no registries)."""

    front: FrontMatter | None  # None when the schema found errors
    data: dict
    lines: dict
    split: Split


def parse_release(cfg: SiteConfig, raw: bytes, rel: str) -> tuple[Parsed | None, list[Problem]]:
    """Bytes of an index.md to its front matter and body; every problem on the way.

    Invisible characters anywhere are problems; the rest of the file is checked with each of
    them read as a space, so every other problem is found too, at the line an editor shows.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(rel, None, None, f"berkas terlalu besar ({-(-len(raw) // 1024)} KB; "
                              f"maksimal {MAX_FILE_BYTES // 1024} KB)",
                              "index.md hanya berisi teks rilis; simpan foto dan lampiran sebagai "
                              "berkas tersendiri di folder rilis.")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return None, [Problem(rel, raw[: e.start].count(b"\n") + 1, None,
                              f"berkas bukan teks UTF-8 (byte 0x{raw[e.start]:02x} di posisi {e.start})",
                              "simpan ulang berkas dengan encoding UTF-8 "
                              "(di editor: Save with Encoding → UTF-8).")]
    text = text.replace("\r\n", "\n")
    problems = [Problem(rel, line, None, message, hint)
                for line, message, hint in invisible_characters(text)]
    try:
        split = split_front_matter(without_invisible(text))
        size = len(split.front.encode())
        if size > MAX_FRONT_BYTES:
            return None, problems + [Problem(
                rel, 1, None, f"front matter terlalu besar ({-(-size // 1024)} KB; maksimal "
                f"{MAX_FRONT_BYTES // 1024} KB)", "front matter hanya berisi kunci singkat seperti "
                "`title` dan `summary`; tulis teks panjang di isi rilis, setelah `---` penutup.")]
        data, lines = load_with_lines(split.front, first_line=2)
    except FrontMatterProblem as e:
        return None, problems + [Problem(rel, e.line, None, e.message, e.hint)]
    except YamlProblem as e:
        return None, problems + e.problems(
            rel, "YAML front matter tidak valid", "periksa indentasi (spasi, bukan tab), titik dua "
            "setelah kunci, dan tanda kutip pada teks yang mengandung titik dua.")
    if not isinstance(data, dict):
        return None, problems + [Problem(rel, 2, None, "front matter harus berupa kumpulan kunci "
                                         "(`title: …`, `date: …`)", "lihat contoh dengan `scripts/warta new`.")]
    try:
        fm = FrontMatter.model_validate(data, context={"tz": cfg.tz})
    except ValidationError as error:
        problems.extend(translate(err, rel, lines) for err in error.errors())
        fm = None
    return Parsed(fm, data, lines, split), problems


def load_release(cfg: SiteConfig, registries: Registries | None, src_uri: str, m: re.Match,
                 siblings: tuple[str, ...]):
    """Validate one bundle. Returns (release or None, attachments, problems)."""
    rel = f"{cfg.docs_dir}/{src_uri}"
    bundle_dir = cfg.content_dir / posixpath.dirname(src_uri)
    problems: list[Problem] = []

    def problem(line, field_, message, hint=None):
        problems.append(Problem(rel, line, field_, message, hint))

    parsed, found = parse_release(cfg, (cfg.content_dir / src_uri).read_bytes(), rel)
    problems.extend(found)
    if parsed is None:
        return None, (), problems
    fm, data, lines, split = parsed.front, parsed.data, parsed.lines, parsed.split

    year, month, slug = m.group(1), m.group(2), m.group(3)
    if not _SLUG.match(slug) or len(slug) > 80:
        problem(None, None, f"nama folder '{slug}' tidak bisa menjadi alamat",
                f"gunakan huruf kecil, angka dan tanda hubung, mis. '{slugify(slug)[:80]}'.")
    if not 1 <= int(month) <= 12:
        problem(None, None, f"bulan '{month}' pada jalur berkas tidak ada",
                "gunakan folder bulan 01–12.")

    for _i, (line, message, hint) in enumerate(bodycheck.html_problems(split.body)):
        problem(split.body_line + line - 1, "isi", message, hint)
    texts = [(split.body, split.body_line, "isi")]
    if fm:
        texts += [(fm.title, line_of(lines, ("title",)), "title"),
                  (fm.summary, line_of(lines, ("summary",)), "summary")]
    for text_, first, where in texts:
        for line, message, hint in bodycheck.personal_data(text_, cfg.official_email_domains):
            problem((first or 1) + line - 1, where, message, hint)

    if registries is None:
        return None, (), problems

    def reference(key: str, lookup, label: str, what: str):
        value = data.get(key)
        if not isinstance(value, str):
            return None
        entry = lookup.get(value)
        if entry is None:
            problem(line_of(lines, (key,)), key, f"{label} '{value}' tidak dikenal",
                    did_you_mean(lookup, value, what, cfg.registries))
        return entry

    # References are checked on the raw values too, so a schema error elsewhere hides nothing.
    category = reference("category", registries.categories, "kategori", "kategori")
    unit = reference("unit", registries.units, "unit (OPD)", "unit")
    contact = fm.contact if fm else None
    if isinstance(data.get("contact"), str):
        contact = reference("contact", registries.contacts, "kontak", "kontak")
    when = fm.date if fm else _try_date(data.get("date"), cfg)
    if when and (f"{when:%Y}", f"{when:%m}") != (year, month):
        right = f"{cfg.docs_dir}/rilis/{when:%Y}/{when:%m}/{slug}/index.md"
        problem(line_of(lines, ("date",)), "date",
                f"tanggal {when:%Y-%m} tidak cocok dengan folder {year}/{month}",
                f"pindahkan rilis ke {right}, atau perbaiki tanggalnya.")
    if fm:
        _check_notes(fm, lines, problem)
        if fm.social:
            link = f"{cfg.site_url}rilis/{year}/{month}/{slug}/"
            for field_, message in sharekit.override_problems(fm.social, link):
                problem(line_of(lines, tuple(field_.split("."))), field_, message,
                        "persingkat teksnya; tautan rilis ditambahkan otomatis bila belum ada "
                        "(di X dihitung 23 karakter).")

    image = hero_uri = None
    raw_image = data.get("image")
    if isinstance(raw_image, dict) and isinstance(raw_image.get("src"), str):
        found = _hero(cfg, raw_image["src"], bundle_dir, line_of(lines, ("image", "src")), problem)
        if found and fm and fm.image:
            plan, inside, prefix = found
            image = Photo(src=fm.image.src, source=str(bundle_dir / inside), alt=fm.image.alt,
                          credit=fm.image.credit, caption=fm.image.caption, width=plan.width,
                          height=plan.height,
                          renditions=tuple((w, h, prefix + n) for w, h, n in plan.renditions))
        hero_uri = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), raw_image["src"]))
    attachments = []
    for uri in siblings:
        if uri == hero_uri:
            continue
        if PurePosixPath(uri).suffix.lower() in photos.PHOTO_SUFFIXES:
            try:
                p = photos.plan(cfg.content_dir / uri, cfg.photo_widths, cfg.max_photo_mb)
            except photos.PhotoProblem as e:
                problems.append(Problem(f"{cfg.docs_dir}/{uri}", None, None, e.message, e.hint))
                continue
            attachments.append(Attachment(uri, p.renditions))
        else:
            attachments.append(Attachment(uri))
    if image is not None:
        attachments.append(Attachment(hero_uri, image.renditions))
    if problems or fm is None or category is None or unit is None:
        return None, (), problems

    tags: dict[str, Tag] = {}
    for name in fm.tags:
        tags.setdefault(slugify(name), Tag(slugify(name), name))
    release = Release(
        path=rel, src_uri=src_uri, url=f"rilis/{year}/{month}/{slug}/", slug=slug,
        title=" ".join(fm.title.split()), date=fm.date, summary=" ".join(fm.summary.split()),
        category=category, unit=unit, type=fm.type, tags=tuple(tags.values()), image=image,
        location=fm.location or cfg.default_location, contact=contact, claim=fm.claim,
        draft=fm.draft, updates=tuple(fm.updates), withdrawn=fm.withdrawn, social=fm.social,
        body=split.body, body_line=split.body_line, bundle_files=siblings)
    return release, tuple(attachments), problems


def _try_date(value, cfg: SiteConfig):
    try:
        return parse_date(value, cfg.tz)
    except Exception:
        return None


def _check_notes(fm: FrontMatter, lines, problem) -> None:
    """Correction notes come after the release, in order, one per moment."""
    previous, seen = fm.date, set()
    for i, update in enumerate(fm.updates):
        where = line_of(lines, ("updates", i, "date"))
        if update.date <= fm.date:
            problem(where, f"updates[{i}].date", "catatan perubahan bertanggal sebelum rilis terbit",
                    "tanggal catatan harus setelah `date` rilis.")
        elif update.date in seen:
            problem(where, f"updates[{i}].date", "dua catatan perubahan bertanggal sama",
                    "gabungkan keduanya dalam satu catatan, atau perbaiki jamnya.")
        elif update.date < previous:
            problem(where, f"updates[{i}].date", "catatan perubahan tidak urut waktu",
                    "urutkan catatan dari yang terlama ke yang terbaru.")
        seen.add(update.date)
        previous = max(previous, update.date)
    if fm.withdrawn and fm.withdrawn.date <= fm.date:
        problem(line_of(lines, ("withdrawn", "date")), "withdrawn.date",
                "tanggal penarikan sebelum rilis terbit", "tanggal penarikan harus setelah `date`.")


def _hero(cfg: SiteConfig, src: str, bundle_dir: Path, where, problem):
    """The hero photo's plan, its path in the content folder and its folder prefix."""
    inside = posixpath.normpath(src.replace("\\", "/"))
    if (inside.startswith(("/", "../")) or inside in {".", ".."} or "://" in src
            or os.path.islink(bundle_dir / inside)):
        problem(where, "image.src", f"foto '{src}' berada di luar folder rilis",
                "simpan foto di folder yang sama dengan index.md dan tulis namanya saja, "
                "mis. `src: foto-utama.jpg`.")
        return None
    target = bundle_dir / inside
    if not target.is_file():
        present = [p.name for p in bundle_dir.iterdir() if p.suffix.lower() in photos.PHOTO_SUFFIXES]
        problem(where, "image.src", f"berkas foto '{src}' tidak ditemukan",
                (f"foto di folder ini: {', '.join(sorted(present))}. " if present else "") +
                "unggah fotonya ke folder rilis ini, atau perbaiki namanya (huruf besar/kecil berpengaruh).")
        return None
    if target.suffix.lower() not in photos.PHOTO_SUFFIXES:
        problem(where, "image.src", f"'{src}' bukan foto (JPEG, PNG, WebP atau GIF)",
                "gunakan berkas .jpg atau .png.")
        return None
    try:
        plan = photos.plan(target, cfg.photo_widths, cfg.max_photo_mb)
    except photos.PhotoProblem as e:
        problem(where, "image.src", e.message, e.hint)
        return None
    folder = posixpath.dirname(inside)
    return plan, inside, (folder + "/" if folder else "")


_preloaded: dict[Path, Content] = {}


def preload(cfg: SiteConfig, content: Content) -> None:
    """Hand content the CLI already loaded to the build in this process (used once)."""
    _preloaded[cfg.root.resolve()] = content


def load_for_build(cfg: SiteConfig) -> Content:
    """The build's content: what the CLI just checked, or a fresh load."""
    return _preloaded.pop(cfg.root.resolve(), None) or load_content(cfg)
