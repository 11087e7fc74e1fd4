"""The pinned Decap CMS files the web editor loads from the site itself (no CDN, no Node).

`editor/decap-cms.lock.json` pins the npm package like a lockfile entry: version, tarball and
its sha512 integrity. The build takes the tarball from the cache (the project's
`.cache/warta/editor/`, then the user's `~/.cache/warta/`), or downloads it once from the npm
registry; refuses it unless its sha512 matches the pin; and extracts only the browser bundle
(`decap-cms.js`, its lazy chunks and WebAssembly, the licence notice) into
`.cache/warta/editor/decap-cms-<version>/`, with a manifest of their sha256. Every build checks
those files against the manifest and hard-links them into `site/admin/` (no network once
cached).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .config import SiteConfig
from .problems import Problem

EDITOR_DIR = Path(__file__).resolve().parent.parent / "editor"
LOCK = EDITOR_DIR / "decap-cms.lock.json"
_WANTED = re.compile(r"package/dist/((?:\d+\.)?decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)")
_MAX_MEMBER = 20 * 1024 * 1024  # the main bundle is about 5 MB
_MANIFEST = "MANIFEST.json"


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    resolved: str
    integrity: str  # "sha512-<base64>"

    @property
    def tarball(self) -> str:
        return f"{self.name}-{self.version}.tgz"


class DecapError(Exception):
    """The editor's files cannot be had: carries one Indonesian problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format_text())


def read_pin(path: Path = LOCK) -> Pin:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Pin(data["name"], data["version"], data["resolved"], data["integrity"])


def matches(data: bytes, integrity: str) -> bool:
    """Subresource-integrity check as npm does it (`sha512-<base64>`)."""
    algo, _, digest = integrity.partition("-")
    if algo != "sha512":
        return False
    return base64.b64encode(hashlib.sha512(data).digest()).decode() == digest


def user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "warta"


def dist_files(cfg: SiteConfig, pin: Pin | None = None) -> dict[str, Path]:
    """The verified browser files of the pinned Decap CMS, by file name, from the cache
    (extracted from the verified tarball when the cache lacks them or they changed)."""
    pin = pin or read_pin()
    folder = cfg.root / cfg.cache_dir / "editor" / f"{pin.name}-{pin.version}"
    files = _verified(folder, pin)
    if files is None:
        _extract(_tarball(cfg, pin), folder, pin)
        files = _verified(folder, pin)
        if files is None:  # pragma: no cover - only if the disk changes under us
            raise DecapError(_problem(pin, "berkas editor di tembolok berubah saat dibaca",
                                      "hapus folder .cache/warta/editor/ lalu bangun ulang."))
    return files


def _verified(folder: Path, pin: Pin) -> dict[str, Path] | None:
    try:
        manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if manifest.get("integrity") != pin.integrity or not manifest.get("files"):
        return None
    out = {}
    for name, digest in manifest["files"].items():
        path = folder / name
        try:
            if path.is_symlink() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                return None
        except OSError:
            return None
        out[name] = path
    return out if "decap-cms.js" in out else None


def _tarball(cfg: SiteConfig, pin: Pin) -> bytes:
    """The tarball's bytes, verified: from the project cache, the user cache or the registry."""
    project = cfg.root / cfg.cache_dir / "editor" / pin.tarball
    shared = user_cache() / "editor" / pin.tarball
    for path in (project, shared):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if matches(data, pin.integrity):
            if path is shared:
                _store(project, data)
            return data
    data = _download(pin)
    if not matches(data, pin.integrity):
        raise DecapError(_problem(
            pin, f"berkas {pin.tarball} dari registry npm tidak cocok dengan sidik sha512 yang "
            f"dipatok di {LOCK.parent.name}/{LOCK.name}; berkas ini tidak dipakai",
            "jangan lanjutkan dengan berkas lain: coba lagi nanti, dan bila tetap gagal laporkan "
            "ke pengelola repositori (mungkin unduhan dirusak di tengah jalan)."))
    for path in (project, shared):
        _store(path, data)
    return data


def _download(pin: Pin) -> bytes:
    try:
        with urllib.request.urlopen(pin.resolved, timeout=120) as response:  # noqa: S310 (https)
            return response.read(64 * 1024 * 1024)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise DecapError(_problem(
            pin, f"editor web ({pin.name} {pin.version}) belum ada di tembolok dan tidak bisa "
            f"diunduh dari {pin.resolved.split('/')[2]} ({reason})",
            "sambungkan komputer ke internet sekali saja untuk mengunduhnya (±16 MB; sesudah itu "
            "tersimpan di .cache/warta/editor/), atau setel `editor: false` di `extra.warta` "
            "mkdocs.yml untuk membangun situs tanpa editor.")) from None


def _store(path: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only costs a download next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    except OSError:
        pass


def _extract(data: bytes, folder: Path, pin: Pin) -> None:
    """Only the wanted regular files, by exact name pattern, never a path from the archive."""
    import io

    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".decap-"))
    digests = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive:
                m = _WANTED.fullmatch(member.name)
                if not m or not member.isreg() or member.size > _MAX_MEMBER:
                    continue
                content = archive.extractfile(member).read()
                (tmp / m.group(1)).write_bytes(content)
                digests[m.group(1)] = hashlib.sha256(content).hexdigest()
        (tmp / _MANIFEST).write_text(json.dumps({"integrity": pin.integrity, "files": digests},
                                                indent=1, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _problem(pin: Pin, message: str, hint: str) -> Problem:
    return Problem(f"{LOCK.parent.name}/{LOCK.name}", None, None, message, hint)
