"""Assessment loaders."""

from core.assessment.models import AssessmentPeriod, AssessmentScore
from core.graphql.loaders import ByKeyLoader


class AssessmentPeriodByIdLoader(ByKeyLoader):
    model = AssessmentPeriod


class AssessmentScoreByIdLoader(ByKeyLoader):
    model = AssessmentScore
