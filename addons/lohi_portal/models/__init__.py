from . import lohi_complaint
from . import lohi_consent
from . import lohi_institution
from . import lohi_portal_appointment
from . import lohi_portal_client
from . import lohi_portal_lab_order
from . import lohi_portal_demo
from . import stock_request_order
