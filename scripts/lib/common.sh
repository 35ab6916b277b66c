# shellcheck shell=bash
# Helpers shared by scripts/demo, scripts/bench and scripts/test: output, package installs, the jar.
# Source it; it defines JC_ROOT (the repository root) and JCOSIGN (the launcher).

JC_ROOT=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck disable=SC2034 # used by the scripts that source this file
JCOSIGN=${JCOSIGN:-$JC_ROOT/bin/jcosign}
export DEBIAN_FRONTEND=noninteractive

if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
  _jc_bold=$'\033[1m' _jc_red=$'\033[31m' _jc_green=$'\033[32m' _jc_off=$'\033[0m'
else
  _jc_bold='' _jc_red='' _jc_green='' _jc_off=''
fi

heading() { printf '\n%s== %s%s\n' "$_jc_bold" "$*" "$_jc_off"; }
info() { printf '   %s\n' "$*"; }
ok() { printf '   %sOK%s %s\n' "$_jc_green" "$_jc_off" "$*"; }
bad() { printf '   %sFAIL%s %s\n' "$_jc_red" "$_jc_off" "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# Runs a command as root: directly when we are root, else through sudo (CI runners, laptops).
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    warn "not root and no sudo: cannot run $*"
    return 1
  fi
}

pkg_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

# apt_ensure PKG...: installs the Debian packages that are missing. Runs apt-get update at most
# once per process and not at all when everything is present. Returns 1 when it cannot install.
_jc_apt_updated=
apt_ensure() {
  local missing=() p
  command -v dpkg-query >/dev/null 2>&1 || {
    warn "not a Debian-based system: cannot check or install: $*"
    return 1
  }
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  info "installing with apt-get: ${missing[*]}"
  if [[ -z $_jc_apt_updated ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    _jc_apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
}

# Builds the shaded jar unless it exists (README: scripts/demo on a fresh machine).
ensure_jar() {
  local jar=${JCOSIGN_JAR:-$JC_ROOT/target/jcosign.jar}
  [[ -f $jar ]] && return 0
  command -v mvn >/dev/null 2>&1 || apt_ensure maven || die "Maven is needed to build $jar"
  info "building $jar (mvn -q -B package -DskipTests)"
  (cd -- "$JC_ROOT" && mvn -q -B package -DskipTests) || die "the build failed"
}

# Prints the command line as a shell would show it, then runs it; for readable demo output.
show_cmd() {
  local a out='$'
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:@=+,-]+$ ]]; then out+=" $a"; else out+=" $(printf '%q' "$a")"; fi
  done
  printf '%s\n' "$out"
}
