from . import lohi_complaint_xlsx
