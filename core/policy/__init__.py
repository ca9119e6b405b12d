"""The pure policy layer: every jurisdiction's rules as answers with their sources.

Nothing here touches the database or GraphQL. ``types`` holds the frozen result
dataclasses, ``calendar`` the one working-day arithmetic, ``naming`` the pinyin
helpers, the family modules (``hours``, ``attendance``, ``leave``, ``staff``,
``ratings``, ``complaints``, ``cases``, ``assessment``, ``windows``, ``duty``,
``bulletin``) the national baseline's rules and the pure helpers plugins share,
and ``service`` the facade the API calls.
"""
