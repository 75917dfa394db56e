from . import lohi_appointment_booking
