from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import file_open

from .lohi_lab_order import centre_warehouse

# Demo results per test code: analyte, value, unit, range, low, high.
DEMO_RESULTS = {
    "IGG90": [
        ("牛奶 IgG", "86.4", "U/mL", "<50", None, 50.0),
        ("鸡蛋白 IgG", "62.0", "U/mL", "<50", None, 50.0),
        ("小麦 IgG", "31.5", "U/mL", "<50", None, 50.0),
        ("大豆 IgG", "12.8", "U/mL", "<50", None, 50.0),
    ],
    "OAT": [
        ("柠檬酸", "412", "mmol/mol 肌酐", "70–550", 70.0, 550.0),
        ("琥珀酸", "3.1", "mmol/mol 肌酐", "4.0–25", 4.0, 25.0),
        ("甲基丙二酸", "2.8", "mmol/mol 肌酐", "<2.3", None, 2.3),
    ],
    "SHR": [
        ("皮质醇（08:00）", "9.8", "nmol/L", "7.2–23.0", 7.2, 23.0),
        ("皮质醇（22:00）", "4.6", "nmol/L", "<2.8", None, 2.8),
    ],
}
DEMO_STEPS = [
    "sampling",
    "testing",
    "review",
    "reviewed",
    "production",
    "issued",
    "interpreted",
]


class LohiLabOrder(models.Model):
    _inherit = "lohi.lab.order"

    @api.model
    def _demo_stock_kits(self, orders):
        """Put demo kits (with their lots) into the stock the orders issue from."""
        Quant = self.env["stock.quant"].sudo().with_context(inventory_mode=True)
        tests = orders.line_ids.test_id.filtered("kit_product_id")
        quants = Quant.browse()
        for warehouse in {order._warehouse() for order in orders}:
            for product in tests.kit_product_id:
                lot = (
                    self.env["stock.lot"].sudo().search([("product_id", "=", product.id)], limit=1)
                )
                quants |= Quant.create(
                    {
                        "product_id": product.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "lot_id": lot.id,
                        "inventory_quantity": 40,
                    }
                )
        quants.action_apply_inventory()

    @api.model
    def _demo_walk_lifecycle(self, plan):
        """Walk demo orders through their real actions as the demo users, up to a state."""
        orders = self.browse([order_id for order_id, _target in plan]).filtered(
            lambda order: order.state == "ordered"
        )
        if not orders:
            return
        self._demo_stock_kits(orders)
        users = {
            key: self.env.ref(f"lohi_clients.user_{key}_demo", raise_if_not_found=False)
            for key in ("doctor", "manager", "consult")
        }
        with file_open("lohi_lab/demo/files/lab_report_demo.pdf", "rb") as pdf_file:
            pdf = pdf_file.read()
        for order_id, target in plan:
            order = orders.filtered(lambda o, order_id=order_id: o.id == order_id)
            if not order:
                continue
            own = order.centre_id.user_ids
            as_user = {
                key: (
                    order.with_user(user)
                    if user and user in own or key == "consult" and user
                    else order
                )
                for key, user in users.items()
            }
            if target == "cancel":
                as_user["doctor"].action_cancel()
                continue
            if target == "ordered":
                continue
            as_user["manager"].action_ship_kit()
            if order.sampling_mode == "home":
                order.courier_tracking_ref = f"SF{order.id:010d}"
            as_user["manager"].action_mark_sampled()
            if target == "resampling":
                as_user["consult"].action_reject_sample(
                    "唾液样本量不足 1 mL，且 22:00 管未标注采样时间。"
                )
                continue
            for step in DEMO_STEPS[1 : DEMO_STEPS.index(target) + 1]:
                self._demo_step(order, as_user, step, pdf)
        # Spread the demo log over the days since the order, as it would have happened.
        now = fields.Datetime.now()
        for order in orders:
            for index, log in enumerate(order.log_ids.sorted("id")):
                log.date = min(order.date_order + timedelta(days=index * 2, hours=index), now)

    @api.model
    def _demo_step(self, order, as_user, step, pdf):
        if step == "testing":
            as_user["consult"].action_accept_sample("样本完整，标签清晰。")
        elif step == "review":
            results = [
                {
                    "analyte": analyte,
                    "value": value,
                    "unit": unit,
                    "reference_range": ref_range,
                    "ref_low": low,
                    "ref_high": high,
                }
                for code in order.line_ids.test_id.mapped("code")
                for analyte, value, unit, ref_range, low, high in DEMO_RESULTS.get(code, [])
            ]
            as_user["consult"].action_report_received(
                pdf, results, report_ref=f"XH-{order.name}", filename=f"{order.name}.pdf"
            )
        elif step == "reviewed":
            as_user["consult"].action_review()
        elif step == "production":
            as_user["doctor"].summary_report = (
                "<p>综合各项检测结果，提示存在食物不耐受及能量代谢偏弱，建议 3 个月回避"
                "高反应食物，补充 B 族维生素与镁，3 个月后复查。</p>"
            )
            as_user["doctor"].action_write_summary()
        elif step == "issued":
            order.paper_delivery = "mailed" if order.sampling_mode == "home" else "collected"
            if order.paper_delivery == "mailed":
                order.paper_tracking_ref = f"EMS{order.id:09d}CN"
            as_user["consult"].action_issue_paper()
        elif step == "interpreted":
            as_user["doctor"].action_interpret()


class LohiLabPrescription(models.Model):
    _inherit = "lohi.lab.prescription"

    @api.model
    def _demo_walk(self, plan):
        """Sign and ship demo prescriptions as the demo health manager."""
        prescriptions = self.browse([pid for pid, _target in plan]).filtered(
            lambda p: p.state == "draft"
        )
        manager = self.env.ref("lohi_clients.user_manager_demo", raise_if_not_found=False)
        Quant = self.env["stock.quant"].sudo().with_context(inventory_mode=True)
        quants = Quant.browse()
        for prescription in prescriptions:
            location = centre_warehouse(
                self.env, prescription.centre_id, prescription.company_id
            ).lot_stock_id
            for product in prescription.line_ids.product_id:
                quants |= Quant.create(
                    {"product_id": product.id, "location_id": location.id, "inventory_quantity": 50}
                )
        quants.action_apply_inventory()
        for prescription_id, target in plan:
            prescription = prescriptions.filtered(lambda p, pid=prescription_id: p.id == pid)
            if not prescription:
                continue
            if manager and manager in prescription.centre_id.user_ids:
                prescription = prescription.with_user(manager)
            prescription.action_confirm()
            if target == "shipped":
                prescription.action_ship()
