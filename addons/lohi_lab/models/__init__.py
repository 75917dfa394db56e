from . import lohi_lab_test
