"""The sentence model: how likely a sentence is to tell an act of each event type.

A small encoder (the first two layers of all-MiniLM-L6-v2, fine-tuned by
``training/sentence_model.py``) shipped as an int8 ONNX file beside its
tokenizer, run with onnxruntime on one thread: no torch, nothing fetched.
It is off by default (:class:`Model`). The rules code first; with ``--model``
the model reads the sentences where they found an act between two or more
parties, and an event whose type it finds unlikely there is left out (an
event we are unsure of is better left out than invented); a kept event's
confidence is the rules' times the model's probability of its type. With
``--propose`` it also reads the sentences naming a party that the rules said
nothing about, and :func:`bilateral.code.coder.code` adds its likeliest act
where it is sure enough.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from bilateral.records import Event, Scope
from bilateral.vocab import Model

__all__ = ["MODEL", "MODEL_VERSION", "Model", "SentenceModel", "reviewable", "reviewed", "sentence_model"]


MODEL = "bilateral-sentences"
MODEL_VERSION = "2026.12.2"
TYPES = (  # the model's outputs, in the order it was trained to give them
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "STATEMENT",
)  # fmt: skip
TOKENS = 64  # a sentence is read up to this many word pieces
VETO = 0.02  # an event whose type is less likely than this in its sentence is left out
PROPOSE_PAIR = 0.9  # a sentence naming two parties where the rules found no act gets the likeliest type this likely
PROPOSE_AT_HOME = 0.5  # the same for a sentence naming one state: an act at home, more likely than not
PROPOSED_CODE = {
    "STATEMENT": "010", "REQUEST": "020", "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060",
    "AID": "070", "CONCEDE": "080", "RETREAT": "084", "ACCUSE": "110", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}  # fmt: skip
"""The CAMEO code of an act the model proposes: its type's unspecified code (appeals for REQUEST, the rules'
usual code where the type has no root of its own)."""


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """The ONNX session and its tokenizer."""

    session: Any
    tokenizer: Any

    def likelihoods(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, each type's probability that the text tells an act of it.

        One text a run: the int8 activations are scaled over what a run holds, so a sentence read beside
        others would get slightly other figures; alone, it gets the same wherever it stands (and no padding).
        """
        import numpy as np

        found = []
        for item in self.tokenizer.encode_batch(list(texts)):
            feed = {
                "input_ids": np.array([item.ids], dtype=np.int64),
                "attention_mask": np.array([item.attention_mask], dtype=np.int64),
            }
            (probabilities,) = self.session.run(None, feed)
            found.append(dict(zip(TYPES, (float(value) for value in probabilities[0]), strict=True)))
        return found


@cache
def sentence_model() -> SentenceModel:
    """The shipped model, loaded once per process."""
    import onnxruntime
    from tokenizers import Tokenizer

    folder = resources.files("bilateral.code") / "data"
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one core per process: ingest's workers give the parallelism
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        (folder / "sentences.onnx").read_bytes(), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_str((folder / "tokenizer.json").read_text(encoding="utf-8"))
    tokenizer.enable_truncation(TOKENS)
    tokenizer.no_padding()  # the file pads to 128: one sentence a run needs none
    return SentenceModel(session, tokenizer)


def reviewable(event: Event) -> bool:
    """Whether the model is asked about an event: an act between two or more parties told as news (what it was
    trained on); acts of one state, at home or alone, and history pass as the rules coded them."""
    return not event.background and event.scope is Scope.INTERNATIONAL


def reviewed(events: tuple[Event, ...], likely: Mapping[str, Mapping[str, float]]) -> list[Event]:
    """The rules' events less those whose type the model finds unlikely in their sentence (``likely``: each
    sentence's probabilities by type). A kept event's confidence is the rules' (how sure its roles are) times
    the model's probability of its type, and its coder names both."""
    kept: list[Event] = []
    for event in events:
        if not reviewable(event):
            kept.append(event)
            continue
        probability = likely[event.evidence.quote][event.event]
        if probability >= VETO:
            kept.append(
                replace(
                    event,
                    confidence=round(event.confidence * probability, 3),
                    coder=f"{event.coder}+{MODEL}",
                    coder_version=f"{event.coder_version}+{MODEL_VERSION}",
                )
            )
    return kept
