from . import lohi_lab_test
from . import lohi_lab_order
from . import lohi_lab_report
from . import lohi_lab_prescription
from . import lohi_lab_order_demo
from . import res_partner
from . import lohi_timeline
from . import ir_binary
