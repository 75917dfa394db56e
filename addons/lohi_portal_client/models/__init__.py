from . import lohi_appointment
from . import lohi_conversation
from . import lohi_lab_report
from . import lohi_staff_rating
from . import survey_user_input
from . import res_partner
