from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user


class LohiStockCommon(TransactionCase):
    """A central warehouse and one branch centre with ambient and cold zones, nutrient
    products with lots, and the people of the warehouse chapters (seed 000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.ambient = env["lohi.storage.condition"].create(
            {"name": "常温 20–25 ℃", "code": "T-AMB", "temperature_min": 20, "temperature_max": 25}
        )
        cls.cold = env["lohi.storage.condition"].create(
            {"name": "冷藏 0–4 ℃", "code": "T-COLD", "temperature_min": 0, "temperature_max": 4}
        )
        fefo = env.ref("product_expiry.removal_fefo")
        cls.central = env["stock.warehouse"].create({"name": "测试总库房", "code": "TZK"})
        cls.branch = env["stock.warehouse"].create(
            {
                "name": "测试分中心库房",
                "code": "TBR",
                "buy_to_resupply": False,
                "resupply_wh_ids": [Command.link(cls.central.id)],
            }
        )
        route = env["stock.route"].search([("supplied_wh_id", "=", cls.branch.id)], limit=1)
        (cls.central | cls.branch).write({"route_ids": [Command.link(route.id)]})
        Location = env["stock.location"]
        cls.central_ambient = Location.create(
            {
                "name": "常温区",
                "location_id": cls.central.lot_stock_id.id,
                "lohi_storage_condition_id": cls.ambient.id,
                "removal_strategy_id": fefo.id,
            }
        )
        cls.central_cold = Location.create(
            {
                "name": "冷藏区",
                "location_id": cls.central.lot_stock_id.id,
                "lohi_storage_condition_id": cls.cold.id,
                "removal_strategy_id": fefo.id,
            }
        )
        cls.branch_ambient = Location.create(
            {
                "name": "常温区",
                "location_id": cls.branch.lot_stock_id.id,
                "lohi_storage_condition_id": cls.ambient.id,
            }
        )
        cls.branch_cold = Location.create(
            {
                "name": "冷藏区",
                "location_id": cls.branch.lot_stock_id.id,
                "lohi_storage_condition_id": cls.cold.id,
            }
        )
        cls.categ = env["product.category"].create(
            {"name": "测试营养素", "removal_strategy_id": fefo.id}
        )
        product_vals = {
            "is_storable": True,
            "tracking": "lot",
            "use_expiration_date": True,
            "expiration_time": 365,
            "categ_id": cls.categ.id,
        }
        cls.q10 = env["product.product"].create(
            dict(product_vals, name="测试辅酶Q10", lohi_storage_condition_id=cls.cold.id)
        )
        cls.fish_oil = env["product.product"].create(
            dict(product_vals, name="测试鱼油软胶囊", lohi_storage_condition_id=cls.ambient.id)
        )
        cls.centre = env["lohi.centre"].create(
            {
                "name": "测试分中心",
                "code": "TST",
                "centre_type": "direct",
                "warehouse_id": cls.branch.id,
            }
        )
        cls.other_centre = env["lohi.centre"].create(
            {"name": "测试其他分中心", "code": "TOT", "centre_type": "direct"}
        )
        cls.keeper = new_test_user(
            env, login="stk_keeper", groups="lohi_clients.group_warehouse_keeper"
        )
        cls.product_manager = new_test_user(
            env, login="stk_product", groups="lohi_clients.group_product_manager"
        )
        cls.finance = new_test_user(env, login="stk_finance", groups="lohi_clients.group_finance")
        cls.leader = new_test_user(env, login="stk_leader", groups="lohi_clients.group_leadership")
        cls.director = new_test_user(
            env, login="stk_director", groups="lohi_clients.group_branch_director"
        )
        cls.director.lohi_centre_ids = cls.centre
        cls.other_manager = new_test_user(
            env, login="stk_other", groups="lohi_clients.group_health_manager"
        )
        cls.other_manager.lohi_centre_ids = cls.other_centre
        cls.doctor = new_test_user(
            env, login="stk_doctor", groups="lohi_clients.group_functional_doctor"
        )

    @classmethod
    def _lot(cls, product, name, days):
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": product.id,
                "expiration_date": fields.Datetime.now() + timedelta(days=days),
            }
        )

    @classmethod
    def _stock(cls, product, location, qty, lot, in_date=None):
        cls.env["stock.quant"]._update_available_quantity(
            product, location, qty, lot_id=lot, in_date=in_date
        )
