from . import lohi_survey_phone
from . import lohi_survey_target
