from . import test_schedule
from . import test_double_booking
from . import test_concurrency
from . import test_workflow
from . import test_reschedule
from . import test_messages
from . import test_crons
from . import test_views_access
