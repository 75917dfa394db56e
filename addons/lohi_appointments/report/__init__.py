from . import lohi_appointment_xlsx
