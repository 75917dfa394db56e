"""Harness of the crash-safety tests (issue 11).

A test commits its fixture (visible to other processes), then drives separate Odoo
processes on the test database (``odoo-bin shell``, the same start-up as the server): one
is told to run a step with a monkeypatch that flushes part of the work to PostgreSQL,
prints ``LOHI_MIDRUN`` and sleeps, and is killed there with SIGKILL; another one runs
the step again to the end. Between the runs the test reads the database from a fresh
cursor. Each process starts while the fixture is written, so the start-ups overlap.

Inside a process, each command runs in a fresh cursor (as the cron worker and the HTTP
server do per job and per request) and ``run_cron`` runs a cron method the way Odoo 18's
cron worker does: one ``ir.cron.progress`` per call, the method called with
``ir_cron_progress_id`` in its context, a commit after each call, and calls again while
the progress says work remains (batched crons; an unbatched one reports nothing left).
"""

import contextlib
import inspect
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase
from odoo.tools import config

# Runs inside ``odoo-bin shell`` (``env`` and ``odoo`` are given); __FD__ is the pipe the
# test writes its commands to, one JSON line each.
PREAMBLE = r"""
import datetime, functools, inspect, json, os, sys, time, traceback
from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError, ValidationError

_COMMANDS = os.fdopen(__FD__, "r")
_BATCH = [0]


def say(tag, payload=None):
    sys.stdout.write(f"{tag} {json.dumps(payload, default=str)}\n")
    sys.stdout.flush()


def _stop(records, flush_models, probe, calls):
    if flush_models:
        for name in flush_models:
            records.env[name].flush_model()
    else:
        records.env.flush_all()
    seen = None
    if probe:
        # what this (uncommitted) transaction has written, read in it
        records.env.cr.execute(probe[0], probe[1])
        seen = records.env.cr.fetchall()
    say("LOHI_MIDRUN", {"batch": _BATCH[0], "calls": calls, "probe": seen})
    time.sleep(600)


def hang(model, method, after=True, min_batch=0, flush_models=None, probe=None,
         records=False):
    # From now on, `model.method` flushes and stops for good (to be killed) once the
    # cron is at batch `min_batch` or later: after the original ran (after=True), or
    # before it; with `records`, only when called on records (not on an empty set).
    # `probe` is a query (sql, params) run in the doomed transaction.
    cls = type(env[model])
    original = getattr(cls, method)
    calls = [0]

    @functools.wraps(original)
    def patched(self, *args, **kwargs):
        calls[0] += 1
        stop = _BATCH[0] >= min_batch and (self or not records)
        if stop and not after:
            _stop(self, flush_models, probe, calls[0])
        result = original(self, *args, **kwargs)
        if stop and after:
            _stop(self, flush_models, probe, calls[0])
        return result

    setattr(cls, method, patched)


def run_cron(env, xmlid, method, kwargs=None, optional=None):
    # As ir.cron._run_job: a progress record per call, the call, a commit; again while
    # the method reported remaining work. `optional` keywords go only to a method that
    # accepts them (e.g. a small `batch`).
    cron = env.ref(xmlid)
    cron_env = api.Environment(
        env.cr, cron.user_id.id, {"lastcall": cron.lastcall, "cron_id": cron.id}
    )
    model = cron_env[cron.model_id.model]
    accepted = inspect.signature(getattr(model, method)).parameters
    call_kwargs = dict(kwargs or {})
    call_kwargs.update({k: v for k, v in (optional or {}).items() if k in accepted})
    batches = []
    _BATCH[0] = 0
    while True:
        progress = cron_env["ir.cron.progress"].create(
            [{"cron_id": cron.id, "done": 0, "remaining": 0}]
        )
        env.cr.commit()
        getattr(model.with_context(ir_cron_progress_id=progress.id), method)(**call_kwargs)
        cron_env.flush_all()
        env.cr.execute(
            "SELECT done, remaining FROM ir_cron_progress WHERE id = %s", [progress.id]
        )
        done, remaining = env.cr.fetchone()
        env.cr.commit()
        batches.append([done, remaining])
        if not remaining:
            break
        _BATCH[0] += 1
        if _BATCH[0] >= 1000:
            raise RuntimeError(f"{xmlid}: work remains after 1000 batches")
    return {"batches": batches, "kwargs": sorted(call_kwargs)}

"""

MAIN = r"""

STEPS = {name[5:]: step for name, step in dict(globals()).items() if name.startswith("step_")}
say("LOHI_READY")
for _line in _COMMANDS:
    _command = json.loads(_line)
    try:
        for _spec in _command.get("hangs", ()):
            hang(**_spec)
        with env.registry.cursor() as _cr:
            _env = api.Environment(_cr, SUPERUSER_ID, {})
            _result = STEPS[_command["step"]](_env, **_command["params"])
        say("LOHI_DONE", _result)
    except Exception:
        say("LOHI_ERROR", traceback.format_exc())
"""


class ShellWorker:
    """An ``odoo-bin shell`` process on the test database that runs the steps it is sent."""

    def __init__(self, case, steps):
        self.case = case
        odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
        cmd = [sys.executable, odoo_bin, "shell", "-c", config.rcfile, "-d", case.dbname]
        # --load-language=: the test config loads zh_CN at start-up, a write that two
        # processes starting together would make each other fail
        cmd += ["--log-level=error", "--no-http", "--load-language="]
        read_fd, write_fd = os.pipe()
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115  # pylint: disable=consider-using-with
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            pass_fds=(read_fd,),
        )
        os.close(read_fd)
        self.commands = os.fdopen(write_fd, "w")
        script = PREAMBLE.replace("__FD__", str(read_fd)) + steps + MAIN
        self.proc.stdin.write(script.encode())
        self.proc.stdin.close()
        self.buffer = b""
        self.info = []

    def _stderr_tail(self):
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-4000:]

    def _readline(self, deadline):
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, __, __ = select.select([self.proc.stdout], [], [], min(left, 5))
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self.buffer += chunk
        line, __, self.buffer = self.buffer.partition(b"\n")
        return line.decode()

    def expect(self, *tags, timeout=300):
        """The next of ``tags`` the process prints, with its payload; INFO lines are kept."""
        deadline = time.monotonic() + timeout
        while True:
            line = self._readline(deadline)
            if line is None:
                self.case.fail(f"no {tags} from the Odoo process:\n{self._stderr_tail()}")
            tag, __, payload = line.partition(" ")
            if tag == "LOHI_INFO":
                self.info.append(json.loads(payload))
            elif tag in tags:
                return tag, json.loads(payload) if payload else None

    def send(self, step, hangs=(), **params):
        self.commands.write(json.dumps({"step": step, "hangs": list(hangs), "params": params}))
        self.commands.write("\n")
        self.commands.flush()

    def call(self, step, **params):
        """Run ``step`` to its commit; return what it returned."""
        self.send(step, **params)
        tag, payload = self.expect("LOHI_DONE", "LOHI_ERROR")
        if tag == "LOHI_ERROR":
            self.case.fail(f"step {step} failed in the Odoo process:\n{payload}")
        return payload

    def call_and_kill(self, step, hangs, **params):
        """Run ``step`` until the process stops in the middle of it, then SIGKILL it."""
        self.send(step, hangs=hangs, **params)
        try:
            tag, payload = self.expect("LOHI_MIDRUN", "LOHI_DONE", "LOHI_ERROR")
        finally:
            self.kill()
        self.case.assertEqual(tag, "LOHI_MIDRUN", f"{step} never reached the kill point: {payload}")
        self.case.assertEqual(self.proc.returncode, -signal.SIGKILL)
        return payload

    def kill(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=60)

    def close(self):
        with contextlib.suppress(OSError):
            self.commands.close()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc.stdout.close()
        self.stderr.close()


def client_values(env, name, **values):
    """A complete client archive (CLI-1) at the Chaoyang centre, followed by the demo
    doctor and health manager."""
    ref = env.ref
    return {
        "name": name,
        "lohi_is_client": True,
        "lohi_birthdate": "1980-05-20",
        "mobile": "139 0000 0000",
        "lohi_doctor_id": ref("lohi_clients.user_doctor_demo").id,
        "lohi_health_manager_id": ref("lohi_clients.user_manager_demo").id,
        "lohi_centre_id": ref("lohi_clients.lohi_centre_chaoyang_demo").id,
        "lohi_source": "walk_in",
        "lohi_remark": "crash-safety test",
        **values,
    }


def purge(cr, model, ids, table=None):
    """Delete committed test records of ``model`` and their chatter, followers and
    activities (SQL: the ORM would refuse some of them or log)."""
    if not ids:
        return
    ids = list(ids)
    cr.execute("DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)", [model, ids])
    cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, ids])
    cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, ids])
    table = table or model.replace(".", "_")
    cr.execute(f"DELETE FROM {table} WHERE id = ANY(%s)", [ids])


class CrashCase(TransactionCase):
    """Base of the crash-safety tests: ``WORKERS`` Odoo processes running ``STEPS``
    (code defining ``step_<name>(env, **params)`` functions) are started before the
    subclass's setUp commits its fixture."""

    STEPS = ""
    WORKERS = 2

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        self.workers = [self.worker() for __ in range(self.WORKERS)]

    def worker(self):
        worker = ShellWorker(self, self.STEPS)
        self.addCleanup(worker.close)
        return worker

    @contextlib.contextmanager
    def committed_env(self, context=None):
        """An environment on a fresh cursor, committed at the end (fixture, cleanup)."""
        with db_connect(self.dbname).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, dict(context or {}, tracking_disable=True))
            cr.commit()  # pylint: disable=invalid-commit

    def query(self, sql, params=None):
        """Rows of ``sql`` from a fresh cursor: what is committed, nothing else."""
        with db_connect(self.dbname).cursor() as cr:
            cr.execute(sql, params or [])
            return cr.fetchall()

    def accepts(self, model, method, keyword):
        """Whether ``model.method`` takes ``keyword`` (batched crons take ``batch``)."""
        return keyword in inspect.signature(getattr(self.env[model], method)).parameters
