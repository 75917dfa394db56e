from odoo.tests import HttpCase, tagged

from .test_security_groups import DEMO_LOGIN


@tagged("post_install", "-at_install", "lohi_http")
class TestBackendBrowser(HttpCase):
    """The backend loads in headless Chromium for each role's demo user, with no
    JavaScript error, and shows the Lohi Health app in Chinese (platform). One test
    method per role (generated below), so each role counts on its own."""

    def _check_backend(self, login):
        self.start_tour("/odoo", "lohi_backend_menu", login=login)

    def test_admin_backend(self):
        self._check_backend("admin")

    def test_portal_home(self):
        self.browser_js(
            "/my",
            "console.log('test successful')",
            ready="document.readyState === 'complete'",
            login="institution",
        )


def _role_test(login):
    def test(self):
        self._check_backend(login)

    test.__doc__ = f"Backend in Chromium as the demo user {login!r}."
    return test


for _role, _login in DEMO_LOGIN.items():
    setattr(TestBackendBrowser, f"test_backend_{_role.removeprefix('group_')}", _role_test(_login))
