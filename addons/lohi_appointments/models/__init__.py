from . import lohi_service_type
from . import lohi_doctor_schedule
from . import lohi_doctor_leave
from . import lohi_centre
from . import lohi_appointment
from . import res_partner
from . import lohi_timeline
from . import lohi_appointment_followup
