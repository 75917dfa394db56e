from . import lohi_survey_month_xlsx
