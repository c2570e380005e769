"""The sentence model: shipped, loaded offline, and reviewing the rules' events as documented."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app
from bilateral.code import code_text
from bilateral.code.model import (
    MODEL,
    MODEL_VERSION,
    PROPOSE_AT_HOME,
    PROPOSE_PAIR,
    TYPES,
    VETO,
    Model,
    reviewed,
    sentence_model,
)
from bilateral.records import Event, Scope

MISSED = "Australia barred Chinese state firms from bidding for its port leases on Tuesday."
ALONE = "Kenya's president sacked his finance minister on Tuesday."
MEETING = "Poland's foreign minister met his Lithuanian counterpart in Vilnius on Monday to discuss air defence."


def test_the_model_ships_small_and_answers_a_probability_per_type() -> None:
    folder = resources.files("bilateral.code") / "data"
    assert len((folder / "sentences.onnx").read_bytes()) < 30_000_000  # the bound on what the wheel gains
    first, second = sentence_model().likelihoods([MEETING, "Kenya and Ethiopia signed a trade pact."])
    assert set(first) == set(TYPES)
    assert all(0.0 <= value <= 1.0 for value in first.values())
    assert max(first, key=first.__getitem__) == "CONSULT"  # a meeting reads as one
    assert first != second  # not one answer whatever the sentence


def test_a_batch_gives_what_each_sentence_gives_alone() -> None:
    """Padding a short sentence to a long one's length changes nothing (the mask is honoured)."""
    short, long = "Japan summoned China's ambassador.", MEETING + " The talks lasted three hours, officials said."
    together = sentence_model().likelihoods([short, long])
    alone = [sentence_model().likelihoods([text])[0] for text in (short, long)]
    for batched, single in zip(together, alone, strict=True):
        assert all(abs(batched[key] - single[key]) < 1e-4 for key in TYPES)


def test_kept_events_are_the_rules_events_with_the_model_named(gaz: Gazetteer) -> None:
    rules = code_text(MEETING, gaz)  # the rules alone: the default
    kept = code_text(MEETING, gaz, model=Model.REVIEW)
    assert [event.event for event in rules] == ["CONSULT"]
    assert [event.id for event in kept] == [event.id for event in rules]
    assert kept[0].coder == f"{rules[0].coder}+{MODEL}"
    assert kept[0].coder_version.endswith(f"+{MODEL_VERSION}")
    assert 0 < kept[0].confidence <= rules[0].confidence


def test_an_event_the_model_finds_unlikely_is_left_out(gaz: Gazetteer) -> None:
    """A meeting retyped by hand to a type the sentence does not tell is vetoed; history and acts at home pass."""
    (meeting,) = code_text(MEETING, gaz)
    likely = sentence_model().likelihoods([MEETING])
    unlikely = min(likely[0], key=likely[0].__getitem__)
    assert likely[0][unlikely] < VETO
    wrong = replace(meeting, event=unlikely)
    history = replace(wrong, id="history", background=True)
    alone = replace(wrong, id="alone", recipient=())
    kept = reviewed((meeting, wrong, history, alone), {MEETING: likely[0]})
    assert [event.id for event in kept] == [meeting.id, "history", "alone"]


@pytest.mark.parametrize("model", list(Model))
def test_a_sentence_without_an_act_gives_none(gaz: Gazetteer, model: Model) -> None:
    events: tuple[Event, ...] = code_text("The weather in Ankara and Izmir was mild on Sunday.", gaz, model=model)
    assert events == ()


def test_the_model_proposes_an_act_the_rules_miss_only_when_asked(gaz: Gazetteer) -> None:
    """Where the rules find nothing in a sentence naming two parties, ``--propose`` adds the model's likeliest type
    when it is sure enough, the first party acting; ``--model`` only reviews."""
    assert code_text(MISSED, gaz) == code_text(MISSED, gaz, model=Model.REVIEW) == ()
    (proposed,) = code_text(MISSED, gaz, model=Model.PROPOSE)
    likely = sentence_model().likelihoods([MISSED])[0]
    assert proposed.event == max(likely, key=likely.__getitem__) == "SANCTION"
    assert likely[proposed.event] >= PROPOSE_PAIR
    assert (proposed.coder, proposed.evidence.quote, proposed.evidence.cue) == (MODEL, MISSED, "")
    assert ([p.country for p in proposed.actor], [p.country for p in proposed.recipient]) == (["AUS"], ["CHN"])
    assert proposed.scope is Scope.INTERNATIONAL
    assert 0 < proposed.confidence < likely[proposed.event]


def test_a_state_named_alone_gets_an_act_at_home_exactly_when_the_model_is_sure_enough(gaz: Gazetteer) -> None:
    for text in (ALONE, "The weather in Nairobi was mild on Tuesday."):
        assert code_text(text, gaz) == ()
        likely = sentence_model().likelihoods([text])[0]
        proposed = code_text(text, gaz, model=Model.PROPOSE)
        if max(likely.values()) < PROPOSE_AT_HOME:
            assert proposed == ()
        else:
            (at_home,) = proposed
            assert at_home.event == max(likely, key=likely.__getitem__)
            assert at_home.scope is Scope.DOMESTIC


@pytest.mark.parametrize(("flags", "coder"), [((), "bilateral-rules"), (("--model",), f"bilateral-rules+{MODEL}")])
def test_the_command_line_codes_with_the_model_only_when_asked(
    tmp_path: Path, flags: tuple[str, ...], coder: str
) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "b.db"), *flags, "code", MEETING, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [event["coder"] for event in json.loads(result.stdout)] == [coder]


@pytest.mark.parametrize(
    "text",
    [
        "France did not attack Germany on Monday.",  # negated: the model reads a type, not whether it was done
        "NATO expelled the spies on Tuesday.",  # an organisation alone has no home to act at
        "The coach praised the squad and the fans at the stadium after the league match on Sunday. "
        "Germany's striker attacked the Dutch defender and was sent off.",  # a sports report, as the rules skip it
        "France and Germany signed a trade treaty on Monday. "
        "France and Germany signed the trade treaty in Paris, officials said.",  # the rules told it once: no copy
    ],
)
def test_the_model_proposes_nothing_where_the_rules_decided(gaz: Gazetteer, text: str) -> None:
    rules = code_text(text, gaz)
    assert [event.id for event in code_text(text, gaz, model=Model.PROPOSE)] == [event.id for event in rules]


def test_the_first_party_named_acts_even_when_the_other_is_named_last(gaz: Gazetteer) -> None:
    text = "Australia barred Chinese state firms from bidding for Australian port leases on Tuesday."
    (proposed,) = code_text(text, gaz, model=Model.PROPOSE)
    assert ([p.country for p in proposed.actor], [p.country for p in proposed.recipient]) == (["AUS"], ["CHN"])


@pytest.mark.parametrize("command", [["watch", "--once", "feed.xml"], ["serve"]])
def test_commands_that_code_without_the_model_refuse_its_options(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "b.db"), "--model", *command])
    assert result.exit_code == 2
    assert "--model and --propose apply to" in result.output
    assert not (tmp_path / "b.db").exists()
