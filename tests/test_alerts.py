"""Alert rules: reading them, matching stories, firing once per story and rule, and the webhook."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bilateral.actors import gazetteer
from bilateral.actors.countries import countries
from bilateral.errors import UsageError
from bilateral.pipeline import ingest
from bilateral.store import Store
from bilateral.watch.alerts import Alerter
from bilateral.watch.outputs import SIGNATURE_HEADER, JsonLines, Webhook, body, signature
from bilateral.watch.rules import Rule, load_rules

NEWS = """ date 2026-03-02 403
Nordic visit
Norway's foreign minister met her Chilean counterpart in Oslo on Monday to discuss fisheries and trade. \
Norway and Chile signed an agreement on salmon research in Oslo on Monday. Norway condemned Chile over the \
arrest of a fisheries inspector on Monday. Chile threatened to expel a Norwegian diplomat on Monday.
"""
RULES = """
[[rule]]
name = "nordic-conflict"
pair = "Norway-Chile"
quad = [3, 4]
goldstein_below = -3

[[rule]]
name = "deals"
agreement = true

[[rule]]
name = "busy-day"
country = "CL"
spike = 2.0

[output]
jsonl = "{jsonl}"
"""
NOW = datetime(2026, 3, 6, 8, 0, tzinfo=UTC)


def resolve(text: str) -> str:
    return countries().resolve(text)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "visit.txt").write_text(NEWS, encoding="utf-8")
    with Store(tmp_path / "alerts.db") as store:
        ingest([str(tmp_path / "visit.txt")], store, gazetteer())
        yield store


def article_ids(store: Store) -> list[str]:
    return [article.id for article in store.articles()]


def test_rules_match_once_per_story_and_rule(store: Store, tmp_path: Path) -> None:
    rules = load_rules(_rules_file(tmp_path), resolve)
    assert rules.outputs.jsonl == tmp_path / "fired.jsonl"
    alerter = Alerter(store, rules.rules, [JsonLines(tmp_path / "fired.jsonl")], clock=lambda: NOW)
    fired = alerter.articles_stored(article_ids(store))
    by_rule: dict[str, list[dict[str, object]]] = {}
    for alert in fired:
        by_rule.setdefault(str(alert["rule"]), []).append(alert)
    (conflict,) = by_rule["nordic-conflict"]  # THREATEN (-4.4) only; ACCUSE (-2.0) is above the threshold
    assert conflict["event"] == "THREATEN" and conflict["countries"] == ["CHL", "NOR"]
    assert conflict["evidence"][0]["quote"] == "Chile threatened to expel a Norwegian diplomat on Monday."  # type: ignore[index]
    assert conflict["sources"] and conflict["date"] == "2026-03-02"
    (deal,) = by_rule["deals"]
    assert deal["event"] == "SUPPORT" and deal["why"][0].endswith(": signed")  # type: ignore[index]
    assert "salmon research" in deal["evidence"][0]["quote"]  # type: ignore[index]
    assert len(by_rule["busy-day"]) == 4  # four CHL-NOR stories on one day, none in the week before
    assert "spike: 4 CHL-NOR stories on 2026-03-02" in by_rule["busy-day"][0]["why"][-1]  # type: ignore[index]
    lines = (tmp_path / "fired.jsonl").read_text().splitlines()
    assert [json.loads(line) for line in lines] == fired

    assert alerter.articles_stored(article_ids(store)) == []  # once per story and rule
    assert store.watching().count_alerts() == len(fired)
    assert [alert.rule for alert in store.watching().alerts(since="2026-03-06")] == [a["rule"] for a in fired]
    assert store.watching().alerts(since="2026-03-07") == []


def test_a_story_that_gains_a_stage_fires_again(store: Store, tmp_path: Path) -> None:
    rules = load_rules(_rules_file(tmp_path), resolve)
    deals = [rule for rule in rules.rules if rule.name == "deals"]
    alerter = Alerter(store, deals, [], clock=lambda: NOW)
    watching = store.watching()
    (story,) = [facts for facts in watching.story_facts(watching.stories_of(article_ids(store))) if facts.stages]
    assert len(alerter.check([story])) == 1 and alerter.check([story]) == []
    agreement, topic, _ = story.stages[0]
    ratified = replace(story, stages=(*story.stages, (agreement, topic, "ratified")))
    (again,) = alerter.check([ratified])
    assert again["again"] is True and any("ratified" in reason for reason in again["why"])  # type: ignore[attr-defined]
    assert alerter.check([ratified]) == [] and alerter.check([story]) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[rule]]\nname = 'x'\npair = 'Norway-Atlantis'\n", "unknown country 'Atlantis'"),
        ("[[rule]]\nname = 'x'\nquad = [5]\n", "QuadClass is 1, 2, 3 or 4"),
        ("[[rule]]\nname = 'x'\nevents = ['HUG']\n", "events 'HUG' is not one of"),
        ("[[rule]]\nname = 'x'\ncolour = 'red'\n", "unknown key 'colour'"),
        ("[[rule]]\nname = 'x'\n[[rule]]\nname = 'x'\n", "two rules have the same name"),
        ("[[rule]]\nname = 'x'\n[output]\nwebhook = 'ftp://example'\n", "is not an http(s) URL"),
        ("[[rule]\n", "not TOML"),
        ("title = 'no rules'\n", "unknown table 'title'"),
    ],
)
def test_bad_rules_are_one_clear_error(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(UsageError) as caught:
        load_rules(path, resolve)
    assert problem in caught.value.message and str(path) in (caught.value.origin or "")


def test_the_webhook_signs_the_body_and_retries(store: Store, tmp_path: Path) -> None:
    received: list[tuple[bytes, str | None]] = []
    server = receiver([503, 200], received)
    waits: list[float] = []
    hook = Webhook(f"http://127.0.0.1:{server.server_address[1]}/hook", secret="s3cret", retries=2, sleep=waits.append)
    try:
        rules = load_rules(_rules_file(tmp_path), resolve)
        deals = [rule for rule in rules.rules if rule.name == "deals"]
        (alert,) = Alerter(store, deals, [hook], clock=lambda: NOW).articles_stored(article_ids(store))
    finally:
        hook.close()
        server.shutdown()
        server.server_close()
    assert len(received) == 2 and len(waits) == 1  # one retry after the 503
    payload, signed = received[-1]
    assert json.loads(payload) == alert and payload == body(alert)
    assert signed == signature(payload, "s3cret") and signed.startswith("sha256=")
    assert signature(payload, "another") != signed


@pytest.mark.parametrize(("answers", "posts"), [([500, 502, 503], 3), ([400], 1)])
def test_the_webhook_gives_up_after_its_retries_or_a_refusal(answers: list[int], posts: int) -> None:
    received: list[tuple[bytes, str | None]] = []
    server = receiver(answers, received)
    hook = Webhook(f"http://127.0.0.1:{server.server_address[1]}/", secret=None, retries=2, sleep=lambda _: None)
    try:
        assert hook.deliver({"rule": "r", "story": "s"}) is False
    finally:
        hook.close()
        server.shutdown()
        server.server_close()
    assert len(received) == posts


def receiver(answers: list[int], received: list[tuple[bytes, str | None]]) -> ThreadingHTTPServer:
    """A loopback webhook receiver that answers each POST with the next of ``answers`` and keeps what came."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append((self.rfile.read(int(self.headers["Content-Length"])), self.headers[SIGNATURE_HEADER]))
            self.send_response(answers.pop(0))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(RULES.format(jsonl=tmp_path / "fired.jsonl"))
    return path


@pytest.mark.parametrize(
    ("rule", "matches"),
    [
        (Rule("busy", pair=("NOR", "CHL"), spike=2.0), 4),
        (Rule("busier", pair=("NOR", "CHL"), spike=2.0, spike_min=5), 0),  # four stories: fewer than five
        (Rule("elsewhere", pair=("NOR", "SWE"), spike=2.0), 0),
        (Rule("warm", country="NOR", goldstein_above=5.0), 1),  # the signing (+8.0) alone
        (Rule("talks", events=frozenset({"CONSULT"}), quads=frozenset({1})), 1),
        (Rule("talks-in-conflict", events=frozenset({"CONSULT"}), quads=frozenset({4})), 0),
        (Rule("programmes", milestone=True), 0),  # no project in these reports
    ],
)
def test_each_condition_narrows_the_match(store: Store, rule: Rule, matches: int) -> None:
    watching = store.watching()
    stories = watching.story_facts(watching.stories_of(article_ids(store)))
    assert len(stories) == 4
    alerter = Alerter(store, [rule], [], clock=lambda: NOW)
    assert sum(alerter.match(rule, story) is not None for story in stories) == matches
