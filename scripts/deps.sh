# Shared by scripts/build.sh and scripts/test.sh: install only what is missing.

# Installs the Debian packages given as arguments that are not installed yet.
ensure_apt() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Installs the PyPI packages (name==version allowed) that pip does not have yet.
ensure_pip() {
  local missing=()
  for requirement in "$@"; do
    python3 -m pip show "${requirement%%==*}" >/dev/null 2>&1 || missing+=("$requirement")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Python packages: ${missing[*]}" >&2
  python3 -m pip install -q --disable-pip-version-check "${missing[@]}" >&2
}
