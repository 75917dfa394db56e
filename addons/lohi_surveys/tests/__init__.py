from . import test_templates
from . import test_rates
from . import test_phone_mode
from . import test_access
from . import test_visit_invitations
from . import test_crons
from . import test_improvement
from . import test_targeting
