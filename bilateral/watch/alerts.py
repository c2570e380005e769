"""Alert rules checked on the stories new articles touched: each match is one alert naming the story, its
evidence and its sources, recorded in the store and given to each output. A rule fires once per story,
and again only when the story has gained an agreement stage since it last fired.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations

from bilateral.store import Store
from bilateral.store.watching import StoryFacts, stamp
from bilateral.watch.outputs import Alert, Output
from bilateral.watch.rules import Rule

MAX_EVIDENCE = 5
"""Reports quoted in one alert (the story's first by id); its sources list them all."""


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    reasons: tuple[str, ...]


class Alerter:
    """Checks rules on stories and fires what matches to the outputs."""

    def __init__(
        self, store: Store, rules: Sequence[Rule], outputs: Sequence[Output], *, clock: Callable[[], datetime]
    ) -> None:
        self._store = store
        self._watching = store.watching()
        self._rules = tuple(rules)
        self._outputs = tuple(outputs)
        self._clock = clock

    def articles_stored(self, article_ids: list[str]) -> list[Alert]:
        """Check the rules on every story the events of these articles belong to; returns the alerts fired."""
        return self.check(self._watching.story_facts(self._watching.stories_of(article_ids)))

    def check(self, stories: Sequence[StoryFacts]) -> list[Alert]:
        fired: list[Alert] = []
        for story in stories:
            stages = _stages(story)
            for rule in self._rules:
                before = self._watching.fired_stages(rule.name, story.id)
                if before is not None and not set(stages.split()) - set(before.split()):
                    continue  # fired on this story, and it has gained no stage since
                match = self.match(rule, story)
                if match is None:
                    continue
                alert = self._alert(match, story, regained=before is not None)
                self._watching.fire(rule.name, story.id, stages=stages, now=self._clock(), alert=json.dumps(alert))
                for output in self._outputs:
                    output(alert)
                fired.append(alert)
        return fired

    def match(self, rule: Rule, story: StoryFacts) -> Match | None:
        """The reasons ``story`` matches ``rule`` (one for each condition it gives), or ``None``."""
        countries = set(story.countries)
        reasons: list[str] = []
        if rule.pair is not None:
            if not set(rule.pair) <= countries:
                return None
            reasons.append(f"between {rule.pair[0]} and {rule.pair[1]}")
        if rule.country is not None:
            if rule.country not in countries:
                return None
            reasons.append(f"involves {rule.country}")
        if rule.events:
            if story.event not in rule.events:
                return None
            reasons.append(f"a {story.event} story")
        if rule.quads:
            quads = sorted({event.quad for event in story.events} & rule.quads)
            if not quads:
                return None
            reasons.append(f"QuadClass {', '.join(map(str, quads))}")
        goldstein = [event.goldstein for event in story.events]
        if rule.goldstein_below is not None:
            if not goldstein or min(goldstein) > rule.goldstein_below:
                return None
            reasons.append(f"Goldstein {min(goldstein):+.1f} at or below {rule.goldstein_below:+.1f}")
        if rule.goldstein_above is not None:
            if not goldstein or max(goldstein) < rule.goldstein_above:
                return None
            reasons.append(f"Goldstein {max(goldstein):+.1f} at or above {rule.goldstein_above:+.1f}")
        if rule.agreement:
            if not story.stages:
                return None
            reasons += [f"agreement on {topic}: {stage}" for _, topic, stage in story.stages]
        if rule.milestone:
            if not story.projects:
                return None
            reasons += [f"project milestone: {project}" for project in story.projects]
        if rule.spike is not None:
            spike = self._spike(rule, story)
            if spike is None:
                return None
            reasons.append(spike)
        return Match(rule, tuple(reasons))

    def _spike(self, rule: Rule, story: StoryFacts) -> str | None:
        """Why the story's day is a spike for one of its pairs (the rule's pair, else every pair), or ``None``."""
        assert rule.spike is not None
        if story.day is None:
            return None
        pairs = [rule.pair] if rule.pair else list(combinations(sorted(set(story.countries)), 2))
        start = story.day - timedelta(days=rule.spike_days)
        for first, second in pairs:
            days = self._watching.pair_days(first, second, start=start, end=story.day)
            today = days.pop(story.day, 0)
            mean = sum(days.values()) / rule.spike_days
            if today >= rule.spike_min and today >= rule.spike * mean:
                return (
                    f"spike: {today} {first}-{second} stories on {story.day}, against a mean of {mean:.1f} a day "
                    f"over the {rule.spike_days} days before"
                )
        return None

    def _alert(self, match: Match, story: StoryFacts, *, regained: bool) -> Alert:
        refs = self._store.article_refs([event.evidence.article_id for event in story.events])
        sources = sorted({ref.source or ref.url or ref.origin for ref in refs.values()})
        evidence = []
        for event in story.events[:MAX_EVIDENCE]:
            ref = refs.get(event.evidence.article_id)
            evidence.append({
                "quote": event.evidence.quote, "event": event.event, "cameo": event.cameo,
                "goldstein": event.goldstein, "quad": event.quad, "article": event.evidence.article_id,
                "title": ref.title if ref else None, "url": ref.url if ref else None,
                "source": ref.source if ref else None,
            })  # fmt: skip
        return {
            "rule": match.rule.name,
            "story": story.id,
            "event": story.event,
            "countries": list(story.countries),
            "date": story.day.isoformat() if story.day else None,
            "why": list(match.reasons),
            "again": regained,
            "agreements": [{"agreement": key, "topic": topic, "stage": stage} for key, topic, stage in story.stages],
            "projects": list(story.projects),
            "reports": len(story.events),
            "evidence": evidence,
            "sources": sources,
            "fired_at": stamp(self._clock()),
        }


def _stages(story: StoryFacts) -> str:
    """The story's agreement stages as stored with a fired alert: ``agreement:stage`` words, sorted."""
    return " ".join(sorted({f"{key}:{stage}" for key, _, stage in story.stages}))
