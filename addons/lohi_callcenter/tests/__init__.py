from . import test_call
from . import test_followup
from . import test_telephony
from . import test_incoming_call_tour
