# Lohi Health: the README's two commands and a few helpers.
.PHONY: run test setup lint i18n stop clean backup restore bench

run:        ## set up if needed, create the demo database once, serve :8069
	@bash scripts/run.sh

test:       ## set up if needed, fresh test database, every suite, "N passed, N failed"
	@bash scripts/test.sh

setup:      ## only set up (system packages, virtualenv, PostgreSQL)
	@bash scripts/setup.sh

lint:       ## ruff and pylint-odoo only
	@bash scripts/test.sh --lint-only

i18n:       ## export .pot files and merge them into i18n/zh_CN.po (needs the test db)
	@bash scripts/i18n.sh

SCALE ?= 0.01
bench:      ## benchmark (bench/README.md): fill lohi_bench at SCALE, measure, write bench/results/
	@bash scripts/bench.sh all --scale $(SCALE)

backup:     ## dump a database and its filestore: make backup [DB=lohi] [FOLDER=…]
	@bash scripts/backup.sh $(or $(DB),lohi) $(FOLDER)

restore:    ## restore a backup folder into a NEW database: make restore FOLDER=… DB=…
	@bash scripts/restore.sh $(FOLDER) $(DB)

stop:       ## stop the project's PostgreSQL
	@bash -c 'source scripts/lib.sh; pg_stop'

clean: stop ## remove the local state (database cluster, filestore, logs)
	rm -rf .local
