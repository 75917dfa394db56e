from . import test_call
from . import test_followup
from . import test_telephony
