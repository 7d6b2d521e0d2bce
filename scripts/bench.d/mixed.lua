-- wrk: one request to each path given after `--` in turn (mixed load), with the usual report.
local paths, i = {}, 0
init = function(args)
  for _, p in ipairs(args) do paths[#paths + 1] = p end
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
dofile("scripts/bench.d/report.lua")
