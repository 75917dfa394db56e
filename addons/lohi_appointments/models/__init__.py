from . import lohi_service_type
