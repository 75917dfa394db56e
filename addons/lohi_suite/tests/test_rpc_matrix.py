from odoo.tests import tagged

from .matrix import OPERATIONS, load_matrix, load_roles
from .rpc import RpcCase
from .test_role_matrix import MATRIX_FILE, expected_operations


@tagged("post_install", "-at_install", "lohi_http")
class TestRoleMatrixOverRpc(RpcCase):
    """The role matrix through JSON-RPC, as a script or a tampered web client would try
    it: for the demo user of every role and every model of the matrix, a read
    (``search_read``) goes through exactly when the matrix allows it, and the server's
    own access check (``has_access``) answers create/write/unlink as the matrix says; a
    forbidden write is really sent and refused."""

    def test_every_cell_over_rpc(self):
        matrix = load_matrix()
        roles = load_roles()
        samples = {
            model: self.env[model].sudo().with_context(active_test=False).search([], limit=1)
            for model in matrix
        }
        problems = []
        for role in roles:
            login = role["logins"][0]
            user = self.env["res.users"].search([("login", "=", login)])
            if not user:
                self.skipTest("the demo users are not installed")
            for model, record in samples.items():
                granted = expected_operations(matrix, roles, user, model)
                error = self.rpc_error(login, model, "search_read", [], ["id"], limit=1)
                if ("read" in granted) != (error is None):
                    problems.append(f"{login} read {model}: {error or 'allowed'}")
                for operation in set(OPERATIONS.values()) - {"read"}:
                    allowed = self.rpc(login, model, "has_access", [], operation)
                    if allowed != (operation in granted):
                        problems.append(f"{login} {operation} {model}: server says {allowed}")
                if "write" not in granted and record:
                    error = self.rpc_error(login, model, "write", record.ids, {})
                    if error is None:
                        problems.append(f"{login} wrote {model} {record.id} over RPC")
        if problems:
            self.fail(f"{MATRIX_FILE} does not hold over RPC:\n" + "\n".join(problems))
