from . import test_security_groups
from . import test_institution
from . import test_translations
from . import test_backend_browser
from . import test_client_archive
from . import test_client_access
from . import test_client_search
from . import test_sms_and_care
