from . import survey_survey
from . import survey_user_input
from . import lohi_survey_rate_report
from . import lohi_appointment
from . import lohi_survey_centre_month
from . import lohi_survey_improvement
from . import lohi_survey_third_party
from . import lohi_surveys_demo
