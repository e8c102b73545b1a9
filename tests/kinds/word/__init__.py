"""A question kind that exists only in the tests: proof that a kind is one folder."""
