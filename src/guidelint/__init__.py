"""guidelint: a linter and editor for interview discussion guides."""

__version__ = "0.1.0"
