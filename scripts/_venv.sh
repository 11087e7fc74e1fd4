# Sourced by scripts/warta, scripts/test and scripts/bench: make sure .venv exists and holds
# exactly the pinned requirements (re-installs only when a requirements file changed).
# Usage: warta_venv base|test
warta_venv() {
  local kind="$1" root py stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  py="${PYTHON:-python3}"
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Warta memerlukan Python 3.11 atau lebih baru (ditemukan: $("$py" --version 2>&1))." >&2
    return 1
  fi
  if [ ! -x "$root/.venv/bin/python" ]; then
    echo "Menyiapkan lingkungan Python di .venv …" >&2
    "$py" -m venv "$root/.venv" || return 1
  fi
  want="$kind:$(cat "$root/requirements/base.txt" "$root/requirements/$kind.txt" | sha256sum | cut -c1-16)"
  stamp="$root/.venv/.warta-$kind"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Memasang paket yang dipatok (requirements/$kind.txt) …" >&2
    "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      -r "$root/requirements/$kind.txt" || return 1
    echo "$want" > "$stamp"
  fi
  export NO_MKDOCS_2_WARNING=1
  WARTA_ROOT="$root"
}
