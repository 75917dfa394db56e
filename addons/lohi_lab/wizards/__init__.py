from . import lohi_lab_sample_reject
