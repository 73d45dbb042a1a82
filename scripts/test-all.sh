#!/usr/bin/env bash
# Runs every test: the formatting check, the Swift suites on SQLite, the database suites again on PostgreSQL, the
# browser and file cross-check tests, and schemathesis against the API's OpenAPI document. What
# cannot run here (no PostgreSQL, no Chromium, no schemathesis) is skipped with a message saying
# so; everything that runs must pass.
set -euo pipefail
cd "$(dirname "$0")/.."

skipped=()
section() { printf '\n=== %s\n' "$*"; }

section "formatting (swift format lint --strict, .swift-format)"
swift format lint --strict --recursive --parallel Sources Tests Package.swift

section "build (debug, with tests)"
swift build --build-tests

section "Swift tests on SQLite"
swift test --skip-build

pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_url="postgres://resettle:resettle@127.0.0.1:5432/resettle_test"
fi
if [ -n "$pg_url" ]; then
  section "database tests on PostgreSQL ($pg_url)"
  TEST_DATABASE_URL="$pg_url" swift test --skip-build --filter AppTests
else
  skipped+=("PostgreSQL suite: no server on 127.0.0.1:5432 and TEST_DATABASE_URL unset")
fi

if python3 -c "import pytest, selenium" 2>/dev/null && command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  section "browser and cross-check tests"
  RESETTLE_BIN="$PWD/.build/debug/resettle" python3 -m pytest -q Tests/browser $( [ -d Tests/reconcile ] && echo Tests/reconcile )
elif python3 -c "import pytest" 2>/dev/null && [ -d Tests/reconcile ]; then
  skipped+=("browser tests: chromium, chromedriver or selenium missing (apt-get install chromium chromium-driver; pip install selenium)")
  section "cross-check tests"
  RESETTLE_BIN="$PWD/.build/debug/resettle" python3 -m pytest -q Tests/reconcile
else
  skipped+=("browser and cross-check tests: python3 with pytest and selenium, chromium and chromedriver needed")
fi

if command -v schemathesis >/dev/null 2>&1; then
  section "API fuzzing (schemathesis against /api/v1/openapi.json)"
  scripts/api-fuzz.sh .build/debug/resettle
else
  skipped+=("API fuzzing: schemathesis missing (pip install schemathesis)")
fi

if [ ${#skipped[@]} -gt 0 ]; then
  section "skipped"
  for s in "${skipped[@]}"; do echo "- $s"; done
fi
