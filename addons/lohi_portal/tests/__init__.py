from . import test_portal_access
from . import test_portal_isolation
from . import test_portal_tour
from . import test_portal_pages
