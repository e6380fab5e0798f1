-- wrk script for bench/run.py.
--
-- Without BENCH_LINES: plain GETs of the URL given to wrk (cookies come as -H headers).
-- With BENCH_LINES=<file>: POSTs, one per line of the file, "path<TAB>body<TAB>cookie<TAB>csrf",
-- each line used once (an answer can only be given once): threads take every n-th line, and a
-- thread that runs out starts again from its first line and counts it in "wrapped".
-- done() prints one line "BENCH_JSON {...}" that bench/run.py reads.

local lines_file = os.getenv("BENCH_LINES")
local all_threads = {}

function setup(thread)
  thread:set("id", #all_threads)
  table.insert(all_threads, thread)
end

function init(args)
  if lines_file == nil then return end
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  lines, index, wrapped = {}, 0, 0
  local n = 0
  for line in io.lines(lines_file) do
    if n % threads == id then
      local path, body, cookie, csrf = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)$")
      table.insert(lines, wrk.format("POST", path, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["Cookie"] = cookie,
        ["X-CSRFToken"] = csrf,
        ["HX-Request"] = "true",
      }, body))
    end
    n = n + 1
  end
end

function request()
  if lines == nil then return wrk.request() end
  index = index + 1
  if index > #lines then
    index, wrapped = 1, wrapped + 1
  end
  return lines[index]
end

function done(summary, latency, requests)
  local wrapped_total = 0
  for _, thread in ipairs(all_threads) do
    wrapped_total = wrapped_total + (thread:get("wrapped") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "non_2xx_3xx": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "wrapped": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout,
    wrapped_total))
end
