from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

REFUSED = ("odoo.exceptions.AccessError", "odoo.exceptions.UserError")


class RpcCase(HttpCase):
    """JSON-RPC as the web client and any script do it (``/web/dataset/call_kw``), logged
    in as a demo user (password = login)."""

    _rpc_login = None

    def rpc_as(self, login):
        if login != self._rpc_login:
            self.authenticate(login, login)
            self._rpc_login = login

    def rpc(self, login, model, method, *args, **kwargs):
        self.rpc_as(login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def rpc_error(self, login, model, method, *args, **kwargs):
        """The exception class name the call ends with, or None when it succeeded."""
        try:
            # a refused call is logged as a WARNING by odoo.http: expected here
            with mute_logger("odoo.http"):
                self.rpc(login, model, method, *args, **kwargs)
        except JsonRpcException as exc:
            return str(exc)
        return None

    def assertRefused(self, login, model, method, *args, expected=REFUSED, **kwargs):
        error = self.rpc_error(login, model, method, *args, **kwargs)
        self.assertIn(
            error,
            expected,
            f"{login}: {model}.{method}{args} over RPC should be refused ({expected}), "
            f"got {error or 'success'}",
        )
        self.env.invalidate_all()
        return error
