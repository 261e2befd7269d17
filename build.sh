#!/usr/bin/env bash
# The one entry point a newcomer needs:
#   ./build.sh test    install what the tests need (redis-server, chromium), build, run every test and smoke-run the benchmarks
#   ./build.sh bench   run the benchmarks (full BenchmarkDotNet runs; pass filters after --)
set -euo pipefail
cd "$(dirname "$0")"

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1; then
    return
  fi
  echo "redis-server is missing: installing the Debian package (the Redis tests start their own server)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y redis-server
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    return
  fi
  echo "chromium is missing: installing the Debian package (the sample's browser test drives it headless)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends chromium
}

case "${1:-test}" in
  test)
    ensure_redis
    ensure_chromium
    dotnet test Cached.sln -c Release
    # A smoke run of every benchmark (a few in-process iterations): proves the suites work, measures nothing.
    dotnet run -c Release --project bench/Cached.Benchmarks -- --quick --filter '*'
    ;;
  bench)
    shift || true
    dotnet run -c Release --project bench/Cached.Benchmarks -- "$@"
    ;;
  *)
    echo "usage: ./build.sh [test|bench]" >&2
    exit 2
    ;;
esac
