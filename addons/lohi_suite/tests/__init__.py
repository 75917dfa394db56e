from . import test_role_matrix
from . import test_rpc_rules
from . import test_rpc_matrix
from . import test_health_data
from . import test_hostile_input
from . import test_concurrency
from . import test_backup_restore
from . import test_crash_safety
