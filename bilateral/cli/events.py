"""``bilateral events``: the stored events with the API's filters, and how any list of events is printed.

Registered in :mod:`bilateral.cli` after ``code``, in the order ``--help`` lists the commands.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bilateral.cli.common import (
    EventFormat,
    PairOption,
    errors,
    open_store,
    out,
    parse_country,
    parse_day,
    parse_pair,
    parse_type,
    print_json,
    print_json_lines,
    shorten,
)
from bilateral.records import Modality
from bilateral.vocab import TYPE_HELP

if TYPE_CHECKING:
    from bilateral.records import Event, EventLinks


def events_command(
    pair: PairOption = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help=TYPE_HELP)] = None,
    actor: Annotated[
        str | None, typer.Option("--from", help="Only events this country did (among the actors).")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option("--to", help="Only events done to this country (among the recipients).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only events this country takes part in.")] = None,
    quad: Annotated[int | None, typer.Option(min=1, max=4, help="Only this QuadClass (1 to 4).")] = None,
    goldstein_min: Annotated[float | None, typer.Option(min=-10, max=10, help="Goldstein score at least.")] = None,
    goldstein_max: Annotated[float | None, typer.Option(min=-10, max=10, help="Goldstein score at most.")] = None,
    context: Annotated[str | None, typer.Option(help="Only events with this PLOVER context, e.g. military.")] = None,
    modality: Annotated[Modality | None, typer.Option(help="Only events the text asserts this way.")] = None,
    text: Annotated[str | None, typer.Option(help="Only events whose evidence sentence holds these words.")] = None,
    background: Annotated[
        bool, typer.Option(help="Include background history (events before the article's time).")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    output: Annotated[EventFormat, typer.Option("--format", help="Output format.")] = EventFormat.table,
) -> None:
    """List stored events, with the API's filters: pair, direction (--from/--to), country, dates, type and more."""
    from bilateral.store import Query
    from bilateral.stories import links

    with errors():
        countries, start, end = parse_pair(pair), parse_day(since, "--since"), parse_day(until, "--until")
        kind = parse_type(event_type)
        named = {name: parse_country(value) for name, value in
                 (("--from", actor), ("--to", recipient), ("--country", country)) if value}  # fmt: skip
        with open_store() as store:
            query = Query(
                pair=countries, country=named.get("--country"), actor=named.get("--from"),
                recipient=named.get("--to"), since=start, until=end, event=kind, quad=quad,
                goldstein_min=goldstein_min, goldstein_max=goldstein_max, context=context,
                modality=modality.value if modality else None, text=text, background=background, limit=limit,
            )  # fmt: skip
            events = store.events(query)
            placed = links(store, events)
    print_events(events, output, placed)


def print_events(events: list[Event], output: EventFormat, placed: dict[str, EventLinks] | None = None) -> None:
    """Print events; ``placed`` adds each stored event's story and registry entries."""
    from bilateral.records import placed_date
    from bilateral.serialise import event_dict, links_dict

    rows = [event_dict(event) | (links_dict(placed[event.id], event) if placed else {}) for event in events]
    if output is EventFormat.json:
        print_json(rows)
    elif output is EventFormat.jsonl:
        print_json_lines(rows)
    elif output is EventFormat.csv:
        _print_csv(rows)
    else:
        table = Table("date", "event", "cameo", "actor", "recipient", "modality", "contexts", "quote", box=None)
        for event in events:
            when = placed_date(event.when, placed[event.id].story_when) if placed else event.when
            table.add_row(
                when.label(),
                event.event, event.cameo, _parties(event.actor), _parties(event.recipient) or "(joint)",
                event.modality.value, ", ".join(event.contexts), shorten(event.evidence.quote),
            )  # fmt: skip
        out.print(table)


def _parties(parties: tuple[Any, ...]) -> str:
    return ", ".join(
        f"{party.country}" + (f" ({party.name})" if party.name and party.kind != "country" else "") for party in parties
    )


def _print_csv(rows: list[dict[str, Any]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    columns = ["id", "date", "date_end", "date_precision", "placed_on", "event", "mode", "cameo", "goldstein", "quad",
               "actor", "recipient", "modality", "contexts", "article_id", "quote", "confidence"]  # fmt: skip
    writer = csv.DictWriter(buffer, columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({
            **{column: row.get(column) for column in columns},
            "actor": ";".join(party["country"] or "" for party in row["actor"]),
            "recipient": ";".join(party["country"] or "" for party in row["recipient"]),
            "contexts": ";".join(row["contexts"]),
            "article_id": row["evidence"]["article_id"],
            "quote": row["evidence"]["quote"],
        })  # fmt: skip
    out.print(buffer.getvalue(), markup=False, end="")
