"""The one exception tree. Every error has a stable ``code``.

The CLI prints ``error[code]: message``; the API will return the same pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilateral.records import Failure


class BilateralError(Exception):
    """Base of every error the package raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, origin: str | None = None) -> None:
        self.message = message
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class InputError(BilateralError):
    """An input could not be read as news."""

    code = "input"


class EmptyInput(InputError):
    code = "input.empty"


class BinaryInput(InputError):
    code = "input.binary"


class EncodingError(InputError):
    code = "input.encoding"


class CompressionError(InputError):
    code = "input.compression"


class FormatError(InputError):
    """The input decoded but is not in the shape its name promises."""

    code = "input.format"


class FetchError(InputError):
    code = "input.fetch"


class NotFound(InputError):
    code = "input.not_found"


class DataFileError(BilateralError):
    """A bundled or user actor file is malformed."""

    code = "data.file"


class StoreError(BilateralError):
    code = "store"


class SchemaError(StoreError):
    """The database was written by a newer version, or is not ours."""

    code = "store.schema"


class ExportError(BilateralError):
    """An export could not be written (its file, or a library its format needs)."""

    code = "export"


class ReportError(BilateralError):
    """A brief could not be written (its file, or its chart)."""

    code = "report"


class UsageError(BilateralError):
    code = "usage"


def failure_error(failure: Failure) -> InputError:
    """The error for an input a reader or stage recorded as failed, keeping its code."""
    error = InputError(failure.message, origin=failure.origin)
    error.code = failure.code
    return error
