#!/usr/bin/env bash
# Install what the browser tests and the Lighthouse script need: Debian's Chromium
# and project-local npm packages under var/browser. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_CORE_VERSION=4.14.1
LIGHTHOUSE_VERSION=12.8.2
PREFIX=var/browser

if [[ ! -x /usr/bin/chromium ]]; then
    echo "Installing Debian's chromium package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

npm_install() {
    # $1 package, $2 version, $3 the file that proves it is installed
    if [[ -f "$PREFIX/node_modules/$1/package.json" ]] \
        && grep -q "\"version\": \"$2\"" "$PREFIX/node_modules/$1/package.json"; then
        return
    fi
    echo "Installing $1@$2 into $PREFIX"
    mkdir -p "$PREFIX"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$PREFIX" "$1@$2"
}

npm_install axe-core "$AXE_CORE_VERSION"
if [[ "${1:-}" == "--lighthouse" ]]; then
    npm_install lighthouse "$LIGHTHOUSE_VERSION"
fi
echo "Browser test dependencies are in place: $(/usr/bin/chromium --version 2>/dev/null)"
