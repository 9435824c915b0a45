#!/usr/bin/env bash
# Installs every system package isms needs to build, run and test on Debian 12.
# Idempotent: skips apt-get when all packages are already present.
set -euo pipefail
PACKAGES=(
  build-essential cmake ninja-build pkg-config git clang-format
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libqrencode-dev libcurl4-openssl-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libxlsxwriter-dev libcmark-gfm-dev
  libcmark-gfm-extensions-dev libyaml-cpp-dev libxml2-dev libzip-dev libdtl-dev python3-aiosmtpd libcsv-dev
  libhowardhinnant-date-dev tzdata
  postgresql wrk nginx poppler-utils chromium curl
  clang-14 libclang-rt-14-dev valgrind procps
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js: the machine image ships Node 20 with npm 11; Debian's own packages only when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
