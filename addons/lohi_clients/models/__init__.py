from . import lohi_centre
from . import lohi_institution
from . import res_users
from . import res_partner
