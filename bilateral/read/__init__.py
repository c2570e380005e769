"""Readers: turn files, folders, URLs and streams into documents.

Each reader yields :class:`~bilateral.records.Document` for what it could read
and :class:`~bilateral.records.Failure` for what it could not, so one bad input
never stops a batch.
"""

from bilateral.read.sources import InputFormat, names_a_file, read_paths, read_text

__all__ = ["InputFormat", "names_a_file", "read_paths", "read_text"]
