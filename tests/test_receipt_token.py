"""R1: the signed rating token on the 受理回执 (no database)."""

import time
import uuid
from datetime import timedelta

from core.ratings.receipt_token import sign_receipt_token, verify_receipt_token

SECRET = "s" * 40


def test_round_trip_is_compact_and_url_safe():
    case_id = uuid.uuid4()
    token = sign_receipt_token(case_id, secret=SECRET)
    assert verify_receipt_token(token, secret=SECRET) == case_id
    assert len(token) < 90
    assert all(c.isalnum() or c in "-_." for c in token)


def test_forged_altered_or_foreign_tokens_are_refused():
    case_id = uuid.uuid4()
    token = sign_receipt_token(case_id, secret=SECRET)
    assert verify_receipt_token(token, secret="x" * 40) is None
    other = sign_receipt_token(uuid.uuid4(), secret=SECRET)
    spliced = other.split(".")[0] + "." + ".".join(token.split(".")[1:])
    assert verify_receipt_token(spliced, secret=SECRET) is None
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert verify_receipt_token(flipped, secret=SECRET) is None
    for junk in ("", "abc", "a.b.c", "无效.令牌.x", "." * 300):
        assert verify_receipt_token(junk, secret=SECRET) is None


def test_expired_token_is_refused():
    token = sign_receipt_token(uuid.uuid4(), secret=SECRET)
    time.sleep(1.1)
    assert verify_receipt_token(token, secret=SECRET, max_age=timedelta(seconds=0)) is None
