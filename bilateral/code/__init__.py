"""The event coder: PLOVER and CAMEO events with roles, modality, dates and evidence."""

from bilateral.code.coder import CODER, CODER_VERSION, code, code_text

__all__ = ["CODER", "CODER_VERSION", "code", "code_text"]
