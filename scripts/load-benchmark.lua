-- wrk script of scripts/load-benchmark --client wrk: posts the requests listed in the file
-- $REQUESTS (one "token<TAB>path" per line), thread k of $THREADS taking the lines k, k + THREADS, ...
--
-- ONCE=1: each request once. When a thread has handed out its share, a connection that is free
-- again asks for GET /healthz (not a submission) until the share's answers are in, then the thread
-- stops (or after 200 of them, when a post was lost to a socket error); done() prints
-- "submissions N" (the posts answered) and the status counts. Otherwise wrk cycles through the
-- list for its --duration, so posts after the first pass are repeats (answered 200 unchanged).
local list = {}
for line in io.lines(os.getenv("REQUESTS")) do
  local token, path = line:match("([^\t]+)\t(.+)")
  local f = io.open(path, "rb"); local body = f:read("*a"); f:close()
  list[#list + 1] = wrk.format("POST", "/api/v1/submissions", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/xml"}, body)
end
local once = os.getenv("ONCE") == "1"
local health = wrk.format("GET", "/healthz")
local threads = {}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  stride = tonumber(os.getenv("THREADS") or "2")
  share = 0
  for index = offset + 1, #list, stride do share = share + 1 end
  handed, answered, statuses = 0, 0, {}
end

function request()
  handed = handed + 1
  -- A post lost to a socket error is never answered: stop after 200 health checks all the same.
  if once and handed > share + 200 then wrk.thread:stop() end
  if once and handed > share then return health end
  if once then return list[offset + 1 + (handed - 1) * stride] end
  return list[((handed * stride + offset) % #list) + 1]
end

function response(status, headers, body)
  if body == "ok\n" then return end
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if once and answered == share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total, codes = 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("answered")
    for status, n in pairs(thread:get("statuses")) do codes[status] = (codes[status] or 0) + n end
  end
  io.write(string.format("submissions %d\n", total))
  for status, n in pairs(codes) do io.write(string.format("status %d %d\n", status, n)) end
end
