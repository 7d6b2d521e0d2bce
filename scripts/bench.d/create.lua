-- wrk: POST a new project with a random body: a key county from the first file given after
-- `--`, led by an organization from the second, a random assistance type, title and funds.
local counties, organizations = {}, {}
local types = { "industry", "employment", "education", "health", "elderly_care", "consumption" }
init = function(args)
  for line in io.lines(args[1]) do counties[#counties + 1] = line end
  for line in io.lines(args[2]) do organizations[#organizations + 1] = line end
  math.randomseed(os.time() * 97 + thread_number)
  -- beside the Authorization header given on the command line (a headers table would replace it)
  wrk.headers["Content-Type"] = "application/json"
end
request = function()
  local body = string.format(
    '{"title":"基准项目%08d","county_code":"%s","assistance_type":"%s","planned_funds":"%d.%02d","beneficiaries_planned":%d,'
      .. '"organizations":[{"organization_id":"%s","role":"lead"}]}',
    math.random(99999999), counties[math.random(#counties)], types[math.random(#types)],
    math.random(10000, 5000000), math.random(0, 99), math.random(10, 5000), organizations[math.random(#organizations)])
  return wrk.format("POST", "/api/v1/projects", nil, body)
end
dofile("scripts/bench.d/report.lua")
