#!/usr/bin/env bash
# Installs the npm dependencies of one package directory (web/, tests/e2e/).
#   scripts/npm-deps.sh DIR
# Uses `npm ci` when DIR has a package-lock.json (reproducible), `npm install` otherwise.
# Skips the install when node_modules already matches the lock file, because `npm ci`
# deletes node_modules first (slow, and it pulls the rug from anyone using it right now).
# ISMS_NPM_CI=1 forces a clean install.
set -euo pipefail
dir=${1:?usage: npm-deps.sh DIR}
cd "$dir"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
if [ -f package-lock.json ]; then
  # npm writes node_modules/.package-lock.json after every successful install.
  if [ "${ISMS_NPM_CI:-0}" != 1 ] && [ -f node_modules/.package-lock.json ] \
     && ! [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "npm-deps: $dir/node_modules is up to date"
  else
    npm ci --no-progress
  fi
else
  npm install --no-progress
fi
