#!/usr/bin/env bash
# The one entry point a newcomer needs:
#   ./build.sh test    install what the tests need (redis-server, chromium), build, run every test and smoke-run the benchmarks
#   ./build.sh bench   run the benchmarks (full BenchmarkDotNet runs; pass filters after --)
set -euo pipefail
cd "$(dirname "$0")"

# ensure <command> <debian package> <why>: installs the package when the command is missing.
ensure() {
  if command -v "$1" >/dev/null 2>&1; then
    return
  fi
  echo "$1 is missing: installing the Debian package $2 ($3)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "$2"
}

case "${1:-test}" in
  test)
    ensure redis-server redis-server "the Redis tests start their own server on a free port"
    ensure chromium chromium "the sample's browser test drives it headless"
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
