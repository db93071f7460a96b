"""Verifies a delivery of precis's webhooks, as the Standard Webhooks specification says.

In a receiver: call verify(secret, headers, body) with the raw body, before parsing it; it raises ValueError unless
the delivery was signed with the secret and sent in the last five minutes. Deliveries that are retried keep their
webhook-id: use it to ignore one already handled.

From a shell (as precis's tests do): WEBHOOK_SECRET=whsec_... WEBHOOK_ID=... WEBHOOK_TIMESTAMP=...
WEBHOOK_SIGNATURE=... python3 examples/verify_webhook.py < body.json
"""
import base64
import hashlib
import hmac
import os
import sys
import time


def verify(secret, headers, body, tolerance_seconds=300):
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    message_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance_seconds:
        raise ValueError("webhook-timestamp is too far from now: a replayed or delayed delivery")
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # The header may hold several signatures, "v1,<base64>" each, separated by spaces (while a secret is rotated).
    for signature in headers["webhook-signature"].split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return
    raise ValueError("no signature matches: not from precis, or the body was changed")


if __name__ == "__main__":
    try:
        verify(os.environ["WEBHOOK_SECRET"],
               {name: os.environ[name.upper().replace("-", "_")]
                for name in ("webhook-id", "webhook-timestamp", "webhook-signature")},
               sys.stdin.buffer.read())
    except ValueError as refused:
        sys.exit("refused: " + str(refused))
    print("verified")
