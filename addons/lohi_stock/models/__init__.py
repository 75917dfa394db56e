from . import lohi_storage_condition
from . import lohi_centre
