"""Department mutations: one per file."""
