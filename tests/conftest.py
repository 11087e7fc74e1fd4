"""Shared fixtures: small real site projects in temporary folders, built with real MkDocs."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "hooks", "theme", "data", "tahap")


def make_project(dest: Path, *, demo: bool = False) -> Path:
    """A site project in `dest`: our config, hooks, theme and registries; demo content or
    just the `tentang` page (tests add their own releases)."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    if demo:
        shutil.copytree(REPO / "content", dest / "content")
    else:
        (dest / "content" / "tentang").mkdir(parents=True)
        (dest / "content" / "tentang" / "index.md").write_text("---\ntitle: Tentang\n---\n\nTentang kami.\n")
    return dest


def photo(path: Path, size=(1600, 1067), mode="RGB", exif=True, color=(40, 110, 170)) -> Path:
    """A JPEG/PNG with camera serial and GPS in its EXIF, like one straight off a phone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new(mode, size, color if mode == "RGB" else color + (128,))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "KameraMerk"  # Make
        data[0x0110] = "Model X"  # Model
        data[0xA431] = "SN-1234567"  # BodySerialNumber (in the Exif IFD, also fine at top level)
        data[0x8825] = {1: "S", 2: (4.0, 30.0, 0.0), 3: "E", 4: (102.0, 50.0, 0.0)}  # GPS
        kwargs["exif"] = data
    image.save(path, **kwargs)
    return path


GOOD = {
    "title": "Bupati Resmikan Jembatan Gantung Desa Talang Mulya",
    "date": "2026-11-16T09:30:00+07:00",
    "summary": "Jembatan gantung sepanjang 84 meter kini menghubungkan dua dusun yang selama ini "
               "terpisah Sungai Baru.",
    "category": "pembangunan",
    "unit": "dpupr",
}


def front(fields: dict) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def write_release(root: Path, rel: str = "rilis/2026/11/jembatan-talang-mulya", *, text: str | None = None,
                  body: str = "Warga kini bisa menyeberang dengan aman.\n", **fields) -> Path:
    """Write a release bundle under `root/content/`; `fields` override GOOD (None removes)."""
    data = {**GOOD, **fields}
    data = {k: v for k, v in data.items() if v is not None}
    path = root / "content" / rel / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else front(data) + "\n" + textwrap.dedent(body),
                    encoding="utf-8")
    return path


def run_warta(root: Path, *args: str, env: dict | None = None, check=False) -> subprocess.CompletedProcess:
    """Run the real CLI (`python -m warta`) in a project folder."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
                "COLUMNS": "200", **(env or {})}
    done = subprocess.run([sys.executable, "-m", "warta", *args], cwd=root, env=full_env,
                          capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"warta {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


DEMO_NOW = "2026-11-23T12:00:00+07:00"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The shipped demo content, built once with the real CLI (strict), clock frozen."""
    root = make_project(tmp_path_factory.mktemp("demo") / "proj", demo=True)
    run_warta(root, "build", env={"WARTA_NOW": DEMO_NOW}, check=True)
    return root / "site"


def site_outputs(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, gzip-compressed ones (Pagefind's index and
    fragments, sitemap.xml.gz) decompressed, so a search for leaked text sees everything."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            out[path.relative_to(site).as_posix()] = data
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """A built site served on a free loopback port; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


CHROMIUM = "/usr/bin/chromium"  # Debian's package, never a downloaded browser


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: scripts/test installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()
