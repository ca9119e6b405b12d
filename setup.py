"""Packages: `core`, `plugins`, and the Alembic folder shipped as `tingwu_migrations` (never as `alembic`, which
would shadow the alembic library), so that an installed Tingwu migrates its database (core/db/migrations.py)."""

from setuptools import find_namespace_packages, setup

setup(
    # Namespace-aware: a folder without __init__.py (core/graphql, core/events) is shipped too.
    packages=find_namespace_packages(include=["core", "core.*", "plugins", "plugins.*"], exclude=["*.__pycache__"])
    + ["tingwu_migrations", "tingwu_migrations.versions"],
    package_dir={"tingwu_migrations": "alembic"},
    package_data={"tingwu_migrations": ["script.py.mako"]},
)
