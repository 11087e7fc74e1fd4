# Sourced by scripts/warta, scripts/test and scripts/bench: make sure .venv exists, was made by
# the chosen Python and holds exactly the pinned requirements (re-installs only when a
# requirements file changed).
# Usage: warta_venv base|test

WARTA_MIN_PYTHON=3.11.2  # the oldest Python the pins are tested with (Debian 12's python3)

# Prints interpreter $1's version (X.Y.Z, nothing if it is not a working Python); succeeds only
# when it can also make a venv with pip (Debian ships venv's ensurepip as python3-venv).
_warta_probe() {
  "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3]); import venv, ensurepip' 2>/dev/null
}

# Succeeds when dotted version $1 is at least $2.
_warta_at_least() {
  local IFS=. i x y a b
  read -r -a a <<< "$1"
  read -r -a b <<< "$2"
  for i in 0 1 2; do
    x="${a[i]:-0}" y="${b[i]:-0}"
    [[ "$x" =~ ^[0-9]+$ ]] || return 1
    (( x > y )) && return 0
    (( x < y )) && return 1
  done
  return 0
}

# Chooses the interpreter: $PYTHON if set, else the first of python3, python3.14 … python3.11
# on PATH that is new enough and can make a venv. Sets WARTA_PYTHON and WARTA_PYTHON_VERSION.
warta_python() {
  local c v ok pkg="" seen="" novenv=""
  if [ -n "${PYTHON:-}" ]; then set -- "$PYTHON"; else set -- python3 python3.14 python3.13 python3.12 python3.11; fi
  for c in "$@"; do
    ok=yes
    v="$(_warta_probe "$c")" || ok=""
    v="${v%%$'\n'*}"
    if [ -z "$v" ]; then
      [ -z "${PYTHON:-}" ] || seen="PYTHON=$c (tidak ditemukan atau bukan Python)"
    elif ! _warta_at_least "$v" "$WARTA_MIN_PYTHON"; then
      seen="${seen:+$seen, }$c (Python $v)"
    elif [ -n "$ok" ]; then
      WARTA_PYTHON="$(command -v "$c")" WARTA_PYTHON_VERSION="$v"
      return 0
    elif [ -z "$novenv" ]; then
      novenv="$c (Python $v)" pkg="python3-venv"
      [ "$c" = python3 ] || pkg="python${v%.*}-venv"
    fi
  done
  if [ -n "$novenv" ]; then
    echo "Warta tidak bisa membuat .venv: $novenv tidak punya modul venv/ensurepip." >&2
    echo "Pasang dulu: sudo apt install $pkg, lalu ulangi perintah ini." >&2
  else
    echo "Warta memerlukan Python $WARTA_MIN_PYTHON atau lebih baru; ditemukan: ${seen:-tidak ada python3 di PATH}." >&2
    echo "Pasang python3 dari paket sistem (Debian 12 dan 13, Ubuntu 24.04 dan 26.04: sudo apt install python3 python3-venv)," >&2
    echo "atau tunjuk interpreter lain, mis. PYTHON=/usr/bin/python3.13 $0" >&2
  fi
  return 1
}

warta_venv() {
  local kind="$1" root have stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  warta_python || return 1
  if [ -x "$root/.venv/bin/python" ] || [ -e "$root/.venv/pyvenv.cfg" ]; then
    have="$(_warta_probe "$root/.venv/bin/python")" || true
    have="${have%%$'\n'*}"
    if [ "$have" != "$WARTA_PYTHON_VERSION" ]; then
      echo "Membuat ulang .venv: dibuat dengan Python ${have:-yang sudah tidak ada}, sekarang dipakai Python $WARTA_PYTHON_VERSION ($WARTA_PYTHON) …" >&2
      "$WARTA_PYTHON" -m venv --clear "$root/.venv" || return 1
    fi
  else
    echo "Menyiapkan .venv dengan Python $WARTA_PYTHON_VERSION ($WARTA_PYTHON) …" >&2
    "$WARTA_PYTHON" -m venv "$root/.venv" || return 1
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
