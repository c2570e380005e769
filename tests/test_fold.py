from hypothesis import given
from hypothesis import strategies as st

from bilateral.actors.fold import fold


def test_fold_examples() -> None:
    assert fold("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"
    assert fold("Lee Jae-myung") == "lee jae myung"
    assert fold("İstanbul’s") == "istanbul's"


@given(st.text(max_size=200))
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)
