"""formgen: YAML case files in, official Japanese filing documents out."""


def __getattr__(name: str) -> str:
    # __version__ is looked up when first used: importlib.metadata costs start-up time every command pays
    if name != "__version__":
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("formgen")
    except PackageNotFoundError:  # running from a source tree without installation
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
