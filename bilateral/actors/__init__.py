"""Actors: countries, IGOs, organisations and people with dated offices."""

from bilateral.actors.gazetteer import Gazetteer, gazetteer
from bilateral.actors.recognise import recognise

__all__ = ["Gazetteer", "gazetteer", "recognise"]
