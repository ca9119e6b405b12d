"""Persisted and trusted documents: devices send a registered document's hash instead of its text.

The registry is a JSON manifest ``{"<sha256 hex>": "<document>", …}`` (the shape Relay, Apollo's
persisted-query manifests and GraphQL Codegen's ``persistedDocuments`` write), named by
``TINGWU_PERSISTED_DOCUMENTS``. A request names a document by ``documentId`` (``"sha256:<hex>"`` or the
bare hex) or by Apollo's ``extensions.persistedQuery.sha256Hash``.

``TINGWU_TRUSTED_DOCUMENTS`` decides what else may run:

- ``off`` (default): any document; registered ones may be sent by hash.
- ``anonymous``: callers without a token (rating pads, calling screens, kiosks, the public) run registered
  documents only; signed-in staff may send any document.
- ``all``: only registered documents run, for everybody.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MODES = ("off", "anonymous", "all")


class DocumentRefused(Exception):
    """A document the server will not run (unknown hash, or an unregistered text in trusted mode)."""

    def __init__(self, code: str, detail: str, message_zh: str, status_code: int = 400):
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.message_zh = message_zh
        self.status_code = status_code


def document_hash(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


class PersistedDocuments:
    def __init__(self, documents: dict[str, str] | None = None, *, mode: str = "off"):
        if mode not in MODES:
            raise ValueError(f"TINGWU_TRUSTED_DOCUMENTS must be one of {', '.join(MODES)}, got {mode!r}")
        self.mode = mode
        self.by_hash: dict[str, str] = {}
        for key, document in (documents or {}).items():
            digest = document_hash(document)
            given = key.removeprefix("sha256:").lower()
            if given != digest:
                raise ValueError(f"persisted document {key}: its sha256 is {digest}")
            self.by_hash[digest] = document

    @classmethod
    def from_file(cls, path: str | Path | None, *, mode: str = "off") -> "PersistedDocuments":
        documents = json.loads(Path(path).read_text("utf-8")) if path else {}
        if not isinstance(documents, dict):
            raise ValueError(f"{path}: expected a JSON object of sha256 → document")
        return cls(documents, mode=mode)

    def requested_hash(self, request_data) -> str | None:
        """The hash a request names, from ``documentId`` or ``extensions.persistedQuery.sha256Hash``."""
        extensions = request_data.extensions or {}
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if isinstance(persisted, dict) and isinstance(persisted.get("sha256Hash"), str):
            return persisted["sha256Hash"].lower()
        document_id = extensions.get("documentId") if isinstance(extensions, dict) else None
        if isinstance(document_id, str):
            return document_id.removeprefix("sha256:").lower()
        return None

    def resolve(self, request_data, *, actor) -> str | None:
        """The document to run for this request.

        :raises DocumentRefused: for an unknown hash, or a document text the mode does not allow.
        """
        digest = self.requested_hash(request_data)
        if digest is not None:
            document = self.by_hash.get(digest)
            if document is None:
                raise DocumentRefused("PERSISTED_QUERY_NOT_FOUND", f"no registered document {digest}",
                                      f"未登记的查询文档：{digest}", status_code=404 if self.mode != "off" else 400)
            if request_data.query and document_hash(request_data.query) != digest:
                raise DocumentRefused("PERSISTED_QUERY_HASH_MISMATCH", "the query does not match its hash",
                                      "查询文本与其哈希不符。")
            return document
        query = request_data.query
        if query is None or self.mode == "off":
            return query
        if self.mode == "anonymous" and actor is not None:
            return query
        if document_hash(query) in self.by_hash:
            return query
        raise DocumentRefused("TRUSTED_DOCUMENT_REQUIRED", "only registered documents run here: send documentId",
                              "此处只运行已登记的查询文档，请发送 documentId。")
