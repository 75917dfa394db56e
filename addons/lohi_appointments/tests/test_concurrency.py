import os
import threading
import uuid
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MONDAY, utc

THREADS = 16
# Issue 11 asks for 100 rounds: `bash scripts/bench.sh rounds` runs this test with
# LOHI_BOOKING_ROUNDS=100 (minutes); `make test` runs 10.
ROUNDS = int(os.environ.get("LOHI_BOOKING_ROUNDS") or 10)


@tagged("post_install", "-at_install")
class TestConcurrentBooking(TransactionCase):
    """APT-4 under real concurrency.

    The test transaction is never committed, so the fixtures are created and committed
    through a separate connection (``odoo.sql_db.db_connect(db).cursor()``) and deleted
    again in a cleanup. Each round, 16 threads open their own connection, wait at a
    barrier, then book the same slot through the ORM (``lohi.appointment.create`` in
    their own Environment, as superuser) and commit. PostgreSQL's exclusion constraint
    lets exactly one through; the others get the ORM's ValidationError (or, if
    PostgreSQL reports it as such, a serialization failure that Odoo's RPC layer
    retries into the same ValidationError).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = cls.env.cr.dbname
        code = "C" + uuid.uuid4().hex[:6]
        with db_connect(cls.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            centre = env["lohi.centre"].create({"name": f"并发测试 {code}", "code": code})
            service = env["lohi.service.type"].create({"name": f"并发 {code}", "duration": 1.0})
            doctor = env.ref("base.user_admin")
            schedule = env["lohi.doctor.schedule"].create(
                {
                    "doctor_id": doctor.id,
                    "centre_id": centre.id,
                    # every day, all day: round n books hour n from Monday 08:00
                    "attendance_ids": [
                        Command.create(
                            {
                                "name": f"全天 {day}",
                                "dayofweek": str(day),
                                "hour_from": 0.0,
                                "hour_to": 24.0,
                                "day_period": "morning",
                            }
                        )
                        for day in range(7)
                    ],
                }
            )
            client = env["res.partner"].create({"name": f"并发客户 {code}"})
            cls.ids = {
                "centre": centre.id,
                "service": service.id,
                "doctor": doctor.id,
                "schedule": schedule.id,
                "calendar": schedule.calendar_id.id,
                "client": client.id,
            }
            cr.commit()  # pylint: disable=invalid-commit
        cls.addClassCleanup(cls._cleanup)

    @classmethod
    def _cleanup(cls):
        """Delete what the test committed, in plain SQL: an ORM unlink of a partner or a
        centre would visit every model of every installed addon that points to them."""
        ids = cls.ids
        with db_connect(cls.dbname).cursor() as cr:
            cr.execute(
                "SELECT id, calendar_event_id FROM lohi_appointment WHERE centre_id = %s",
                [ids["centre"]],
            )
            rows = cr.fetchall()
            appointment_ids = [row[0] for row in rows]
            event_ids = [row[1] for row in rows if row[1]]
            for model, res_ids in (
                ("lohi.appointment", appointment_ids),
                ("calendar.event", event_ids),
                ("lohi.centre", [ids["centre"]]),
                ("lohi.doctor.schedule", [ids["schedule"]]),
                ("res.partner", [ids["client"]]),
            ):
                cr.execute(
                    "DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                    [model, res_ids],
                )
                cr.execute(
                    "DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)",
                    [model, res_ids],
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)",
                    [model, res_ids],
                )
            cr.execute("DELETE FROM lohi_appointment WHERE id = ANY(%s)", [appointment_ids])
            cr.execute("DELETE FROM calendar_event WHERE id = ANY(%s)", [event_ids])
            cr.execute("DELETE FROM lohi_doctor_schedule WHERE id = %s", [ids["schedule"]])
            cr.execute("DELETE FROM resource_calendar WHERE id = %s", [ids["calendar"]])
            cr.execute("DELETE FROM lohi_service_type WHERE id = %s", [ids["service"]])
            cr.execute("DELETE FROM lohi_centre WHERE id = %s", [ids["centre"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["client"]])
            cr.commit()  # pylint: disable=invalid-commit

    def _round(self, start):
        barrier = threading.Barrier(THREADS)
        outcomes = []
        lock = threading.Lock()
        ids = self.ids

        def attempt():
            outcome = "error"
            with db_connect(self.dbname).cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                try:
                    barrier.wait(timeout=30)
                    env["lohi.appointment"].create(
                        {
                            "partner_id": ids["client"],
                            "doctor_id": ids["doctor"],
                            "centre_id": ids["centre"],
                            "service_type_id": ids["service"],
                            "start": start,
                        }
                    )
                    cr.commit()  # pylint: disable=invalid-commit
                    outcome = "won"
                except ValidationError:
                    cr.rollback()
                    outcome = "refused"
                except psycopg2.errors.SerializationFailure:
                    cr.rollback()
                    outcome = "serialization"
                except Exception as exc:  # noqa: BLE001 - reported below, the test fails on it
                    cr.rollback()
                    outcome = f"error: {exc!r}"
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=attempt) for __ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return outcomes

    def test_sixteen_simultaneous_bookings_one_winner(self):
        with mute_logger("odoo.sql_db", "odoo.addons.lohi_appointments.models.lohi_appointment"):
            for n in range(ROUNDS):
                start = utc(MONDAY, 8) + timedelta(hours=n)
                outcomes = self._round(start)
                self.assertEqual(len(outcomes), THREADS)
                self.assertEqual(outcomes.count("won"), 1, f"round {n}: {outcomes}")
                # every loser got the clear message, none a deadlock or a crash
                self.assertEqual(outcomes.count("refused"), THREADS - 1, f"round {n}: {outcomes}")
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM lohi_appointment WHERE centre_id = %s",
                [self.ids["centre"]],
            )
            self.assertEqual(cr.fetchone()[0], ROUNDS)
