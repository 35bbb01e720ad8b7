#!/usr/bin/env bash
# Builds PostgreSQL 18 (with its server headers) and pg_ivm into a private prefix, for `pg-stream bench pgivm`.
#
#   scripts/build-pgivm.sh [PREFIX]      default PREFIX: bench/target/pgivm/pg18 under the repository
#
# Sources come from Debian's archive (suite sid), from the Debian mirror apt is configured with (DEBIAN_MIRROR
# overrides it), each checked against a SHA-256 pinned below: the pinned .dsc digests were read from sid's Sources
# index (dists/sid/main/source/Sources.xz), whose own digest is in the InRelease file signed by Debian's archive
# keys. The .dsc in turn names the digest of the upstream tarball, which is checked before it is unpacked.
# Debian removes a source from its pool once a newer version replaces it: then take the new .dsc name and digest
# from that Sources index and set the variables below (or export them).
#
# pg_ivm: when the archive does not serve its source (some mirrors do not), set PGIVM_SOURCE to a directory
# holding pg_ivm's sources instead, e.g. a checkout of https://github.com/sraoss/pg_ivm at tag v1.15 or later.
#
# Nothing is rebuilt when PREFIX already holds what was asked for (a stamp file per component). Runs as root too:
# the tree is left world-readable, for the unprivileged account the server then runs as.
set -euo pipefail

PG_DSC=${PG_DSC:-postgresql-18_18.6-3.dsc}
PG_DSC_SHA256=${PG_DSC_SHA256:-a4254c4548ebeea683832de193460ee8a9f1271418e884803b44ded1aead1776}
PG_POOL=${PG_POOL:-pool/main/p/postgresql-18}
PGIVM_DSC=${PGIVM_DSC:-pg-ivm_1.17-1.dsc}
PGIVM_DSC_SHA256=${PGIVM_DSC_SHA256:-e2d51b6e8bffd9fce9ee3b906f236669fdb7731dae98795fd65f3de3d6182666}
PGIVM_POOL=${PGIVM_POOL:-pool/main/p/pg-ivm}
PGIVM_MIN_VERSION=1.15
JOBS=${JOBS:-2}

repo="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$(realpath -m "${1:-$repo/bench/target/pgivm/pg18}")"
work="$(dirname "$prefix")/build"
downloads="$(dirname "$prefix")/downloads"

say() { echo "build-pgivm: $*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# The Debian mirror apt uses here: the first archive (a URI ending in /debian) in its sources.
debian_mirror() {
  local uri
  uri=$(grep -hoE '^(URIs:[[:space:]]*|deb(-src)?[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+' \
          /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | grep -oE 'https?://[^[:space:]]+' | grep -E '/debian/?$' | head -1) || true
  [ -n "$uri" ] || die "no Debian archive among apt's sources: set DEBIAN_MIRROR to a Debian mirror's URL"
  echo "${uri%/}"
}

# Bison and flex: PostgreSQL tarballs no longer ship the generated parsers (since 17).
ensure_tools() {
  local missing=() tool
  for tool in gcc make perl bison flex curl sha256sum tar bzip2; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing tools: ${missing[*]} (install them, e.g. apt-get install ${missing[*]})"
  say "installing ${missing[*]} with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# Downloads $1 from the pool directory $2 into $downloads unless it is there with the right digest $3.
fetch_checked() {
  local file=$1 pool=$2 sha256=$3 target="$downloads/$1"
  if [ ! -f "$target" ] || ! echo "$sha256  $target" | sha256sum --check --status; then
    say "downloading $MIRROR/$pool/$file"
    curl -fsSL --retry 3 -o "$target.part" "$MIRROR/$pool/$file" || { rm -f "$target.part"; return 1; }
    echo "$sha256  $target.part" | sha256sum --check --status || { rm -f "$target.part"; die "$file: SHA-256 mismatch"; }
    mv "$target.part" "$target"
  fi
  say "$file: SHA-256 $sha256 OK"
}

# The upstream tarball a .dsc names ("<sha256> <size> <name>.orig.tar.<ext>" under Checksums-Sha256), as "sha256 name".
orig_of() {
  awk '/^Checksums-Sha256:/ {in_sums = 1; next} /^[^ ]/ {in_sums = 0}
       in_sums && $3 ~ /\.orig\.tar\.[a-z0-9]+$/ {print $1, $3}' "$downloads/$1"
}

# Fetches a source package's .dsc and upstream tarball, checked, and unpacks the tarball; prints the source directory.
debian_source() {
  local dsc=$1 dsc_sha256=$2 pool=$3 name sha256 directory
  fetch_checked "$dsc" "$pool" "$dsc_sha256" || return 1
  read -r sha256 name < <(orig_of "$dsc")
  [ -n "${name:-}" ] || die "$dsc names no upstream tarball"
  fetch_checked "$name" "$pool" "$sha256" || return 1
  directory="$work/${name%.orig.tar.*}"
  rm -rf "$directory" && mkdir -p "$directory"
  tar -xf "$downloads/$name" -C "$directory" --strip-components=1
  echo "$directory"
}

build_postgresql() {
  local stamp="$prefix/.built-${PG_DSC%.dsc}" source start=$SECONDS
  if [ -f "$stamp" ] && [ -x "$prefix/bin/pg_config" ]; then
    say "PostgreSQL already built in $prefix ($(cat "$stamp"))"
    return 0
  fi
  source=$(debian_source "$PG_DSC" "$PG_DSC_SHA256" "$PG_POOL") || die "$MIRROR does not serve $PG_POOL/$PG_DSC"
  say "configuring PostgreSQL in $source (prefix $prefix; no ICU, readline or zlib: the benchmark needs none)"
  # --datadir ending in "postgresql" keeps the share directory at share/postgresql whatever the prefix's name
  (cd "$source" && ./configure --quiet --prefix="$prefix" --datadir="$prefix/share/postgresql" \
      --without-icu --without-readline --without-zlib >&2)
  say "building PostgreSQL with make -j$JOBS"
  make -C "$source" -s -j"$JOBS" >&2
  rm -rf "$prefix" # a fresh install: extensions built against another version go with it
  make -C "$source" -s install >&2
  "$prefix/bin/pg_config" --version > "$stamp"
  say "$("$prefix/bin/pg_config" --version) built and installed in $((SECONDS - start)) s"
}

# The default_version of a pg_ivm source tree's control file.
pgivm_version() {
  sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$1/pg_ivm.control"
}

pgivm_source() {
  if [ -n "${PGIVM_SOURCE:-}" ]; then
    [ -f "$PGIVM_SOURCE/pg_ivm.control" ] || die "PGIVM_SOURCE=$PGIVM_SOURCE holds no pg_ivm.control"
    say "pg_ivm sources from PGIVM_SOURCE=$PGIVM_SOURCE"
    local copy="$work/pg_ivm-local"
    rm -rf "$copy" && mkdir -p "$copy" && cp -a "$PGIVM_SOURCE/." "$copy/"
    echo "$copy"
    return 0
  fi
  debian_source "$PGIVM_DSC" "$PGIVM_DSC_SHA256" "$PGIVM_POOL" || die "$MIRROR does not serve $PGIVM_POOL/$PGIVM_DSC:" \
      "set PGIVM_SOURCE to a checkout of https://github.com/sraoss/pg_ivm (tag v$PGIVM_MIN_VERSION or later)"
}

build_pgivm() {
  local source version start=$SECONDS
  if compgen -G "$prefix/.built-pg_ivm-*" >/dev/null && [ -f "$prefix/share/postgresql/extension/pg_ivm.control" ]; then
    say "pg_ivm already installed in $prefix ($(basename "$prefix"/.built-pg_ivm-*))"
    return 0
  fi
  source=$(pgivm_source)
  version=$(pgivm_version "$source")
  [ "$(printf '%s\n' "$PGIVM_MIN_VERSION" "$version" | sort -V | head -1)" = "$PGIVM_MIN_VERSION" ] \
      || die "pg_ivm $version is older than $PGIVM_MIN_VERSION"
  say "building pg_ivm $version against $prefix/bin/pg_config"
  make -C "$source" -s -j"$JOBS" USE_PGXS=1 PG_CONFIG="$prefix/bin/pg_config" >&2
  make -C "$source" -s USE_PGXS=1 PG_CONFIG="$prefix/bin/pg_config" install >&2
  touch "$prefix/.built-pg_ivm-$version"
  say "pg_ivm $version built and installed in $((SECONDS - start)) s"
}

umask 022
mkdir -p "$work" "$downloads"
MIRROR=${DEBIAN_MIRROR:-$(debian_mirror)}
ensure_tools
build_postgresql
build_pgivm
echo "$prefix"
