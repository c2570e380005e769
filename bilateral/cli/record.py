"""The record commands: stories, timelines, what is new, and the agreement and project registries.

Each command imports the record's readers when it runs: :mod:`bilateral.stories` brings the coder, which
``--help`` does without.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from bilateral.cli.common import (
    FirstCountry,
    Format,
    FormatOption,
    PairOption,
    SecondCountry,
    errors,
    open_store,
    out,
    parse_countries,
    parse_day,
    parse_pair,
    parse_type,
    print_json,
    shorten,
)
from bilateral.vocab import TYPE_HELP, By


def stories_command(
    pair: PairOption = None,
    since: Annotated[str | None, typer.Option(help="Only stories on or after this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Only stories on or before this day.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help=TYPE_HELP)] = None,
    output: FormatOption = Format.table,
) -> None:
    """One real-world event per row, with how many articles and independent sources report it."""
    from bilateral.serialise import story_dict
    from bilateral.store import Query
    from bilateral.stories import stories

    with errors():
        countries, start, end = parse_pair(pair), parse_day(since, "--since"), parse_day(until, "--until")
        kind = parse_type(event_type)
        with open_store() as store:
            found = stories(store, Query(pair=countries, since=start, until=end, event=kind))
    if output is Format.json:
        print_json([story_dict(story) for story in found])
        return
    table = Table("date", "event", "cameo", "direction", "articles", "sources", "contexts", "quote")
    for story in found:
        when = story.when.label()
        placed = f" (+{len(story.placed)} undated placed)" if story.placed else ""
        quote = shorten(story.events[0].evidence.quote)
        table.add_row(when, story.event, story.cameo, story.direction, f"{story.n_articles}{placed}",
                      str(story.n_sources), ", ".join(story.contexts[:4]), quote)  # fmt: skip
    out.print(table)


def timeline_command(
    first: FirstCountry,
    second: SecondCountry,
    by: Annotated[By, typer.Option(help="Period length.")] = By.month,
    since: Annotated[str | None, typer.Option(help="From this day.")] = None,
    until: Annotated[str | None, typer.Option(help="Until this day.")] = None,
    output: FormatOption = Format.table,
) -> None:
    """The relationship between two countries period by period: events, tone, sources, agreements, milestones."""
    from bilateral.timeline import pair_timeline, sparkline

    with errors():
        pair, start, end = parse_countries(first, second), parse_day(since, "--since"), parse_day(until, "--until")
        with open_store() as store:
            periods = pair_timeline(store, pair, by, since=start, until=end)
    if output is Format.json:
        print_json([asdict(period) | {"start": period.start.isoformat()} for period in periods])
        return
    if not periods:
        out.print(f"no stories between {pair[0]} and {pair[1]}")
        return
    out.print(f"{pair[0]}–{pair[1]} by {by.value}: {sparkline([period.stories for period in periods])}")
    table = Table("period", "stories", "articles", "sources", "goldstein", "plover", "balance", "agreements",
                  "milestones", "types")  # fmt: skip
    for period in periods:
        if period.stories or period.agreements or period.milestones:
            table.add_row(
                period.label, str(period.stories), str(period.articles), str(period.sources),
                _number(period.goldstein), _number(period.intensity), _number(period.balance),
                str(period.agreements), str(period.milestones),
                ", ".join(f"{name} {count}" for name, count in period.types.items()),
            )  # fmt: skip
    out.print(table)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def diff_command(
    first: FirstCountry,
    second: SecondCountry,
    since: Annotated[str, typer.Option(help="What is new on or after this day (YYYY-MM-DD).")],
    output: FormatOption = Format.table,
) -> None:
    """What is new between two countries since a date: agreements, projects, sectors, people."""
    from bilateral.registry import agreements, projects
    from bilateral.serialise import agreement_dict, project_dict
    from bilateral.store import Query
    from bilateral.stories import stories
    from bilateral.timeline import new_since

    with errors():
        pair, day = parse_countries(first, second), parse_day(since, "--since")
        assert day is not None
        with open_store() as store:
            news = new_since(
                stories(store, Query(pair=pair)),
                agreements(store, Query(pair=pair)),
                projects(store, Query(pair=pair)),
                day,
            )
    if output is Format.json:
        print_json({
            "since": day.isoformat(), "stories": news.stories, "sectors": list(news.sectors),
            "people": list(news.people), "agreements": [agreement_dict(entry) for entry in news.agreements],
            "projects": [project_dict(project) for project in news.projects],
        })  # fmt: skip
        return
    out.print(f"{pair[0]}–{pair[1]} since {day}: {news.stories} events")
    out.print(
        "new agreements: " + ("; ".join(f"{entry.title} ({entry.status()})" for entry in news.agreements) or "none")
    )
    out.print("new projects: " + ("; ".join(project.name for project in news.projects) or "none"))
    out.print("new sectors: " + (", ".join(news.sectors) or "none"))
    out.print("new people: " + (", ".join(news.people) or "none"))


def agreements_command(
    pair: PairOption = None,
    on: Annotated[str | None, typer.Option("--on", help="Status as of this day (default: latest).")] = None,
    output: FormatOption = Format.table,
) -> None:
    """The agreement registry: one entry per agreement, with its stages and their evidence."""
    from bilateral.registry import agreements
    from bilateral.serialise import agreement_dict
    from bilateral.store import Query

    with errors():
        day, countries = parse_day(on, "--on"), parse_pair(pair)
        with open_store() as store:
            entries = agreements(store, Query(pair=countries))
    if output is Format.json:
        print_json([agreement_dict(entry, day) for entry in entries])
        return
    table = Table("agreement", "countries", "parties", "status", "stages", "articles", "sources")
    for entry in entries:
        stages = ", ".join(f"{stage.stage} {stage.when.label()}" for stage in entry.stages)
        signed = f"signed by {', '.join(entry.signatories)}" if entry.signatories else ""
        parties = "; ".join(part for part in (", ".join(entry.parties[len(entry.countries) :]), signed) if part)
        table.add_row(entry.title, "–".join(entry.countries), parties, entry.status(day) or "", stages,
                      str(entry.n_articles), str(entry.n_sources))  # fmt: skip
    out.print(table)


def projects_command(pair: PairOption = None, output: FormatOption = Format.table) -> None:
    """The project registry: long-running programmes with their participants and dated milestones."""
    from bilateral.registry import projects
    from bilateral.serialise import project_dict
    from bilateral.store import Query

    with errors():
        countries = parse_pair(pair)
        with open_store() as store:
            found = projects(store, Query(pair=countries))
    if output is Format.json:
        print_json([project_dict(project) for project in found])
        return
    table = Table("project", "kind", "countries", "participants", "milestones")
    for project in found:
        steps = "\n".join(
            f"{step.when.label()} {step.event} {step.summary}{' (history)' if step.background else ''}"
            for step in project.milestones
        )
        table.add_row(project.name, project.kind, "–".join(project.countries), ", ".join(project.participants), steps)
    out.print(table)
