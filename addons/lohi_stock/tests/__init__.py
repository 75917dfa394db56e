from . import test_storage
from . import test_expiry
from . import test_requisition
from . import test_expiry_inspection
from . import test_picking_checks
from . import test_return
from . import test_destruction
