"""ASGI entry point for process managers (`uvicorn core.asgi:app --workers N`)."""

from core import observability
from core.app import create_app
from core.startup import build_runtime

observability.configure_logging()
app = create_app(build_runtime())
