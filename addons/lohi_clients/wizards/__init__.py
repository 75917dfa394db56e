from . import lohi_marketing_push
from . import lohi_complaint_step
from . import lohi_return_inspect
