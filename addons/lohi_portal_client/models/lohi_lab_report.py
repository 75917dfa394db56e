import hashlib
import hmac
import time

from odoo import models
from odoo.tools import consteq

#: A report download link lives this long (seconds).
TOKEN_TTL = 3600


class LohiLabReport(models.Model):
    _inherit = "lohi.lab.report"

    def _lohi_portal_signature(self, expiry, uid):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        payload = f"lohi.lab.report:{self.id}:{uid}:{expiry}".encode()
        return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()

    def _lohi_portal_token(self, ttl=TOKEN_TTL):
        """A download token bound to this report, the user at hand and an expiry time."""
        self.ensure_one()
        expiry = int(time.time()) + ttl
        return f"{expiry}-{self._lohi_portal_signature(expiry, self.env.uid)}"

    def _lohi_portal_check_token(self, token):
        """True when ``token`` was made for this report and user and has not expired;
        the signature is compared in constant time."""
        self.ensure_one()
        expiry_text, __, signature = (token or "").partition("-")
        if not expiry_text.isdigit() or not signature:
            return False
        expiry = int(expiry_text)
        expected = self._lohi_portal_signature(expiry, self.env.uid)
        return consteq(expected, signature) and expiry >= time.time()

    def _lohi_portal_log(self, kind):
        """X-5: the client (or whoever) opened this report on the portal."""
        reports_sudo = self.sudo()
        self.env["lohi.access.log"]._record_access(
            reports_sudo.partner_id,
            kind,
            ["pdf"] if kind == "report" else ["result_ids"],
            records=self,
        )
