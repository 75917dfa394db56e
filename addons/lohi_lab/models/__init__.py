from . import lohi_lab_test
from . import lohi_lab_order
from . import lohi_lab_order_demo
from . import lohi_lab_report
from . import res_partner
