"""Level packs: the format (schema), finding and loading packs, variants, grading, validation.

The game's entry points:

- ``load_catalog(extra_paths)`` finds every pack (built-in, ``--pack`` folders, installed,
  pip packages); broken ones are reported in ``Catalog.broken``, never raised.
- ``instantiate(ref, player_id, round_number, language)`` gives the variant a player sees.
- ``grade(instance, answer_text, service)`` judges an answer; the instance's kind decides how
  (each kind is a folder under ``derivquest/kinds/``, each chart one under ``derivquest/charts/``).
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
from derivquest.content.grading import grade
from derivquest.content.install import InstallError, install_pack
from derivquest.content.instance import (
    QuestionInstance,
    build_instance,
    instance_for_seed,
    instantiate,
)
from derivquest.content.loader import LoadResult, load_pack
from derivquest.content.packs import LoadedLevel, Pack, PackSource, QuestionRef
from derivquest.content.problems import Problem
from derivquest.content.schema import FORMAT_VERSION, Level, Manifest, Question, json_schema
from derivquest.content.tasks import VariantError
from derivquest.content.validate import ValidationReport, validate_pack, validate_packs
from derivquest.content.variants import draw_params, variant_seed

__all__ = [
    "ENTRY_POINT_GROUP",
    "FORMAT_VERSION",
    "LANGUAGES",
    "BrokenPack",
    "Catalog",
    "InstallError",
    "Language",
    "Level",
    "LoadResult",
    "LoadedLevel",
    "Manifest",
    "Pack",
    "PackSource",
    "Problem",
    "Question",
    "QuestionInstance",
    "QuestionRef",
    "TextTable",
    "ValidationReport",
    "VariantError",
    "build_instance",
    "draw_params",
    "grade",
    "install_pack",
    "instance_for_seed",
    "instantiate",
    "json_schema",
    "load_catalog",
    "load_pack",
    "text_in",
    "user_packs_dir",
    "validate_pack",
    "validate_packs",
    "variant_seed",
]
