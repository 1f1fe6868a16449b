-- wrk script: optional POST body from $BODY_FILE; prints one machine-readable line.
-- With $USERS, looks up that many distinct Meta users (+13052000000 on): USER_ORDER=walk asks
-- each once, in order, then creates $DONE_FILE (filling the cache); otherwise each request picks one at random.
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
    local file = io.open(body_file, "r")
    wrk.method = "POST"
    wrk.body = file:read("*a")
    wrk.headers["Content-Type"] = "application/json"
    file:close()
end

local users = tonumber(os.getenv("USERS") or "")
if users then
    local prefix = "/call-permissions?businessNumber=%2B14155550100&userNumber=%2B1305"
    local function path(user)
        return string.format("%s%07d", prefix, 2000000 + user)
    end
    if os.getenv("USER_ORDER") == "walk" then
        local sent, answered = 0, 0
        request = function()
            sent = sent + 1
            return wrk.format(nil, path(sent - 1))
        end
        response = function()
            answered = answered + 1
            if answered == users then
                -- wrk runs for its whole -d: the caller stops it (SIGINT) on this file
                io.open(os.getenv("DONE_FILE"), "w"):close()
            end
        end
    else
        math.randomseed(os.time())
        request = function()
            return wrk.format(nil, path(math.random(0, users - 1)))
        end
    end
end

done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout + summary.errors.status
    io.write(string.format("RESULT requests=%d rps=%.0f p50=%.2f p99=%.2f p999=%.2f errors=%d\n",
        summary.requests, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, errors))
end
