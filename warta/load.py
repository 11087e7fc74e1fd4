"""Load: read every bundle, validate it once, collect every problem.

`load_content(cfg)` is the single entry point used by the CLI, the MkDocs hooks, the tests
and the benchmark. It never raises for bad content: problems come back as a list.

Publishing is by allowlist, and it starts here. From a bundle (a release's
`rilis/YYYY/MM/<slug>/` or a page's folder such as `tentang/`) the site gets exactly its
rendered `index.md` and the photos that index.md references, re-encoded. A release's
`kliping.yml` (its publication trail, warta/kliping.py) is read and validated, never copied.
Every other file is a problem that names it; symbolic links are never followed, anywhere under `content/` or
`data/`; sub-folders of a release bundle (a bundle inside a bundle included) are refused.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import posixpath
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from . import bodycheck, kliping, photos, placeholders, sharekit
from .config import SiteConfig, now
from .memo import LoadMemo
from .messages import translate_errors
from .mitra import load_partners, partners_path
from .model import Attachment, FrontMatter, Page, PageFront, Photo, Release, Tag, parse_date, time_written
from .periode import Periods, load_periods
from .problems import Problem
from .registry import SLUG, Registries, did_you_mean, load_registries
from .yamltext import (
    MAX_FILE_BYTES,
    MAX_FRONT_BYTES,
    FrontMatterProblem,
    Path_,
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
#: First folders of generated pages (and future tools): a page folder may not take them.
RESERVED = frozenset({"rilis", "kategori", "unit", "tag", "arsip", "halaman", "cari", "mitra-media",
                      "assets", "pagefind", "admin", "laporan", "periode", "search"})


@dataclass
class Content:
    releases: list[Release] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)  # content pages outside rilis/
    problems: list[Problem] = field(default_factory=list)
    registries: Registries | None = None
    periods: Periods = field(default_factory=Periods)  # data/periode.yml (history mode)

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


# --- The tree, read without following a single link ------------------------------------

@dataclass
class Tree:
    files: dict[str, list[str]] = field(default_factory=dict)  # folder ("" = root) -> regular files
    links: list[str] = field(default_factory=list)  # symbolic links, never followed
    odd: list[str] = field(default_factory=list)  # neither file nor folder (FIFO, socket, device)


def scan(root: Path) -> Tree:
    """Every regular file under `root` by folder. Symbolic links are recorded, never followed
    (not even to see what they point at), so a link to /proc or / costs nothing."""
    tree = Tree()
    todo = [""]
    while todo:
        folder = todo.pop()
        names: list[str] = []
        with os.scandir(root / folder if folder else root) as entries:
            for entry in entries:
                rel = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_symlink():
                    tree.links.append(rel)
                elif entry.is_dir(follow_symlinks=False):
                    todo.append(rel)
                elif entry.is_file(follow_symlinks=False):
                    names.append(entry.name)
                else:
                    tree.odd.append(rel)
        tree.files[folder] = sorted(names)
    tree.links.sort()
    tree.odd.sort()
    return tree


def link_problems(cfg: SiteConfig, folder: Path) -> list[Problem]:
    """A problem for every symbolic link (and non-file) under `folder` of the repository."""
    if not folder.exists() and not folder.is_symlink():
        return []
    base = folder.relative_to(cfg.root).as_posix()
    if folder.is_symlink():
        return [_link_problem(base)]
    tree = scan(folder)
    return ([_link_problem(f"{base}/{rel}") for rel in tree.links] +
            [Problem(f"{base}/{rel}", None, None, "bukan berkas biasa (pipa, soket atau perangkat)",
                     "hapus ini; di repositori hanya ada berkas teks dan foto.") for rel in tree.odd])


def _staging_problems(cfg: SiteConfig) -> list[Problem]:
    """The staging folder (mkdocs.yml's docs_dir) stays empty in the repository: Warta stages
    into a temporary copy per build, and anything kept here would be published, unchecked, by
    a plain `mkdocs build` or another engine."""
    folder = cfg.root / cfg.staging
    if folder.is_symlink() or not folder.is_dir():
        return []
    tree = scan(folder)
    return [Problem(f"{cfg.staging}/{rel}", None, None,
                    f"folder {cfg.staging}/ diisi Warta saat build dan harus tetap kosong",
                    f"pindahkan berkas ini ke {cfg.docs_dir}/ (rilis dan halaman), atau hapus.")
            for folder_, names in sorted(tree.files.items()) for rel in
            (f"{folder_}/{n}" if folder_ else n for n in names) if rel != ".gitkeep"]


def _link_problem(path: str) -> Problem:
    return Problem(path, None, None, "tautan simbolik (symlink) tidak diizinkan",
                   "ganti dengan berkas yang sebenarnya, atau hapus; Warta tidak pernah mengikuti "
                   "symlink.")


# --- Loading --------------------------------------------------------------------------

def load_content(cfg: SiteConfig, only: list[Path] | None = None,
                 clock: datetime | None = None) -> Content:
    """Read and validate every release and page (or only those under `only`) and the
    registries. `clock` (default: now) is what "in the future" means for change notes."""
    content = Content()
    clock = clock or now(cfg.tz)
    registries, problems = load_registries(cfg.registries_path, cfg.registries)
    partners_rel = partners_path(cfg.registries)
    partners, found = load_partners(cfg.root, partners_rel, cfg.official_email_domains, clock.date())
    if registries is not None:
        registries = dataclasses.replace(registries, partners=partners)
    content.registries, content.problems = registries, problems + found
    periods = posixpath.join(posixpath.dirname(cfg.registries), "periode.yml")
    content.periods, found = load_periods(cfg.root / periods, periods)
    content.problems += found
    for folder in {cfg.registries_path.parent, cfg.root / "theme", cfg.root / cfg.staging}:
        if folder != cfg.root:
            content.problems += link_problems(cfg, folder)
    content.problems += _staging_problems(cfg)
    root = cfg.content_dir
    if root.is_symlink() or not root.is_dir():
        content.problems.append(_link_problem(cfg.docs_dir) if root.is_symlink() else Problem(
            cfg.docs_dir, None, None, "folder konten tidak ditemukan", "buat folder content/."))
        return content
    tree = scan(root)
    selected = [p.resolve() for p in only] if only else None
    real_root = root.resolve()

    def wanted(src_uri: str) -> bool:  # (a release's kliping.yml selects its release)
        path = real_root / src_uri
        return selected is None or any(path == s or s in path.parents or s == path.parent / kliping.FILE
                                       for s in selected)

    def stray(src_uri: str, message: str, hint: str) -> None:
        if wanted(src_uri):
            content.problems.append(Problem(f"{cfg.docs_dir}/{src_uri}", None, None, message, hint))

    for rel in tree.links:
        if wanted(rel):
            content.problems.append(_link_problem(f"{cfg.docs_dir}/{rel}"))
    for rel in tree.odd:
        stray(rel, "bukan berkas biasa (pipa, soket atau perangkat)", "hapus ini.")

    urls: dict[str, list[str]] = defaultdict(list)
    bundles = {folder for folder, names in tree.files.items() if "index.md" in names}
    memo = LoadMemo(cfg.root, cfg.cache_dir, [cfg.registries_path, cfg.root / partners_rel,
                                               cfg.root / "mkdocs.yml"]) \
        if only is None and registries is not None and partners is not None else None
    links: dict[str, tuple] = {}
    for folder, names in sorted(tree.files.items()):
        owner = _owner(folder, bundles)
        for name in names:
            src_uri = f"{folder}/{name}" if folder else name
            if name.endswith(".md"):
                urls[page_url(src_uri)].append(src_uri)
            if owner == folder and (name == "index.md" or not name.startswith(".")):
                continue  # index.md and its bundle's files are judged with the bundle
            stray(src_uri, *_stray_reason(folder, name, owner))
        if owner != folder or not wanted(f"{folder}/index.md"):
            continue
        src_uri = f"{folder}/index.md"
        siblings = tuple(n for n in names if n != "index.md" and not n.startswith("."))
        signature = memo.signature(root / folder, siblings) if memo else ""
        if memo and (hit := memo.get(src_uri, signature)) and not _ahead_of(hit[0], clock):
            item, links[src_uri] = hit
        elif m := RELEASE_PATH.match(src_uri):
            item, found = load_release(cfg, registries, src_uri, m, siblings, clock)
            content.problems.extend(found)
        else:
            item, found = load_page(cfg, src_uri, siblings)
            content.problems.extend(found)
        if item is None:
            continue
        (content.releases if isinstance(item, Release) else content.pages).append(item)
        if src_uri not in links:
            links[src_uri] = tuple(bodycheck.link_refs(item.body))
            if memo and not found:
                memo.put(src_uri, signature, item, links[src_uri])

    indexes = {f"{folder}/index.md" for folder in bundles if folder}
    for item in [*content.releases, *content.pages]:
        content.problems += _internal_links(cfg, item, indexes, links[item.src_uri])
    if memo:
        memo.save()

    for url, sources in urls.items():
        if len(sources) > 1:
            for src in sources:
                others = ", ".join(f"{cfg.docs_dir}/{s}" for s in sources if s != src)
                content.problems.append(Problem(
                    f"{cfg.docs_dir}/{src}", None, None,
                    f"alamat /{url} dipakai juga oleh {others}",
                    "dua rilis tidak boleh punya alamat yang sama; ganti nama folder salah satunya."))
    content.releases.sort(key=lambda r: (r.date, r.url), reverse=True)
    content.pages.sort(key=lambda p: p.url)
    if content.problems:  # one broken release fails the whole set; nothing half-publishes
        broken = {p.path for p in content.problems}
        content.releases = [r for r in content.releases if r.path not in broken]
    return content


_RELEASE_URL = re.compile(r"^rilis/\d{4}/\d{2}/[^/]+/$")


def _ahead_of(item: Release | Page, clock: datetime) -> bool:
    """A remembered release with a change note dated after `clock` (remembered under a later
    frozen clock): checked again, so the note is refused."""
    return isinstance(item, Release) and (any(u.date > clock for u in item.updates)
                                          or (item.withdrawn is not None and item.withdrawn.date > clock)
                                          or any(c.date > clock + kliping.TOLERANCE for c in item.clippings))


def _internal_links(cfg: SiteConfig, item: Release | Page, indexes: set[str], refs: tuple) -> list[Problem]:
    """Links of a body that stay on this site must reach something the site has: another
    page's index.md, a release's address, or a published photo of the same bundle. (A strict
    MkDocs build refuses a link to a missing file in English; this says it first, with the line.)"""
    folder = posixpath.dirname(item.src_uri)
    published = {name for a in item.photos  # a JPEG may be linked to by its own name
                 if photos.published_as_itself(name := posixpath.basename(a.src_uri))}
    problems = []
    for line, href in refs:
        url = href.strip()
        if url.startswith(cfg.site_url):
            url = "/" + url[len(cfg.site_url):]
        elif bodycheck.leaves_site(url) or url.startswith(("#", "mailto:", "tel:")):
            continue
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue
        target = posixpath.normpath(path[1:] if path.startswith("/") else posixpath.join(folder, path))
        target += "/" if path.endswith("/") and target != "." else ""
        if target.endswith(".md"):
            ok = target in indexes
        elif target.startswith("rilis/") and (path.endswith("/") or "." not in posixpath.basename(target)):
            slash = target.rstrip("/") + "/"
            ok = not _RELEASE_URL.match(slash) or f"{slash}index.md" in indexes
        elif "." in posixpath.basename(target) and not target.startswith(("assets/", "pagefind/")):
            ok = posixpath.dirname(target) == folder and posixpath.basename(target) in published
        else:
            continue  # lists, archives and other pages Warta makes: `scripts/warta links` checks them
        if not ok:
            problems.append(Problem(item.path, item.body_line + line - 1, "isi",
                                    f"tautan ke halaman atau berkas yang tidak ada di situs: {href[:80]}",
                                    "periksa alamatnya. Rilis lain ditautkan dengan alamat foldernya, "
                                    "mis. `../slug-rilis/` atau alamat lengkapnya; dari folder rilis hanya "
                                    "index.md dan foto yang dipakainya yang terbit (dokumen seperti PDF "
                                    "tautkan dari situs resmi instansi)."))
    return problems


def _owner(folder: str, bundles: set[str]) -> str | None:
    """The bundle a folder's files belong to: the folder itself when it holds an index.md
    (and is not inside a release bundle), else None."""
    if folder.startswith("rilis/") and not RELEASE_PATH.match(f"{folder}/index.md"):
        return None  # outside the release layout, or a sub-folder of a release bundle
    return folder if folder in bundles and folder else None


def _stray_reason(folder: str, name: str, owner: str | None) -> tuple[str, str]:
    """Why a file that no bundle publishes is refused, and what to do."""
    if name.startswith("."):
        if name == ".git":
            return ("submodul git tidak diizinkan di folder konten",
                    "hapus submodul ini; rilis dan foto disimpan langsung di repositori ini.")
        return (f"berkas tersembunyi '{name}' tidak diterbitkan",
                "hapus berkas ini (mis. .DS_Store atau Thumbs.db terbawa dari komputer).")
    if folder.startswith("rilis/"):
        parts = folder.split("/")
        if len(parts) > 4:
            return ("sub-folder di dalam folder rilis tidak diizinkan",
                    "simpan foto langsung di samping index.md rilisnya; satu rilis adalah satu "
                    "folder tanpa sub-folder (rilis lain dibuat di folder bulannya sendiri).")
        if name.endswith(".md"):
            return ("berkas berada di luar tata letak bundel rilis",
                    "setiap rilis adalah folder: content/rilis/TAHUN/BULAN/slug-rilis/index.md "
                    "(mis. content/rilis/2026/11/bupati-resmikan-jembatan/index.md).")
        return ("berkas berada di luar folder rilis mana pun",
                "simpan foto di folder rilisnya, di samping index.md "
                "(mis. content/rilis/2026/11/slug-rilis/foto-utama.jpg).")
    if not folder:
        return ("berkas di akar folder konten tidak diterbitkan",
                "beranda dibuat otomatis; halaman lain adalah folder dengan index.md, "
                "mis. content/kontak/index.md.")
    if name.endswith((".md", ".markdown", ".mdown", ".mkd", ".mkdn")):
        return ("hanya index.md yang diterbitkan dari sebuah folder",
                "jadikan halaman ini folder sendiri: content/nama-halaman/index.md.")
    return ("berkas tidak termasuk halaman mana pun",
            "hapus berkas ini, atau simpan foto di samping index.md halaman yang memakainya.")


@dataclass(frozen=True)
class Parsed:
    """A release file read and validated against the schema (no files, no registries)."""

    front: BaseModel | None  # None when the schema found errors
    data: dict
    lines: dict
    split: Split


def parse_release(cfg: SiteConfig, raw: bytes, rel: str,
                  schema: type[BaseModel] = FrontMatter) -> tuple[Parsed | None, list[Problem]]:
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
        fm = schema.model_validate(data, context={"tz": cfg.tz})
    except ValidationError as error:
        front_lines = text.split("\n")
        problems.extend(_comment_hint(p, front_lines) for p in translate_errors(error, rel, lines, schema))
        fm = None
    return Parsed(fm, data, lines, split), problems


_CUT_BY_COMMENT = re.compile(r"^\s*(?:- )?[\w.-]+:\s+[^'\"\s|>].*?\s#")


def _comment_hint(problem: Problem, lines: list[str]) -> Problem:
    """A value cut short by ` #` (YAML reads the rest as a comment) says so in its hint."""
    line = lines[problem.line - 1] if problem.line and problem.line <= len(lines) else ""
    if not _CUT_BY_COMMENT.match(line):
        return problem
    return dataclasses.replace(problem, hint=(problem.hint or "") + (
        " Catatan: di YAML, spasi lalu # memulai komentar, jadi teks sesudahnya terbuang; tulis "
        "nilainya dalam tanda kutip, mis. `title: \"Bupati #1 …\"`.").lstrip())


class _Checker:
    """Problems of one bundle's index.md, and the rules a release and a page share: the body's
    HTML, personal data in every text field, and the photos the file references."""

    def __init__(self, cfg: SiteConfig, src_uri: str, siblings: tuple[str, ...]):
        self.cfg, self.src_uri, self.siblings = cfg, src_uri, siblings
        self.rel = f"{cfg.docs_dir}/{src_uri}"
        self.folder = posixpath.dirname(src_uri)
        self.problems: list[Problem] = []

    def problem(self, line, field_, message, hint=None) -> None:
        self.problems.append(Problem(self.rel, line, field_, message, hint))

    def parse(self, schema: type[BaseModel]) -> Parsed | None:
        parsed, found = parse_release(self.cfg, (self.cfg.content_dir / self.src_uri).read_bytes(),
                                      self.rel, schema)
        self.problems.extend(found)
        if parsed is not None:
            self.text(parsed)
        return parsed

    def text(self, parsed: Parsed) -> None:
        split = parsed.split
        for line, message, hint in bodycheck.html_problems(split.body):
            self.problem(split.body_line + line - 1, "isi", message, hint)
        texts = [(split.body, split.body_line, "isi")]
        texts += [(value, line_of(parsed.lines, path), _dotted(path))
                  for path, value in _strings(parsed.data)]
        draft = parsed.data.get("draft") is True  # a draft may keep `scripts/warta new`'s examples
        for value, first, where in texts:
            for line, message, hint in bodycheck.personal_data(value, self.cfg.official_email_domains):
                self.problem((first or 1) + line - 1, where, message, hint)
            if where != "isi":  # written as a YAML escape ("\u202e"): the raw text never held it
                for _, message, hint in invisible_characters(value):
                    self.problem(first, where, message, hint)
            for line, example in [] if draft else placeholders.found(value):
                self.problem((first or 1) + (line - 1 if where == "isi" else 0), where,
                             *placeholders.problem(example))

    def photos(self, refs: list[tuple[int | None, str, str]]) -> dict[str, photos.Plan]:
        """Check every photo reference (line, field, name as written); plans by name. Then every
        file of the bundle that no reference uses is a problem of its own."""
        plans: dict[str, photos.Plan] = {}
        for line, where, src in refs:
            if src in plans:
                continue
            plan = self._photo(line, where, src)
            if plan is not None:
                plans[src] = plan
        used = {src for _, _, src in refs}
        for name in self.siblings:
            if name in used:
                continue
            path = f"{self.cfg.docs_dir}/{self.folder}/{name}"
            if PurePosixPath(name).suffix.lower() in photos.PHOTO_SUFFIXES:
                self.problems.append(Problem(
                    path, None, None, f"foto '{name}' tidak dipakai oleh {self.folder}/index.md",
                    f"hapus foto ini, atau pakai: sebagai foto utama (`image:` lalu `src: {name}`) "
                    f"atau di isi (`![keterangan foto]({name})`). Foto yang tidak dipakai tidak "
                    "diterbitkan."))
            else:
                trail = self.src_uri.startswith("rilis/") and difflib.SequenceMatcher(
                    None, name.casefold(), kliping.FILE).ratio() >= 0.75
                self.problems.append(Problem(
                    path, None, None, f"berkas '{name}' tidak bisa diterbitkan",
                    f"maksud Anda: {kliping.FILE}? ganti namanya menjadi {kliping.FILE} (jejak "
                    "publikasi rilis ini)." if trail else
                    "hapus berkas ini; dari folder rilis atau halaman hanya index.md dan foto yang "
                    "dipakainya (JPEG, PNG, WebP, GIF) yang diterbitkan. Dokumen seperti PDF "
                    "tautkan dari situs resmi instansi."))
        return plans

    def _photo(self, line, where, src: str) -> photos.Plan | None:
        """The plan of one referenced photo (`src` a file name beside index.md), or None after
        saying what is wrong."""
        if "/" in src or "\\" in src or src in {".", ".."} or bodycheck.bundle_file(src) != src:
            inside = posixpath.normpath(src.replace("\\", "/"))
            remote = bodycheck.image_problem(src) if bodycheck.leaves_site(src) else None
            if remote:
                self.problem(line, where, *remote)
            elif inside.startswith(("/", "../")) or inside == "..":
                self.problem(line, where, f"foto '{src}' berada di luar folder rilis",
                             "simpan foto di folder yang sama dengan index.md dan tulis namanya "
                             "saja, mis. `foto-utama.jpg`.")
            elif "/" in inside and bodycheck.bundle_file(inside.split("/")[-1]) is not None:
                self.problem(line, where, f"foto '{src}' berada di sub-folder",
                             "simpan foto langsung di samping index.md (tanpa sub-folder) dan tulis "
                             "namanya saja, mis. `foto-utama.jpg`.")
            else:
                self.problem(line, where, *(bodycheck.image_problem(src) or (
                    f"foto '{src}' bukan nama berkas di folder rilis",
                    "tulis nama berkas foto saja, mis. `foto-utama.jpg`.")))
            return None
        if src not in self.siblings:
            present = [n for n in self.siblings if PurePosixPath(n).suffix.lower() in photos.PHOTO_SUFFIXES]
            self.problem(line, where, f"berkas foto '{src}' tidak ditemukan",
                         (f"foto di folder ini: {', '.join(present)}. " if present else "") +
                         "unggah fotonya ke folder ini, atau perbaiki namanya (huruf besar/kecil "
                         "berpengaruh).")
            return None
        if PurePosixPath(src).suffix.lower() not in photos.PHOTO_SUFFIXES:
            self.problem(line, where, f"'{src}' bukan foto (JPEG, PNG, WebP atau GIF)",
                         "gunakan berkas .jpg atau .png.")
            return None
        try:
            return photos.plan(self.cfg.content_dir / self.folder / src, self.cfg.photo_widths,
                               self.cfg.max_photo_mb,
                               cache_dir=self.cfg.root / self.cfg.cache_dir / "photos")
        except photos.PhotoProblem as e:
            self.problem(line, where, e.message, e.hint)
            return None

    def body_refs(self, split: Split) -> list[tuple[int | None, str, str]]:
        """The body's images that name a file beside index.md (the body check reports the rest)."""
        return [(split.body_line + line - 1, "isi", name) for line, src in bodycheck.image_refs(split.body)
                if (name := bodycheck.bundle_file(src)) is not None]

    def attachments(self, plans: dict[str, photos.Plan]) -> tuple[Attachment, ...]:
        return tuple(Attachment(f"{self.folder}/{name}", plan.renditions, plan.fallback)
                     for name, plan in plans.items())


def _strings(data: Any, path: Path_ = ()):
    """Every text value of the front matter with its key path (dates and slugs included:
    scanning them costs nothing and no rule has to know which fields are published)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, path + (i,))


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def load_release(cfg: SiteConfig, registries: Registries | None, src_uri: str, m: re.Match,
                 siblings: tuple[str, ...], clock: datetime) -> tuple[Release | None, list[Problem]]:
    """Validate one release bundle (its kliping.yml too). Returns (release or None, problems)."""
    check = _Checker(cfg, src_uri, tuple(n for n in siblings if n != kliping.FILE))
    problem = check.problem
    parsed = check.parse(FrontMatter)
    if parsed is None:
        return None, check.problems
    fm, data, lines, split = parsed.front, parsed.data, parsed.lines, parsed.split

    year, month, slug = m.group(1), m.group(2), m.group(3)
    if not _SLUG.match(slug) or len(slug) > 80:
        problem(None, None, f"nama folder '{slug}' tidak bisa menjadi alamat",
                f"gunakan huruf kecil, angka dan tanda hubung, mis. '{slugify(slug)[:80]}'.")
    if not 1 <= int(month) <= 12:
        problem(None, None, f"bulan '{month}' pada jalur berkas tidak ada",
                "gunakan folder bulan 01–12.")

    raw_image = data.get("image")
    hero_src = raw_image.get("src") if isinstance(raw_image, dict) else None
    refs = ([(line_of(lines, ("image", "src")), "image.src", hero_src)] if isinstance(hero_src, str) else [])
    plans = check.photos(refs + check.body_refs(split))
    clippings: tuple = ()
    if kliping.FILE in siblings:  # a regular file (the scan never lists a link)
        clippings, found = kliping.read(
            cfg.content_dir / check.folder / kliping.FILE, f"{cfg.docs_dir}/{check.folder}/{kliping.FILE}",
            registries.partners if registries else None, fm.date if fm else None, clock, cfg.tz,
            partners_path(cfg.registries))
        check.problems.extend(found)

    if registries is None:
        return None, check.problems

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
        _check_notes(fm, lines, problem, clock)
        if fm.social:
            link = f"{cfg.site_url}rilis/{year}/{month}/{slug}/"
            for field_, message in sharekit.override_problems(fm.social, link):
                problem(line_of(lines, tuple(field_.split("."))), field_, message,
                        "persingkat teksnya; tautan rilis ditambahkan otomatis bila belum ada "
                        "(di X dihitung 23 karakter).")
    if check.problems or fm is None or category is None or unit is None:
        return None, check.problems

    image = None
    if fm.image and fm.image.src in plans:
        plan = plans[fm.image.src]
        image = Photo(src=fm.image.src, source=str(cfg.content_dir / check.folder / fm.image.src),
                      alt=fm.image.alt, credit=fm.image.credit, caption=fm.image.caption,
                      width=plan.width, height=plan.height, renditions=plan.renditions,
                      fallback=plan.fallback, digest=plan.digest)
    tags: dict[str, Tag] = {}
    for name in fm.tags:
        tags.setdefault(slugify(name), Tag(slugify(name), name))
    release = Release(
        path=check.rel, src_uri=src_uri, url=f"rilis/{year}/{month}/{slug}/", slug=slug,
        title=" ".join(fm.title.split()), date=fm.date, summary=" ".join(fm.summary.split()),
        category=category, unit=unit, type=fm.type, tags=tuple(tags.values()), image=image,
        location=fm.location or cfg.default_location, contact=contact, claim=fm.claim,
        draft=fm.draft, updates=tuple(fm.updates), withdrawn=fm.withdrawn, social=fm.social,
        body=split.body, body_line=split.body_line, photos=check.attachments(plans),
        time_given=time_written(data.get("date")), clippings=clippings)
    return release, check.problems


def load_page(cfg: SiteConfig, src_uri: str, siblings: tuple[str, ...]) -> tuple[Page | None, list[Problem]]:
    """Validate a page outside rilis/ (`tentang/index.md` …) by the rules of a release body."""
    check = _Checker(cfg, src_uri, siblings)
    folder = check.folder
    if folder.split("/")[0] in RESERVED:
        check.problem(None, None, f"folder '{folder.split('/')[0]}/' dipakai oleh halaman buatan Warta",
                      "pilih nama folder lain untuk halaman ini, mis. content/profil/index.md.")
    bad = [part for part in folder.split("/") if not _SLUG.match(part)]
    if bad:
        check.problem(None, None, f"nama folder '{bad[0]}' tidak bisa menjadi alamat",
                      f"gunakan huruf kecil, angka dan tanda hubung, mis. '{slugify(bad[0])}'.")
    parsed = check.parse(PageFront)
    if parsed is None:
        return None, check.problems
    plans = check.photos(check.body_refs(parsed.split))
    fm = parsed.front
    if check.problems or fm is None:
        return None, check.problems
    return Page(path=check.rel, src_uri=src_uri, url=f"{folder}/", title=" ".join(fm.title.split()),
                description=" ".join(fm.description.split()), date=fm.date, draft=fm.draft,
                body=parsed.split.body, body_line=parsed.split.body_line,
                photos=check.attachments(plans), time_given=time_written(parsed.data.get("date"))), []


def _try_date(value, cfg: SiteConfig):
    try:
        return parse_date(value, cfg.tz)
    except Exception:
        return None


def _check_notes(fm: FrontMatter, lines, problem, clock: datetime) -> None:
    """Correction notes come after the release, in order, one per moment, never ahead of the
    clock (a note dated tomorrow would claim a change that has not happened yet)."""
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
        elif update.date > clock:
            problem(where, f"updates[{i}].date", "catatan perubahan bertanggal di masa depan",
                    "tulis waktu perubahan yang sebenarnya (sekarang atau sebelumnya). Rilis yang "
                    "belum terbit boleh diubah langsung tanpa catatan.")
        seen.add(update.date)
        previous = max(previous, update.date)
    if fm.withdrawn and fm.withdrawn.date <= fm.date:
        problem(line_of(lines, ("withdrawn", "date")), "withdrawn.date",
                "tanggal penarikan sebelum rilis terbit", "tanggal penarikan harus setelah `date`.")
    elif fm.withdrawn and fm.withdrawn.date > clock:
        problem(line_of(lines, ("withdrawn", "date")), "withdrawn.date",
                "tanggal penarikan di masa depan",
                "tulis waktu penarikan yang sebenarnya (sekarang atau sebelumnya).")
