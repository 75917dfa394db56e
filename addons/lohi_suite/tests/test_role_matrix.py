from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import role_users
from .matrix import (
    DATA,
    EXTRA_MODELS,
    OPERATIONS,
    load_matrix,
    load_roles,
    lohi_models,
    suggested_row,
)

MATRIX_FILE = "addons/lohi_suite/data/role_matrix.csv"


def expected_operations(matrix, roles, user, model):
    """What ``user`` may do on ``model``: the union of the rows of every role it holds."""
    granted = set()
    for role in roles:
        if user.has_group(role["group"]):
            granted |= matrix[model][role["role"]]
    return granted


@tagged("post_install", "-at_install")
class TestRoleMatrix(TransactionCase):
    """SPEC §0 permission matrix: every role × model × create/read/write/unlink cell of
    data/role_matrix.csv, tried as the demo user of that role. Allowed operations pass
    the model-level check (and reads really read); forbidden ones fail the model-level
    check and are really attempted (create, write, unlink on an existing record, search)
    without effect."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.roles = load_roles()
        cls.matrix = load_matrix()
        cls.users = role_users(cls.env)

    def test_matrix_lists_every_model(self):
        """A model added to a lohi_* addon (or a listed standard model) without a row in the
        matrix fails here, with the row to add."""
        expected = set(lohi_models(self.env)) | set(EXTRA_MODELS)
        missing = sorted(expected - set(self.matrix))
        if missing:
            lines = [
                f"  # {self.env[model]._original_module}\n  "
                + suggested_row(self.env, self.roles, model)
                for model in missing
            ]
            self.fail(
                f"{len(missing)} model(s) have no row in {MATRIX_FILE}. Add one row per model "
                "(the rows below are what the current ir.model.access lines grant; check each "
                "cell against SPEC §0 before adding it):\n" + "\n".join(lines)
            )
        stale = sorted(set(self.matrix) - set(self.env.registry))
        self.assertFalse(stale, f"{MATRIX_FILE} has rows for unknown models: {stale}")

    def test_roles_are_the_groups_of_spec(self):
        header = set(next(iter(self.matrix.values())))
        self.assertEqual(header, {role["role"] for role in self.roles}, f"columns of {DATA}")
        clinical = self.env.ref("lohi_clients.group_clinical")
        for role in self.roles:
            group = self.env.ref(role["group"])
            implied = group | group.trans_implied_ids
            # SPEC §0: clinical content for clinical roles only
            self.assertEqual(
                clinical in implied,
                role["clinical"],
                f"{role['role']}: {role['group']} implies Clinical Data: {clinical in implied}",
            )
            for login in role["logins"]:
                __, user = self.users[login]
                self.assertTrue(user.has_group(role["group"]), f"{login} lacks {role['group']}")

    def _attempt(self, model, user, operation, record):
        """A forbidden operation: the model-level check refuses it, and really trying it
        (create, write or unlink an existing record, search) fails and writes nothing.
        Return None when both hold, else what happened."""
        Model = self.env[model].with_user(user)
        if Model.has_access(operation):
            return "ir.model.access grants it"
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db", "odoo.models"):
                if operation == "read":
                    Model.search([], limit=1)
                elif operation == "create":
                    Model.create({})
                elif record:
                    getattr(record.with_user(user), operation)(
                        *([{}] if operation == "write" else [])
                    )
                else:
                    Model.browse().check_access(operation)
        except Exception:  # noqa: BLE001 - refused (AccessError, or a guard before it)
            return None
        return "the operation went through"

    def _allowed(self, model, user, operation):
        """An allowed operation passes the model-level check; a read really reads."""
        Model = self.env[model].with_user(user)
        try:
            Model.browse().check_access(operation)
            if operation == "read":
                Model.search([], limit=1).read(["id"])
        except AccessError as exc:
            return f"AccessError: {str(exc)[:120]}"
        return None

    def test_every_cell(self):
        problems = []
        samples = {
            model: self.env[model].sudo().with_context(active_test=False).search([], limit=1)
            for model in self.matrix
            if model in self.env.registry
        }
        for login, (__, user) in sorted(self.users.items()):
            for model, record in samples.items():
                granted = expected_operations(self.matrix, self.roles, user, model)
                for operation in OPERATIONS.values():
                    if operation in granted:
                        problem = self._allowed(model, user, operation)
                        if problem:
                            problems.append(f"{login} may {operation} {model}, got {problem}")
                    else:
                        outcome = self._attempt(model, user, operation, record)
                        if outcome:
                            problems.append(f"{login} may not {operation} {model}, but: {outcome}")
        if problems:
            self.fail(
                f"{len(problems)} cell(s) of {MATRIX_FILE} do not hold:\n" + "\n".join(problems)
            )
