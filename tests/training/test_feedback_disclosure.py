"""The documented list of disclosure signals (docs/feedback.md)."""

from pathlib import Path

import pytest

from training.disclosure import SIGNALS, matched_signals, may_be_disclosure


@pytest.mark.parametrize(
    "text",
    [
        "My dad HITS ME",
        "someone online made me send pictures",
        "I want to kill myself",
        "I don't feel safe at home",
        "im scared to go home",
        "i've been self-harming... self harm",
        "they make me carry a knife",
        "I'm being bullied",
    ],
)
def test_signals_are_found_whatever_the_case_and_punctuation(text):
    assert may_be_disclosure(text)


@pytest.mark.parametrize(
    "text",
    ["Tell a teacher", "block people I don't know", "", "Think before I share photos", "whitehits"],
)
def test_ordinary_answers_are_not_flagged(text):
    assert not may_be_disclosure(text)


def test_signals_match_whole_words_only():
    assert matched_signals("rapeseed fields") == []
    assert matched_signals("he raped her") == ["raped"]


def test_every_signal_is_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "feedback.md").read_text()
    missing = [s for s in SIGNALS if f"`{s}`" not in doc]
    assert missing == []
