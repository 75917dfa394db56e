from . import lohi_lab_sample_reject
from . import lohi_lab_report_import
