"""``bilateral serve``: the API and the dashboard under uvicorn, with the bounds on what one request may cost.

Registered in :mod:`bilateral.cli`, which imports this module (and the server's libraries) only when it runs.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer

from bilateral.cli.common import err, errors, rules_only, state
from bilateral.errors import UsageError
from bilateral.serve.context import INGEST_SECONDS, MAX_BODY

_SIZE = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
_EVERY_ADDRESS = {"0.0.0.0", "::", ""}


def parse_size(value: str) -> int:
    """A number of bytes, with an optional binary unit: ``16M``, ``512KiB``, ``1000000``."""
    match = _SIZE.fullmatch(value.strip())
    if match is None or int(match.group(1)) == 0:
        raise UsageError(f"--max-body {value!r} is not a size in bytes (e.g. 16M, 512K, 1000000)")
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def serve_command(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="BILATERAL_TOKEN", help="Enable POST /api/ingest for this bearer token.")
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            envvar="BILATERAL_ALLOW_HOSTS",
            help="Also answer requests whose Host is this name (repeatable; * for any). Loopback names and the "
            "--host address are always answered. The variable takes names separated by spaces.",
        ),
    ] = None,
    max_body: Annotated[
        str, typer.Option(help="The largest request body read, in bytes (16M, 512K); past it, 413.")
    ] = f"{MAX_BODY >> 20}M",
    time_limit: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="Seconds one POST /api/ingest may code; articles not reached by then are "
            "failures (ingest.time_limit), and what was coded is kept.",
        ),
    ] = INGEST_SECONDS,
) -> None:
    """Serve the JSON API (schema at /openapi.json) and the dashboard; read-only unless a token is given."""
    import uvicorn

    from bilateral.serve import create_app

    names = [*(allow_host or []), *([] if host in _EVERY_ADDRESS else [host])]
    with errors():
        rules_only("serve")
        limit = parse_size(max_body)
        web = create_app(
            state.db, token=token, actors=state.actors, hosts=names, max_body=limit, ingest_seconds=time_limit
        )
    err.print(f"serving {state.where()} on http://{host}:{port}/ (ingest {'on' if token else 'off'})", markup=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")
