-- wrk script of scripts/load-benchmark --client wrk: cycles through the requests listed in the file
-- $REQUESTS (one "token<TAB>path" per line), each thread from its own offset.
local list = {}
for line in io.lines(os.getenv("REQUESTS")) do
  local token, path = line:match("([^\t]+)\t(.+)")
  local f = io.open(path, "rb"); local body = f:read("*a"); f:close()
  list[#list + 1] = wrk.format("POST", "/api/v1/submissions", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/xml"}, body)
end
local counter = 0
function setup(thread) thread:set("offset", counter); counter = counter + 1 end
local i = 0
function request()
  i = i + 1
  return list[((i * 2 + offset) % #list) + 1]
end
