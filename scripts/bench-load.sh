#!/usr/bin/env bash
# Load figures for the main pages: starts the demo on 127.0.0.1, logs in as `county`, runs wrk
# against each page with that session and prints requests/s, p50, p99 and errors per path.
#
#   scripts/bench-load.sh [BINARY]            (default .build/release/resettle; builds nothing)
#   WRK_THREADS=2 WRK_CONNECTIONS=200 WRK_DURATION=30s WRK_TIMEOUT=10s scripts/bench-load.sh
#   BENCH_DATA=/tmp/loaddemo scripts/bench-load.sh   (reuse a loaded demo instead of a fresh one)
#   BENCH_PATHS="/ /people" scripts/bench-load.sh    (only these paths)
#
# Errors are non-2xx/3xx answers plus socket errors (connect, read, write, timeout); 3xx answers
# are listed apart because a redirect to /login under load means the session was lost.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/serve.sh"
resettle_binary "${1:-.build/release/resettle}"
threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-200}"
duration="${WRK_DURATION:-30s}"
# wrk's default 2 s timeout drops slow answers from the latency figures; 10 s keeps them.
timeout="${WRK_TIMEOUT:-10s}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }

scratch bench-load

# SQLite in its own directory: never a DATABASE_URL from the caller's shell.
unset DATABASE_URL
if [[ -n "${BENCH_DATA:-}" ]]; then
  data="$BENCH_DATA"
  mkdir -p "$data"
else
  data="$work/data"
fi
export RESETTLE_DATA="$data"

if [[ ! -s "$data/resettle.sqlite" ]]; then
  echo "loading the demo into $data ..." >&2
  start=$(date +%s)
  "$binary" demo >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
  echo "demo loaded in $(( $(date +%s) - start )) s" >&2
fi

serve

# Log in as county. The cookie jar keeps whatever GET /login sets (a session or a login-CSRF
# cookie); the token is read from the form.
jar="$work/cookies"
csrf="$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n1)"
[[ -n "$csrf" ]] || { echo "no _csrf field on the login form" >&2; exit 1; }
code="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "username=county" --data-urlencode "password=demo1234" "$base/login")"
[[ "$code" == 303 || "$code" == 302 || "$code" == 200 ]] || { echo "login answered $code" >&2; exit 1; }
cookie="$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")"
[[ -n "$cookie" ]] || { echo "no cookie after login" >&2; exit 1; }

surname="%E5%88%98"      # 刘, the commonest surname of the demo
township="430582101"     # 界岭镇
paths=(${BENCH_PATHS:-/healthz / /people "/people?q=$surname" "/people?township=$township" /changes /api/v1/people})

for path in "${paths[@]}"; do
  status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")"
  [[ "$status" == 200 ]] || { echo "$path answered $status before the run (not logged in?)" >&2; exit 1; }
done

echo "wrk -t$threads -c$connections -d$duration --timeout $timeout, $(nproc) cores, $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')" >&2
printf '%-34s %10s %9s %9s %7s %7s %6s\n' path "req/s" "p50 ms" "p99 ms" errors sockerr 3xx
for path in "${paths[@]}"; do
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  line="$(wrk -t"$threads" -c"$connections" -d"$duration" --timeout "$timeout" --latency -H "Cookie: $cookie" \
    -s "$here/bench-load.lua" "$base$path" | grep '^RESULT' || true)"
  [[ -n "$line" ]] || { echo "wrk gave no result for $path" >&2; continue; }
  read -r _ rps p50 p99 status_errors socket_errors redirects total <<<"$line"
  shown="$(printf '%s' "$path" | sed "s/$surname/刘/")"
  printf '%-34s %10s %9s %9s %7s %7s %6s\n' "$shown" "$rps" "$p50" "$p99" "$status_errors" "$socket_errors" "$redirects"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
