#!/bin/sh
# What Testcontainers.PostgreSql expects of the official image: POSTGRES_USER, POSTGRES_PASSWORD
# and POSTGRES_DB make the cluster, server options arrive as arguments ("-c fsync=off" ...), and
# TCP opens only once the cluster is ready (its readiness check is pg_isready --host localhost).
set -eu
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" > /tmp/pwfile
    initdb -D "$PGDATA" -U "$user" --pwfile=/tmp/pwfile -A scram-sha-256 --auth-local=trust >/dev/null
    rm /tmp/pwfile
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$database" != postgres ]; then
        echo "CREATE DATABASE \"$database\"" | postgres --single -D "$PGDATA" postgres >/dev/null
    fi
fi
[ "${1:-}" = postgres ] && shift
exec postgres -D "$PGDATA" -c listen_addresses='*' -c fsync=off -c max_connections=300 "$@"
