from . import lohi_call_script
from . import lohi_call
from . import lohi_call_task
from . import lohi_call_quality
from . import lohi_lab_order
from . import res_users
from . import lohi_telephony
from . import lohi_timeline
