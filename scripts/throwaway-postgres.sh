#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a private loopback port and print its
# DATABASE_URL; `scripts/throwaway-postgres.sh stop DIR` stops and removes it.
set -euo pipefail

if [[ "${1:-}" == "stop" ]]; then
    dir="$2"
    as_pg=()
    [[ "$(id -u)" == 0 ]] && as_pg=(runuser -u postgres --)
    "${as_pg[@]}" "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
    echo "Installing PostgreSQL server..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

dir=$(mktemp -d /tmp/cpd-pg.XXXXXX)
echo "$bindir" > "$dir/bindir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [[ "$(id -u)" == 0 ]]; then
    chown postgres "$dir"
    as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
echo "$dir postgres://postgres@127.0.0.1:$port/cpd"
