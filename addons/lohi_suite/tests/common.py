from odoo.tests import new_test_user

from .matrix import load_roles


def role_users(env):
    """{login: (role, user)} for every login of roles.csv: the demo user, or on a database
    without demo data a test user holding only that role."""
    users = {}
    for role in load_roles():
        for login in role["logins"]:
            user = env["res.users"].search([("login", "=", login)])
            if not user:
                user = new_test_user(
                    env, login=f"suite_{login}", groups=role["group"], name=f"Suite {login}"
                )
            users[login] = (role, user)
    return users
