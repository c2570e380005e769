"""A property-based run over the API's OpenAPI schema (schemathesis, in process): no input makes a server error."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.schemas import OpenApiSchema

from bilateral.serve import create_app

TOKEN = "schema-token"
EXAMPLES = 30
"""Generated cases per operation: enough to find the server errors we have met, under a minute in all."""


@pytest.fixture(scope="module")
def api_schema(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> OpenApiSchema:
    """The schema of an app over a copy of the demo database, ingest enabled (the run may post articles)."""
    path = tmp_path_factory.mktemp("schema") / "schema.db"
    with sqlite3.connect(served_db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    schema = schemathesis.openapi.from_asgi(
        "/openapi.json", create_app(path, token=TOKEN, hosts=["testserver"])
    )  # schemathesis calls as testserver
    assert isinstance(schema, OpenApiSchema)
    return schema


def test_the_schema_is_valid_openapi(api_schema: OpenApiSchema) -> None:
    api_schema.validate()  # against the OpenAPI meta-schema of its version
    assert api_schema.raw_schema["openapi"].startswith("3.")
    assert len(list(api_schema.get_all_operations())) >= 14
    broken = {key: value for key, value in api_schema.raw_schema.items() if key != "info"}
    with pytest.raises(Exception, match="info"):
        schemathesis.openapi.from_dict(broken).validate()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_makes_a_server_error(api_schema: OpenApiSchema, mode: GenerationMode) -> None:
    """Every operation, with generated valid (or invalid) parameters and bodies, answers below 500.

    (The operations are walked here rather than by schemathesis' pytest plugin, which does
    not run under the pytest this project uses.)
    """
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 14
    statuses: Counter[int] = Counter()
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case) -> None:
            response = case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
            statuses[response.status_code] += 1

        call()
    # The run reached the handlers: valid input is answered, invalid input refused in the one error shape.
    assert statuses[200] if mode is GenerationMode.POSITIVE else statuses[422], statuses
