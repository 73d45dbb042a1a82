# Shared by the scripts that run the server on 127.0.0.1 (bench-load.sh, api-fuzz.sh). Source it:
#
#   resettle_binary PATH    $binary: the absolute path of an executable PATH, or exit 2
#   scratch NAME            $work: a new /tmp/NAME.XXXXXX, removed on exit with the server stopped
#   serve                   starts "$binary serve" on a free port of 127.0.0.1 with the caller's
#                           RESETTLE_DATA, waits for /healthz; $base, $server_pid; log in $work

resettle_binary() {
  binary="$1"
  [[ -x "$binary" ]] || { echo "no executable at $binary (build it first: swift build)" >&2; exit 2; }
  binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
}

scratch() {
  work="$(mktemp -d "/tmp/$1.XXXXXX")"
  server_pid=""
  trap stop_and_clean EXIT INT TERM
}

stop_and_clean() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

serve() {
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  base="http://127.0.0.1:$port"
  "$binary" serve --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 300); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -fsS "$base/healthz" >/dev/null || { echo "server did not answer on $base" >&2; exit 1; }
}
