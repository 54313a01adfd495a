-- wrk script of the load benchmark (bench/load_bench.py): every request is a random line of a path file,
--   wrk ... -s bench/wrk_load.lua http://127.0.0.1:PORT -- PATH_FILE
-- one line per request: the path, then optional tab-separated "Name: value" headers added to wrk's -H ones
-- (repeat a line to make it more frequent). Responses are counted by status class, 5xx apart from the other
-- failures; done() prints wrk_report.lua's WRKJSON line, then a WRKSTATUS line with those counts.
local here = debug.getinfo(1, "S").source:sub(2):match("^(.*/)") or "./"
dofile(here .. "wrk_report.lua")
local report_latency = done

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  requests_ = {}
  for line in io.lines(args[1]) do
    local path, extra = line:match("^([^\t]+)\t?(.*)$")
    if path then
      local headers = {}
      for name, value in pairs(wrk.headers) do
        headers[name] = value
      end
      for name, value in extra:gmatch("([^\t:]+):%s*([^\t]*)") do
        headers[name] = value
      end
      requests_[#requests_ + 1] = wrk.format("GET", path, headers)
    end
  end
  -- Each thread its own sequence: wrk's threads would otherwise all request the same paths in step.
  math.randomseed(os.time() * 1000 + thread_number)
  classes = { 0, 0, 0, 0, 0 }
end

function request()
  return requests_[math.random(#requests_)]
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  if class >= 1 and class <= 5 then
    classes[class] = classes[class] + 1
  end
end

done = function(summary, latency, requests)
  report_latency(summary, latency, requests)
  local totals = { 0, 0, 0, 0, 0 }
  for _, thread in ipairs(threads) do
    local counted = thread:get("classes")
    for class = 1, 5 do
      totals[class] = totals[class] + counted[class]
    end
  end
  io.write(string.format('WRKSTATUS {"1xx": %d, "2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d}\n',
    totals[1], totals[2], totals[3], totals[4], totals[5]))
end
