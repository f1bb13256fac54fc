#!/usr/bin/env bash
# Prepares a container engine and the test services' images for Testcontainers: installs Debian's
# docker.io and debootstrap when missing, starts dockerd when none answers, and builds the images
# when their tags are missing (a debootstrapped Debian imported as the base, then
# scripts/images/Dockerfile; images persist, so later runs skip the build). Source it, then call
# prepare_containers: it returns non-zero with the reason on stderr when no engine can run the
# images, so the caller can fall back to scripts/services.sh. A dockerd it starts is left running
# (another run may be using it); stop_containers removes this run's containers.

containers_log="${TMPDIR:-/tmp}/tiled-containers.log"
images_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/images" && pwd)"
base_image="tiled-test-debian:bookworm"

# Debian's dockerd (20.10) is older than the API newer clients and Testcontainers ask for; no
# reaper image can be pulled; published ports are reached on loopback.
export DOCKER_API_VERSION=1.41
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1

containers_fail() {
    echo "containers unavailable: $*" >&2
    return 1
}

install_engine() {
    local missing=()
    command -v dockerd >/dev/null || missing+=(docker.io)
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} from Debian's packages"
    apt-get update -qq >>"$containers_log" 2>&1 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >>"$containers_log" 2>&1
}

start_engine() {
    docker info >/dev/null 2>&1 && return 0
    setsid dockerd --storage-driver=overlay2 </dev/null >"${TMPDIR:-/tmp}/tiled-dockerd.log" 2>&1 &
    local dockerd_pid=$!
    for _ in $(seq 60); do
        docker info >/dev/null 2>&1 && return 0
        kill -0 "$dockerd_pid" 2>/dev/null || break
        sleep 0.5
    done
    return 1
}

build_base_image() {
    docker image inspect "$base_image" >/dev/null 2>&1 && return 0
    echo "Building $base_image with debootstrap (first run only; takes minutes)"
    local root
    root=$(mktemp -d /var/tmp/tiled-debian.XXXXXX)
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >>"$containers_log" 2>&1 &&
        tar -C "$root" -c . | docker import - "$base_image" >>"$containers_log" 2>&1
    local status=$?
    rm -rf "$root"
    return $status
}

# The tag is a hash of the image sources and the base image, so a change to either builds anew.
service_image_tag() {
    { cat "$images_dir"/*; docker image inspect -f '{{.Id}}' "$base_image"; } | sha256sum | cut -c1-12
}

build_service_image() {
    local target=$1 image=$2
    docker image inspect "$image" >/dev/null 2>&1 && return 0
    echo "Building $image"
    docker build --network host --build-arg "BASE=$base_image" --target "$target" -t "$image" "$images_dir" \
        >>"$containers_log" 2>&1 || return 1
    docker images --format '{{.Repository}}:{{.Tag}}' "tiled-test-$target" | grep -vx "$image" |
        xargs -r docker rmi >>"$containers_log" 2>&1 || true
}

redis_answers_ping() {
    local reply=""
    exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    read -r -t 2 reply <&3 || true
    exec 3<&-
    [ "${reply%$'\r'}" = "+PONG" ]
}

# A published port that answers proves the bridge network and port mapping work before the tests rely on them.
check_published_port() {
    local id port ok=1
    id=$(docker run -d --rm -p 127.0.0.1::6379 "$TILED_TEST_REDIS_IMAGE" 2>>"$containers_log") || return 1
    port=$(docker port "$id" 6379/tcp | head -n 1 | sed 's/.*://')
    for _ in $(seq 50); do
        redis_answers_ping "$port" && { ok=0; break; }
        sleep 0.1
    done
    docker rm -f "$id" >/dev/null 2>&1
    return $ok
}

prepare_containers() {
    : >"$containers_log"
    install_engine || containers_fail "docker.io or debootstrap could not be installed (see $containers_log)" || return 1
    start_engine || containers_fail "dockerd did not start (see $containers_log)" || return 1
    build_base_image || containers_fail "the Debian base image could not be built (see $containers_log)" || return 1
    local tag
    tag=$(service_image_tag)
    export TILED_TEST_POSTGRES_IMAGE="tiled-test-postgres:$tag"
    export TILED_TEST_REDIS_IMAGE="tiled-test-redis:$tag"
    build_service_image postgres "$TILED_TEST_POSTGRES_IMAGE" &&
        build_service_image redis "$TILED_TEST_REDIS_IMAGE" ||
        containers_fail "the service images could not be built (see $containers_log)" || return 1
    check_published_port || containers_fail "a container's published port did not answer (see $containers_log)" || return 1
    export TILED_TEST_SERVICES=containers
    export TILED_TEST_RUN_ID="$(date +%s)-$$"
}

# Removes this run's containers: the test process removes its own when it exits, but Ryuk, which
# would see to it when the process is killed, is off.
stop_containers() {
    docker ps -aq --filter "label=tiled.tests=${TILED_TEST_RUN_ID:-}" | xargs -r docker rm -f >/dev/null 2>&1 || true
}
