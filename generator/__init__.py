"""formgen: YAML case files in, official Japanese filing documents out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("formgen")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
