from . import test_role_matrix
