"""Whatever text arrives, the engine answers with a verdict or its own error type."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derivquest.engine import EngineError, check, parse

MATH_ALPHABET = "x y e pi 0123456789.+-*/^()|√²⁻¹·×−,eEsincoltanhqrbpgmd σπ \t"

math_like = st.text(alphabet=MATH_ALPHABET, max_size=40)
anything = st.text(max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(math_like, anything))
def test_parse_raises_only_engine_errors(text: str) -> None:
    try:
        parse(text, ("x", "y"))
    except EngineError as error:
        assert error.message
        assert error.column is None or 1 <= error.column <= len(text) + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(math_like)
def test_check_always_returns_a_verdict(text: str) -> None:
    verdict = check("x^2 + 1", text)
    assert verdict.status in {"correct", "incorrect", "invalid"}
    assert verdict.message
