from . import test_lab_catalogue
from . import test_lab_order_flow
from . import test_lab_security
from . import test_lab_intake
from . import test_lab_prescription
from . import test_lab_timeline
from . import test_lab_followup
from . import test_browser
