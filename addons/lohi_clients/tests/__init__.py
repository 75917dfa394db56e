from . import test_security_groups
from . import test_institution
from . import test_translations
from . import test_backend_browser
