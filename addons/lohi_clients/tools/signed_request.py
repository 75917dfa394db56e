"""Signed HTTP requests from the chain's outside systems (lab system, telephone exchange):
HMAC-SHA256 over ``"<timestamp>.<raw body>"`` with a shared secret, the timestamp within a
window so a captured request cannot be replayed later. One implementation for every
endpoint of the suite."""

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-Lohi-Timestamp"
SIGNATURE_HEADER = "X-Lohi-Signature"
MAX_SKEW_SECONDS = 300


def sign(secret, timestamp, body):
    """Hex HMAC-SHA256 of ``<timestamp>.<body>``: what the sender puts after ``sha256=``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def check_signature(headers, body, secret, now=None):
    """``None`` when ``headers`` carry a fresh, valid signature of ``body``; otherwise
    ``(http status, error code, message)`` naming the problem."""
    if not secret:
        return 503, "not_configured", "The shared secret of this endpoint is not configured."
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    signature = headers.get(SIGNATURE_HEADER, "")
    if not timestamp or not signature:
        return 401, "unsigned", f"{TIMESTAMP_HEADER} and {SIGNATURE_HEADER} are required."
    try:
        skew = abs((now or time.time()) - int(timestamp))
    except ValueError:
        return 401, "bad_timestamp", f"{TIMESTAMP_HEADER} must be unix seconds."
    if skew > MAX_SKEW_SECONDS:
        return 401, "stale_timestamp", "The timestamp is outside the 5-minute window."
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.removeprefix("sha256=")):
        return 401, "bad_signature", "The signature does not match the body."
    return None


def find_nul(value, path="$"):
    """The JSON path of the first key or string in ``value`` that holds a NUL character
    (valid in JSON, refused by PostgreSQL text columns); ``None`` when there is none."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = find_nul(key, path) or find_nul(item, f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = find_nul(item, f"{path}[{index}]")
            if found:
                return found
    return None


def nul_problem(payload):
    """``(400, code, message)`` when a string of the decoded body holds a NUL character."""
    path = find_nul(payload)
    if path:
        return 400, "nul_character", f"{path} contains a NUL character (\\u0000)."
    return None
