"""Built-in jurisdiction plugins; each registers through the `tingwu.jurisdictions` entry-point group."""
