"""Issue 11, crash safety of writes: a server killed (SIGKILL) during a booking or a
picking validation leaves no half-written record.

The booking and the validation run as one request would: in a separate Odoo process
(``odoo-bin shell`` on the test database, see crash_common), as the demo user of the
role, through the same methods as the UI (the booking assistant's search and slot pick;
the picking's Validate button), in one transaction committed at the end. A monkeypatch
flushes part of the writes to PostgreSQL and stops the process there; it is killed with
SIGKILL, as a server process killed during the request. What is proven: the rows that
process had written (read back inside its own transaction before the kill) are all gone,
the business state is what it was before, and the same action run again succeeds once.
This is the rule "one request, one transaction" (no commit in the middle of the booking
or the validation): a commit added between the writes makes these tests fail.
"""

import datetime

from odoo import Command, fields
from odoo.tests import tagged

from .crash_common import CrashCase, client_values, purge

STEPS = r"""
def step_book(env, partner, service, centre, date_from, doctor=None, start=None):
    # The booking assistant as customer service uses it (APT-3): search the free
    # times, pick the first one (or the given one).
    user = env.ref("lohi_clients.user_service_demo")
    booking = env["lohi.appointment.booking"].with_user(user).create(
        {
            "partner_id": partner,
            "service_type_id": service,
            "centre_id": centre,
            "date_from": date_from,
            "days": 14,
            "channel": "phone",
        }
    )
    booking.action_search()
    slots = booking.slot_ids
    if doctor:
        slots = slots.filtered(
            lambda s: s.doctor_id.id == doctor and fields.Datetime.to_string(s.start) == start
        )
        if not slots:
            # not offered any more; booking it anyway is refused
            try:
                env["lohi.appointment"].with_user(user).create(
                    {
                        "partner_id": partner,
                        "service_type_id": service,
                        "centre_id": centre,
                        "doctor_id": doctor,
                        "start": start,
                        "channel": "phone",
                    }
                )
            except ValidationError as exc:
                return {"free": False, "refused": str(exc)}
            return {"free": False, "refused": False}
    slot = slots[:1]
    say("LOHI_INFO", {"doctor": slot.doctor_id.id, "start": fields.Datetime.to_string(slot.start)})
    action = slot.action_pick()
    return {"free": True, "appointment": action["res_id"]}


def step_validate(env, picking):
    # The Validate button of the transfer, pressed by the warehouse keeper.
    user = env.ref("lohi_clients.user_warehouse_demo")
    picking = env["stock.picking"].with_user(user).browse(picking)
    try:
        result = picking.button_validate()
    except UserError as exc:
        return {"refused": str(exc)}
    return {"result": result, "state": picking.state}
"""


@tagged("post_install", "-at_install")
class TestCrashSafetyBooking(CrashCase):
    """APT-3/APT-4/APT-5/APT-6: a booking killed (1) after the appointment row is
    inserted, before its calendar event, doctor notification, e-mail and SMS, and (2)
    after all of them are written, before the commit, leaves no appointment, no calendar
    event, no message and no SMS; the time is still offered and booking it again works,
    once: a third attempt at the same time is refused."""

    STEPS = STEPS
    WORKERS = 3
    NAME = "崩溃预约测试客户"

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            client = env["res.partner"].create(
                client_values(
                    env, self.NAME, mobile="139 0000 6655", email="crash.booking@example.com"
                )
            )
            self.partner_id = client.id
            self.params = {
                "partner": client.id,
                "service": env.ref("lohi_appointments.lohi_service_type_first_visit_demo").id,
                "centre": env.ref("lohi_clients.lohi_centre_chaoyang_demo").id,
                "date_from": (fields.Date.today() + datetime.timedelta(days=30)).isoformat(),
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            cr.execute("SELECT id FROM lohi_appointment WHERE partner_id = %s", [self.partner_id])
            appointment_ids = [row[0] for row in cr.fetchall()]
            cr.execute("SELECT id FROM calendar_event WHERE name LIKE %s", [f"{self.NAME}%"])
            event_ids = [row[0] for row in cr.fetchall()]
            cr.execute("DELETE FROM lohi_sms_message WHERE partner_id = %s", [self.partner_id])
            cr.execute("DELETE FROM mail_message WHERE body LIKE %s", [f"%{self.NAME}%"])
            purge(cr, "lohi.appointment", appointment_ids)
            purge(cr, "calendar.event", event_ids)
            purge(cr, "res.partner", [self.partner_id])

    def state(self):
        appointments = self.query(
            "SELECT id, state, doctor_id, start, calendar_event_id FROM lohi_appointment "
            "WHERE partner_id = %s ORDER BY id",
            [self.partner_id],
        )
        events = self.query(
            "SELECT id, active FROM calendar_event WHERE name LIKE %s ORDER BY id",
            [f"{self.NAME}%"],
        )
        ((sms,),) = self.query(
            "SELECT count(*) FROM lohi_sms_message WHERE partner_id = %s", [self.partner_id]
        )
        ((messages,),) = self.query(
            "SELECT count(*) FROM mail_message WHERE body LIKE %s", [f"%{self.NAME}%"]
        )
        return {
            "appointments": appointments,
            "events": events,
            "sms": sms,
            "messages": messages,
        }

    def test_booking_killed_mid_request(self):
        early, late, runner = self.workers
        nothing = {"appointments": [], "events": [], "sms": 0, "messages": 0}
        self.assertEqual(self.state(), nothing)
        probe = [
            (
                "SELECT (SELECT count(*) FROM lohi_appointment WHERE partner_id = %s), "
                "(SELECT count(*) FROM calendar_event WHERE name LIKE %s), "
                "(SELECT count(*) FROM lohi_sms_message WHERE partner_id = %s)"
            ),
            [self.partner_id, f"{self.NAME}%", self.partner_id],
        ]
        # (1) the appointment row is written, its calendar event not yet
        midrun = early.call_and_kill(
            "book",
            hangs=[
                {
                    "model": "lohi.appointment",
                    "method": "_sync_calendar_event",
                    "after": False,
                    "probe": probe,
                }
            ],
            **self.params,
        )
        self.assertEqual(midrun["probe"], [[1, 0, 0]], "the killed booking had its row")
        self.assertEqual(self.state(), nothing)
        # (2) everything is written (event, notification, e-mail, SMS), not committed
        midrun = late.call_and_kill(
            "book",
            hangs=[{"model": "lohi.appointment", "method": "_queue_client_sms", "probe": probe}],
            **self.params,
        )
        self.assertEqual(midrun["probe"], [[1, 1, 1]], "the killed booking wrote it all")
        self.assertEqual(self.state(), nothing)
        slot = early.info[0]
        self.assertEqual(late.info, [slot], "both attempts took the same free time")
        # the time is still free: booked again, once, with everything it comes with
        result = runner.call("book", **self.params, **slot)
        self.assertTrue(result["free"], "the time is still offered")
        booked = self.state()
        ((appointment_id, state, doctor_id, start, event_id),) = booked["appointments"]
        self.assertEqual(appointment_id, result["appointment"])
        self.assertEqual((state, doctor_id), ("confirmed", slot["doctor"]))
        self.assertEqual(fields.Datetime.to_string(start), slot["start"])
        self.assertEqual(booked["events"], [(event_id, True)])
        self.assertEqual(booked["sms"], 1)
        self.assertTrue(booked["messages"])
        # and the same time once more: refused, nothing added
        result = runner.call("book", **self.params, **slot)
        self.assertFalse(result["free"])
        self.assertTrue(result["refused"], "booking a taken time is refused")
        self.assertEqual(self.state(), booked)


@tagged("post_install", "-at_install")
class TestCrashSafetyPicking(CrashCase):
    """STK-1/STK-3: validating an internal transfer of lot-tracked demo products,
    killed (1) after the move lines moved the quants, before the moves and the picking
    are done, and (2) after the whole picking is done, before the commit, leaves the
    picking, its moves and move lines and the quants exactly as before (reserved, not
    moved); validating again moves the goods once; a third validation is refused."""

    STEPS = STEPS
    WORKERS = 3
    QTY = 5

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            warehouse = env.ref("lohi_stock.stock_warehouse_central_demo")
            quants = env["stock.quant"].search(
                [
                    ("location_id.warehouse_id", "=", warehouse.id),
                    ("location_id.usage", "=", "internal"),
                    ("lot_id", "!=", False),
                    (
                        "lot_id.expiration_date",
                        ">",
                        fields.Datetime.now() + datetime.timedelta(days=180),
                    ),
                    ("product_id.tracking", "=", "lot"),
                    ("quantity", ">=", 20),
                    ("reserved_quantity", "=", 0),
                ],
                order="location_id, product_id, id",
            )
            by_location = {}
            for quant in quants:
                by_location.setdefault(quant.location_id, quant.product_id.browse())
                by_location[quant.location_id] |= quant.product_id
            source, products = max(by_location.items(), key=lambda item: len(item[1]))
            self.assertGreaterEqual(len(products), 2, "demo stock of lot-tracked products")
            products = products[:2]
            self.product_ids = products.ids
            self.source_id = source.id
            # the goods' present stock, restored at the end
            self.quants_before = self.query(
                "SELECT id, quantity, reserved_quantity FROM stock_quant "
                "WHERE product_id = ANY(%s) AND location_id = %s",
                [self.product_ids, source.id],
            )
            dest = env["stock.location"].create(
                {"name": "崩溃测试货架", "location_id": warehouse.lot_stock_id.id}
            )
            self.dest_id = dest.id
            picking = env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.int_type_id.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.display_name,
                                "product_id": product.id,
                                "product_uom_qty": self.QTY,
                                "product_uom": product.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                            }
                        )
                        for product in products
                    ],
                }
            )
            self.picking_id = picking.id
            picking.action_confirm()
            picking.action_assign()
            self.assertEqual(picking.state, "assigned")
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            cr.execute("SELECT id FROM stock_move WHERE picking_id = %s", [self.picking_id])
            move_ids = [row[0] for row in cr.fetchall()]
            cr.execute("DELETE FROM stock_move_line WHERE move_id = ANY(%s)", [move_ids])
            if env["ir.module.module"]._get("stock_account").state == "installed":
                cr.execute(
                    "DELETE FROM stock_valuation_layer WHERE stock_move_id = ANY(%s)", [move_ids]
                )
            purge(cr, "stock.move", move_ids)
            purge(cr, "stock.picking", [self.picking_id])
            cr.execute("DELETE FROM stock_quant WHERE location_id = %s", [self.dest_id])
            for quant_id, quantity, reserved in self.quants_before:
                cr.execute(
                    "UPDATE stock_quant SET quantity = %s, reserved_quantity = %s WHERE id = %s",
                    [quantity, reserved, quant_id],
                )
            cr.execute(
                "DELETE FROM stock_quant WHERE product_id = ANY(%s) AND location_id = %s "
                "AND id != ALL(%s)",
                [self.product_ids, self.source_id, [row[0] for row in self.quants_before]],
            )
            purge(cr, "stock.location", [self.dest_id])

    def state(self):
        picking = self.query(
            "SELECT state, date_done FROM stock_picking WHERE id = %s", [self.picking_id]
        )
        moves = self.query(
            "SELECT id, state, quantity, picked FROM stock_move WHERE picking_id = %s ORDER BY id",
            [self.picking_id],
        )
        lines = self.query(
            "SELECT id, product_id, lot_id, quantity, location_id, location_dest_id, state, "
            "picked FROM stock_move_line WHERE picking_id = %s ORDER BY id",
            [self.picking_id],
        )
        quants = self.query(
            "SELECT location_id, product_id, lot_id, quantity, reserved_quantity "
            "FROM stock_quant WHERE product_id = ANY(%s) AND location_id IN (%s, %s) "
            "ORDER BY location_id, product_id, lot_id",
            [self.product_ids, self.source_id, self.dest_id],
        )
        return {"picking": picking, "moves": moves, "lines": lines, "quants": quants}

    def test_picking_validation_killed_mid_request(self):
        early, late, runner = self.workers
        before = self.state()
        self.assertEqual(before["picking"][0][0], "assigned")
        self.assertEqual(len(before["lines"]), 2)
        self.assertFalse([q for q in before["quants"] if q[0] == self.dest_id])
        probe = [
            (
                "SELECT (SELECT state FROM stock_picking WHERE id = %s), "
                "(SELECT coalesce(sum(quantity), 0) FROM stock_quant WHERE location_id = %s)"
            ),
            [self.picking_id, self.dest_id],
        ]
        # (1) the quants moved, the moves and the picking not yet done
        midrun = early.call_and_kill(
            "validate",
            hangs=[
                {
                    "model": "stock.move.line",
                    "method": "_action_done",
                    "flush_models": ["stock.quant", "stock.move.line"],
                    "probe": probe,
                    "records": True,
                }
            ],
            picking=self.picking_id,
        )
        self.assertEqual(midrun["probe"], [["assigned", 2 * self.QTY]])
        self.assertEqual(self.state(), before)
        # (2) the picking done, not committed
        midrun = late.call_and_kill(
            "validate",
            hangs=[
                {
                    "model": "stock.picking",
                    "method": "_action_done",
                    "probe": probe,
                    "records": True,
                }
            ],
            picking=self.picking_id,
        )
        self.assertEqual(midrun["probe"], [["done", 2 * self.QTY]])
        self.assertEqual(self.state(), before)
        # validated again: done once, the goods moved once
        result = runner.call("validate", picking=self.picking_id)
        self.assertEqual(result, {"result": True, "state": "done"})
        done = self.state()
        self.assertEqual(done["picking"][0][0], "done")
        self.assertEqual({move[1] for move in done["moves"]}, {"done"})
        self.assertEqual(
            [line[:6] for line in done["lines"]],
            [line[:6] for line in before["lines"]],
            "the same move lines (lots, quantities, places) were done",
        )
        moved = {}
        for location, product, lot, quantity, __ in done["quants"]:
            if location == self.dest_id:
                moved[product, lot] = quantity
        for __, product, lot, quantity, __, __, __, __ in before["lines"]:
            self.assertEqual(moved.pop((product, lot)), quantity)
        self.assertFalse(moved)
        source_before = {(q[1], q[2]): q[3] for q in before["quants"] if q[0] == self.source_id}
        source_after = {(q[1], q[2]): q[3] for q in done["quants"] if q[0] == self.source_id}
        for __, product, lot, quantity, __, __, __, __ in before["lines"]:
            self.assertEqual(source_after[product, lot], source_before[product, lot] - quantity)
        # a third validation is refused and changes nothing
        result = runner.call("validate", picking=self.picking_id)
        self.assertTrue(result.get("refused"))
        self.assertEqual(self.state(), done)
