"""Issue 11, crash safety of the crons: a cron killed (SIGKILL) in the middle of its run
and run again finishes its work with no duplicate and nothing lost.

Each test runs the cron in separate Odoo processes as the cron worker does (see
crash_common): one is killed after part of a batch is flushed to PostgreSQL but before
the worker's commit; the killed batch must leave nothing behind (one transaction per
call), the next run must do the whole work exactly once, and a third run nothing more
(the cron's idempotency guard, named in each test). The ``*_after_a_committed_batch``
variants kill the second batch of a cron that takes a ``batch`` size: the first batch
stays, the rest is done once by the next run.
"""

import datetime

from odoo.tests import tagged

from .crash_common import CrashCase, client_values, purge

STEPS = r"""
def step_birthdays(env, day, batch=None):
    return run_cron(
        env, "lohi_clients.ir_cron_birthdays", "_cron_lohi_birthdays",
        {"today": datetime.date.fromisoformat(day)}, {"batch": batch} if batch else None,
    )


def step_followups(env, batch=None):
    return run_cron(
        env, "lohi_callcenter.ir_cron_plan_followups", "_cron_plan_followups",
        None, {"batch": batch} if batch else None,
    )


def step_expiry(env, batch=None):
    return run_cron(
        env, "lohi_stock.ir_cron_expiry_inspection", "_cron_lohi_expiry_inspection",
        None, {"batch": batch} if batch else None,
    )


def step_monthly(env, today, batch=None):
    return run_cron(
        env, "lohi_surveys.ir_cron_monthly_summary", "_cron_monthly_summary",
        {"today": datetime.date.fromisoformat(today)}, {"batch": batch} if batch else None,
    )
"""


class CronCrashCase(CrashCase):
    STEPS = STEPS
    MODEL = METHOD = None

    def setUp(self):
        # the variants for batched crons start no process where there is no batch size
        if self._testMethodName.endswith("_after_a_committed_batch") and not self.accepts(
            self.MODEL, self.METHOD, "batch"
        ):
            self.skipTest(f"{self.MODEL}.{self.METHOD} takes no batch size")
        super().setUp()
        with self.committed_env() as env:
            cron = env.ref(self.CRON)
            self.cron_id = cron.id
            self.progress_floor = self.query("SELECT coalesce(max(id), 0) FROM ir_cron_progress")[
                0
            ][0]
        self.addCleanup(self._cleanup_progress)

    def _cleanup_progress(self):
        with self.committed_env() as env:
            env.cr.execute(
                "DELETE FROM ir_cron_progress WHERE cron_id = %s AND id > %s",
                [self.cron_id, self.progress_floor],
            )

    def check_crash(self, step, hangs, params, nothing, check_done, batch=None):
        """Kill a run at ``hangs``; then the state is ``nothing`` (or, with ``batch``, what
        ``check_done`` accepts as partial); run again: ``check_done`` (every record once)
        holds; a third run changes nothing. ``self.probe()`` counts, inside the killed
        transaction, the records it wrote."""
        killer, runner = self.workers
        self.assertEqual(self.state(), nothing)
        hangs = [dict(hang, probe=self.probe()) for hang in hangs]
        if batch:
            midrun = killer.call_and_kill(step, hangs=hangs, batch=batch, **params)
            partial = self.state()
            check_done(partial, partial=True)
            self.assertNotEqual(partial, nothing, "the first batch was committed")
            written = self.query(*self.probe())[0][0]
            self.assertGreater(midrun["probe"][0][0], written, "the killed batch wrote rows")
        else:
            midrun = killer.call_and_kill(step, hangs=hangs, **params)
            self.assertTrue(midrun["probe"][0][0], "the killed run had written rows")
            # the killed run left nothing half-written
            self.assertEqual(self.state(), nothing)
            partial = None
        # run again: every record once (nothing lost, no duplicate)
        runner.call(step, **params)
        done = self.state()
        check_done(done)
        if partial:
            self.assert_kept(partial, done)
        # and once more: nothing more, nothing rewritten as new records
        runner.call(step, **params)
        self.assertEqual(self.state(), done)

    def assert_kept(self, partial, done):
        """The records the committed first batch wrote are still there after the re-run."""


@tagged("post_install", "-at_install")
class TestCrashSafetyBirthdays(CronCrashCase):
    """CLI-13 birthday cron killed after its activities, SMS and care events are written
    (not committed). Guard: the lohi.care.event (partner, 'birthday', year) lookup that
    skips clients already greeted — without it the third run greets everyone again."""

    CRON = "lohi_clients.ir_cron_birthdays"
    MODEL, METHOD = "res.partner", "_cron_lohi_birthdays"
    CLIENTS = 20

    def setUp(self):
        super().setUp()
        taken = {
            row[0]
            for row in self.query(
                "SELECT DISTINCT lohi_birthday_md FROM res_partner "
                "WHERE lohi_birthday_md IS NOT NULL"
            )
        }
        day = datetime.date(2031, 1, 1)
        while day.strftime("%m-%d") in taken or day.strftime("%m-%d") in ("02-28", "03-01"):
            day += datetime.timedelta(days=1)
        self.day = day
        self.key = str(day.year)
        with self.committed_env() as env:
            clients = env["res.partner"].create(
                [
                    client_values(
                        env,
                        f"崩溃测试{index:02d}",
                        lohi_birthdate=day.replace(year=1970 + index).isoformat(),
                        mobile=f"139 0000 {index:04d}",
                    )
                    for index in range(self.CLIENTS)
                ]
            )
            self.client_ids = clients.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        ids = self.client_ids
        with self.committed_env() as env:
            cr = env.cr
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = 'res.partner' AND res_id = ANY(%s)",
                [ids],
            )
            cr.execute("DELETE FROM lohi_care_event WHERE partner_id = ANY(%s)", [ids])
            cr.execute("DELETE FROM lohi_sms_message WHERE partner_id = ANY(%s)", [ids])
            purge(cr, "res.partner", ids)

    def probe(self):
        return [
            "SELECT count(*) FROM lohi_care_event WHERE partner_id = ANY(%s)",
            [self.client_ids],
        ]

    def state(self):
        ids = self.client_ids
        (events,) = self.query(
            "SELECT count(*), count(DISTINCT partner_id) FROM lohi_care_event "
            "WHERE partner_id = ANY(%s) AND kind = 'birthday' AND key = %s",
            [ids, self.key],
        )
        (sms,) = self.query(
            "SELECT count(*), count(DISTINCT partner_id) FROM lohi_sms_message "
            "WHERE partner_id = ANY(%s)",
            [ids],
        )
        (activities,) = self.query(
            "SELECT count(*), count(DISTINCT res_id) FROM mail_activity "
            "WHERE res_model = 'res.partner' AND res_id = ANY(%s) AND date_deadline = %s",
            [ids, self.day],
        )
        return {"care events": events, "sms": sms, "activities": activities}

    def check_done(self, state, partial=False):
        for kind, (count, distinct) in state.items():
            self.assertEqual(count, distinct, f"{kind}: one per client")
            if partial:
                self.assertLess(count, self.CLIENTS, kind)
            else:
                self.assertEqual(count, self.CLIENTS, kind)

    def test_birthday_cron_killed_mid_run(self):
        nothing = {"care events": (0, 0), "sms": (0, 0), "activities": (0, 0)}
        self.check_crash(
            "birthdays",
            [{"model": "lohi.care.event", "method": "create"}],
            {"day": self.day.isoformat()},
            nothing,
            self.check_done,
        )

    def test_birthday_cron_killed_after_a_committed_batch(self):
        nothing = {"care events": (0, 0), "sms": (0, 0), "activities": (0, 0)}
        self.check_crash(
            "birthdays",
            [{"model": "lohi.care.event", "method": "create", "min_batch": 1}],
            {"day": self.day.isoformat()},
            nothing,
            self.check_done,
            batch=5,
        )


@tagged("post_install", "-at_install")
class TestCrashSafetyFollowups(CronCrashCase):
    """CC-3 follow-up planning killed after the call tasks of the batch are inserted
    (not committed). Guard: ``_plan_followups`` skips the (lab order, follow-up key)
    pairs already planned — without it the third run plans every call again (the
    unique constraint then fails the run: the test fails either way)."""

    CRON = "lohi_callcenter.ir_cron_plan_followups"
    MODEL, METHOD = "lohi.call.task", "_cron_plan_followups"
    ORDERS = 6

    def setUp(self):
        super().setUp()
        issued = datetime.datetime.now().replace(microsecond=0) - datetime.timedelta(days=1)
        with self.committed_env({"mail_create_nolog": True, "mail_notrack": True}) as env:
            ref = env.ref
            client = env["res.partner"].create(client_values(env, "崩溃测试随访客户"))
            self.client_id = client.id
            orders = env["lohi.lab.order"].create(
                [
                    {
                        "partner_id": client.id,
                        "centre_id": ref("lohi_clients.lohi_centre_chaoyang_demo").id,
                        "doctor_id": ref("lohi_clients.user_doctor_demo").id,
                        "state": "issued",
                        "paper_issued_date": issued - datetime.timedelta(hours=index),
                    }
                    for index in range(self.ORDERS)
                ]
            )
            self.order_ids = orders.ids
            # d2, m3, m6, y1 and the holidays within the year after the issue
            self.expected = {}
            for order in orders:
                day = order.paper_issued_date.date()
                holidays = env["lohi.holiday"].search_count(
                    [("date", ">", day), ("date", "<=", day.replace(year=day.year + 1))]
                )
                self.expected[order.id] = 4 + holidays
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            cr.execute(
                "SELECT id FROM lohi_call_task WHERE lab_order_id = ANY(%s)", [self.order_ids]
            )
            purge(cr, "lohi.call.task", [row[0] for row in cr.fetchall()])
            purge(cr, "lohi.lab.order", self.order_ids)
            purge(cr, "res.partner", [self.client_id])

    def probe(self):
        return [
            "SELECT count(*) FROM lohi_call_task WHERE lab_order_id = ANY(%s)",
            [self.order_ids],
        ]

    def state(self):
        rows = self.query(
            "SELECT lab_order_id, followup_key, array_agg(id ORDER BY id) FROM lohi_call_task "
            "WHERE lab_order_id = ANY(%s) GROUP BY 1, 2",
            [self.order_ids],
        )
        return {(order, key): tuple(ids) for order, key, ids in rows}

    def check_done(self, state, partial=False):
        for key, ids in state.items():
            self.assertEqual(len(ids), 1, f"follow-up {key} planned once")
        per_order = {}
        for order, key in state:
            per_order.setdefault(order, set()).add(key)
        if partial:
            self.assertLess(len(state), sum(self.expected.values()))
            return
        for order_id, count in self.expected.items():
            keys = per_order.get(order_id, set())
            self.assertEqual(len(keys), count, f"order {order_id}: every follow-up planned")
            self.assertLessEqual({"d2", "m3", "m6", "y1"}, keys)

    def assert_kept(self, partial, done):
        for key, ids in partial.items():
            self.assertEqual(done[key], ids, "the committed batch's tasks stay as they are")

    def test_followup_cron_killed_mid_run(self):
        self.check_crash(
            "followups",
            [{"model": "lohi.call.task", "method": "create"}],
            {},
            {},
            self.check_done,
        )

    def test_followup_cron_killed_after_a_committed_batch(self):
        self.check_crash(
            "followups",
            [{"model": "lohi.call.task", "method": "create", "min_batch": 1}],
            {},
            {},
            self.check_done,
            batch=2,
        )


@tagged("post_install", "-at_install")
class TestCrashSafetyExpiry(CronCrashCase):
    """STK-9 expiry inspection killed after the to-dos of the batch are inserted (not
    committed). Guards: a lot with an open expiry to-do gets no second one (without it
    the third run adds a to-do per lot), and the leadership summary is sent once a day
    (the ``lohi_stock.expiry_summary_date`` parameter; without it the third run sends
    a second summary). The killed run sent no summary and set no date."""

    CRON = "lohi_stock.ir_cron_expiry_inspection"
    MODEL, METHOD = "stock.lot", "_cron_lohi_expiry_inspection"
    LOTS = 8
    PARAM = "lohi_stock.expiry_summary_date"

    def setUp(self):
        super().setUp()
        self.code = f"CRASH-EXP-{self.cron_id}-{self.progress_floor}"
        now = datetime.datetime.now().replace(microsecond=0)
        with self.committed_env() as env:
            params = env["ir.config_parameter"]
            self.param_before = params.get_param(self.PARAM)
            # today's summary is still to be sent
            params.set_param(self.PARAM, "2000-01-01")
            product = env["product.product"].create(
                {
                    "name": "崩溃测试维生素片",
                    "default_code": self.code,
                    "is_storable": True,
                    "tracking": "lot",
                    "use_expiration_date": True,
                }
            )
            self.product_id = product.id
            self.template_id = product.product_tmpl_id.id
            lots = env["stock.lot"].create(
                [
                    {
                        "name": f"{self.code}-{index}",
                        "product_id": product.id,
                        "expiration_date": now + datetime.timedelta(days=10 + index),
                    }
                    for index in range(self.LOTS)
                ]
            )
            self.lot_ids = lots.ids
            location = env.ref("lohi_stock.stock_warehouse_central_demo").lot_stock_id
            for lot in lots:
                env["stock.quant"]._update_available_quantity(product, location, 5, lot_id=lot)
            self.activity_type_id = env.ref("lohi_stock.mail_activity_type_expiry_check").id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cr = env.cr
            cr.execute("DELETE FROM mail_message WHERE body LIKE %s", [f"%{self.code}%"])
            cr.execute("DELETE FROM stock_quant WHERE product_id = %s", [self.product_id])
            purge(cr, "stock.lot", self.lot_ids)
            purge(cr, "product.product", [self.product_id])
            purge(cr, "product.template", [self.template_id])
            env["ir.config_parameter"].set_param(self.PARAM, self.param_before)

    def probe(self):
        return [
            (
                "SELECT count(*) FROM mail_activity WHERE res_model = 'stock.lot' "
                "AND res_id = ANY(%s) AND activity_type_id = %s"
            ),
            [self.lot_ids, self.activity_type_id],
        ]

    def state(self):
        activities = self.query(
            "SELECT res_id, array_agg(id ORDER BY id) FROM mail_activity "
            "WHERE res_model = 'stock.lot' AND res_id = ANY(%s) AND activity_type_id = %s "
            "GROUP BY res_id",
            [self.lot_ids, self.activity_type_id],
        )
        ((summaries,),) = self.query(
            "SELECT count(*) FROM mail_message WHERE model IS NULL AND body LIKE %s",
            [f"%{self.code}%"],
        )
        return {"to-dos": {lot: tuple(ids) for lot, ids in activities}, "summaries": summaries}

    def check_done(self, state, partial=False):
        for lot, ids in state["to-dos"].items():
            self.assertEqual(len(ids), 1, f"lot {lot}: one expiry to-do")
        if partial:
            self.assertLess(len(state["to-dos"]), self.LOTS)
            self.assertLessEqual(state["summaries"], 1)
            return
        self.assertEqual(set(state["to-dos"]), set(self.lot_ids), "every lot has its to-do")
        self.assertEqual(state["summaries"], 1, "one leadership summary")

    def assert_kept(self, partial, done):
        for lot, ids in partial["to-dos"].items():
            self.assertEqual(done["to-dos"][lot], ids)

    def test_expiry_cron_killed_mid_run(self):
        self.check_crash(
            "expiry",
            [{"model": "mail.activity", "method": "create"}],
            {},
            {"to-dos": {}, "summaries": 0},
            self.check_done,
        )

    def test_expiry_cron_killed_after_a_committed_batch(self):
        self.check_crash(
            "expiry",
            [{"model": "mail.activity", "method": "create", "min_batch": 1}],
            {},
            {"to-dos": {}, "summaries": 0},
            self.check_done,
            batch=3,
        )


@tagged("post_install", "-at_install")
class TestCrashSafetyMonthlySummary(CronCrashCase):
    """SUR-5 monthly centre summaries killed after the batch's summaries are inserted
    (not committed). Guard: ``_build_summaries`` updates the existing summary of a
    centre and month instead of creating one — without it the third run creates a
    second summary per centre (the unique constraint then fails the run: the test fails
    either way)."""

    CRON = "lohi_surveys.ir_cron_monthly_summary"
    MODEL, METHOD = "lohi.survey.centre.month", "_cron_monthly_summary"
    TODAY = datetime.date(2031, 3, 15)
    MONTH = datetime.date(2031, 2, 1)

    def setUp(self):
        super().setUp()
        self.centre_ids = {
            row[0] for row in self.query("SELECT id FROM lohi_centre WHERE centre_type = 'direct'")
        }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            env.cr.execute("DELETE FROM lohi_survey_centre_month WHERE month = %s", [self.MONTH])

    def probe(self):
        return [
            "SELECT count(*) FROM lohi_survey_centre_month WHERE month = %s",
            [self.MONTH.isoformat()],
        ]

    def state(self):
        rows = self.query(
            "SELECT centre_id, array_agg(id ORDER BY id) FROM lohi_survey_centre_month "
            "WHERE month = %s GROUP BY centre_id",
            [self.MONTH],
        )
        return {centre: tuple(ids) for centre, ids in rows}

    def check_done(self, state, partial=False):
        for centre, ids in state.items():
            self.assertEqual(len(ids), 1, f"centre {centre}: one summary for the month")
        if partial:
            self.assertLess(len(state), len(self.centre_ids))
        else:
            self.assertEqual(set(state), self.centre_ids, "every direct-run centre")

    def assert_kept(self, partial, done):
        for centre, ids in partial.items():
            self.assertEqual(done[centre], ids)

    def test_monthly_summary_cron_killed_mid_run(self):
        self.assertTrue(self.centre_ids)
        self.check_crash(
            "monthly",
            [{"model": "lohi.survey.centre.month", "method": "create"}],
            {"today": self.TODAY.isoformat()},
            {},
            self.check_done,
        )

    def test_monthly_summary_cron_killed_after_a_committed_batch(self):
        self.check_crash(
            "monthly",
            [{"model": "lohi.survey.centre.month", "method": "create", "min_batch": 1}],
            {"today": self.TODAY.isoformat()},
            {},
            self.check_done,
            batch=1,
        )
