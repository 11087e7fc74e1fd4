"""What the last load of the content found, reused while nothing it was made of changed.

Validating a release (YAML, schema, body checks, its photos) costs a few milliseconds; at
10,000 releases a rebuild after one edit would spend most of its time there. A bundle whose
files are unchanged (same size, modification time and inode for index.md and every file
beside it), read by the same code with the same settings and registries, gives the same
result: the valid release or page is taken from here. Only valid ones are kept, so a file
with a problem is always checked again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

_CODE = Path(__file__).parent


class LoadMemo:
    def __init__(self, root: Path, cache_dir: str, inputs: list[Path]):
        digest = hashlib.sha256(sys.version.encode())
        for path in sorted(_CODE.glob("*.py")) + inputs:
            digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b""))
        self.path = root / cache_dir / "muat" / f"{digest.hexdigest()[:20]}.pickle"
        try:
            with open(self.path, "rb") as fh:
                self.old: dict[str, tuple[str, Any, tuple]] = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
            self.old = {}
        self.new: dict[str, tuple[str, Any, tuple]] = {}

    @staticmethod
    def signature(folder: Path, names: tuple[str, ...]) -> str:
        parts = []
        for name in ("index.md", *names):
            st = os.stat(folder / name, follow_symlinks=False)
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
        return "|".join(parts)

    def get(self, src_uri: str, signature: str) -> tuple[Any, tuple] | None:
        """(the release or page, its body's links) when `src_uri` is as it was."""
        found = self.old.get(src_uri)
        if found is None or found[0] != signature:
            return None
        self.new[src_uri] = found
        return found[1], found[2]

    def put(self, src_uri: str, signature: str, item: Any, links: tuple) -> None:
        self.new[src_uri] = (signature, item, links)

    def save(self) -> None:
        if self.new.keys() == self.old.keys() and all(self.new[k][0] == self.old[k][0] for k in self.new):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for stale in self.path.parent.glob("*.pickle"):  # another code or settings version
            if stale != self.path:
                stale.unlink(missing_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(self.new, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
