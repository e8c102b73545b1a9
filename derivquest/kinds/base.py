"""What a question kind declares about itself: the interface every `kinds/<kind>/spec.py` fills.

Pure (content layer): no Textual, and the engine only through the checker or lazily.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

# What checks report lives with the validator (content.checks); kinds use it from here.
from derivquest.content.checks import OVERRUN as OVERRUN
from derivquest.content.checks import SYNTAX_FIX as SYNTAX_FIX
from derivquest.content.checks import FieldKind as FieldKind
from derivquest.content.checks import Issue as Issue
from derivquest.content.checks import StructureProblem as StructureProblem
from derivquest.content.checks import TemplateField as TemplateField
from derivquest.content.checks import unreadable as unreadable
from derivquest.content.fields import Model, TextTable
from derivquest.content.locator import KeyPath
from derivquest.content.questions import QuestionBase
from derivquest.content.templates import ParamValue

if TYPE_CHECKING:
    from derivquest.content.instance import QuestionInstance
    from derivquest.engine import JudgeService, Verdict

PayloadT = TypeVar("PayloadT")


class Checker(Protocol):
    """The engine calls a kind's validator checks may make (content.engine_checks provides it).

    Every call is cached per arguments and turns engine errors into values, so a kind's
    checks never raise on an author's bad expression.
    """

    def verdict(self, method: str, *args: Any) -> Verdict:
        """Call a JudgeService method (`check`, `check_derivative`, `check_numeric`)."""
        ...

    def read_error(self, text: str, names: tuple[str, ...]) -> Exception | None:
        """Why the engine cannot read `text`, or None."""
        ...

    def value(self, text: str) -> float | Exception:
        """The real value of a constant expression, or the engine's reason why not."""
        ...

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """Run `compute` once per key (for a kind's own slow pure checks)."""
        ...

    def derivative_value(self, function: str, variable: str, at: float) -> float | Exception:
        """f'(at) worked out by the checker process under its deadline, or why not."""
        ...


class Filler(Protocol):
    """Fills a question's templates for one variant in one language (given to `payload`)."""

    values: Mapping[str, ParamValue]
    language: str

    def text(self, value: str | TextTable) -> str:
        """A human text in the instance's language, placeholders filled."""
        ...

    def expression(self, template: str) -> str:
        """An expression template with the parameters filled in."""
        ...

    def number(self, value: float | str, path: KeyPath) -> float:
        """A number or number template resolved to a finite float (VariantError if not)."""
        ...


class KindSpec(ABC):
    """Everything about one kind of question except how it looks (that is its view).

    A subclass sets the class attributes and implements `payload` and `grade`; the other
    methods have defaults for a kind without `{function}`, `{answer}` or engine checks.
    """

    name: ClassVar[str]
    """The `kind = "..."` value in level files."""
    model: ClassVar[type[QuestionBase]]
    """The pack model of this kind's question table; its `kind` field is Literal[name]."""
    order: ClassVar[int] = 100
    """Position in the docs, the JSON Schema and error messages (built-ins 10..50)."""
    drillable: ClassVar[bool] = True
    """Whether questions of this kind may serve in timed drills (quick to answer)."""
    has_answer: ClassVar[bool] = True
    """Whether texts may use `{answer}` (the expected answer, written out)."""
    answer_is_math: ClassVar[bool] = True
    """`{answer}` is math (set in backticks outside a math span) rather than prose."""
    variants_need_structure: ClassVar[bool] = False
    """No variant can be built while `structure_problems` reports any (e.g. a cyclic graph):
    the validator then checks no variants, which would only repeat those problems."""
    extra_tables: ClassVar[tuple[tuple[str, type[Model]], ...]] = ()
    """Sub-tables documented after the kinds' own tables: (heading, model), e.g. an option."""

    @abstractmethod
    def payload(self, question: Any, fill: Filler) -> object:
        """Build this kind's part of an instance from the question table and one variant."""

    @abstractmethod
    def grade(self, instance: QuestionInstance, answer: str, service: JudgeService) -> Verdict:
        """Judge the answer text the kind's view produced; never raises on player input."""

    def function_text(self, question: Any, values: Mapping[str, ParamValue]) -> str | None:
        """The value of `{function}` for this variant, or None when the kind has none."""
        return None

    def has_function(self, question: Any) -> bool:
        """Whether texts of this question may use `{function}`."""
        return False

    def answer_text(
        self, question: Any, values: Mapping[str, ParamValue], language: str
    ) -> str | None:
        """The value of `{answer}` for this variant, or None."""
        return None

    def templates(self, question: Any) -> Iterator[TemplateField]:
        """This kind's own templates (prompt, hints and solution are common to all kinds)."""
        return iter(())

    def structure_problems(self, question: Any) -> Iterator[StructureProblem]:
        """Engine-free problems of the table beyond what its pack model checks."""
        return iter(())

    def engine_issues(self, instance: QuestionInstance, checker: Checker) -> list[Issue]:
        """Problems of one variant found with the engine (e.g. the reference answer fails)."""
        return []

    def for_drill(self, instance: QuestionInstance, seed: int) -> QuestionInstance:
        """The instance a timed drill serves (a kind may make it smaller); by default as is."""
        return instance


def payload_of(instance: QuestionInstance, kind: type[PayloadT]) -> PayloadT:
    """Return the instance's payload as `kind`; TypeError when it is another kind's."""
    payload = instance.payload
    if not isinstance(payload, kind):
        raise TypeError(f"{instance.full_id} carries {type(payload).__name__}, not {kind.__name__}")
    return payload
