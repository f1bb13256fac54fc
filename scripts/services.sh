#!/usr/bin/env bash
# Installs (if missing, scripts/test-packages.sh) and starts throw-away PostgreSQL and Redis servers
# on free loopback ports.
# Source it: it exports TILED_TEST_POSTGRES, TILED_TEST_REDIS and defines stop_services.
set -euo pipefail

services_dir="${TILED_SERVICES_DIR:-$(mktemp -d /tmp/tiled-services.XXXXXX)}"

source "$(dirname "${BASH_SOURCE[0]}")/test-packages.sh"

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_port=$(free_port)
pg_data="$services_dir/pg"
mkdir -p "$pg_data"
chown postgres "$services_dir" "$pg_data"
su postgres -c "$pg_bin/initdb -D $pg_data -A trust -U postgres" >/dev/null
su postgres -c "$pg_bin/pg_ctl -D $pg_data -l $services_dir/pg.log -o '-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300' -w start" >/dev/null

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$services_dir/redis.pid" --logfile "$services_dir/redis.log"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export TILED_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export TILED_TEST_REDIS="127.0.0.1:$redis_port"
export TILED_SERVICES_DIR="$services_dir"
echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"

stop_services() {
    su postgres -c "$pg_bin/pg_ctl -D $pg_data -m immediate stop" >/dev/null 2>&1 || true
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$services_dir"
}
