"""The command group: a command is built from its function only when it runs or shows its own help.

Typer builds a click command from a function's signature (options, types, help) at a few milliseconds a
command; ``bilateral --help`` needs only each command's name and first paragraph of help. So the group lists
each command by its name and help, and builds the one that is called. A command may also name the module that
defines it (``eval`` lives in :mod:`bilateral.evaluate.command`), which is then imported only when it is called.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    # Typer 0.22 and later carry their own copy of click; these are the types its group methods take.
    from typer._click import Command, Context

Function = TypeVar("Function", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Entry:
    """A registered command: its help for the list, and where its function is."""

    help: str
    function: Callable[..., Any] | None = None
    home: str | None = None
    """``module:function`` for a command imported when called."""

    def load(self) -> Callable[..., Any]:
        if self.function is not None:
            return self.function
        assert self.home is not None
        module, name = self.home.split(":")
        loaded: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return loaded


COMMANDS: dict[str, Entry] = {}
"""Every command, in the order ``--help`` lists them."""


def command(name: str) -> Callable[[Function], Function]:
    """Register a function as the command ``name`` (its docstring is its help)."""

    def register(function: Function) -> Function:
        COMMANDS[name] = Entry(inspect.getdoc(function) or "", function=function)
        return function

    return register


def elsewhere(name: str, home: str, *, help: str) -> None:
    """Register the command ``name``, whose function ``home`` (``module:function``) is imported when it runs;
    ``help`` is the first paragraph of that function's docstring (a test holds them equal)."""
    COMMANDS[name] = Entry(help, home=home)


def build(name: str) -> Command:
    """The click command for ``name``, built from its function as Typer builds any command."""
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    single.command(name)(COMMANDS[name].load())
    return typer.main.get_command(single)


class Commands(TyperGroup):
    """The group: lists every registered command, builds the one that is resolved."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        for name, entry in COMMANDS.items():
            self.add_command(TyperCommand(name, help=entry.help, rich_markup_mode=self.rich_markup_mode), name)
        self._built: set[str] = set()

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        name = args[0] if args else None
        if name in COMMANDS and name not in self._built:
            self.commands[name] = build(name)
            self._built.add(name)
        return super().resolve_command(ctx, args)
