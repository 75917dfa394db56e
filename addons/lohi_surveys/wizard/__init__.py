from . import lohi_survey_phone
