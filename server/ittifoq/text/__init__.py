"""Text utilities shared by the CLI, the build and the web layer (no Flask here)."""
