"""Personal information (个人信息) at rest: sealed columns, blind indexes, read log, retention.

See docs/privacy.md. ``core.privacy`` keeps the masking helpers and the look-up functions other
domains call (``blind_index``, ``matches_last4``).
"""
