"""Level packs: the format (schema), finding and loading packs, variants, grading, validation.

The game's entry points:

- ``load_catalog(extra_paths)`` finds every pack (built-in, ``--pack`` folders, installed,
  pip packages); broken ones are reported in ``Catalog.broken``, never raised.
- ``instantiate(ref, player_id, round_number, language)`` gives the variant a player sees.
- ``grade(instance, answer_text, service)`` judges a typed answer; plot tasks are judged with
  the pure functions of ``derivquest.content.goals``.
- ``validate_packs(folders)`` is ``derivquest pack validate``.

Importing this package does not import SymPy: the engine is loaded on first use.
"""

from derivquest.content.catalog import (
    ENTRY_POINT_GROUP,
    BrokenPack,
    Catalog,
    load_catalog,
    user_packs_dir,
)
from derivquest.content.fields import LANGUAGES, Language, TextTable, text_in
from derivquest.content.goals import (
    LEARNING_RATES,
    STEP_SIZES,
    DescentRun,
    activation_reached,
    central_difference,
    gradient_check_passes,
    run_descent,
    slope_reached,
    tangent_positions,
)
from derivquest.content.grading import grade, grade_choice
from derivquest.content.install import InstallError, install_pack
from derivquest.content.instance import (
    FeedbackInstance,
    OptionInstance,
    QuestionInstance,
    build_instance,
    instance_for_seed,
    instantiate,
)
from derivquest.content.loader import LoadResult, load_pack
from derivquest.content.packs import LoadedLevel, Pack, PackSource, QuestionRef
from derivquest.content.plotmath import curve, gradient_check_rows, slope_curve, tangent_solutions
from derivquest.content.problems import Problem
from derivquest.content.schema import FORMAT_VERSION, Level, Manifest, Question, json_schema
from derivquest.content.tasks import (
    ActivationTask,
    DescentTask,
    GradientCheckTask,
    PlotTask,
    TangentTask,
    VariantError,
)
from derivquest.content.validate import ValidationReport, validate_pack, validate_packs
from derivquest.content.variants import draw_params, variant_seed

__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMAT_VERSION",
    "LANGUAGES",
    "LEARNING_RATES",
    "STEP_SIZES",
    "ActivationTask",
    "BrokenPack",
    "Catalog",
    "DescentRun",
    "DescentTask",
    "FeedbackInstance",
    "GradientCheckTask",
    "InstallError",
    "Language",
    "Level",
    "LoadResult",
    "LoadedLevel",
    "Manifest",
    "OptionInstance",
    "Pack",
    "PackSource",
    "PlotTask",
    "Problem",
    "Question",
    "QuestionInstance",
    "QuestionRef",
    "TangentTask",
    "TextTable",
    "ValidationReport",
    "VariantError",
    "activation_reached",
    "build_instance",
    "central_difference",
    "curve",
    "draw_params",
    "grade",
    "grade_choice",
    "gradient_check_passes",
    "gradient_check_rows",
    "install_pack",
    "instance_for_seed",
    "instantiate",
    "json_schema",
    "load_catalog",
    "load_pack",
    "run_descent",
    "slope_curve",
    "slope_reached",
    "tangent_positions",
    "tangent_solutions",
    "text_in",
    "user_packs_dir",
    "validate_pack",
    "validate_packs",
    "variant_seed",
]
