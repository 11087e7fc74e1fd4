"""`scripts/warta editor`: the web editor against the working copy, on 127.0.0.1 only.

One loopback address serves the same `/admin/` the build writes (with the local backend in its
config) and forwards `/api/v1` to Decap's `decap-server` in git mode (the editorial workflow as
local branches `cms/rilis/…`), which listens on another loopback port. Node.js and npm are
needed for this command only; `decap-server` is installed from editor/package-lock.json.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .admin import write_admin
from .config import SiteConfig
from .decap import EDITOR_DIR
from .problems import Problem

SERVER = EDITOR_DIR / "node_modules" / "decap-server" / "dist" / "index.js"
MAX_BODY = 60 * 1024 * 1024  # decap-server accepts 50 MB of JSON (photos travel as base64)


class EditorError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format_text())


def _problem(message: str, hint: str) -> EditorError:
    return EditorError(Problem("scripts/warta editor", None, None, message, hint))


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def check_repository(cfg: SiteConfig) -> None:
    """decap-server's git mode commits with `git add .` and switches branches in the working
    copy, so it needs the repository's root, the site's branch and nothing uncommitted."""
    top = _git(cfg.root, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != cfg.root.resolve():
        raise _problem("folder ini bukan akar repositori git",
                       "jalankan perintah di folder utama repositori (tempat mkdocs.yml), yang "
                       "dibuat dengan `git clone`.")
    if _git(cfg.root, "rev-parse", "--verify", "--quiet", f"refs/heads/{cfg.repo_branch}").returncode:
        raise _problem(f"cabang '{cfg.repo_branch}' tidak ada di repositori ini",
                       f"buat atau ambil cabang itu (`git checkout {cfg.repo_branch}`), atau sesuaikan "
                       "`repo_branch` di `extra.warta` mkdocs.yml.")
    if _git(cfg.root, "var", "GIT_COMMITTER_IDENT").returncode:
        raise _problem("git belum tahu nama dan e-mail Anda (dipakai di setiap commit rilis)",
                       "jalankan sekali `git config --global user.name \"Nama Anda\"` dan "
                       "`git config --global user.email \"nama@instansi.go.id\"`, lalu jalankan lagi.")
    dirty = _git(cfg.root, "status", "--porcelain").stdout.splitlines()
    if dirty:
        shown = ", ".join(line[3:] for line in dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise _problem(f"ada perubahan yang belum di-commit ({shown})",
                       "editor menyimpan setiap rilis sebagai commit di cabangnya sendiri; commit "
                       "dulu perubahan itu (`git add` lalu `git commit`) atau simpan sementara "
                       "dengan `git stash`, lalu jalankan lagi.")


def ensure_server() -> None:
    """Node.js and the pinned decap-server (npm ci of editor/package-lock.json, once)."""
    if not shutil.which("node") or not shutil.which("npm"):
        raise _problem("Node.js dan npm belum terpasang (diperlukan hanya untuk editor lokal)",
                       "pasang dengan `sudo apt install nodejs npm`, lalu jalankan lagi. Situs "
                       "tetap bisa dibangun tanpa Node.js.")
    want = json.loads((EDITOR_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]["decap-server"]
    try:
        have = json.loads((SERVER.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        have = None
    if have == want:
        return
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                          cwd=EDITOR_DIR, capture_output=True, text=True)
    if done.returncode != 0 or not SERVER.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise _problem(f"decap-server {want} gagal dipasang dengan npm ({tail[0]})",
                       "periksa sambungan internet lalu jalankan lagi; npm memasang paket yang "
                       "dipatok di editor/package-lock.json.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Editor:
    """A running local editor: its address, the decap-server process and the admin folder."""

    url: str
    process: subprocess.Popen
    httpd: http.server.ThreadingHTTPServer
    folder: Path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(cfg: SiteConfig, registries, port: int) -> Editor:
    """Start decap-server and the loopback server; raise EditorError with what to do."""
    check_repository(cfg)
    ensure_server()
    origin = f"http://127.0.0.1:{port}"
    try:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    except OSError as error:
        raise _problem(f"port {port} di 127.0.0.1 tidak bisa dipakai ({error.strerror})",
                       "pilih port lain, mis. `scripts/warta editor --port 8090`.") from None
    folder = Path(tempfile.mkdtemp(prefix="warta-editor-"))
    try:
        write_admin(cfg, registries, folder, local_url=f"{origin}/api/v1")
    except BaseException:
        httpd.server_close()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    backend_port = free_port()
    env = {**os.environ, "MODE": "git", "BIND_HOST": "127.0.0.1", "PORT": str(backend_port),
           "GIT_REPO_DIRECTORY": str(cfg.root), "ORIGIN": origin, "LOG_LEVEL": "warn"}
    process = subprocess.Popen(["node", str(SERVER)], cwd=EDITOR_DIR, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    httpd.admin = folder / "admin"  # type: ignore[attr-defined]
    httpd.backend = backend_port  # type: ignore[attr-defined]
    httpd.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}  # type: ignore[attr-defined]
    editor = Editor(f"{origin}/admin/", process, httpd, folder)
    deadline = time.monotonic() + 30
    while not _listening(backend_port):
        if process.poll() is not None or time.monotonic() > deadline:
            message = (process.stderr.read() if process.poll() is not None else "").strip()
            editor.stop()
            raise _problem(f"decap-server tidak mau berjalan ({message.splitlines()[-1] if message else 'tidak menjawab'})",
                           "jalankan lagi; bila tetap gagal, hapus folder editor/node_modules lalu coba lagi.")
        time.sleep(0.1)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return editor


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static `/admin/` and a same-origin `/api/v1` to decap-server. Requests must name this
    loopback address as Host (DNS rebinding) and, when they carry one, as Origin."""

    server_version = "WartaEditor"
    sys_version = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(args[2].admin), **kwargs)

    def log_message(self, *args) -> None:  # quiet terminal: only Warta's own lines
        pass

    def _allowed(self) -> bool:
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        return host in self.server.hosts and (origin is None or origin.split("://", 1)[-1] in self.server.hosts)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def guess_type(self, path):  # Decap reads config.yml only when served as YAML
        return "text/yaml; charset=utf-8" if str(path).endswith(".yml") else super().guess_type(path)

    def do_GET(self) -> None:  # noqa: N802
        if not self._allowed():
            self.send_error(403)
            return
        if self.path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return
        if not self.path.startswith("/admin/"):
            self.send_error(404)
            return
        self.path = self.path[len("/admin"):]
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if (not self._allowed() or self.path != "/api/v1" or length > MAX_BODY
                or not self.headers.get("Content-Type", "").startswith("application/json")):
            self.send_error(403)
            return
        body = self.rfile.read(length)
        conn = http.client.HTTPConnection("127.0.0.1", self.server.backend, timeout=120)
        try:
            conn.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
            answer = conn.getresponse()
            data = answer.read()
        except OSError:
            self.send_error(502, "decap-server tidak menjawab")
            return
        finally:
            conn.close()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def run(cfg: SiteConfig, port: int) -> int:
    """The `scripts/warta editor` command: start, print the address, wait for Ctrl+C."""
    from .cli import err, out, print_problems
    from .decap import DecapError
    from .registry import load_registries

    registries, problems = load_registries(cfg.registries_path, cfg.registries)
    if registries is None:
        print_problems(problems, "text")
        return 1
    try:
        editor = start(cfg, registries, port)
    except (EditorError, DecapError) as error:
        print_problems([error.problem], "text")
        err.print("\n[red bold]Editor tidak dijalankan.[/]")
        return 2
    out.print(f"[green]✓[/] Editor rilis berjalan di [bold]{editor.url}[/] (hanya dari komputer ini).")
    out.print(f"  Rilis disimpan sebagai cabang git `cms/rilis/…` di repositori ini; cabang "
              f"{cfg.repo_branch} tidak diubah sampai Anda menerbitkan. Ctrl+C untuk berhenti.")
    def stop(signum, frame):  # SIGTERM (a service manager, `kill`) stops it like Ctrl+C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        while editor.process.poll() is None:
            time.sleep(0.5)
        err.print("[red]decap-server berhenti sendiri.[/] Jalankan lagi `scripts/warta editor`.")
        return 1
    except KeyboardInterrupt:
        out.print("Editor dihentikan.")
        return 0
    finally:
        editor.stop()
