#!/usr/bin/env bash
# Install loopcheck's build and test dependencies on Debian 12 (as root, or
# with sudo).  Installs nothing that is already there.
set -euo pipefail
packages=(cmake make gcc pkg-config libclang-19-dev clang-19 libsqlite3-dev
          libcmocka-dev libjansson-dev libuv1-dev sqlite3 jq
          libevent-dev libev-dev libglib2.0-dev libcurl4-openssl-dev libpq-dev
          libhiredis-dev libmariadb-dev libssl-dev
          neovim)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
