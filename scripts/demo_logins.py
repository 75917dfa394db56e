"""Print the demo users of the Lohi database: login, password, name and roles."""

import argparse

import odoo
from odoo.tools import config


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", dest="conf", required=True)
    parser.add_argument("-d", dest="db", required=True)
    args = parser.parse_args()
    config.parse_config(["-c", args.conf, "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"})
        data = env["ir.model.data"].search(
            [
                ("module", "=", "lohi_clients"),
                ("model", "=", "res.users"),
                ("name", "=like", "user_%_demo"),
            ]
        )
        users = env["res.users"].browse(data.mapped("res_id")).sorted("id")
        print("\nDemo logins (password = login; admin / admin for the administrator):")
        print(f"  {'login':<12} {'name':<8} roles")
        for user in users:
            roles = user.groups_id.filtered(
                lambda g: g.category_id == env.ref("lohi_clients.module_category_lohi")
            )
            print(f"  {user.login:<12} {user.name:<8} {'、'.join(roles.mapped('name'))}")
        print()


if __name__ == "__main__":
    main()
