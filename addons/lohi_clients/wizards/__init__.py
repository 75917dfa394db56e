from . import lohi_marketing_push
