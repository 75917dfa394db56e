import threading
import uuid

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

THREADS = 8
PDF = b"%PDF-1.4\n% concurrency\n%%EOF\n"


def run_parallel(dbname, attempt, threads=THREADS):
    """Run ``attempt(env, index)`` in ``threads`` threads, each on its own connection, released
    together by a barrier and committed; a serialization failure is retried as Odoo's
    HTTP/RPC layer retries it (``odoo.service.model.retrying``). Return the outcomes
    ('ok', or the error's name)."""
    barrier = threading.Barrier(threads)
    outcomes = []
    lock = threading.Lock()

    def worker(index):
        outcome = "error"
        with db_connect(dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            barrier.wait(timeout=30)
            for tries_left in range(MAX_TRIES_ON_CONCURRENCY_FAILURE - 1, -1, -1):
                try:
                    attempt(env, index)
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome = "ok"
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as exc:
                    cr.rollback()
                    env.invalidate_all()
                    outcome = type(exc).__name__
                    if tries_left:
                        continue
                except psycopg2.errors.UniqueViolation as exc:
                    cr.rollback()
                    outcome = type(exc).__name__
                except (UserError, ValidationError) as exc:
                    cr.rollback()
                    outcome = f"refused: {exc}"
                except Exception as exc:  # noqa: BLE001 - the test fails on it
                    cr.rollback()
                    outcome = f"error: {exc!r}"
                break
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=worker, args=(index,)) for index in range(threads)]
    # losers' failed statements are logged by odoo.sql_db: expected here
    with mute_logger("odoo.sql_db"):
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join(timeout=120)
    return outcomes


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    """Issue 11, concurrency (short versions; APT-4's 16 × N booking rounds live in
    lohi_appointments): parallel lab-report replays → one report; parallel webhook
    deliveries → one call; parallel reservations of the last units → never over-reserved.

    The test transaction is never committed, so fixtures are committed through their own
    connection and deleted again in plain SQL in a cleanup; each thread works on its own
    connection and commits, as concurrent HTTP requests do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = cls.env.cr.dbname
        cls.code = "SUITE" + uuid.uuid4().hex[:6].upper()

    def _commit(self, build):
        with db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            result = build(env)
            cr.commit()  # pylint: disable=invalid-commit
        return result

    def _sql(self, *statements):
        with db_connect(self.dbname).cursor() as cr:
            for statement, params in statements:
                cr.execute(statement, params)
            cr.commit()  # pylint: disable=invalid-commit

    def _forget_messages(self, model, ids):
        return [
            (f"DELETE FROM {table} WHERE {column} = %s AND res_id = ANY(%s)", [model, ids])
            for table, column in (
                ("mail_message", "model"),
                ("mail_followers", "res_model"),
                ("mail_activity", "res_model"),
            )
        ]

    # ------------------------------------------------------------------ LAB-6
    def test_parallel_lab_report_replays(self):
        code = self.code

        def build(env):
            centre = env["lohi.centre"].create({"name": f"并发 {code}", "code": code})
            client = env["res.partner"].create({"name": f"并发客户 {code}"})
            order = env["lohi.lab.order"].create(
                {"partner_id": client.id, "centre_id": centre.id, "state": "testing"}
            )
            return {"centre": centre.id, "client": client.id, "order": order.id}

        ids = self._commit(build)

        def cleanup():
            with db_connect(self.dbname).cursor() as cr:
                cr.execute("SELECT id FROM lohi_lab_report WHERE order_id = %s", [ids["order"]])
                report_ids = [row[0] for row in cr.fetchall()]
            self._sql(
                *self._forget_messages("lohi.lab.order", [ids["order"]]),
                (
                    (
                        "DELETE FROM ir_attachment WHERE res_model = 'lohi.lab.report' "
                        "AND res_id = ANY(%s)"
                    ),
                    [report_ids],
                ),
                ("DELETE FROM lohi_lab_order WHERE id = %s", [ids["order"]]),
                ("DELETE FROM res_partner WHERE id = %s", [ids["client"]]),
                ("DELETE FROM lohi_centre WHERE id = %s", [ids["centre"]]),
            )

        self.addCleanup(cleanup)
        results = [{"analyte": "Ferritin", "value": "80", "unit": "ng/mL"}]

        def deliver(env, __):
            order = env["lohi.lab.order"].browse(ids["order"])
            order.action_report_received(PDF, results, report_ref=f"{code}-R1")

        outcomes = run_parallel(self.dbname, deliver)
        self.assertFalse([o for o in outcomes if o.startswith("error")], outcomes)
        self.assertIn("ok", outcomes)
        with db_connect(self.dbname).cursor() as cr:
            cr.execute("SELECT count(*) FROM lohi_lab_report WHERE order_id = %s", [ids["order"]])
            self.assertEqual(cr.fetchone()[0], 1, outcomes)
            cr.execute(
                "SELECT count(*) FROM lohi_lab_order_log WHERE order_id = %s AND to_state = "
                "'review'",
                [ids["order"]],
            )
            self.assertEqual(cr.fetchone()[0], 1, "one status change testing → review")
            cr.execute(
                "SELECT count(*) FROM lohi_lab_result r JOIN lohi_lab_report p "
                "ON p.id = r.report_id WHERE p.order_id = %s",
                [ids["order"]],
            )
            self.assertEqual(cr.fetchone()[0], 1, "the results once")

    # ------------------------------------------------------------------ CC-6
    def _deliver_in_parallel(self):
        """Deliver one call's events from THREADS workers at once: first the same ringing
        event retried by every worker, then answered and hang-up, each several times.
        Return the outcomes of both rounds and the call's external id."""
        call_id = f"{self.code}-CALL"

        def cleanup():
            with db_connect(self.dbname).cursor() as cr:
                cr.execute("SELECT id FROM lohi_call WHERE external_id = %s", [call_id])
                call_ids = [row[0] for row in cr.fetchall()]
            self._sql(
                *self._forget_messages("lohi.call", call_ids),
                ("DELETE FROM lohi_telephony_event WHERE call_external_id = %s", [call_id]),
                ("DELETE FROM lohi_call WHERE id = ANY(%s)", [call_ids]),
            )

        self.addCleanup(cleanup)
        ring = {
            "event_id": f"{call_id}-ring",
            "call_id": call_id,
            "type": "ringing",
            "direction": "in",
            "number": "+86 139 0000 3333",
        }
        first = run_parallel(
            self.dbname, lambda env, __: env["lohi.telephony.event"]._receive(dict(ring))
        )
        events = [
            dict(ring, event_id=f"{call_id}-{kind}", type=kind) for kind in ("answered", "hangup")
        ] * (THREADS // 2)

        def next_event(env, index):
            env["lohi.telephony.event"]._receive(dict(events[index]))

        second = run_parallel(self.dbname, next_event)
        return first + second, call_id

    def test_parallel_webhook_deliveries(self):
        """Whatever the number of parallel retries: one call, each event applied once."""
        outcomes, call_id = self._deliver_in_parallel()
        self.assertFalse(
            [o for o in outcomes if o not in ("ok", "UniqueViolation")],
            outcomes,
        )
        with db_connect(self.dbname).cursor() as cr:
            cr.execute("SELECT count(*) FROM lohi_call WHERE external_id = %s", [call_id])
            self.assertEqual(cr.fetchone()[0], 1, "one call record")
            cr.execute(
                "SELECT count(*) FROM lohi_telephony_event WHERE call_external_id = %s", [call_id]
            )
            self.assertEqual(cr.fetchone()[0], 3, "ringing, answered, hang-up once each")
            cr.execute(
                "SELECT answer_time IS NOT NULL, end_time IS NOT NULL FROM lohi_call "
                "WHERE external_id = %s",
                [call_id],
            )
            self.assertEqual(cr.fetchone(), (True, True))

    def test_parallel_webhook_deliveries_all_answered(self):
        outcomes, __ = self._deliver_in_parallel()
        self.assertEqual(outcomes, ["ok"] * (2 * THREADS))

    # ------------------------------------------------------------------ STK-2/STK-5
    def test_parallel_reservations_of_the_last_units(self):
        code = self.code

        def build(env):
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            product = env["product.product"].create(
                {"name": f"最后库存 {code}", "is_storable": True, "default_code": code}
            )
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 5)
            return {
                "product": product.id,
                "template": product.product_tmpl_id.id,
                "type": warehouse.out_type_id.id,
                "source": warehouse.lot_stock_id.id,
                "dest": env.ref("stock.stock_location_customers").id,
            }

        ids = self._commit(build)

        def cleanup():
            with db_connect(self.dbname).cursor() as cr:
                cr.execute("SELECT id FROM stock_picking WHERE origin = %s", [code])
                picking_ids = [row[0] for row in cr.fetchall()]
            self._sql(
                *self._forget_messages("stock.picking", picking_ids),
                ("DELETE FROM stock_move_line WHERE product_id = %s", [ids["product"]]),
                ("DELETE FROM stock_move WHERE product_id = %s", [ids["product"]]),
                ("DELETE FROM stock_picking WHERE id = ANY(%s)", [picking_ids]),
                ("DELETE FROM stock_quant WHERE product_id = %s", [ids["product"]]),
                ("DELETE FROM product_product WHERE id = %s", [ids["product"]]),
                ("DELETE FROM product_template WHERE id = %s", [ids["template"]]),
            )

        self.addCleanup(cleanup)

        def reserve(env, __):
            product = env["product.product"].browse(ids["product"])
            picking = env["stock.picking"].create(
                {
                    "picking_type_id": ids["type"],
                    "location_id": ids["source"],
                    "location_dest_id": ids["dest"],
                    "origin": code,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom_qty": 2,
                                "product_uom": product.uom_id.id,
                                "location_id": ids["source"],
                                "location_dest_id": ids["dest"],
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()

        outcomes = run_parallel(self.dbname, reserve)
        self.assertFalse([o for o in outcomes if o.startswith("error")], outcomes)
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT coalesce(sum(quantity), 0), coalesce(sum(reserved_quantity), 0) "
                "FROM stock_quant WHERE product_id = %s AND location_id = %s",
                [ids["product"], ids["source"]],
            )
            on_hand, reserved = cr.fetchone()
            cr.execute(
                "SELECT coalesce(sum(quantity), 0) FROM stock_move_line WHERE product_id = %s",
                [ids["product"]],
            )
            reserved_lines = cr.fetchone()[0]
        self.assertEqual(on_hand, 5)
        self.assertLessEqual(reserved, on_hand, f"over-reserved: {outcomes}")
        self.assertEqual(reserved_lines, reserved, "move lines match the quant")
        self.assertGreater(reserved, 0, outcomes)
