#!/usr/bin/env bash
# Installs from Debian's packages what the tests use on the host, whichever way PostgreSQL and Redis
# are provided: the private servers of the fault tests need initdb and redis-server in both modes.
need_packages=()
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || need_packages+=(chromium)
command -v redis-server >/dev/null || need_packages+=(redis-server)
command -v curl >/dev/null || need_packages+=(curl)   # the README's curl calls are run by ReadmeExampleTests
command -v npm >/dev/null || need_packages+=(nodejs npm)   # the interop tests run apache-arrow, hyparquet and @msgpack/msgpack under Node.js
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
/usr/bin/python3 -c "import zarr, numpy, msgpack" >/dev/null 2>&1 || need_packages+=(python3-zarr python3-numpy python3-msgpack)
/usr/bin/python3 -c "import tifffile, PIL" >/dev/null 2>&1 || need_packages+=(python3-tifffile python3-pil)
/usr/bin/python3 -c "import httpx, websockets" >/dev/null 2>&1 || need_packages+=(python3-httpx python3-websockets)
if [ ${#need_packages[@]} -gt 0 ]; then
    echo "Installing ${need_packages[*]} from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi
