"""Compiled reads: a query's root field answered by one SQL statement that builds its JSON.

* ``spec``: what each type's fields are in SQL, declared next to the type (``sql_type``, ``sql_root``).
* ``compile``: from a validated selection to one statement per root field (``plan``).
* ``sql``: the two backends' JSON functions.
* ``extension``: where it joins execution (a strawberry schema extension, ``on_execute``).
"""
