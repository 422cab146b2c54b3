"""The graders under their official names (`openai.types.graders`).

The classes are generated from the spec into `types.shared` and `types.fine_tuning`
under the spec's names (`GraderStringCheck`); this module only names them as the official
package does, so `from openai.types.graders import StringCheckGrader` keeps working after
the import is swapped.
"""

from __future__ import annotations

from ..fine_tuning import GraderLabelModelParam as LabelModelGraderParam
from ..fine_tuning import GraderMulti as MultiGrader
from ..fine_tuning import GraderMultiParam as MultiGraderParam
from ..shared.grader_string_check import EvalItemContentArray as GraderInputs
from ..shared.grader_string_check import GraderLabelModel as LabelModelGrader
from ..shared.grader_string_check import GraderPython as PythonGrader
from ..shared.grader_string_check import GraderScoreModel as ScoreModelGrader
from ..shared.grader_string_check import GraderStringCheck as StringCheckGrader
from ..shared.grader_string_check import GraderTextSimilarity as TextSimilarityGrader
from ..shared_params.grader_string_check import EvalItemContentArrayParam as GraderInputsParam
from ..shared_params.grader_string_check import GraderPythonParam as PythonGraderParam
from ..shared_params.grader_string_check import GraderScoreModelParam as ScoreModelGraderParam
from ..shared_params.grader_string_check import GraderStringCheckParam as StringCheckGraderParam
from ..shared_params.grader_string_check import (
    GraderTextSimilarityParam as TextSimilarityGraderParam,
)

__all__ = [
    "GraderInputs",
    "GraderInputsParam",
    "LabelModelGrader",
    "LabelModelGraderParam",
    "MultiGrader",
    "MultiGraderParam",
    "PythonGrader",
    "PythonGraderParam",
    "ScoreModelGrader",
    "ScoreModelGraderParam",
    "StringCheckGrader",
    "StringCheckGraderParam",
    "TextSimilarityGrader",
    "TextSimilarityGraderParam",
]
