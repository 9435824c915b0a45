#!/usr/bin/env bash
# Starts or stops a private, throw-away PostgreSQL 15 cluster for tests.
#   scripts/pg-cluster.sh start DIR PORT   -> prints the libpq URL of database "isms_test"
#   scripts/pg-cluster.sh stop DIR
#   scripts/pg-cluster.sh createdb DIR PORT NAME -> prints the URL of a fresh database NAME
# The cluster listens on 127.0.0.1:PORT and a socket in DIR; it runs as user postgres
# (initdb refuses root). The machine's own cluster is never touched.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
cmd=${1:?usage: pg-cluster.sh start|stop|createdb DIR [PORT] [NAME]}
dir=${2:?directory required}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:?port required}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -qc "CREATE DATABASE isms_test" postgres >/dev/null 2>&1 || true
    echo "postgresql://postgres@127.0.0.1:$port/isms_test"
    ;;
  createdb)
    port=${3:?port required}; name=${4:?name required}
    as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -qc "DROP DATABASE IF EXISTS $name" postgres >/dev/null 2>&1
    as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -qc "CREATE DATABASE $name" postgres >/dev/null
    echo "postgresql://postgres@127.0.0.1:$port/$name"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
