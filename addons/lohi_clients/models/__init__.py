from . import lohi_centre
from . import lohi_institution
from . import res_users
from . import res_partner
from . import lohi_consent
from . import lohi_consultation
from . import lohi_access_log
