"""Tests of the content layer: pack format, loading, variants, grading, validation."""
