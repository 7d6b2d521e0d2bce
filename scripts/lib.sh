# Shared by scripts/run and scripts/test.
# shellcheck shell=bash

# Every check answers from one command's own exit status or captured output, never from
# `producer | grep -q`: under `set -o pipefail` grep's early exit kills the producer with
# SIGPIPE and a tool that is present reads as missing, at random (issue 16).

# Is the PostgreSQL client library there for diesel to link? Ask the C toolchain cargo links with:
# `cc -print-file-name=libpq.so` prints a path when the linker finds the library and the bare
# name when it does not.
have_libpq() {
  local found
  found=$(cc -print-file-name=libpq.so 2>/dev/null) || return 1
  [[ "$found" == /* && -e "$found" ]]
}

require_tools() {
  local missing=()
  command -v cargo >/dev/null || missing+=("cargo (https://rustup.rs)")
  command -v cc >/dev/null || missing+=("a C compiler (Debian: apt-get install -y gcc)")
  command -v node >/dev/null || missing+=("node >= 20.19")
  command -v npm >/dev/null || missing+=("npm")
  # diesel's PostgreSQL driver links libpq.
  have_libpq || missing+=("libpq-dev (Debian: apt-get install -y libpq-dev)")
  if ((${#missing[@]})); then
    printf 'zhuxiang: missing: %s\n' "${missing[@]}" >&2
    exit 1
  fi
}

# Installs the SPA's packages from the lock file when they are missing or older than it.
frontend_packages() {
  if [[ ! -d frontend/node_modules || frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]]; then
    echo "==> installing frontend packages"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
