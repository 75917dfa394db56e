from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReturnStock(TransactionCase):
    """CLI-12 in the warehouse: returned goods come back by a real receipt into the
    quarantine location; an exchange leaves by a real delivery from the centre."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.centre = cls.env["lohi.centre"].create(
            {"name": "退货测试中心", "code": "RTC", "warehouse_id": cls.warehouse.id}
        )
        cls.service = new_test_user(
            cls.env, login="ret_service", groups="lohi_clients.group_customer_service"
        )
        cls.qc = new_test_user(cls.env, login="ret_qc", groups="lohi_clients.group_quality_control")
        user = new_test_user(
            cls.env, login="ret_doc", groups="lohi_clients.group_functional_doctor"
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "退货客户",
                "lohi_is_client": True,
                "lohi_birthdate": "1979-01-02",
                "mobile": "13611112222",
                "lohi_doctor_id": user.id,
                "lohi_health_manager_id": user.id,
                "lohi_centre_id": cls.centre.id,
                "lohi_source": "walk_in",
                "lohi_remark": "测试",
            }
        )
        cls.product = cls.env["product.product"].create({"name": "钙镁片", "is_storable": True})

    def test_receipt_into_quarantine_and_exchange_delivery(self):
        request = (
            self.env["lohi.return.request"]
            .with_user(self.service)
            .create(
                {
                    "partner_id": self.client.id,
                    "product_id": self.product.id,
                    "quantity": 2,
                    "purchase_ref": "RX-9",
                    "purchase_date": fields.Date.today() - timedelta(days=1),
                    "reason": "damaged",
                    "condition": "damaged",
                    "request_type": "exchange",
                    "exchange_product_id": self.product.id,
                }
            )
        )
        request.action_submit()
        receipt = request.return_picking_id
        self.assertEqual(
            receipt.location_dest_id, self.env.ref("lohi_stock.stock_location_quarantine")
        )
        self.assertEqual(receipt.location_id, self.env.ref("stock.stock_location_customers"))
        self.assertEqual(receipt.move_ids.product_uom_qty, 2)
        self.assertEqual(receipt.picking_type_id, self.warehouse.in_type_id)
        request.with_user(self.qc).action_qc_approve("外包装破损，内容物受潮，同意换货")
        request.action_done()
        delivery = request.exchange_picking_id
        self.assertEqual(delivery.picking_type_id, self.warehouse.out_type_id)
        self.assertEqual(delivery.location_id, self.warehouse.lot_stock_id)
        self.assertEqual(delivery.move_ids.product_id, self.product)
