-- wrk: POST a progress update (an append: one person reached, one yuan in place) to a project
-- drawn at random from the ids in the file given after `--`.
local ids = {}
init = function(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  math.randomseed(os.time() * 97 + thread_number)
  -- beside the Authorization header given on the command line (a headers table would replace it)
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  local body = string.format(
    '{"date":"2026-12-01","narrative":"基准进展 %d","funds_delta":"1.00","beneficiaries_delta":1}', math.random(99999999))
  return wrk.format("POST", "/api/v1/projects/" .. ids[math.random(#ids)] .. "/updates",
    nil, body)
end
dofile("scripts/bench.d/report.lua")
