"""The package version: the one source, read by the build (pyproject's dynamic version) too."""

__version__ = "0.2.0"
