"""
A Ringpost webhook receiver that verifies every request (Python 3.9+, Flask).

Steps:
1) Save this code as app.py
2) Install dependencies:
    pip3 install flask
3) Run the server with your endpoint's signing secret:
    WEBHOOK_SECRET=whsec_... python3 -m flask run --port=4242

Ringpost signs the Standard Webhooks way: the `webhook-signature` header holds one or more
space-separated `v1,<base64 HMAC-SHA256>` entries (two while a rotated secret is still valid),
computed over `<webhook-id>.<webhook-timestamp>.<raw body>` with the base64-decoded part of the
secret after `whsec_`. Checking the timestamp stops an old request from being replayed.
"""
import base64
import hashlib
import hmac
import os
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "whsec_your_secret_here")
TOLERANCE_SECONDS = 5 * 60


def verify_signature(payload: bytes, headers, secret: str, now: float = None) -> bool:
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures):
        return False
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - sent_at) > TOLERANCE_SECONDS:
        return False

    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + payload
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()

    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        # compare_digest takes constant time, so the comparison leaks nothing about the secret.
        if version == "v1" and hmac.compare_digest(signature, expected):
            return True
    return False


@app.post("/webhook")
def webhook():
    # Verify the raw bytes: re-serialising parsed JSON would change them and break the signature.
    if not verify_signature(request.get_data(), request.headers, WEBHOOK_SECRET):
        abort(401)
    event = request.get_json()
    print(f"Received {event['event']} for call {event['metadata']['callId']}")
    return jsonify(received=True)
