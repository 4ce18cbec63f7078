#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the engine tests.
#
#   scripts/postgres_test_server.sh start DIR   # prints the port it listens on
#   scripts/postgres_test_server.sh stop DIR
#
# Installs Debian's postgresql when no server binaries are found, then runs
# initdb and pg_ctl as the `postgres` user (the server refuses root) with the
# data directory and socket inside DIR, listening on 127.0.0.1 only, on a
# free port. The superuser `postgres` gets the password in
# REVOPS_POSTGRES_PASSWORD (required; never printed); TCP logins need it
# (scram-sha-256). `stop` shuts the server down and removes DIR.
set -euo pipefail

action="${1:?usage: $0 start|stop DIR}"
dir="${2:?usage: $0 start|stop DIR}"

find_bin() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -z "$found" ]]; then
        echo "postgres_test_server: installing PostgreSQL from Debian" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        found="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    fi
    echo "$found"
}

as_postgres() {
    if [[ "$(id -u)" == "0" ]]; then
        # runuser keeps the environment we pass explicitly and nothing else.
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$action" in
start)
    : "${REVOPS_POSTGRES_PASSWORD:?set REVOPS_POSTGRES_PASSWORD for the superuser}"
    bin="$(find_bin)"
    mkdir -p "$dir"
    chmod 700 "$dir"
    [[ "$(id -u)" == "0" ]] && chown postgres: "$dir"
    pwfile="$dir/pwfile"
    # The password goes to initdb through a file only the server user reads,
    # removed right after.
    (umask 077 && printf '%s\n' "$REVOPS_POSTGRES_PASSWORD" > "$pwfile")
    [[ "$(id -u)" == "0" ]] && chown postgres: "$pwfile"
    as_postgres "$bin/initdb" --pgdata="$dir/data" --username=postgres --pwfile="$pwfile" \
        --auth-host=scram-sha-256 --auth-local=peer --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    port="$(free_port)"
    as_postgres "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
        --options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$bin" >"$dir/bin"
    echo "$port"
    ;;
stop)
    if [[ -f "$dir/bin" && -d "$dir/data" ]]; then
        as_postgres "$(cat "$dir/bin")/pg_ctl" --pgdata="$dir/data" --mode=fast --wait stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
