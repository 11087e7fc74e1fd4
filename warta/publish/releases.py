"""Publishing to a folder (`file:///path`) or a server over SSH (`ssh://user@host[:port]/path`).

Both keep the same layout in the target folder, written by rsync (locally, or over ssh):

    releases/000007-20261203T091500Z/   complete versions, numbered (the newest 3 are kept)
    releases/.unggah/                   the version being uploaded
    current -> releases/000007-…        the folder the web server serves (a relative symlink)

A publish uploads into `releases/.unggah/` with `--checksum` (never timestamps) and
`--link-dest` against the live version, so unchanged files become hard links and only
changed ones travel. Then one step on the target renames it to the next number and switches
`current` with `ln -sfn` + `mv -T` (an atomic rename): visitors see the old site or the new
one, never a half-uploaded one. An interrupted upload leaves `current` as it was; the next
publish reuses what is already in `releases/.unggah/`. `--rollback` points `current` back at
the previous version (and removes the abandoned one). The steps on the target are one POSIX
shell script (`LAYOUT`), run by `sh` locally or through ssh, so both targets share one tested
implementation; GNU coreutils (`mv -T`, `readlink`) are needed there.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from urllib.parse import SplitResult, unquote

from . import tools
from .tools import Plan, PublishError, Result

KEEP = 3  # versions kept on the target, the live one included
PARTIAL = "releases/.unggah"
RSYNC = ["--recursive", "--perms", "--chmod=D755,F644", "--exclude=/.warta-situs", "--itemize-changes",
         "--timeout=120"]
SSH_OPTIONS = ["-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "-o", "ServerAliveInterval=15",
               "-o", "ServerAliveCountMax=4"]
_SAFE_PATH = re.compile(r"/[A-Za-z0-9._/-]*")

LAYOUT = r"""
set -eu
action=$1 base=$2
versions() { ls -1 "$base/releases" 2>/dev/null | grep '^[0-9][0-9][0-9][0-9][0-9][0-9]-' | sort || true; }
live() {
  [ -L "$base/current" ] || return 0
  link=$(readlink "$base/current")
  case $link in releases/[0-9][0-9][0-9][0-9][0-9][0-9]-*) ;; *) return 0 ;; esac
  if [ -d "$base/$link" ]; then echo "${link#releases/}"; fi
}
swap() { ln -sfn "releases/$1" "$base/current.baru" && mv -T "$base/current.baru" "$base/current"; }
case $action in
status)
  if [ ! -e "$base" ]; then echo none; exit 0; fi
  if [ ! -d "$base" ]; then echo notdir; exit 0; fi
  if [ -L "$base/current" ]; then
    link=$(readlink "$base/current"); id=$(live)
    if [ -n "$id" ]; then echo "live $id"
    else case $link in releases/*) echo "broken $link" ;; *) echo "foreign $link" ;; esac; fi
  elif [ -e "$base/current" ]; then echo notlink; fi
  if [ -d "$base/releases/.unggah" ]; then echo partial; fi ;;
prepare)
  mkdir -p "$base/releases" ;;
finish)
  deleted=$3 keep=$4
  cd "$base"
  id=$(live)
  changed=$(find releases/.unggah -type f -links 1 | wc -l | tr -d ' ')
  if [ -n "$id" ] && [ "$changed" -eq 0 ] && [ "$deleted" -eq 0 ]; then
    rm -rf releases/.unggah; echo "same $id"; exit 0
  fi
  last=$(versions | tail -n 1); n=$(echo "${last%%-*}" | sed 's/^0*//')
  new=$(printf '%06d' $((${n:-0} + 1)))-$(date -u +%Y%m%dT%H%M%SZ)
  mv -T releases/.unggah "releases/$new"
  swap "$new"
  count=$(versions | wc -l | tr -d ' ')
  if [ "$count" -gt "$keep" ]; then
    versions | head -n $((count - keep)) | while read -r old; do
      if [ "$old" != "$new" ]; then rm -rf "releases/$old"; fi
    done
  fi
  echo "new $new $changed" ;;
rollback)
  id=$(live)
  if [ -z "$id" ]; then echo none; exit 0; fi
  previous=$(versions | awk -v live="$id" '$0 < live' | tail -n 1)
  if [ -z "$previous" ]; then echo "alone $id"; exit 0; fi
  if [ "$3" = dry ]; then echo "would $id $previous"; exit 0; fi
  swap "$previous"
  rm -rf "$base/releases/$id"
  echo "rolled $id $previous" ;;
esac
"""


class Releases:
    """A target folder on this machine (`ssh` None) or on a server over ssh."""

    label = "rsync"

    def __init__(self, url: str, path: str, ssh: list[str] | None, host: str | None,
                 environ: os._Environ | dict[str, str]):
        self.url, self.base, self.ssh, self.host, self.environ = url, path, ssh, host, environ
        self.rsync = tools.program("rsync", url)
        self.bwlimit = tools.bwlimit(url, environ)

    # -- the steps ---------------------------------------------------------------------------
    def plan(self, site: Path, *, full: bool) -> Plan:
        """What a publish would change (nothing is changed): the files it would delete and,
        with `full`, how many it would upload (a checksum comparison of every file)."""
        status = self._status()
        total = count_files(site)
        if status.get("live") is None:
            return Plan(total, [], total if full else None, partial="partial" in status)
        live = f"{self.base}/current/"
        # Without `full`, only deletions: no checksums, no file compared (a listing on each side).
        args = ["--dry-run", "--delete", *(["--checksum"] if full else ["--existing", "--ignore-existing"])]
        done = self._rsync(site, live, *args, dry=True)
        uploads, deleted = _itemized(done.stdout)
        return Plan(total, deleted, uploads if full else None, live=status["live"],
                    partial="partial" in status)

    def apply(self, site: Path, plan: Plan, say) -> Result:
        if self.ssh:  # the server's rsync makes the folder first (one connection fewer)
            prepare = [f"--rsync-path=mkdir -p {shlex.quote(self.base + '/releases')} && rsync"]
        else:
            self._script("prepare")
            prepare = []
        link = [f"--link-dest={self.base}/releases/{plan.live}"] if plan.live else []
        say(f"Mengunggah berkas yang berubah ke {PARTIAL}/ di target"
            + (" (melanjutkan unggahan yang terputus)" if plan.partial else "") + " …")
        done = self._rsync(site, f"{self.base}/{PARTIAL}/", "--checksum", "--delete", *prepare, *link)
        uploaded, _ = _itemized(done.stdout)
        answer = _answer(self._script("finish", str(len(plan.deleted)), str(KEEP)))
        if answer[:1] == ["same"]:
            return Result(uploaded, plan.total - uploaded, 0, True, answer[1])
        if answer[:1] != ["new"] or len(answer) < 2:
            raise PublishError(self.url, f"jawaban tak terduga dari target: {' '.join(answer)[:200]}")
        return Result(uploaded, plan.total - uploaded, len(plan.deleted), False, answer[1])

    def rollback(self, *, dry: bool) -> tuple[str, str]:
        """(the version that was live, the one live now or, with `dry`, the one that would be)."""
        answer = _answer(self._script("rollback", "dry" if dry else "do"))
        if answer[:1] == ["none"]:
            raise PublishError(self.url, "belum ada versi Warta yang tayang di target ini",
                               "terbitkan dulu dengan `scripts/warta publish --target …`.")
        if answer[:1] == ["alone"]:
            raise PublishError(self.url, f"tidak ada versi sebelum {answer[1]} di target",
                               "--rollback hanya bisa kembali ke versi yang masih disimpan (paling "
                               f"banyak {KEEP - 1} versi sebelumnya).")
        if answer[:1] not in (["would"], ["rolled"]) or len(answer) < 3:
            raise PublishError(self.url, f"jawaban tak terduga dari target: {' '.join(answer)[:200]}")
        return answer[1], answer[2]

    # -- running things there ---------------------------------------------------------------
    def _status(self) -> dict[str, str | None]:
        status: dict[str, str | None] = {}
        for line in self._script("status").splitlines():
            word, _, rest = line.partition(" ")
            status[word] = rest or None
        if "notdir" in status:
            raise PublishError(self.url, f"'{self.base}' di target adalah berkas, bukan folder",
                               "pilih folder lain sebagai target.")
        if "notlink" in status:
            raise PublishError(self.url, f"'{self.base}/current' di target adalah folder biasa, bukan "
                                         "tautan simbolik (symlink) ke versi Warta",
                               "pindahkan isi folder itu (mis. situs lama yang diunggah manual) lalu "
                               "terbitkan lagi; Warta tidak menimpanya.")
        if "foreign" in status:
            raise PublishError(self.url, f"'{self.base}/current' menunjuk ke '{status['foreign']}', di luar "
                                         "releases/ milik Warta",
                               "kembalikan atau hapus tautan itu; Warta tidak mengubahnya.")
        return status

    def _script(self, *args: str) -> str:
        command = [*self.ssh, "sh -s -- " + shlex.join([args[0], self.base, *args[1:]])] if self.ssh \
            else ["sh", "-s", "--", args[0], self.base, *args[1:]]
        done = tools.run(command, env=dict(self.environ), input=LAYOUT)
        if done.returncode != 0:
            raise self._failure(done, "langkah di target")
        return done.stdout

    def _rsync(self, site: Path, dest: str, *args: str, dry: bool = False) -> tools.Done:
        remote = ["-e", shlex.join(self.ssh[:-1])] if self.ssh else []
        limit = [f"--bwlimit={self.bwlimit}"] if self.bwlimit and not dry else []
        where = f"{self.host}:{dest}" if self.host else dest
        done = tools.run([self.rsync, *RSYNC, *limit, *remote, *args, f"{site.resolve()}/", where],
                         env=dict(self.environ))
        if done.returncode != 0:
            raise self._failure(done, "rsync")
        return done

    def _failure(self, done: tools.Done, what: str) -> PublishError:
        text = done.stderr
        found = _known(text)
        if found:
            return PublishError(self.url, *found)
        if what == "rsync" and done.returncode == 24:
            return PublishError(self.url, "berkas di folder situs berubah selama diunggah",
                                "tunggu build selesai, lalu jalankan lagi perintah ini.")
        return PublishError(self.url, f"{what} gagal (kode {done.returncode}): "
                                      f"{tools.last_line(text, self.environ)}",
                            "periksa pesan di atas dan izin tulis folder target, lalu jalankan lagi "
                            "perintah ini; situs yang tayang tidak berubah.")


def _answer(stdout: str) -> list[str]:
    """The words of the script's last line (a login shell may print something before)."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    return lines[-1].split() if lines else []


def _known(stderr: str) -> tuple[str, str] | None:
    """What a familiar ssh/rsync failure means, in Indonesian."""
    if "Host key verification failed" in stderr or "HOST IDENTIFICATION HAS CHANGED" in stderr:
        return ("kunci host server tidak dikenal atau berubah; sambungan dihentikan demi keamanan",
                "pastikan sidik jari kunci server benar (tanyakan admin server), lalu tambahkan ke "
                "~/.ssh/known_hosts atau ke berkas yang ditunjuk WARTA_SSH_KNOWN_HOSTS.")
    if "UNPROTECTED PRIVATE KEY FILE" in stderr:
        return ("berkas kunci SSH bisa dibaca pengguna lain, jadi ssh menolak memakainya",
                "jalankan chmod 600 pada berkas kunci itu, lalu jalankan lagi perintah ini.")
    if "Permission denied (" in stderr or "Too many authentication failures" in stderr:
        return ("login ke server ditolak: kunci SSH salah atau belum dipasang di server",
                "pasang kunci publik Anda di ~/.ssh/authorized_keys pengguna itu di server, atau "
                "tunjuk kunci yang benar dengan WARTA_SSH_KEY.")
    if re.search(r"Could not resolve hostname|Name or service not known|Connection refused|"
                 r"Connection timed out|No route to host|Network is unreachable|"
                 r"Connection closed by|Connection reset by", stderr):
        return ("server tidak bisa dihubungi (alamat, port atau jaringan salah, atau server mati)",
                "periksa alamat dan port di --target dan sambungan jaringan, lalu coba lagi.")
    if re.search(r"rsync: (command )?not found|rsync: No such file", stderr):
        return ("rsync belum terpasang di server",
                "pasang rsync di server (sudo apt install rsync), lalu jalankan lagi perintah ini.")
    return None


def _itemized(stdout: str) -> tuple[int, list[str]]:
    """Files rsync sent, and files it deleted (or would), from `--itemize-changes`."""
    sent, deleted = 0, []
    for line in stdout.splitlines():
        if line[:2] in ("<f", ">f"):
            sent += 1
        elif line.startswith("*deleting ") and not line.endswith("/"):
            deleted.append(line[len("*deleting "):].strip())
    return sent, deleted


def count_files(site: Path) -> int:
    """Regular files of the site that are published (Warta's marker is not)."""
    total, folders = 0, [site]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += 1
    return total - (site / ".warta-situs").is_file()


def from_url(url: str, parts: SplitResult, environ: os._Environ | dict[str, str]) -> Releases:
    """The target of a `file://` or `ssh://` address (checked; nothing contacted yet)."""
    path = unquote(parts.path).rstrip("/") or "/"
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise PublishError(url, "alamat file:// hanya untuk folder di komputer ini",
                               "tulis file:///jalur/lengkap (tiga garis miring), atau pakai ssh://.")
        if path == "/" or not path.startswith("/"):
            raise PublishError(url, "target file:// harus jalur lengkap ke sebuah folder",
                               "tulis mis. file:///srv/warta (tiga garis miring).")
        return Releases(url, path, None, None, environ)
    if parts.password is not None:
        raise PublishError(url, "alamat target berisi kata sandi",
                           "hapus kata sandi dari alamat; Warta masuk ke server dengan kunci SSH.")
    if not parts.hostname:
        raise PublishError(url, "alamat ssh:// tanpa nama server",
                           "tulis ssh://pengguna@server/jalur/folder, mis. ssh://warta@192.0.2.10/srv/warta.")
    if path == "/" or not _SAFE_PATH.fullmatch(path):
        raise PublishError(url, "jalur folder di server harus jalur lengkap (diawali /) dan hanya "
                                "berisi huruf, angka dan . _ - /",
                           "tulis mis. ssh://warta@server/srv/warta.")
    try:
        port = parts.port
    except ValueError:
        raise PublishError(url, "nomor port di alamat ssh:// tidak valid",
                           "tulis mis. ssh://warta@server:2222/srv/warta.") from None
    ssh = [tools.program("ssh", url), *SSH_OPTIONS]
    if port:
        ssh += ["-p", str(port)]
    for env_name, option in (("WARTA_SSH_KEY", "-i"), ("WARTA_SSH_KNOWN_HOSTS", None)):
        value = environ.get(env_name, "").strip()
        if not value:
            continue
        if not os.path.isfile(value):
            raise PublishError(url, f"{env_name} menunjuk ke '{value}', yang bukan berkas",
                               f"setel {env_name} ke jalur berkas yang ada, atau kosongkan.")
        ssh += [option, value, "-o", "IdentitiesOnly=yes"] if option else \
            ["-o", f"UserKnownHostsFile={value}", "-o", "StrictHostKeyChecking=yes"]
    user = f"{unquote(parts.username)}@" if parts.username else ""
    bracketed = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname  # rsync's IPv6 form
    return Releases(url, path, [*ssh, user + parts.hostname], user + bracketed, environ)
