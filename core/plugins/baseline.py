"""The national baseline (全国通用规则), registered ``trylast``.

It answers every policy hook with the rulebook's national defaults, so a
jurisdiction plugin only implements what its own documents say. It is not a
jurisdiction and so does not implement ``tingwu_jurisdiction_info``.
"""
