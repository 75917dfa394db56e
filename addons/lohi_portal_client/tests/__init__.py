from . import test_portal_client_access
from . import test_portal_client_request_rate
from . import test_conversation
from . import test_portal_client_http
