-- wrk script for scripts/bench-load.sh: prints one machine-readable line per run.
-- wrk itself counts status >= 400 as errors; 3xx are counted here as well, because a page that
-- answers with a redirect to /login under load means the session was lost, not that it was fast.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  redirects = 0
end

function response(status, headers, body)
  if status >= 300 and status < 400 then
    redirects = redirects + 1
  end
end

function done(summary, latency, requests)
  local r = 0
  for _, t in ipairs(threads) do
    r = r + (t:get("redirects") or 0)
  end
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, r, summary.requests))
end
