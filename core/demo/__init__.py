"""Demo data: five jurisdictions' halls, staff, items and a few weeks of cases, loaded idempotently.

``core.demo.data`` is the data set (pure, no I/O); ``core.demo.load.load_demo``
writes it into a database.
"""
