"""Checks of a pack's texts and templates that need no engine: languages, placeholders, options."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from derivquest.content.checks import FieldKind, TemplateField
from derivquest.content.fields import TextTable, text_languages, text_strings
from derivquest.content.locator import KeyPath
from derivquest.content.problems import FileLines, Problem
from derivquest.content.questions import RESERVED_PLACEHOLDERS, QuestionBase
from derivquest.content.schema import Level, Manifest
from derivquest.content.templates import placeholders
from derivquest.kinds.registry import spec_for


def question_templates(question: QuestionBase) -> Iterator[TemplateField]:
    """Yield every template of a question (paths relative to the question table)."""
    yield TemplateField(("prompt",), question.prompt, "text")
    for index, hint in enumerate(question.hints):
        yield TemplateField(("hints", index), hint, "text")
    yield TemplateField(("solution",), question.solution, "text")
    yield from spec_for(question.kind_name).templates(question)


def available_placeholders(question: QuestionBase, kind: FieldKind) -> list[str]:
    """Return the placeholder names a template of this kind may use in this question."""
    names = list(question.params)
    if kind in ("text", "option"):
        spec = spec_for(question.kind_name)
        if kind == "text" and spec.has_answer:
            names.append("answer")
        if spec.has_function(question):
            names.append("function")
    return names


def math_templates_complete(question: QuestionBase) -> bool:
    """Return True when the expression and number templates use only known placeholders."""
    for field in question_templates(question):
        if field.kind in ("expression", "number"):
            known = available_placeholders(question, field.kind)
            for _, string in text_strings(field.value):
                if any(name not in known for name in placeholders(string)):
                    return False
    return True


def question_problems(
    question: QuestionBase, path: KeyPath, source: FileLines, languages: Sequence[str]
) -> list[Problem]:
    """Return the language, placeholder and option problems of the question at `path`."""
    problems: list[Problem] = []
    used: set[str] = set()
    for field in question_templates(question):
        where = (*path, *field.path)
        if field.kind in ("text", "option"):
            problems.extend(language_problems(field.value, where, source, languages))
        known = available_placeholders(question, field.kind)
        for language, string in text_strings(field.value):
            key = where if language is None else (*where, language)
            for name in placeholders(string):
                used.add(name)
                if name not in known:
                    problems.append(_unknown_placeholder(name, known, key, source, field.kind))
    for name in question.params:
        if name not in used:
            problems.append(
                source.problem(
                    (*path, "params", name),
                    f"parameter {name!r} is never used",
                    f"use {{{name}}} in a template, or remove the parameter",
                )
            )
    for found in spec_for(question.kind_name).structure_problems(question):
        problems.append(source.problem((*path, *found.path), found.message, found.fix))
    return problems


def _unknown_placeholder(
    name: str, known: list[str], key: KeyPath, source: FileLines, kind: FieldKind
) -> Problem:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        fix = f"did you mean {{{close[0]}}}?"
    elif name in RESERVED_PLACEHOLDERS:
        fix = f"{{{name}}} is not available in {'an option' if kind == 'option' else 'this field'}"
    elif known:
        fix = "declare it under params, or use one of: " + ", ".join(f"{{{n}}}" for n in known)
    else:
        fix = "declare it under params (write {{ and }} for literal braces)"
    return source.problem(key, f"unknown placeholder {{{name}}}", fix)


def language_problems(
    text: str | TextTable, path: KeyPath, source: FileLines, languages: Sequence[str]
) -> list[Problem]:
    """Return a problem for each declared language `text` does not provide."""
    present = text_languages(text)
    problems = []
    for language in languages:
        if language not in present:
            fix = (
                f'add {language} = "..."'
                if isinstance(text, TextTable)
                else f'write a table: {{ en = "...", {language} = "..." }}'
            )
            declared = ", ".join(languages)
            problems.append(
                source.problem(path, f"no {language} text (pack.toml declares {declared})", fix)
            )
    return problems


def manifest_problems(manifest: Manifest, source: FileLines) -> list[Problem]:
    """Return the language problems of the manifest's texts."""
    problems = language_problems(manifest.title, ("title",), source, manifest.languages)
    if manifest.description is not None:
        problems += language_problems(
            manifest.description, ("description",), source, manifest.languages
        )
    return problems


def level_problems(level: Level, source: FileLines, languages: Sequence[str]) -> list[Problem]:
    """Return every engine-free content problem of a level and its questions."""
    problems = language_problems(level.title, ("title",), source, languages)
    problems += language_problems(level.lesson, ("lesson",), source, languages)
    for index, question in enumerate(level.questions):
        problems += question_problems(question, ("questions", index), source, languages)
    return problems
