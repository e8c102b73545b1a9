"""Hard limits that keep hostile input cheap: every parse is bounded before SymPy sees it."""

MAX_INPUT_LENGTH = 500
"""Characters a typed expression may have; derivative answers are far shorter."""

MAX_NESTING_DEPTH = 40
"""Brackets, bars and function applications nested inside each other."""

MAX_NUMBER_DIGITS = 30
"""Significant digits of one typed number."""

MAX_DECIMAL_EXPONENT = 100
"""Largest |E| in scientific notation such as 1e-3."""

MAX_POWER_BITS = 20_000
"""Bits an exact number^number may have before the parser refuses to compute it."""

MAX_ROOT_INDEX = 100
"""Largest q in number^(p/q) that SymPy may try to simplify exactly."""
