import psycopg2

from odoo import api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentReservation(TransactionCase):
    """Two keepers reserve the last units at the same time: PostgreSQL's repeatable
    read refuses the second writer on the same quant (Odoo retries the request, which
    then finds nothing left), so the units are never reserved twice. Real cursors,
    committed data, cleaned up afterwards."""

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def test_last_units_never_reserved_twice(self):
        registry = self.registry
        with registry.cursor() as cr0:
            env0 = self._env(cr0)
            product = env0["product.product"].create(
                {"name": "并发测试营养素", "is_storable": True, "tracking": "lot"}
            )
            lot = env0["stock.lot"].create(
                {
                    "name": "CONC-1",
                    "product_id": product.id,
                    "expiration_date": fields.Datetime.add(fields.Datetime.now(), days=300),
                }
            )
            stock = env0.ref("stock.stock_location_stock")
            env0["stock.quant"]._update_available_quantity(product, stock, 5, lot_id=lot)
            ids = {"product": product.id, "location": stock.id}
        customers_xmlid = "stock.stock_location_customers"

        def reserve(env):
            move = env["stock.move"].create(
                {
                    "name": "并发预留",
                    "product_id": ids["product"],
                    "product_uom_qty": 5,
                    "product_uom": env["product.product"].browse(ids["product"]).uom_id.id,
                    "location_id": ids["location"],
                    "location_dest_id": env.ref(customers_xmlid).id,
                }
            )
            move._action_confirm()
            move._action_assign()
            return move

        try:
            cr1 = registry.cursor()
            cr2 = registry.cursor()
            try:
                env1, env2 = self._env(cr1), self._env(cr2)
                # the second keeper opens the quant first (snapshot taken)
                quant2 = env2["stock.quant"].search([("product_id", "=", ids["product"])])
                self.assertEqual(quant2.reserved_quantity, 0)
                move1 = reserve(env1)
                self.assertEqual(move1.quantity, 5)
                cr1.commit()
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(psycopg2.errors.SerializationFailure),
                ):
                    reserve(env2)
                cr2.rollback()
                # Odoo retries the second request: nothing is left to reserve
                env2.invalidate_all()
                move2 = reserve(env2)
                self.assertEqual(move2.quantity, 0)
                self.assertEqual(move2.state, "confirmed")
                cr2.commit()
            finally:
                cr1.close()
                cr2.close()
            with registry.cursor() as cr:
                env = self._env(cr)
                quant = env["stock.quant"].search([("product_id", "=", ids["product"])])
                self.assertEqual(quant.quantity, 5)
                self.assertEqual(quant.reserved_quantity, 5)
        finally:
            with registry.cursor() as cr:
                env = self._env(cr)
                moves = env["stock.move"].search([("product_id", "=", ids["product"])])
                moves._action_cancel()
                moves.unlink()
                env["stock.quant"].search([("product_id", "=", ids["product"])]).unlink()
                env["stock.lot"].search([("product_id", "=", ids["product"])]).unlink()
                product = env["product.product"].browse(ids["product"])
                template = product.product_tmpl_id
                product.unlink()
                template.unlink()
