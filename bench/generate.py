"""Fill the benchmark database (issue 10).

    python bench/generate.py -c CONFIG -d lohi_bench --scale 0.01 [--steps clients,...]

Full scale (``--scale 1``): 1,000,000 clients, 2,000,000 appointments over two years for
200 doctors in 20 centres, 200,000 lab orders with results, 50,000 lots with expiry,
500,000 calls, 300,000 survey answers. ``--scale`` multiplies those counts; the reference
data (20 centres, 200 doctors, 40 health managers, agents, schedules, tests, products) is
always full size.

Deterministic: every batch draws from its own random generator seeded with
``(--seed, step, batch number)``, so a resumed run produces the same rows as an
uninterrupted one. Resumable: each step counts what it already wrote (the generated
records carry recognisable numbers) and continues from the next batch; every batch is
committed on its own.

Write paths (see bench/README.md):
* ORM batch create (``create(vals_list)``) for clients, users, schedules, lab orders with
  their items, lab reports and results, lots, quants, calls, survey answers and their
  answer lines.
* SQL ``COPY`` for appointments only: ``lohi.appointment.create`` is a batch method, but
  per record it notifies the doctor (a chatter message and a mail), mirrors a
  ``calendar.event``, queues the client's SMS and renders the e-mail template — about
  60 queries per booking, i.e. days for two million. The COPY writes the same stored
  columns the ORM computes (stop, local date, time band, local time label), with states
  consistent with the time (past: done / no-show / cancelled; future: confirmed /
  requested / cancelled) and without overlaps per doctor, so the exclusion constraint
  holds. No calendar events, messages or SMS exist for generated appointments.
* SQL ``UPDATE`` of ``create_date`` of survey answers (spread over two years): the
  monthly satisfaction summary filters on it and the ORM always writes "now".
"""

import argparse
import base64
import csv
import io
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytz

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import QUIET, environment, open_registry, progress, utcnow

FULL = {
    "clients": 1_000_000,
    "appointments": 2_000_000,
    "lab_orders": 200_000,
    "lots": 50_000,
    "calls": 500_000,
    "survey_answers": 300_000,
}
STEPS = ("setup", "clients", "appointments", "lab", "lots", "calls", "surveys")
N_CENTRES = 20
N_DOCTORS = 200
N_MANAGERS = 40
N_AGENTS = 10
#: Two years of appointments: 18 months back, 6 months ahead of the generation day.
DAYS_BACK = 548
DAYS_TOTAL = 730
#: Local consulting hours of every generated schedule (30-minute slots): 8:00–12:00 and
#: 13:00–18:00, seven days a week → 18 slots a day, 13,140 in two years per doctor
#: (10,000 are booked at full scale).
SLOT_HOURS = [8 + h / 2 for h in range(8)] + [13 + h / 2 for h in range(10)]

CENTRES = [
    ("北京朝阳中心", "Asia/Shanghai"),
    ("北京海淀中心", "Asia/Shanghai"),
    ("上海浦东中心", "Asia/Shanghai"),
    ("上海静安中心", "Asia/Shanghai"),
    ("广州天河中心", "Asia/Shanghai"),
    ("深圳南山中心", "Asia/Shanghai"),
    ("成都锦江中心", "Asia/Shanghai"),
    ("杭州西湖中心", "Asia/Shanghai"),
    ("南京鼓楼中心", "Asia/Shanghai"),
    ("武汉江汉中心", "Asia/Shanghai"),
    ("西安雁塔中心", "Asia/Shanghai"),
    ("重庆渝中中心", "Asia/Shanghai"),
    ("天津和平中心", "Asia/Shanghai"),
    ("苏州园区中心", "Asia/Shanghai"),
    ("长沙岳麓中心", "Asia/Shanghai"),
    ("青岛市南中心", "Asia/Shanghai"),
    ("厦门思明加盟店", "Asia/Shanghai"),
    ("郑州金水加盟店", "Asia/Shanghai"),
    ("沈阳和平加盟店", "Asia/Shanghai"),
    ("乌鲁木齐天山加盟店", "Asia/Urumqi"),
]
# The most common surnames, roughly by frequency (weights fall off with rank).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅晓东海燕飞鹏辉玲"
    "丹萍鑫宇浩然子涵欣怡梓轩雨桐思远嘉怡俊杰文博佳琪一诺晨曦昊天佳怡欣妍浩宇子墨梓涵诗涵"
    "德胜春生秋菊冬梅永福金凤淑珍凤英立新光明振华少华美玲丽娟晓燕雪梅婷婷亚楠"
)
LATIN_FIRST = [
    "David",
    "Emily",
    "Michael",
    "Sarah",
    "James",
    "Anna",
    "Kevin",
    "Grace",
    "Daniel",
    "Linda",
    "Jason",
    "Cindy",
    "Eric",
    "Helen",
    "Tony",
    "Lily",
    "Peter",
    "Amy",
    "Frank",
    "Judy",
    "Vincent",
    "Coco",
    "Leo",
    "Vivian",
    "Ethan",
    "Sophia",
    "Oliver",
    "Mia",
    "Lucas",
    "Chloe",
    "Henry",
    "Zoe",
]
LATIN_LAST = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Martin",
    "Lee",
    "Walker",
    "Hall",
    "Allen",
    "Young",
    "King",
    "Wright",
    "Lopez",
    "Hill",
    "Scott",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Tanaka",
    "Sato",
    "Kim",
    "Park",
    "Nguyen",
]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "166",
    "170",
    "173",
    "175",
    "176",
    "177",
    "178",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]
AREA_CODES = ("010", "021", "020", "0755", "028", "0571", "025", "027", "029", "023")
REMARKS = (
    "朋友介绍",
    "体检后咨询",
    "关注睡眠与疲劳",
    "关注肠道健康",
    "家属陪同",
    "老客户转介绍",
    "线上咨询转到店",
    "希望周末就诊",
)
LAB_TESTS = [
    ("全面营养素检测", "BNUT", 2680.0, "blood", 10),
    ("食物不耐受检测", "BIGG", 1880.0, "blood", 7),
    ("肠道菌群检测", "BGUT", 2280.0, "stool", 15),
    ("激素代谢检测", "BHOR", 1580.0, "saliva", 10),
    ("重金属检测", "BMET", 980.0, "hair", 12),
    ("有机酸代谢检测", "BOAT", 2980.0, "urine", 14),
]
ANALYTES = [
    ("维生素D", "ng/mL", 30.0, 100.0),
    ("维生素B12", "pg/mL", 200.0, 900.0),
    ("铁蛋白", "ng/mL", 30.0, 400.0),
    ("同型半胱氨酸", "umol/L", 5.0, 15.0),
    ("镁", "mmol/L", 0.75, 1.02),
    ("锌", "umol/L", 10.7, 22.9),
]
PRODUCTS = [
    ("复合维生素B片", 90),
    ("维生素D3软胶囊", 60),
    ("益生菌粉", 30),
    ("鱼油软胶囊", 120),
    ("镁补充剂", 60),
]
CALL_TYPES = [
    ("inquiry", 35),
    ("booking", 25),
    ("report_query", 15),
    ("followup", 15),
    ("complaint", 3),
    ("campaign", 5),
    ("other", 2),
]
# A one-page PDF: every generated lab report shares it (the filestore stores it once).
TINY_PDF = base64.b64encode(
    b"%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def rng_for(seed, step, batch):
    return random.Random(f"{seed}:{step}:{batch}")


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class Generator:
    def __init__(self, registry, scale, seed, batch_size):
        self.registry = registry
        self.scale = scale
        self.seed = seed
        self.batch_size = batch_size
        self.today = date.today()
        self.first_day = self.today - timedelta(days=DAYS_BACK)
        self.timings = {}

    def target(self, key):
        return max(1, (round(FULL[key] * self.scale)))

    # ------------------------------------------------------------------ reference data
    def step_setup(self):
        with environment(self.registry, context=QUIET) as env:
            Centre = env["lohi.centre"]
            existing = Centre.with_context(active_test=False).search([("code", "=like", "BC%")])
            if len(existing) < N_CENTRES:
                have = set(existing.mapped("code"))
                Centre.create(
                    [
                        {
                            "name": name,
                            "code": f"BC{i + 1:02d}",
                            "centre_type": "franchise" if "加盟" in name else "direct",
                            "tz": tz,
                            "city": name[:2],
                        }
                        for i, (name, tz) in enumerate(CENTRES)
                        if f"BC{i + 1:02d}" not in have
                    ]
                )
            centres = Centre.search([("code", "=like", "BC%")], order="code")
            self._ensure_users(env, centres)
            self._ensure_schedules(env, centres)
            self._ensure_catalogue(env)
            print(f"setup: {len(centres)} centres, users, schedules, catalogue ready", flush=True)

    def _ensure_users(self, env, centres):
        Users = env["res.users"].with_context(QUIET)
        have = set(
            Users.with_context(active_test=False)
            .search([("login", "=like", "bench_%")])
            .mapped("login")
        )
        ref = env.ref
        doctor = ref("lohi_clients.group_functional_doctor").id
        manager = ref("lohi_clients.group_health_manager").id
        agent = ref("lohi_clients.group_cc_agent").id
        leader = ref("lohi_clients.group_leadership").id
        user = ref("base.group_user").id
        rng = rng_for(self.seed, "users", 0)
        vals_list = []

        def person():
            return rng.choice(SURNAMES[:60]) + "".join(rng.sample(GIVEN, 2))

        for i in range(N_DOCTORS):
            name = person()
            centre = centres[i % N_CENTRES]
            login = f"bench_doc_{i + 1:03d}"
            if login not in have:
                vals_list.append(
                    {
                        "name": f"{name}医生",
                        "login": login,
                        "groups_id": [(6, 0, [user, doctor])],
                        "lohi_centre_ids": [(6, 0, centre.ids)],
                        "tz": centre.tz,
                    }
                )
        for i in range(N_MANAGERS):
            name = person()
            centre = centres[i % N_CENTRES]
            login = f"bench_hm_{i + 1:02d}"
            if login not in have:
                vals_list.append(
                    {
                        "name": f"{name}（健管）",
                        "login": login,
                        "groups_id": [(6, 0, [user, manager])],
                        "lohi_centre_ids": [(6, 0, centre.ids)],
                        "tz": centre.tz,
                    }
                )
        for i in range(N_AGENTS):
            login = f"bench_agent_{i + 1:02d}"
            if login not in have:
                vals_list.append(
                    {
                        "name": f"{person()}（客服）",
                        "login": login,
                        "groups_id": [(6, 0, [user, agent])],
                    }
                )
        if "bench_ops" not in have:
            vals_list.append(
                {
                    "name": "总部运营（基准）",
                    "login": "bench_ops",
                    "groups_id": [(6, 0, [user, env.ref("lohi_clients.group_hq_operations").id])],
                    "lohi_centre_ids": [(6, 0, centres.ids)],
                    "tz": "Asia/Shanghai",
                }
            )
        if "bench_leader" not in have:
            vals_list.append(
                {
                    "name": "总部领导（基准）",
                    "login": "bench_leader",
                    "groups_id": [(6, 0, [user, leader])],
                    "tz": "Asia/Shanghai",
                    "lohi_centre_ids": [(6, 0, centres.ids)],
                }
            )
        for vals in vals_list:
            # Bookings and notifications are sent in the user's name: an address is needed.
            vals["email"] = f"{vals['login']}@bench.lohi-health.cn"
        if vals_list:
            Users.create(vals_list)
        for centre in centres:
            if not centre.director_id:
                centre.director_id = Users.search(
                    [("login", "=like", "bench_doc_%"), ("lohi_centre_ids", "in", centre.ids)],
                    limit=1,
                    order="login",
                )

    def _ensure_schedules(self, env, centres):
        Schedule = env["lohi.doctor.schedule"].with_context(QUIET)
        doctors = env["res.users"].search([("login", "=like", "bench_doc_%")], order="login")
        have = set(Schedule.search([("doctor_id", "in", doctors.ids)]).mapped("doctor_id").ids)
        attendances = [
            (
                0,
                0,
                {
                    "name": f"{day} {period}",
                    "dayofweek": str(day),
                    "hour_from": h_from,
                    "hour_to": h_to,
                    "day_period": period,
                },
            )
            for day in range(7)
            for h_from, h_to, period in ((8.0, 12.0, "morning"), (13.0, 18.0, "afternoon"))
        ]
        vals_list = [
            {
                "doctor_id": doctor.id,
                "centre_id": doctor.lohi_centre_ids[:1].id,
                "attendance_ids": attendances,
            }
            for doctor in doctors
            if doctor.id not in have
        ]
        # One create per round of distinct centres: lohi.doctor.schedule.create browses
        # the centres of a batch with duplicates and then needs one centre per record.
        while vals_list:
            round_, rest, seen = [], [], set()
            for vals in vals_list:
                (rest if vals["centre_id"] in seen else round_).append(vals)
                seen.add(vals["centre_id"])
            Schedule.create(round_)
            vals_list = rest
        Service = env["lohi.service.type"]
        if not Service.search([("name", "=", "基准初诊")]):
            Service.create({"name": "基准初诊", "duration": 0.5})

    def _ensure_catalogue(self, env):
        Test = env["lohi.lab.test"].with_context(QUIET)
        have = set(Test.search([("code", "=like", "B%")]).mapped("code"))
        Test.create(
            [
                {
                    "name": name,
                    "code": code,
                    "price": price,
                    "sample_type": sample,
                    "turnaround_days": days,
                }
                for name, code, price, sample, days in LAB_TESTS
                if code not in have
            ]
        )
        Product = env["product.product"].with_context(QUIET)
        have = set(Product.search([("default_code", "=like", "BPRD%")]).mapped("default_code"))
        vals = []
        for i, (name, shelf) in enumerate(PRODUCTS):
            code = f"BPRD{i + 1}"
            if code in have:
                continue
            vals.append(
                {
                    "name": name,
                    "default_code": code,
                    "type": "consu",
                    "is_storable": True,
                    "tracking": "lot",
                    "use_expiration_date": True,
                    "expiration_time": shelf * 4,
                    "list_price": 198.0 + 20 * i,
                }
            )
        if vals:
            Product.create(vals)

    # ------------------------------------------------------------------ helpers
    def _people(self, env):
        users = env["res.users"].search_read(
            [("login", "=like", "bench_%")], ["login", "lohi_centre_ids"], order="login"
        )
        by_centre_doc, by_centre_hm, agents = {}, {}, []
        for user in users:
            centre = user["lohi_centre_ids"][0] if user["lohi_centre_ids"] else False
            if user["login"].startswith("bench_doc_"):
                by_centre_doc.setdefault(centre, []).append(user["id"])
            elif user["login"].startswith("bench_hm_"):
                by_centre_hm.setdefault(centre, []).append(user["id"])
            elif user["login"].startswith("bench_agent_"):
                agents.append(user["id"])
        return by_centre_doc, by_centre_hm, agents

    def _clients(self, env):
        env.cr.execute(
            "SELECT id, lohi_centre_id, lohi_doctor_id, lohi_health_manager_id, mobile "
            "FROM res_partner WHERE lohi_is_client AND lohi_card_no LIKE 'LK%' ORDER BY id"
        )
        return env.cr.fetchall()

    def _batches(self, label, total, done):
        """Yield (batch number, first index, count, skip) of the batches still to write;
        ``skip`` leading rows of a batch were written by an earlier run (with another
        batch size): the batch is drawn whole, so its rows stay the same, and the first
        ``skip`` are dropped."""
        size = self.batch_size
        first_batch = done // size
        for batch in range(first_batch, (total + size - 1) // size):
            start = batch * size
            count = min(size, total - start)
            if start + count <= done:
                continue
            yield batch, start, count, max(0, done - start)

    def _run_batches(self, label, total, done, write_batch):
        if done >= total:
            print(f"{label}: {done:,} already there", flush=True)
            return
        print(f"{label}: {done:,} there, writing {total - done:,}", flush=True)
        started = time.monotonic()
        written = 0
        last_print = 0.0
        for batch, start, count, skip in self._batches(label, total, done):
            with environment(self.registry, context=QUIET) as env:
                write_batch(env, rng_for(self.seed, label, batch), start, count, skip)
            written += count - skip
            now = time.monotonic()
            if now - last_print > 5 or start + count >= total:
                progress(label, done + written, total, started)
                last_print = now
        elapsed = time.monotonic() - started
        self.timings[label] = {"rows": written, "seconds": round(elapsed, 1)}

    # ------------------------------------------------------------------ clients
    def _client_name(self, rng):
        if rng.random() < 0.7:
            weights = [1.0 / (1 + rank * 0.08) for rank in range(len(SURNAMES))]
            surname = rng.choices(SURNAMES, weights)[0]
            given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.3 else 2))
            return surname + given, None
        first, last = rng.choice(LATIN_FIRST), rng.choice(LATIN_LAST)
        return f"{first} {last}", f"{first}.{last}".lower()

    def _mobile(self, rng):
        digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        style = rng.random()
        if style < 0.6:
            return digits
        if style < 0.85:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}"

    def step_clients(self):
        with environment(self.registry) as env:
            env.cr.execute(
                "SELECT count(*) FROM res_partner WHERE lohi_card_no LIKE 'LK%' AND lohi_is_client"
            )
            done = env.cr.fetchone()[0]
            centres = env["lohi.centre"].search([("code", "=like", "BC%")], order="code").ids
            docs, hms, _agents = self._people(env)
        # Bigger centres first: Beijing and Shanghai hold more clients.
        centre_weights = [3 if i < 4 else 2 if i < 12 else 1 for i in range(len(centres))]
        sources = [("walk_in", 40), ("channel", 30), ("hotline", 30)]

        def write_batch(env, rng, start, count, skip):
            vals_list = []
            for index in range(start, start + count):
                centre = rng.choices(centres, centre_weights)[0]
                name, email_local = self._client_name(rng)
                born = date(1940, 1, 1) + timedelta(days=rng.randrange(65 * 365))
                vals = {
                    "name": name,
                    "lohi_is_client": True,
                    "is_company": False,
                    "lohi_birthdate": born,
                    "lohi_gender": rng.choice(("male", "female")),
                    "mobile": self._mobile(rng),
                    "lohi_centre_id": centre,
                    "lohi_doctor_id": rng.choice(docs[centre]),
                    "lohi_health_manager_id": rng.choice(hms[centre]),
                    "lohi_source": weighted(rng, sources),
                    "lohi_remark": rng.choice(REMARKS),
                    "lohi_card_no": f"LK{index + 1:010d}",
                    "lohi_archive_no": f"LHB{index + 1:08d}",
                    "lohi_archive_date": self.first_day + timedelta(days=rng.randrange(DAYS_BACK)),
                    "lang": "zh_CN",
                }
                if rng.random() < 0.2:
                    vals["phone"] = (
                        f"{rng.choice(AREA_CODES)}-{rng.randrange(2, 9)}{rng.randrange(10**6):06d}"
                    )
                if email_local or rng.random() < 0.3:
                    local = email_local or f"lh{index + 1}"
                    vals["email"] = f"{local}{index % 97}@example.cn"
                vals_list.append(vals)
            env["res.partner"].create(vals_list[skip:])

        self._run_batches("clients", self.target("clients"), done, write_batch)

    # ------------------------------------------------------------------ appointments
    def step_appointments(self):
        total = self.target("appointments")
        per_doctor = max(1, total // N_DOCTORS)
        with environment(self.registry) as env:
            docs, _hms, _agents = self._people(env)
            clients = self._clients(env)
            env.cr.execute(
                "SELECT doctor_id, count(*) FROM lohi_appointment WHERE name LIKE 'BA%' "
                "GROUP BY doctor_id"
            )
            have = dict(env.cr.fetchall())
            done_doctors = {doctor for doctor, n in have.items() if n == per_doctor}
            # Another scale before: the doctor's generated bookings are drawn again.
            redo = [doctor for doctor, n in have.items() if n != per_doctor]
            if redo:
                env.cr.execute(
                    "DELETE FROM lohi_appointment WHERE name LIKE 'BA%%' AND doctor_id = ANY(%s)",
                    [redo],
                )
            service = env["lohi.service.type"].search([("name", "=", "基准初诊")], limit=1)
            company = env.company.id
            centres = {
                c.id: pytz.timezone(c.tz or "Asia/Shanghai")
                for c in env["lohi.centre"].search([("code", "=like", "BC%")])
            }
        by_centre = {}
        for client in clients:
            by_centre.setdefault(client[1], []).append(client[0])
        # Live bookings made through the ORM (the benchmark's, an interrupted run's): the
        # generated ones keep clear of them, or the exclusion constraint refuses the COPY.
        with environment(self.registry) as env:
            env.cr.execute(
                "SELECT doctor_id, start, stop FROM lohi_appointment "
                "WHERE name NOT LIKE 'BA%%' AND state IN %s",
                [("requested", "confirmed", "arrived", "done")],
            )
            taken = {}
            for doctor_id, taken_start, taken_stop in env.cr.fetchall():
                taken.setdefault(doctor_id, []).append((taken_start, taken_stop))
        doctors = sorted((d, c) for c, ids in docs.items() for d in ids)
        n_slots = DAYS_TOTAL * len(SLOT_HOURS)
        now = utcnow()
        columns = [
            "name",
            "company_id",
            "partner_id",
            "doctor_id",
            "centre_id",
            "service_type_id",
            "start",
            "stop",
            "channel",
            "state",
            "time_band",
            "local_date",
            "local_time_label",
            "visit_type",
            "reschedule_count",
            "late_cancel",
            "verify_stage",
            "verify_deadline",
            "cancel_date",
            "create_uid",
            "create_date",
            "write_uid",
            "write_date",
        ]
        print(
            f"appointments: {len(done_doctors)}/{len(doctors)} doctors done, "
            f"{per_doctor:,} per doctor",
            flush=True,
        )
        started = time.monotonic()
        written = 0
        last_print = 0.0
        for number, (doctor, centre) in enumerate(doctors):
            if doctor in done_doctors:
                continue
            rng = rng_for(self.seed, "appointments", number)
            tz = centres[centre]
            pool = by_centre.get(centre) or [c[0] for c in clients]
            buffer = io.StringIO()
            writer = csv.writer(buffer)

            def slot_time(slot, tz=tz):
                day = self.first_day + timedelta(days=slot // len(SLOT_HOURS))
                hour = SLOT_HOURS[slot % len(SLOT_HOURS)]
                local = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)
                start = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
                return day, hour, local, start, start + timedelta(minutes=30)

            candidates = range(n_slots)
            if taken.get(doctor):
                candidates = [
                    slot
                    for slot in candidates
                    if not any(
                        a < slot_time(slot)[4] and slot_time(slot)[3] < b for a, b in taken[doctor]
                    )
                ]
            picked = sorted(rng.sample(candidates, min(per_doctor, len(candidates))))
            for j, slot in enumerate(picked):
                day, hour, local, start, stop = slot_time(slot)
                roll = rng.random()
                channel = weighted(rng, [("phone", 50), ("onsite", 30), ("online", 20)])
                if stop < now:
                    state = "done" if roll < 0.85 else "no_show" if roll < 0.9 else "cancelled"
                else:
                    state = (
                        "confirmed" if roll < 0.8 else "requested" if roll < 0.88 else "cancelled"
                    )
                created = start - timedelta(days=rng.randrange(1, 30))
                band = "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"
                writer.writerow(
                    [
                        f"BA{number + 1:03d}{j + 1:06d}",
                        company,
                        rng.choice(pool),
                        doctor,
                        centre,
                        service.id,
                        start,
                        stop,
                        channel,
                        state,
                        band,
                        day,
                        local.strftime("%H:%M"),
                        weighted(rng, [("first", 40), ("revisit", 45), ("interpretation", 15)]),
                        0,
                        state == "cancelled" and rng.random() < 0.3,
                        "none",
                        created + timedelta(hours=2) if state == "requested" else None,
                        start - timedelta(days=1) if state == "cancelled" else None,
                        1,
                        created,
                        1,
                        created,
                    ]
                )
            buffer.seek(0)
            with environment(self.registry) as env:
                env.cr._obj.copy_expert(
                    f"COPY lohi_appointment ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)",
                    buffer,
                )
            written += per_doctor
            moment = time.monotonic()
            if moment - last_print > 5 or number == len(doctors) - 1:
                progress(
                    "appointments",
                    (len(done_doctors) * per_doctor) + written,
                    per_doctor * len(doctors),
                    started,
                )
                last_print = moment
        self.timings["appointments"] = {
            "rows": written,
            "seconds": round(time.monotonic() - started, 1),
        }
        with environment(self.registry) as env:
            # What lohi.appointment.create keeps (APT-5): the centres each client was
            # booked at, which the centre record rule reads. Same statement as the
            # module's init (idempotent).
            env.cr.execute(
                """INSERT INTO lohi_partner_booked_centre_rel (partner_id, centre_id)
                   SELECT DISTINCT partner_id, centre_id FROM lohi_appointment
                    WHERE partner_id IS NOT NULL AND centre_id IS NOT NULL
                   ON CONFLICT DO NOTHING"""
            )
            env.cr.execute("ANALYZE lohi_appointment")
            env.cr.execute("ANALYZE lohi_partner_booked_centre_rel")

    # ------------------------------------------------------------------ lab
    def step_lab(self):
        with environment(self.registry) as env:
            env.cr.execute("SELECT count(*) FROM lohi_lab_order WHERE name LIKE 'BL%'")
            done = env.cr.fetchone()[0]
            clients = self._clients(env)
            tests = env["lohi.lab.test"].search([("code", "in", [t[1] for t in LAB_TESTS])]).ids
        states = [
            ("ordered", 5),
            ("sampling", 5),
            ("testing", 10),
            ("review", 5),
            ("reviewed", 10),
            ("issued", 15),
            ("interpreted", 50),
        ]
        with_report = {"review", "reviewed", "production", "issued", "interpreted"}

        def write_batch(env, rng, start, count, skip):
            vals_list, states_of = [], []
            for index in range(start, start + count):
                client = rng.choice(clients)
                state = weighted(rng, states)
                ordered = utcnow() - timedelta(
                    days=rng.randrange(0 if state in ("ordered", "sampling") else 20, DAYS_BACK),
                    minutes=rng.randrange(600),
                )
                vals_list.append(
                    {
                        "name": f"BL{index + 1:07d}",
                        "partner_id": client[0],
                        "centre_id": client[1],
                        "doctor_id": client[2],
                        "health_manager_id": client[3],
                        "date_order": ordered,
                        "state": state,
                        "line_ids": [
                            (0, 0, {"test_id": test})
                            for test in rng.sample(tests, rng.choice((1, 1, 2, 3)))
                        ],
                    }
                )
                states_of.append(state)
            vals_list, states_of = vals_list[skip:], states_of[skip:]
            orders = env["lohi.lab.order"].create(vals_list)
            reports = [
                {
                    "order_id": order.id,
                    "report_ref": f"R{order.name}",
                    "received_date": order.date_order + timedelta(days=10),
                    "pdf": TINY_PDF,
                    "pdf_filename": f"{order.name}.pdf",
                }
                for order, state in zip(orders, states_of, strict=True)
                if state in with_report
            ]
            if not reports:
                return
            reports = env["lohi.lab.report"].create(reports)
            results = []
            for report in reports:
                for seq, (analyte, unit, low, high) in enumerate(ANALYTES):
                    value = rng.uniform(low * 0.6, high * 1.2)
                    flag = "low" if value < low else "high" if value > high else "normal"
                    results.append(
                        {
                            "report_id": report.id,
                            "sequence": seq,
                            "analyte": analyte,
                            "value": f"{value:.2f}",
                            "unit": unit,
                            "reference_range": f"{low}–{high}",
                            "ref_low": low,
                            "ref_high": high,
                            "flag": flag,
                        }
                    )
            env["lohi.lab.result"].create(results)

        self._run_batches("lab_orders", self.target("lab_orders"), done, write_batch)

    # ------------------------------------------------------------------ lots
    def step_lots(self):
        with environment(self.registry) as env:
            env.cr.execute("SELECT count(*) FROM stock_lot WHERE name LIKE 'BLOT%'")
            done = env.cr.fetchone()[0]
            products = env["product.product"].search([("default_code", "=like", "BPRD%")]).ids
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            location = warehouse.lot_stock_id.id

        def write_batch(env, rng, start, count, skip):
            vals_list = [
                {
                    "name": f"BLOT{index + 1:07d}",
                    "product_id": rng.choice(products),
                    "expiration_date": utcnow() + timedelta(days=rng.randrange(-60, 720)),
                }
                for index in range(start, start + count)
            ]
            quantities = [rng.randrange(1, 200) for _vals in vals_list]
            lots = env["stock.lot"].create(vals_list[skip:])
            env["stock.quant"].create(
                [
                    {
                        "product_id": lot.product_id.id,
                        "lot_id": lot.id,
                        "location_id": location,
                        "quantity": quantity,
                    }
                    for lot, quantity in zip(lots, quantities[skip:], strict=True)
                ]
            )

        self._run_batches("lots", self.target("lots"), done, write_batch)

    # ------------------------------------------------------------------ calls
    def step_calls(self):
        with environment(self.registry) as env:
            env.cr.execute("SELECT count(*) FROM lohi_call WHERE name LIKE 'BCALL%'")
            done = env.cr.fetchone()[0]
            clients = self._clients(env)
            _docs, _hms, agents = self._people(env)

        def write_batch(env, rng, start, count, skip):
            vals_list = []
            for index in range(start, start + count):
                client = rng.choice(clients)
                start_at = utcnow() - timedelta(
                    days=rng.randrange(DAYS_BACK), seconds=rng.randrange(36000)
                )
                answered = start_at + timedelta(seconds=rng.randrange(2, 40))
                result = weighted(rng, [("solved", 85), ("open", 10), ("escalated", 5)])
                vals_list.append(
                    {
                        "name": f"BCALL{index + 1:07d}",
                        "direction": "in" if rng.random() < 0.7 else "out",
                        "number": client[4],
                        "partner_id": client[0],
                        "agent_id": rng.choice(agents),
                        "call_type": weighted(rng, CALL_TYPES),
                        "start": start_at,
                        "answer_time": answered,
                        "end_time": answered + timedelta(seconds=rng.randrange(30, 900)),
                        "result": result,
                        "content": "咨询检测流程与报告时间",
                        "solution": "已解答" if result == "solved" else False,
                    }
                )
            env["lohi.call"].create(vals_list[skip:])

        self._run_batches("calls", self.target("calls"), done, write_batch)

    # ------------------------------------------------------------------ surveys
    def step_surveys(self):
        with environment(self.registry) as env:
            survey = env.ref("lohi_surveys.survey_client_satisfaction")
            env.cr.execute(
                "SELECT count(*) FROM survey_user_input WHERE lohi_dedupe_key LIKE 'bench:%'"
            )
            done = env.cr.fetchone()[0]
            clients = self._clients(env)
            questions = [
                (q.id, q.question_type, [(a.id, a.lohi_level) for a in q.suggested_answer_ids])
                for q in survey.question_ids
                if q.question_type in ("simple_choice", "scale")
            ]
            survey_id = survey.id
        level_weights = {5: 50, 4: 30, 3: 12, 2: 5, 1: 3}

        def write_batch(env, rng, start, count, skip):
            vals_list, dates = [], []
            for index in range(start, start + count):
                client = rng.choice(clients)
                ended = utcnow() - timedelta(
                    days=rng.randrange(DAYS_BACK), seconds=rng.randrange(36000)
                )
                dates.append(ended)
                lines = []
                for question, qtype, answers in questions:
                    if qtype == "scale":
                        lines.append(
                            (
                                0,
                                0,
                                {
                                    "question_id": question,
                                    "answer_type": "scale",
                                    "value_scale": weighted(
                                        rng,
                                        [
                                            (10, 30),
                                            (9, 25),
                                            (8, 20),
                                            (7, 10),
                                            (6, 8),
                                            (5, 4),
                                            (3, 3),
                                        ],
                                    ),
                                },
                            )
                        )
                    elif answers:
                        answer = rng.choices(
                            [a for a, _lvl in answers],
                            [level_weights.get(lvl, 1) for _a, lvl in answers],
                        )[0]
                        lines.append(
                            (
                                0,
                                0,
                                {
                                    "question_id": question,
                                    "answer_type": "suggestion",
                                    "suggested_answer_id": answer,
                                },
                            )
                        )
                vals_list.append(
                    {
                        "survey_id": survey_id,
                        "partner_id": client[0],
                        "lohi_centre_id": client[1],
                        "lohi_doctor_id": client[2],
                        "lohi_origin": "appointment",
                        "lohi_channel": weighted(
                            rng, [("link", 60), ("phone", 25), ("onsite", 15)]
                        ),
                        "state": "done",
                        "end_datetime": ended,
                        "lohi_dedupe_key": f"bench:{index + 1}",
                        "user_input_line_ids": lines,
                    }
                )
            vals_list, dates = vals_list[skip:], dates[skip:]
            inputs = env["survey.user_input"].create(vals_list)
            env.cr.execute(
                "UPDATE survey_user_input u SET create_date = v.d FROM "
                "(SELECT unnest(%s::int[]) AS id, unnest(%s::timestamp[]) AS d) v "
                "WHERE u.id = v.id",
                [inputs.ids, dates],
            )

        self._run_batches("survey_answers", self.target("survey_answers"), done, write_batch)

    def finish(self):
        with environment(self.registry) as env:
            env["ir.config_parameter"].set_param("lohi_bench.scale", str(self.scale))
            env.cr.execute(
                "ANALYZE res_partner; ANALYZE lohi_appointment; ANALYZE lohi_lab_order; "
                "ANALYZE stock_lot; ANALYZE stock_quant; ANALYZE lohi_call; "
                "ANALYZE survey_user_input; ANALYZE survey_user_input_line"
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--seed", default="lohi")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--steps", default=",".join(STEPS))
    args = parser.parse_args(argv)
    registry = open_registry(args.config, args.database)
    gen = Generator(registry, args.scale, args.seed, args.batch_size)
    wanted = [s.strip() for s in args.steps.split(",") if s.strip()]
    unknown = set(wanted) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    print(f"generating at scale {args.scale} into {args.database}", flush=True)
    all_started = time.monotonic()
    for step in STEPS:
        if step in wanted:
            started = time.monotonic()
            getattr(gen, f"step_{step}")()
            gen.timings.setdefault(step, {})["step_seconds"] = round(time.monotonic() - started, 1)
    gen.finish()
    total = time.monotonic() - all_started
    print(f"done in {total:.0f}s", flush=True)
    for step, timing in gen.timings.items():
        print(f"  {step:16s} {timing}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
