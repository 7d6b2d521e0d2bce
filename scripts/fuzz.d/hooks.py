"""Schemathesis hooks for scripts/fuzz."""

import uuid

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    # An Idempotency-Key replays the first answer made with it, and one reused on another
    # endpoint is a 422: each generated request gets a key of its own, as a client's would.
    for headers in (case.headers, kwargs.get("headers")):
        if headers and "Idempotency-Key" in headers:
            headers["Idempotency-Key"] = str(uuid.uuid4())
