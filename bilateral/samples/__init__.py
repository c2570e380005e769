"""The bundled sample corpus, written by the project for demos and tests."""

from importlib import resources
from pathlib import Path


def corpus_dir() -> Path:
    """The folder holding the sample articles."""
    return Path(str(resources.files("bilateral.samples") / "corpus"))
