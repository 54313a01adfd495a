-- wrk script: prints one JSON line (prefixed "WRKJSON ") with counts and latency quantiles in µs.
-- wrk's own --latency output stops at p50/p75/p90/p99; the benchmark needs p95 and merges the
-- rounds of a target, so it prints the 0.5th, 1.5th, ... 99.5th percentiles (100 equal-weight points).
done = function(summary, latency, requests)
  local e = summary.errors
  local points = {}
  for i = 0, 99 do
    points[#points + 1] = string.format("%d", latency:percentile(i + 0.5))
  end
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"max_us": %d, "quantiles_us": [%s]}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout, latency.max, table.concat(points, ", ")))
end
