-- wrk: GET a path drawn at random from the file given after `--` (one path per line), so that
-- every request asks for something else, as real users do, instead of the same cached row.
local paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 97 + thread_number)
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
dofile("scripts/bench.d/report.lua")
