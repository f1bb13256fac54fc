#!/usr/bin/env bash
# Installs (if missing) and starts throw-away PostgreSQL and Redis servers on free loopback ports.
# Source it: it exports TILED_TEST_POSTGRES, TILED_TEST_REDIS and defines stop_services.
set -euo pipefail

services_dir="${TILED_SERVICES_DIR:-$(mktemp -d /tmp/tiled-services.XXXXXX)}"

need_packages=()
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v redis-server >/dev/null || need_packages+=(redis-server)
command -v curl >/dev/null || need_packages+=(curl)   # the README's curl calls are run by ReadmeExampleTests
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
/usr/bin/python3 -c "import zarr, numpy, msgpack" >/dev/null 2>&1 || need_packages+=(python3-zarr python3-numpy python3-msgpack)
/usr/bin/python3 -c "import tifffile, PIL" >/dev/null 2>&1 || need_packages+=(python3-tifffile python3-pil)
/usr/bin/python3 -c "import httpx, websockets" >/dev/null 2>&1 || need_packages+=(python3-httpx python3-websockets)
if [ ${#need_packages[@]} -gt 0 ]; then
    echo "Installing ${need_packages[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

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
