"""The HTTP face of Tingwu: GraphQL over HTTP to the letter, and the ASGI middleware in front of it.

- :mod:`core.http.graphql_view`: media types and status codes of the GraphQL-over-HTTP spec, queries over
  GET (never mutations: 405), persisted and trusted documents, stable ``extensions.code`` and a Chinese or
  English message on every top-level error, no field suggestions in production.
- :mod:`core.http.middleware`: request id, body limit (413 before parsing), CORS for configured origins.
"""
