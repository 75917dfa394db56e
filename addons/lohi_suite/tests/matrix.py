"""The role matrix of SPEC §0 as data (``data/roles.csv``, ``data/role_matrix.csv``,
``data/clinical_fields.csv``) and the helpers the tests share to read it.

``role_matrix.csv`` has one row per model and one column per role of ``roles.csv``; a cell
lists what a user holding only that role (and the groups it implies) may do on the model
as a whole: ``c`` create, ``r`` read, ``w`` write, ``u`` unlink, ``-`` nothing. Record
rules (centre scoping, own records) and the state and role checks of the ``action_*``
methods narrow these rights further and are tested separately.
"""

import csv
import os

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")
OPERATIONS = {"c": "create", "r": "read", "w": "write", "u": "unlink"}
LETTERS = "crwu"
# Standard models the chain relies on and grants rights on; they are in the matrix too.
EXTRA_MODELS = (
    "res.partner",
    "stock.request.order",
    "stock.request",
    "tier.review",
    "stock.picking",
    "stock.lot",
    "stock.quant",
    "stock.scrap",
    "stock.location",
    "stock.warehouse",
    "survey.survey",
    "survey.user_input",
    "resource.calendar",
)


def _rows(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def load_roles():
    """[{role, group, logins: [...], clinical: bool}] in the order of roles.csv."""
    return [
        {
            "role": row["role"],
            "group": row["group"],
            "logins": row["logins"].split(),
            "clinical": row["clinical"] == "1",
        }
        for row in _rows("roles.csv")
    ]


def load_matrix():
    """{model: {role: set of operations}}."""
    matrix = {}
    for row in _rows("role_matrix.csv"):
        model = row.pop("model")
        matrix[model] = {
            role: {OPERATIONS[letter] for letter in cell if letter in OPERATIONS}
            for role, cell in row.items()
        }
    return matrix


def load_clinical_fields():
    """[(model, field)] that only clinical roles may see (SPEC §0)."""
    return [(row["model"], row["field"]) for row in _rows("clinical_fields.csv")]


def cell(operations):
    """``{'create', 'read'}`` → ``'cr'``; nothing → ``'-'``."""
    text = "".join(letter for letter in LETTERS if OPERATIONS[letter] in operations)
    return text or "-"


def lohi_models(env):
    """Every concrete model that a lohi_* addon defines (not only extends)."""
    return sorted(
        name
        for name, model in env.registry.items()
        if not model._abstract and (model._original_module or "").startswith("lohi_")
    )


def acl_operations(env, group_xmlid, model):
    """What ir.model.access grants a user holding only ``group_xmlid`` (with the groups it
    implies) on ``model``: used to suggest the row of a model missing from the matrix."""
    group = env.ref(group_xmlid)
    groups = group | group.trans_implied_ids
    accesses = (
        env["ir.model.access"]
        .sudo()
        .search(
            [
                ("model_id.model", "=", model),
                ("active", "=", True),
                "|",
                ("group_id", "=", False),
                ("group_id", "in", groups.ids),
            ]
        )
    )
    granted = set()
    for operation in OPERATIONS.values():
        if any(access[f"perm_{operation}"] for access in accesses):
            granted.add(operation)
    return granted


def suggested_row(env, roles, model):
    return ",".join([model] + [cell(acl_operations(env, r["group"], model)) for r in roles])
