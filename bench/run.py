"""Measure the suite on the benchmark database (issue 10) and print/write the table.

    python bench/run.py -c CONFIG -d lohi_bench [--base-db lohi_bench_base]
                        [--samples 50] [--overhead-partners 10000 ...] [--http-url URL]
                        [--json bench/results/latest.json] [--only fuzzy,name_search,...]

Every measurement runs in a transaction that is rolled back (the database stays as the
generator left it), except the bookings, which commit like a real request and are
deleted again at the end. Latencies are per call, in milliseconds, with the ORM cache
emptied before each call (a fresh request) and Odoo's registry caches warm (a running
server); the first calls of each series are warm-up and not counted.
"""

import argparse
import calendar
import json
import os
import random
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    QUIET,
    environment,
    machine_description,
    open_registry,
    percentile,
    utcnow,
)

import odoo
from odoo.exceptions import ValidationError

WARMUP = 3
ACTIVE = ("requested", "confirmed", "arrived", "done")


class Bench:
    def __init__(self, args):
        self.args = args
        self.registry = open_registry(args.config, args.database)
        self.rows = []
        self.rng = random.Random("lohi-bench-run")
        self.notes = []

    # ------------------------------------------------------------------ reporting
    def add(
        self,
        operation,
        samples_ms=None,
        goal=None,
        ratio=None,
        passed=None,
        unit="ms",
        p50=None,
        p95=None,
        note="",
        **extra,
    ):
        if samples_ms:
            p50 = percentile(samples_ms, 50)
            p95 = percentile(samples_ms, 95)
        row = {
            "operation": operation,
            "p50": None if p50 is None else round(p50, 2),
            "p95": None if p95 is None else round(p95, 2),
            "unit": unit,
            "goal": goal,
            "ratio": None if ratio is None else round(ratio, 2),
            "pass": passed,
            "n": len(samples_ms) if samples_ms else extra.pop("n", None),
            "note": note,
        }
        row.update(extra)
        self.rows.append(row)
        status = {True: "pass", False: "MISS", None: "-"}[passed]
        print(
            f"  {operation:58s} p50 {fmt(row['p50']):>9} p95 {fmt(row['p95']):>9} {unit:5s} "
            f"goal {goal or '-':>14} ratio {fmt(row['ratio']):>6} {status}",
            flush=True,
        )
        return row

    def latency(self, operation, calls, goal_ms, note=""):
        samples = []
        for index, call in enumerate(calls):
            started = time.perf_counter()
            call()
            elapsed = (time.perf_counter() - started) * 1000
            if index >= WARMUP:
                samples.append(elapsed)
        p95 = percentile(samples, 95)
        ratio = p95 / goal_ms if goal_ms else None
        return self.add(
            operation,
            samples,
            goal=f"p95 <= {goal_ms:g} ms" if goal_ms else None,
            ratio=ratio,
            passed=None if ratio is None else ratio <= 1.0,
            note=note,
        )

    # ------------------------------------------------------------------ helpers
    def user(self, env, login):
        user = env["res.users"].search([("login", "=", login)], limit=1)
        if not user:
            raise SystemExit(f"user {login} missing: run the generator first")
        return user

    def counts(self, env):
        queries = {
            "clients": "SELECT count(*) FROM res_partner WHERE lohi_is_client",
            "appointments": "SELECT count(*) FROM lohi_appointment",
            "lab_orders": "SELECT count(*) FROM lohi_lab_order",
            "lab_results": "SELECT count(*) FROM lohi_lab_result",
            "lots": "SELECT count(*) FROM stock_lot",
            "calls": "SELECT count(*) FROM lohi_call",
            "survey_answers": "SELECT count(*) FROM survey_user_input",
        }
        result = {}
        for key, query in queries.items():
            env.cr.execute(query)
            result[key] = env.cr.fetchone()[0]
        return result

    def search_terms(self, env, hm):
        """Terms a health manager types, taken from clients of their centre."""
        centre = hm.lohi_centre_ids[:1].id
        env.cr.execute(
            "SELECT name, lohi_phone_digits FROM res_partner WHERE lohi_is_client AND "
            "lohi_centre_id = %s ORDER BY id LIMIT 4000",
            [centre],
        )
        rows = env.cr.fetchall()
        rng = random.Random("terms")
        rng.shuffle(rows)
        cjk = [n for n, _p in rows if n and "\u4e00" <= n[0] <= "\u9fff"]
        latin = [n for n, _p in rows if n and n[0].isascii()]
        phones = [p.split()[0] for _n, p in rows if p]
        n = self.args.samples + WARMUP
        terms = {
            "chinese3": [
                name[:3] if len(name) >= 3 else name + rng.choice("华明") for name in (cjk * 3)[:n]
            ],
            "phone": [p[3:10] for p in (phones * 3)[:n]],
            "latin": [name.split()[-1][: rng.choice((4, 5))].lower() for name in (latin * 3)[:n]],
            "chinese2": [name[:2] for name in (cjk * 3)[:n]],
        }
        return terms

    # ------------------------------------------------------------------ 1 + 2 search
    def prewarm_clients(self):
        """Load the client table and its indexes into PostgreSQL's buffers, as on a server
        that has been answering searches (pg_prewarm); else the first calls of each term
        read index pages from disk and the run measures the cache, not the search."""
        with environment(self.registry) as env:
            try:
                with env.cr.savepoint():
                    env.cr.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
                    env.cr.execute(
                        """SELECT coalesce(sum(pg_prewarm(c.oid)), 0) FROM pg_class c
                            WHERE c.relname IN ('res_partner', 'lohi_partner_booked_centre_rel')
                               OR c.oid IN (SELECT indexrelid FROM pg_index i
                                             JOIN pg_class t ON t.oid = i.indrelid
                                            WHERE t.relname IN ('res_partner',
                                                  'lohi_partner_booked_centre_rel'))"""
                    )
                    pages = env.cr.fetchone()[0]
                env.cr.execute("SHOW shared_buffers")
                self.notes.append(
                    f"search: {pages:,} pages of res_partner and its indexes prewarmed "
                    f"(pg_prewarm; shared_buffers {env.cr.fetchone()[0]})"
                )
            except Exception as exc:  # noqa: BLE001 - the run goes on, said in the notes
                self.notes.append(f"search: no prewarm ({exc})")

    def bench_search(self):
        self.prewarm_clients()
        with environment(self.registry, commit=False) as env:
            hm = self.user(env, "bench_hm_01")
            terms = self.search_terms(env, hm)
            Partner = env["res.partner"].with_user(hm)
            goals = {"chinese3": 5, "phone": 5, "latin": 20, "chinese2": 5}
            labels = {
                "chinese3": "3 Chinese characters",
                "phone": "7 phone digits",
                "latin": "4-5 Latin letters",
                "chinese2": "2 Chinese characters (prefix fallback)",
            }
            for key, values in terms.items():
                if not values:
                    self.notes.append(f"no sample terms for {key}")
                    continue

                def domain(term):
                    return [("lohi_is_client", "=", True), ("display_name", "ilike", term)]

                def orm_call(term):
                    def call():
                        env.invalidate_all()
                        Partner.search(domain(term), limit=80)

                    return call

                self.latency(
                    f"1 fuzzy search, ORM as health manager: {labels[key]}",
                    [orm_call(t) for t in values],
                    goals[key],
                    note="list search box (display_name ilike), limit 80, record rules applied",
                )
                # search() orders by the model's _order; _search() only when told to.
                queries = [
                    Partner._search(domain(t), limit=80, order=Partner._order).select()
                    for t in values
                ]

                def sql_call(query):
                    def call():
                        env.cr.execute(query)
                        env.cr.fetchall()

                    return call

                self.latency(
                    f"1 fuzzy search, same SQL raw: {labels[key]}",
                    [sql_call(q) for q in queries],
                    goals[key],
                    note="the exact SELECT the ORM generated (with the record rule)",
                )
            name_terms = [t for key in ("chinese3", "phone", "latin") for t in terms[key]]
            self.rng.shuffle(name_terms)

            def name_call(term):
                def call():
                    env.invalidate_all()
                    Partner.name_search(term, limit=8)

                return call

            self.latency(
                "2 name_search clients (many2one dropdown)",
                [name_call(t) for t in name_terms[: self.args.samples + WARMUP]],
                10,
                note="mixed Chinese/phone/Latin terms, limit 8, as health manager",
            )

    # ------------------------------------------------------------------ 3 availability
    def bench_availability(self):
        with environment(self.registry, commit=False) as env:
            hm = self.user(env, "bench_hm_01")
            Appointment = env["lohi.appointment"].with_user(hm)
            service = env["lohi.service.type"].search([("name", "=", "基准初诊")], limit=1)
            doctors = env["res.users"].search([("login", "=like", "bench_doc_%")])
            today = date.today()

            def call_for(doctor):
                def call():
                    env.invalidate_all()
                    Appointment._find_free_slots(
                        service, today, today + timedelta(days=29), doctor=doctor
                    )

                return call

            picks = [self.rng.choice(doctors) for _ in range(self.args.samples + WARMUP)]
            self.latency(
                "3 availability: one doctor, 30 days (APT-3)",
                [call_for(d) for d in picks],
                50,
                note="_find_free_slots as health manager",
            )

    # ------------------------------------------------------------------ 4 bookings
    def _free_slots(self, env, doctors, service, count):
        Appointment = env["lohi.appointment"].sudo()
        start = date.today() + timedelta(days=1)
        slots = []
        for doctor in doctors:
            slots += Appointment._find_free_slots(
                service, start, start + timedelta(days=13), doctor=doctor
            )
            if len(slots) >= count * 3:
                break
        self.rng.shuffle(slots)
        return slots[:count]

    def _double_bookings(self, env, ids):
        if not ids:
            return 0
        env.cr.execute(
            """SELECT count(*) FROM lohi_appointment a JOIN lohi_appointment b
                 ON a.doctor_id = b.doctor_id AND a.id <> b.id
                AND tsrange(a.start, a.stop, '[)') && tsrange(b.start, b.stop, '[)')
              WHERE a.id = ANY(%s) AND a.state IN %s AND b.state IN %s""",
            [list(ids), ACTIVE, ACTIVE],
        )
        return env.cr.fetchone()[0]

    def _cleanup(self, ids):
        if not ids:
            return
        with environment(self.registry) as env:
            env.cr.execute(
                "SELECT calendar_event_id FROM lohi_appointment WHERE id = ANY(%s) "
                "AND calendar_event_id IS NOT NULL",
                [list(ids)],
            )
            events = [r[0] for r in env.cr.fetchall()]
            env.cr.execute("DELETE FROM lohi_appointment WHERE id = ANY(%s)", [list(ids)])
            if events:
                env.cr.execute("DELETE FROM calendar_event WHERE id = ANY(%s)", [events])

    def bench_booking(self):
        n = self.args.bookings
        created, refused = [], 0
        with environment(self.registry, commit=False) as env:
            hm = self.user(env, "bench_hm_01")
            service = env["lohi.service.type"].search([("name", "=", "基准初诊")], limit=1)
            doctors = env["res.users"].search(
                [
                    ("login", "=like", "bench_doc_%"),
                    ("lohi_centre_ids", "in", hm.lohi_centre_ids.ids),
                ]
            )
            slots = self._free_slots(env, doctors, service, n)
            env.cr.execute(
                "SELECT id FROM res_partner WHERE lohi_is_client AND lohi_centre_id = %s LIMIT 200",
                [hm.lohi_centre_ids[:1].id],
            )
            clients = [r[0] for r in env.cr.fetchall()]
            hm_id, service_id = hm.id, service.id
        samples = []
        started_all = time.perf_counter()
        for index, slot in enumerate(slots):
            vals = {
                "partner_id": self.rng.choice(clients),
                "doctor_id": slot["doctor_id"],
                "centre_id": slot["centre_id"],
                "service_type_id": service_id,
                "start": slot["start"],
                "channel": "phone",
            }
            started = time.perf_counter()
            with environment(self.registry, uid=hm_id) as env:
                created.append(env["lohi.appointment"].create(vals).id)
            samples.append((time.perf_counter() - started) * 1000)
            # Every fifth booking, someone else tries the same slot: refused by the check
            # (or, in a race, by the exclusion constraint).
            if index % 5 == 0:
                try:
                    with environment(self.registry, uid=hm_id) as env:
                        env["lohi.appointment"].create(dict(vals, partner_id=clients[0]))
                except ValidationError:
                    refused += 1
        total = time.perf_counter() - started_all
        with environment(self.registry, commit=False) as env:
            doubles = self._double_bookings(env, created)
        self._cleanup(created)
        self.add(
            "4 booking through the ORM (one request each, committed)",
            samples,
            goal="0 double bookings",
            ratio=None,
            passed=doubles == 0,
            note=f"{len(created)} booked, {refused} same-slot attempts refused, "
            f"{len(created) / total:.1f} bookings/s serial incl. refusals, "
            f"{doubles} double bookings",
            throughput_per_s=round(len(created) / total, 2),
            double_bookings=doubles,
        )

    def bench_http_booking(self):
        """Concurrent bookings over JSON-RPC against a multi-worker server (--http-url)."""
        import requests

        url = self.args.http_url.rstrip("/")
        threads_n = self.args.http_threads
        with environment(self.registry) as env:
            service = env["lohi.service.type"].search([("name", "=", "基准初诊")], limit=1)
            # Two health managers per centre: their clients race for the same slots.
            hms = env["res.users"].search([("login", "=like", "bench_hm_%")], order="login")
            by_centre = {}
            for user in hms:
                by_centre.setdefault(user.lohi_centre_ids[:1].id, []).append(user)
            chosen = env["res.users"]
            for users in by_centre.values():
                if len(chosen) >= threads_n:
                    break
                chosen |= env["res.users"].union(*users[:2])
            hms = chosen[:threads_n]
            centre_ids = hms.lohi_centre_ids.ids
            doctors = env["res.users"].search(
                [("login", "=like", "bench_doc_%"), ("lohi_centre_ids", "in", centre_ids)]
            )
            # Few slots for many requests: every slot is wanted by several clients at once.
            slots = self._free_slots(env, doctors, service, max(1, self.args.http_requests // 3))
            for user in hms:
                user.password = "bench-" + user.login
            env.cr.execute(
                "SELECT id, lohi_centre_id FROM res_partner WHERE lohi_is_client "
                "AND lohi_centre_id = ANY(%s) LIMIT 400",
                [centre_ids],
            )
            clients = env.cr.fetchall()
            logins = hms.mapped("login")
            user_centres = {u.login: u.lohi_centre_ids.ids for u in hms}
            service_id = service.id
        db = self.args.database
        # One queue per centre; each request takes the next wanted slot of its centre.
        queues = {centre: [] for centre in centre_ids}
        for index in range(self.args.http_requests):
            slot = slots[index % len(slots)]
            queues[slot["centre_id"]].append(slot)
        for queue in queues.values():
            self.rng.shuffle(queue)
        lock = threading.Lock()
        results = []

        def worker(login):
            session = requests.Session()
            uid = session.post(
                f"{url}/jsonrpc",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "service": "common",
                        "method": "login",
                        "args": [db, login, "bench-" + login],
                    },
                },
                timeout=60,
            ).json()["result"]
            mine = [c for c, centre in clients if centre in user_centres[login]] or [clients[0][0]]
            rng = random.Random(login)
            while True:
                with lock:
                    queue = next((queues[c] for c in user_centres[login] if queues.get(c)), None)
                    if not queue:
                        return
                    slot = queue.pop()
                vals = {
                    "partner_id": rng.choice(mine),
                    "doctor_id": slot["doctor_id"],
                    "centre_id": slot["centre_id"],
                    "service_type_id": service_id,
                    "start": slot["start"].strftime("%Y-%m-%d %H:%M:%S"),
                    "channel": "phone",
                }
                started = time.perf_counter()
                reply = session.post(
                    f"{url}/jsonrpc",
                    json={
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "service": "object",
                            "method": "execute_kw",
                            "args": [
                                db,
                                uid,
                                "bench-" + login,
                                "lohi.appointment",
                                "create",
                                [vals],
                            ],
                        },
                    },
                    timeout=120,
                ).json()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    results.append((elapsed, reply.get("result"), reply.get("error")))

        started_all = time.perf_counter()
        pool = [threading.Thread(target=worker, args=(login,)) for login in logins]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        total = time.perf_counter() - started_all
        ok = [r for r in results if r[1]]
        created = []
        for r in ok:
            created += r[1] if isinstance(r[1], list) else [r[1]]
        errors = [r[2] for r in results if r[2]]
        refused = [e for e in errors if "ValidationError" in json.dumps(e)]
        other = len(errors) - len(refused)
        with environment(self.registry, commit=False) as env:
            doubles = self._double_bookings(env, created)
        self._cleanup(created)
        self.add(
            f"4 concurrent booking over JSON-RPC ({len(logins)} clients, multi-worker)",
            [r[0] for r in results],
            goal="0 double bookings",
            passed=doubles == 0 and other == 0,
            note=f"{len(results)} requests for {len(slots)} slots in {total:.1f}s: "
            f"{len(results) / total:.1f} requests/s, {len(created)} booked, "
            f"{len(refused)} refused as taken, {other} other errors, {doubles} double bookings",
            throughput_per_s=round(len(results) / total, 2),
            double_bookings=doubles,
            other_errors=other,
        )
        if other:
            print(
                "   first other error:",
                json.dumps(next(e for e in errors if e not in refused))[:600],
            )

    # ------------------------------------------------------------------ 5 read_group
    def bench_read_group(self):
        with environment(self.registry, commit=False) as env:
            leader = self.user(env, "bench_leader")
            ops = self.user(env, "bench_ops")
            tz = "Asia/Shanghai"
            Appointment = env["lohi.appointment"].with_user(ops).with_context(tz=tz)
            Rate = env["lohi.survey.rate.report"].with_user(leader)
            cases = [
                (
                    "appointments by centre",
                    lambda: Appointment.read_group([], ["__count"], ["centre_id"], lazy=False),
                    (
                        "SELECT c.id, c.name, c.code, count(*) FROM lohi_appointment a "
                        "JOIN lohi_centre c ON c.id = a.centre_id "
                        "GROUP BY c.id ORDER BY c.sequence, c.code, c.id"
                    ),
                ),
                (
                    "appointments by doctor",
                    lambda: Appointment.read_group([], ["__count"], ["doctor_id"], lazy=False),
                    (
                        "SELECT u.id, p.name, count(*) FROM lohi_appointment a "
                        "JOIN res_users u ON u.id = a.doctor_id "
                        "JOIN res_partner p ON p.id = u.partner_id "
                        "GROUP BY u.id, p.name ORDER BY p.name, u.login"
                    ),
                ),
                (
                    "appointments by month",
                    lambda: Appointment.read_group([], ["__count"], ["start:month"], lazy=False),
                    "SELECT date_trunc('month', timezone('%s', timezone('UTC', start))) AS m, "
                    "count(*) FROM lohi_appointment GROUP BY m ORDER BY m" % tz,
                ),
                (
                    "satisfaction rate by centre",
                    lambda: Rate.read_group(
                        [("kind", "=", "client")], ["satisfied:avg"], ["centre_id"], lazy=False
                    ),
                    (
                        "SELECT c.id, c.name, c.code, avg(r.satisfied) "
                        "FROM lohi_survey_rate_report r JOIN lohi_centre c ON c.id = r.centre_id "
                        "WHERE r.kind = 'client' GROUP BY c.id ORDER BY c.sequence, c.code, c.id"
                    ),
                ),
            ]
            runs = max(5, self.args.samples // 5)
            for label, orm, sql in cases:
                orm_ms, sql_ms = [], []
                for index in range(runs + WARMUP):
                    env.invalidate_all()
                    started = time.perf_counter()
                    orm()
                    t_orm = (time.perf_counter() - started) * 1000
                    started = time.perf_counter()
                    env.cr.execute(sql)
                    env.cr.fetchall()
                    t_sql = (time.perf_counter() - started) * 1000
                    if index >= WARMUP:
                        orm_ms.append(t_orm)
                        sql_ms.append(t_sql)
                ratio = percentile(orm_ms, 50) / max(percentile(sql_ms, 50), 0.001)
                self.add(
                    f"5 dashboard read_group: {label} (ORM)",
                    orm_ms,
                    goal="<= 1.5x raw SQL",
                    ratio=ratio,
                    passed=ratio <= 1.5,
                    note=f"raw SQL p50 {percentile(sql_ms, 50):.1f} ms, p95 "
                    f"{percentile(sql_ms, 95):.1f} ms (ratio of the medians; the SQL joins the "
                    "group labels and orders like the ORM)",
                    sql_p50=round(percentile(sql_ms, 50), 2),
                    sql_p95=round(percentile(sql_ms, 95), 2),
                )

    # ------------------------------------------------------------------ 6 crons
    def _month_end_day(self, env):
        """A day on which the month-end count cron (STK-10) has work: the last day of
        the current month in China."""
        today = env["lohi.stock.count"]._lohi_today()
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])

    def bench_crons(self):
        """Each lohi cron run the way Odoo 18's cron worker runs it (ir_cron._run_job): a
        progress record, the server action, and again while the job reports work
        remaining. Every batch is timed up to its flush (the worker then commits); the
        whole cron is one transaction here, rolled back at the end, so the database stays
        as generated and a batch sees the work of the batches before it."""
        with environment(self.registry, commit=False) as env:
            env.cr.execute(
                """SELECT res_id FROM ir_model_data WHERE model = 'ir.cron'
                   AND module LIKE 'lohi_%' ORDER BY module, name"""
            )
            cron_ids = [r[0] for r in env.cr.fetchall()]
            crons = env["ir.cron"].browse(cron_ids).filtered("active")
            plan = [(c.id, c.cron_name or c.name, c.user_id.id) for c in crons]
            month_end = self._month_end_day(env)
        count_cls = self.registry["lohi.stock.count"]
        original_today = count_cls._lohi_today
        total = 0.0
        for cron_id, name, user_id in plan:
            # The month-end count cron only works on the last two days of a month.
            count_cls._lohi_today = lambda self: month_end
            try:
                batches, error, queries = self._run_cron(cron_id, user_id)
            finally:
                count_cls._lohi_today = original_today
            elapsed = sum(seconds for seconds, _done in batches)
            slowest = max((seconds for seconds, _done in batches), default=0.0)
            done = sum(d for _seconds, d in batches)
            total += elapsed
            per_unit = f", {elapsed * 1000 / done:.2f} ms per unit" if done else ""
            self.add(
                f"6 cron: {name}",
                p50=elapsed * 1000,
                p95=slowest * 1000,
                goal="each batch <= 10 s",
                ratio=slowest / 10.0,
                passed=not error and slowest <= 10.0,
                note=error
                or (
                    f"{len(batches)} batch(es), {done:,} units done{per_unit}, "
                    f"{queries:,} queries; p50 column: whole run, p95 column: slowest batch"
                ),
                n=len(batches),
                queries=queries,
                batches=len(batches),
                done=done,
                seconds=round(elapsed, 3),
                slowest_batch_seconds=round(slowest, 3),
            )
        self.add(
            "6 crons: whole run",
            p50=total * 1000,
            p95=total * 1000,
            goal=None,
            note="sum of the lohi crons above, every batch of each",
            n=1,
        )

    def _run_cron(self, cron_id, user_id, max_batches=5000):
        batches, error, queries = [], "", 0
        with environment(self.registry, commit=False) as env:
            cron = env["ir.cron"].browse(cron_id)
            q0 = env.cr.sql_log_count
            for _index in range(max_batches):
                progress = env["ir.cron.progress"].create(
                    {"cron_id": cron_id, "remaining": 0, "done": 0}
                )
                action = cron.ir_actions_server_id.with_user(
                    user_id or odoo.SUPERUSER_ID
                ).with_context(lastcall=False, cron_id=cron_id, ir_cron_progress_id=progress.id)
                started = time.perf_counter()
                try:
                    action.run()
                    env.flush_all()
                except Exception as exc:  # noqa: BLE001 - reported in the table
                    error = f"{type(exc).__name__}: {exc}"[:200]
                    break
                batches.append((time.perf_counter() - started, progress.done))
                # the worker's rule: go on while the job did something and reports more
                if not progress.remaining or not progress.done:
                    break
            else:
                error = f"still reporting work left after {max_batches} batches"
            queries = env.cr.sql_log_count - q0
        return batches, error, queries

    # ------------------------------------------------------------------ 7 overhead
    def _overhead_once(self, registry, kind, count):
        with environment(registry, commit=False) as env:
            env = env(context=dict(env.context, **QUIET))
            admin = env.ref("base.user_admin")
            if kind == "partners":
                vals = [
                    {"name": f"Overhead Partner {i}", "email": f"o{i}@example.com"}
                    for i in range(count)
                ]
                started = time.perf_counter()
                for chunk in range(0, count, 1000):
                    env["res.partner"].with_user(admin).create(vals[chunk : chunk + 1000])
                env.flush_all()
                return time.perf_counter() - started
            if kind == "events":
                start = datetime(2030, 1, 7, 2, 0)
                vals = [
                    {
                        "name": f"Overhead Event {i}",
                        "start": start + timedelta(hours=i % 500),
                        "stop": start + timedelta(hours=i % 500, minutes=30),
                        "partner_ids": [(6, 0, admin.partner_id.ids)],
                    }
                    for i in range(count)
                ]
                started = time.perf_counter()
                for chunk in range(0, count, 1000):
                    env["calendar.event"].with_user(admin).create(vals[chunk : chunk + 1000])
                env.flush_all()
                return time.perf_counter() - started
            # pickings: internal transfers of an untracked product, set up untimed
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            stock = warehouse.lot_stock_id
            shelf = env["stock.location"].create(
                {"name": "Overhead Shelf", "location_id": stock.id, "usage": "internal"}
            )
            product = env["product.product"].create(
                {"name": "Overhead Product", "type": "consu", "is_storable": True}
            )
            env["stock.quant"]._update_available_quantity(product, stock, count * 10)
            pickings = env["stock.picking"].create(
                [
                    {
                        "picking_type_id": warehouse.int_type_id.id,
                        "location_id": stock.id,
                        "location_dest_id": shelf.id,
                        "move_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": product.name,
                                    "product_id": product.id,
                                    "product_uom_qty": 2,
                                    "product_uom": product.uom_id.id,
                                    "location_id": stock.id,
                                    "location_dest_id": shelf.id,
                                },
                            )
                        ],
                    }
                    for _ in range(count)
                ]
            )
            pickings.action_confirm()
            pickings.action_assign()
            env.flush_all()
            started = time.perf_counter()
            for picking in pickings.with_user(admin):
                picking.button_validate()
            env.flush_all()
            elapsed = time.perf_counter() - started
            if set(pickings.mapped("state")) != {"done"}:
                raise RuntimeError(f"pickings not done: {set(pickings.mapped('state'))}")
            return elapsed

    def bench_overhead(self):
        if not self.args.base_db:
            self.notes.append("overhead not measured: no --base-db")
            return
        base = open_registry(self.args.config, self.args.base_db)
        suite = open_registry(self.args.config, self.args.database)
        for kind, count in (
            ("partners", self.args.overhead_partners),
            ("events", self.args.overhead_events),
            ("pickings", self.args.overhead_pickings),
        ):
            # Alternate the databases, keep the better of two runs each (noise on a
            # shared machine).
            times = {"base": [], "suite": []}
            for _round in range(self.args.overhead_rounds):
                times["base"].append(self._overhead_once(base, kind, count))
                times["suite"].append(self._overhead_once(suite, kind, count))
            t_base, t_suite = min(times["base"]), min(times["suite"])
            ratio = t_suite / t_base
            label = {
                "partners": f"create {count:,} partners",
                "events": f"create {count:,} calendar events",
                "pickings": f"validate {count:,} pickings",
            }[kind]
            self.add(
                f"7 Odoo hot path, suite vs bare Odoo: {label}",
                p50=t_suite * 1000,
                p95=t_suite * 1000,
                goal="<= 1.3x",
                ratio=ratio,
                passed=ratio <= 1.3,
                note=f"suite {t_suite:.2f}s ({count / t_suite:.0f}/s), bare Odoo {t_base:.2f}s "
                f"({count / t_base:.0f}/s); best of {self.args.overhead_rounds} each",
                n=count,
                base_seconds=round(t_base, 3),
                suite_seconds=round(t_suite, 3),
            )

    # ------------------------------------------------------------------ 8 import
    def bench_import(self):
        count = self.args.import_rows
        with environment(self.registry, commit=False) as env:
            admin = env.ref("base.user_admin")
            env.cr.execute(
                "SELECT lohi_centre_id, lohi_doctor_id, lohi_health_manager_id FROM res_partner "
                "WHERE lohi_is_client AND lohi_card_no LIKE 'LK%%' LIMIT 50"
            )
            people = env.cr.fetchall()
            fields_ = [
                "name",
                "mobile",
                "lohi_is_client",
                "lohi_birthdate",
                "lohi_centre_id/.id",
                "lohi_doctor_id/.id",
                "lohi_health_manager_id/.id",
                "lohi_source",
                "lohi_remark",
                "lohi_card_no",
            ]
            rows = []
            for i in range(count):
                centre, doctor, manager = people[i % len(people)]
                rows.append(
                    [
                        f"导入客户{i}",
                        f"139{i:08d}",
                        "1",
                        "1975-03-0%d" % (1 + i % 9),
                        str(centre),
                        str(doctor),
                        str(manager),
                        "walk_in",
                        "批量导入",
                        f"IMP{i:09d}",
                    ]
                )
            Partner = env["res.partner"].with_user(admin).with_context(QUIET)
            # Warm-up (a running server has these caches): the first import of a process
            # reads the code translations of boolean values, ~3 s.
            warm = [[*row[:9], f"W{row[9]}"] for row in rows[:20]]
            Partner.load(fields_, warm)
            env.flush_all()
            started = time.perf_counter()
            result = Partner.load(fields_, rows)
            env.flush_all()
            elapsed = time.perf_counter() - started
            errors = [m for m in result["messages"] if m.get("type") == "error"]
            rate = count / elapsed
        self.add(
            f"8 client import through the ORM (load of {count:,} rows)",
            p50=elapsed * 1000,
            p95=elapsed * 1000,
            unit="ms",
            goal=">= 1000 clients/s",
            ratio=1000 / rate,
            passed=rate >= 1000 and not errors,
            note=f"{rate:.0f} clients/s"
            + (f"; {len(errors)} errors: {errors[:1]}" if errors else ""),
            n=count,
            rate_per_s=round(rate, 1),
        )


def fmt(value):
    return "-" if value is None else f"{value:.2f}"


SECTIONS = (
    "search",
    "availability",
    "booking",
    "read_group",
    "crons",
    "overhead",
    "import",
    "http",
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--base-db", help="database with only the Odoo modules the suite uses")
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--bookings", type=int, default=30)
    parser.add_argument("--overhead-partners", type=int, default=10000)
    parser.add_argument("--overhead-events", type=int, default=10000)
    parser.add_argument("--overhead-pickings", type=int, default=1000)
    parser.add_argument("--overhead-rounds", type=int, default=2, help="best of N")
    parser.add_argument("--import-rows", type=int, default=2000)
    parser.add_argument("--http-url", help="a multi-worker server on the same database")
    parser.add_argument("--http-threads", type=int, default=4)
    parser.add_argument("--http-requests", type=int, default=120)
    parser.add_argument("--scale", type=float, help="recorded in the JSON")
    parser.add_argument("--json", default=str(Path(__file__).parent / "results" / "latest.json"))
    parser.add_argument("--only", default=",".join(SECTIONS))
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    bench = Bench(args)
    with environment(bench.registry, commit=False) as env:
        counts = bench.counts(env)
        if args.scale is None:
            scale = env["ir.config_parameter"].get_param("lohi_bench.scale")
            args.scale = float(scale) if scale else None
    print(f"benchmark on {args.database}: {counts}", flush=True)
    load_before = os.getloadavg()
    started = time.monotonic()
    for section in SECTIONS:
        if section not in wanted:
            continue
        if section == "http" and not args.http_url:
            continue
        section_started = time.monotonic()
        getattr(bench, f"bench_{'http_booking' if section == 'http' else section}")()
        print(f"  ({section}: {time.monotonic() - section_started:.0f}s)", flush=True)
    duration = time.monotonic() - started
    result = {
        "date": utcnow().strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_description(),
        "database": args.database,
        "base_database": args.base_db,
        "scale": args.scale,
        "counts": counts,
        "duration_seconds": round(duration, 1),
        # The machine is shared: its load (1-minute average) before and after the run.
        "load_average": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
        "samples": args.samples,
        "rows": bench.rows,
        "notes": bench.notes,
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(
        json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"\nwritten {args.json} ({duration:.0f}s)")
    print_markdown(result)
    return 0


def print_markdown(result):
    print(
        f"\nscale {result['scale']}, {result['date']}, {result['machine']}, load average "
        f"{result['load_average'][0]} before / {result['load_average'][1]} after"
    )
    print(f"counts: {result['counts']}\n")
    print("| operation | p50 | p95 | goal | ratio | result |")
    print("| --- | ---: | ---: | --- | ---: | --- |")
    for row in result["rows"]:
        status = {True: "pass", False: "**miss**", None: "-"}[row["pass"]]
        unit = row["unit"]
        print(
            f"| {row['operation']} | {fmt(row['p50'])} {unit} | {fmt(row['p95'])} {unit} | "
            f"{row['goal'] or '-'} | {fmt(row['ratio'])} | {status} |"
        )
    print()
    for row in result["rows"]:
        if row["note"]:
            print(f"- {row['operation']}: {row['note']}")


if __name__ == "__main__":
    sys.exit(main())
