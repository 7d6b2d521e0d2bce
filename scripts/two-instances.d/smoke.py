"""Smoke checks of a balanced deployment (scripts/two-instances): through the balancer, and
across the two instances directly, what a client relies on whichever instance answers.

    smoke.py LB A B ADMIN_PASSWORD ACCESS_LOG ADDR_A ADDR_B PID_A
"""

import json
import os
import signal
import sys
import time
import urllib.error
import urllib.request
import uuid

lb, a, b, password, access_log, addr_a, addr_b, pid_a = sys.argv[1:9]
checks = 0


def call(base, method, path, token=None, body=None, headers=None, raw=None):
    """(status, headers, body as JSON or text); `raw` is sent as it is (with its Content-Type)."""
    data = json.dumps(body).encode() if body is not None else raw
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=15) as res:
            status, hdrs, raw = res.status, res.headers, res.read()
    except urllib.error.HTTPError as e:
        status, hdrs, raw = e.code, e.headers, e.read()
    try:
        return status, hdrs, json.loads(raw or b"null")
    except ValueError:
        return status, hdrs, raw.decode(errors="replace")


def check(ok, what, detail=""):
    global checks
    if not ok:
        print(f"two instances: FAILED: {what} {detail}", file=sys.stderr)
        sys.exit(1)
    checks += 1
    print(f"  ok  {what}")


def credit_code(n):
    """A valid unified social credit code (GB 32100-2015) of a social group numbered n."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    body = f"51100000{n:09d}"
    total = sum(chars.index(c) * w for c, w in zip(body, weights))
    return body + chars[(31 - total % 31) % 31]


def login(base, username, pw):
    status, _, body = call(base, "POST", "/api/v1/auth/login", body={"username": username, "password": pw})
    check(status == 200, f"log in as {username} through {base}", body)
    return body["access_token"], body["refresh_token"]


status, _, _ = call(lb, "GET", "/readyz")
check(status == 200, "the balancer answers /readyz")
admin, _ = login(lb, "admin", password)

# A write through the balancer is read back through it, and through each instance.
status, hdrs, org = call(lb, "POST", "/api/v1/organizations", admin, {
    "name": "负载均衡测试社会组织", "credit_code": credit_code(7),
    "legal_form": "social_group", "registration_level": "national", "province_code": "510000",
    "category": "charity", "specialties": ["health"]})
check(status == 201, "create an organization through the balancer", org)
path = f"/api/v1/organizations/{org['id']}"
for i in range(6):
    status, _, _ = call(lb, "GET", path, admin)
    check(status == 200, f"read it back through the balancer ({i + 1})")
for base in (a, b):
    status, _, _ = call(base, "GET", path, admin)
    check(status == 200, f"read it on {base}")

# Both instances served the balancer's requests.
time.sleep(0.2)
with open(access_log, encoding="utf-8") as f:
    upstreams = {line.split()[0] for line in f if line.strip()}
check({addr_a, addr_b} <= upstreams, "the balancer spread requests over both instances", upstreams)

# Conflicting writes across instances: the second with the same ETag loses with 412.
status, hdrs, _ = call(a, "GET", path, admin)
etag = hdrs["ETag"]
status, _, body = call(a, "PATCH", path, admin, {"name": "负载均衡测试社会组织（甲）"}, {"If-Match": etag})
check(status == 200, "a PATCH on A with the current ETag", body)
status, _, body = call(b, "PATCH", path, admin, {"name": "负载均衡测试社会组织（乙）"}, {"If-Match": etag})
check(status == 412, "the same ETag on B after A's write is refused with 412", body)

# An Idempotency-Key taken on A is replayed by B.
key = str(uuid.uuid4())
user = {"username": "lb-viewer", "password": "Lb-Viewer-Passw0rd", "display_name": "均衡", "role": "viewer"}
s1, h1, u1 = call(a, "POST", "/api/v1/users", admin, user, {"Idempotency-Key": key})
s2, h2, u2 = call(b, "POST", "/api/v1/users", admin, user, {"Idempotency-Key": key})
check(s1 == 201 and s2 == 201 and u1.get("id") == u2.get("id"), "B replays A's answer to one Idempotency-Key", (s1, s2))
check(h2.get("Idempotent-Replayed") == "true", "B says it replayed", dict(h2))

# A refresh token used on A is dead on B; reusing it revokes its successor everywhere.
_, first = login(a, "lb-viewer", "Lb-Viewer-Passw0rd")
status, _, body = call(a, "POST", "/api/v1/auth/refresh", body={"refresh_token": first})
check(status == 200, "refresh on A", body)
second = body["refresh_token"]
status, _, _ = call(b, "POST", "/api/v1/auth/refresh", body={"refresh_token": first})
check(status == 401, "the used refresh token is refused on B")
status, _, _ = call(a, "POST", "/api/v1/auth/refresh", body={"refresh_token": second})
check(status == 401, "its successor is revoked on A too")

# A disabled account is refused by the other instance within a second (instance notices).
viewer, _ = login(b, "lb-viewer", "Lb-Viewer-Passw0rd")
status, _, _ = call(b, "GET", "/api/v1/me", viewer)
check(status == 200, "the viewer reads /me on B")
status, hdrs, _ = call(a, "GET", f"/api/v1/users/{u1['id']}", admin)
status, _, body = call(a, "PATCH", f"/api/v1/users/{u1['id']}", admin, {"disabled": True}, {"If-Match": hdrs["ETag"]})
check(status == 200, "disable the viewer on A", body)
started = time.monotonic()
while call(b, "GET", "/api/v1/me", viewer)[0] != 401:
    if time.monotonic() - started > 1.0:
        check(False, "B refuses the disabled viewer within a second")
    time.sleep(0.01)
check(True, f"B refused the disabled viewer after {int((time.monotonic() - started) * 1000)} ms")

# An API token's rate limit (RATE_LIMIT_TOKEN=30 here) holds across the instances: the balancer
# spreads its requests, and each instance tells the other its counts once a second. A count
# reaches the other instance within two of those seconds (written on one side's next round, read
# on the other's next), so the 31st request waits 2.5 s: 1.5 s lost that race in CI.
status, _, issued = call(lb, "POST", "/api/v1/api-tokens", admin,
                         {"name": "限流测试", "role": "provincial_officer", "province_code": "510000"})
check(status == 201, "issue an API token", issued)
token = issued["secret"]
if time.time() % 60 > 45:  # all 31 in one minute: the last one's weight would slide out
    time.sleep(61 - time.time() % 60)
for i in range(30):
    status, hdrs, _ = call(lb, "GET", "/api/v1/counties?limit=1", token)
    if status != 200 or hdrs.get("RateLimit-Limit") != "30":
        check(False, f"request {i + 1} of 30 within the token's limit", (status, dict(hdrs)))
time.sleep(2.5)
status, hdrs, body = call(lb, "GET", "/api/v1/counties?limit=1", token)
check(status == 429 and int(hdrs.get("Retry-After", "0")) >= 1,
      "the 31st request of the minute is refused, whichever instance gets it", (status, body))

# A background export queued on A is followed and downloaded on B: its progress and its file
# are in the database, whichever instance's worker wrote them.
status, hdrs, job = call(a, "GET", "/api/v1/organizations/export?format=csv&background=true", admin)
check(status == 202, "A queues an organizations export as a background job", job)
deadline = time.monotonic() + 30
while job.get("status") not in ("succeeded", "failed"):
    if time.monotonic() > deadline:
        check(False, "the export ends within 30 s", job)
    time.sleep(0.2)
    status, _, job = call(b, "GET", hdrs["Location"], admin)
check(job["status"] == "succeeded", "B reports the export A queued as done", job)
status, _, text = call(b, "GET", hdrs["Location"] + "/file", admin)
check(status == 200 and isinstance(text, str) and org["name"] in text,
      "B serves its file, with the organization created through the balancer", (status, str(text)[:200]))

# Last, since it stops A: an import running on A when A is killed is taken over by B and
# finishes once. Large enough to be running still when A is killed.
ROWS = 20_000
lines = ["名称,统一社会信用代码,登记管理机关所在省,社会组织类型,登记级别,类别,业务专长,是否建立党组织,推荐单位"]
lines += [f"接续导入组织{n},{credit_code(100_000 + n)},浙江省,社会团体,省级,公益慈善类,产业,否,民政部" for n in range(ROWS)]
csv = ("\n".join(lines) + "\n").encode()
status, hdrs, job = call(a, "POST", "/api/v1/organizations/import?dry_run=false", admin, raw=csv,
                         headers={"Content-Type": "text/csv"})
check(status == 202, f"A accepts an import of {ROWS} rows", job)
location = hdrs["Location"]
deadline = time.monotonic() + 60
while True:
    status, _, job = call(b, "GET", location, admin)
    if job.get("status") == "running" and job.get("done", 0) > 0:
        break
    if job.get("status") not in ("queued", "running") or time.monotonic() > deadline:
        check(False, "the import is still running on A when A is killed", job)
    time.sleep(0.02)
check(job.get("attempts") == 1, "A runs it", job)
os.kill(int(pid_a), signal.SIGKILL)
killed = time.monotonic()
taken = None
while True:
    status, _, job = call(b, "GET", location, admin)
    if taken is None and job.get("attempts", 0) >= 2:
        taken = time.monotonic() - killed
    if job.get("status") in ("succeeded", "failed"):
        break
    if time.monotonic() - killed > 120:
        check(False, "the import ends on B within two minutes of A's death", job)
    time.sleep(0.05)
finished = time.monotonic() - killed
check(job["status"] == "succeeded" and job["attempts"] == 2, "B took the import over and finished it", job)
check(job["result"]["created"] == ROWS, "every row written", job["result"])
status, _, page = call(b, "GET", "/api/v1/organizations?q=%E6%8E%A5%E7%BB%AD%E5%AF%BC%E5%85%A5&count=true&limit=1", admin)
check(page.get("total") == ROWS, f"written once: {page.get('total')} organizations")
check(True, f"A killed at {job['done']} of {job['total']} rows planned: B took over after {taken:.1f} s, finished {finished:.1f} s after the kill")

print(f"two instances: {checks} checks passed")
