"""The one exception tree. Every error has a stable ``code`` and an HTTP ``status``.

The CLI prints ``error[code]: message`` (exit status 2 for a usage error, else 1);
the API answers the same code with the class's status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilateral.records import Failure


class BilateralError(Exception):
    """Base of every error the package raises on purpose."""

    code = "error"
    status = 500

    def __init__(self, message: str, *, origin: str | None = None) -> None:
        self.message = message
        self.origin = origin
        super().__init__(f"{origin}: {message}" if origin else message)


class InputError(BilateralError):
    """An input could not be read as news."""

    code = "input"
    status = 400


class EmptyInput(InputError):
    code = "input.empty"


class BinaryInput(InputError):
    code = "input.binary"


class EncodingError(InputError):
    code = "input.encoding"


class CompressionError(InputError):
    code = "input.compression"


class TooLarge(InputError):
    """An input read whole (a file, standard input, a page, a ``.gz``'s content) over ``MAX_INPUT_BYTES``."""

    code = "input.too_large"


class LineTooLong(InputError):
    """A JSON Lines line over ``MAX_LINE_BYTES``: that line fails, the file goes on."""

    code = "input.line_too_long"


class CompressionRatio(InputError):
    """A streamed ``.jsonl.gz`` that inflates past ``MAX_GZIP_RATIO`` times its size: the rest is not read."""

    code = "input.compression_ratio"


class TooManyFailures(InputError):
    """A JSON Lines or CSV/TSV file whose lines hold no article ``MAX_LINES_WITHOUT_ARTICLE`` times in a row."""

    code = "input.too_many_failures"


class FormatError(InputError):
    """The input decoded but is not in the shape its name promises."""

    code = "input.format"


class UnsupportedFormat(InputError):
    """A file whose name says no format ``bilateral`` reads, or whose bytes are not the format its name says."""

    code = "input.unsupported"


class DateError(InputError):
    """A date that is present but cannot be read as one day: unreadable, or ambiguous (06/05/2024)."""

    code = "input.date"


class DateOutOfRange(DateError):
    """A publication date outside the years read as news (:data:`bilateral.days.EARLIEST_YEAR` to ``LATEST_YEAR``)."""

    code = "input.date_range"


class FetchError(InputError):
    code = "input.fetch"


class NotFound(InputError):
    code = "input.not_found"
    status = 404


class NothingRead(InputError):
    """Every input of an ``ingest`` failed and none was read: an error (exit 1), and nothing is stored."""

    code = "input.nothing_read"


class InternalError(BilateralError):
    """Something no check foresaw broke inside one input's reading or analysis: that input's failure, logged."""

    code = "internal"


class TimeLimit(BilateralError):
    """Work stopped at its time limit (one ``POST /api/ingest``'s); what was done before it is kept."""

    code = "ingest.time_limit"
    status = 503


class DataFileError(BilateralError):
    """A bundled or user actor file is malformed."""

    code = "data.file"


class StoreError(BilateralError):
    """The database cannot be used: the API answers 503 (the service is there, its data is not)."""

    code = "store"
    status = 503


class MissingDatabase(StoreError):
    """A command that reads was pointed at a database that does not exist (it is never created by reading)."""

    code = "store.missing"


class SchemaError(StoreError):
    """The database was written by a newer version, or is not ours: refused before anything is written to it."""

    code = "store.schema"


class DamagedDatabase(StoreError):
    """SQLite found the file damaged (a malformed page, or no database at all), on opening or on any later read."""

    code = "store.damaged"


class ExportError(BilateralError):
    """An export could not be written (its file, or a library its format needs)."""

    code = "export"


class ReportError(BilateralError):
    """A brief could not be written (its file, or its chart)."""

    code = "report"


class ClusterError(BilateralError):
    """The workers an ingest analyses on cannot be used: the Dask cluster ``--dask`` names is not reachable or dask
    is not installed, or a process of ``--workers`` died (killed, out of memory)."""

    code = "cluster"
    status = 503


class UsageError(BilateralError):
    """The caller asked for something malformed (a bad option or parameter value, a bad combination).

    The API answers 422, as it does for the parameters FastAPI validates itself.
    """

    code = "usage"
    status = 422


class UnknownCountry(UsageError):
    """A country argument that is no code or name the actor files know; the message suggests the closest."""

    code = "usage.country"


def failure_error(failure: Failure) -> InputError:
    """The error for an input a reader or stage recorded as failed, keeping its code."""
    error = InputError(failure.message, origin=failure.origin)
    error.code = failure.code
    return error
