-- wrk reporter: one line of figures the bench script collects. `ok` is every answer below 400
-- (for writes: what the server said it saved, checked against the database afterwards).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d max=%.2f ok=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, latency.max / 1000,
    summary.requests - summary.errors.status))
end

-- Each thread its own random sequence (every thread's state starts from the same seed).
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
