"""What-if for ``bench/compare.py --tingwu-app bench.asgi_untuned:app``: Tingwu without its GC tuning.

The same application as ``core.asgi:app``, except that start-up leaves CPython's
default collector alone (threshold 700/10/10, nothing frozen), as the server did
before ``core.app.tune_garbage_collector``: the before/after of that change,
measured over HTTP on the same checkout.
"""

import core.app

core.app.tune_garbage_collector = lambda: None  # the lifespan looks the name up when it runs

from core.asgi import app  # noqa: E402,F401  (builds the runtime from the TINGWU_* environment)
