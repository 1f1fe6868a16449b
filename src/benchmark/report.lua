-- wrk script: optional POST body from $BODY_FILE; prints one machine-readable line.
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
    local file = io.open(body_file, "r")
    wrk.method = "POST"
    wrk.body = file:read("*a")
    wrk.headers["Content-Type"] = "application/json"
    file:close()
end

done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout + summary.errors.status
    io.write(string.format("RESULT requests=%d rps=%.0f p50=%.2f p99=%.2f p999=%.2f errors=%d\n",
        summary.requests, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, errors))
end
