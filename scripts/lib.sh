# Shared by scripts/run and scripts/test.

require_tools() {
  local missing=()
  command -v cargo >/dev/null || missing+=("cargo (https://rustup.rs)")
  command -v node >/dev/null || missing+=("node >= 20.19")
  command -v npm >/dev/null || missing+=("npm")
  # diesel's PostgreSQL driver links libpq.
  if ! ldconfig -p 2>/dev/null | grep -q 'libpq\.so '; then
    missing+=("libpq-dev (Debian: apt-get install -y libpq-dev)")
  fi
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
