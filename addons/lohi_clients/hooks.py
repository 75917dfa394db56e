import logging

import psycopg2

from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

REQUIRED_EXTENSIONS = ("pg_trgm", "btree_gist")


def pre_init_hook(env):
    """Make sure the PostgreSQL extensions the suite relies on exist.

    pg_trgm backs the fuzzy client search (CLI-4), btree_gist the no-double-booking
    exclusion constraint (APT-4). The project's database creation installs both; this
    hook covers databases created by other means and names the problem if it cannot.
    """
    cr = env.cr
    cr.execute(
        "SELECT extname FROM pg_extension WHERE extname = ANY(%s)",
        [list(REQUIRED_EXTENSIONS)],
    )
    present = {row[0] for row in cr.fetchall()}
    for ext in REQUIRED_EXTENSIONS:
        if ext in present:
            continue
        try:
            with cr.savepoint():
                cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS %s", SQL.identifier(ext)))
        except psycopg2.Error as exc:
            raise UserError(
                env._(
                    "The PostgreSQL extension %(ext)s is missing and could not be "
                    "created (%(error)s). Ask the database administrator to run "
                    "CREATE EXTENSION %(ext)s in this database.",
                    ext=ext,
                    error=exc,
                )
            ) from exc
        _logger.info("created PostgreSQL extension %s", ext)
