# Newsroom: `make run` serves the demo, `make test` runs the suite. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

NODE_STAMP := node_modules/.installed

.PHONY: run test lint format clean bench bench-compare check-deploy wrk loadtest cluster cluster-start cluster-stop cluster-test cluster-bench nginx

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The demo runs with DEBUG on so that it works over plain http on a laptop, and logs as plain text
# for the person watching; see README for production.
run: export DEBUG ?= true
run: export LOG_FORMAT ?= text
run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py load_demo
	@# The background worker (webhooks, scheduled-publication events) runs beside the server and stops with it.
	$(BIN)/python manage.py run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

# axe-core (pinned in package.json/package-lock.json) for the accessibility scan of the browser tests.
# Without npm the scan is skipped on a laptop, like the browser tests without chromium; CI installs both.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility scan will be skipped (apt-get install npm)"; fi

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Public pages against the framework's ceiling, uncached and cached (see docs/benchmarks.md).
# BENCH_ARTICLES=100000 for the large newsroom; DATABASE_URL=postgres://... to bench PostgreSQL.
bench: $(STAMP) wrk
	$(BIN)/python bench/run.py --write-docs $(BENCH_ARGS)

# A minute of 32 connections over a mix of public pages: zero non-2xx, zero socket errors, worker
# memory before and after (see docs/benchmarks.md).
loadtest: $(STAMP) wrk
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

# Cost of the revision compare page for 1k/10k/100k-word articles (prints a table).
bench-compare: $(STAMP)
	$(BIN)/python bench/compare_revisions.py

# Django's deployment checklist with the production variables of .env.example; any warning fails.
check-deploy: $(STAMP)
	env DEBUG=false SECRET_KEY="$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		SITE_URL=https://news.example.com ALLOWED_HOSTS=news.example.com \
		SECURE_SSL_REDIRECT=true SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=true \
		SECURE_HSTS_PRELOAD=true BEHIND_HTTPS_PROXY=true \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

.PHONY: backup restore pg-client check-units

# Backups (operations app, docs/deployment.md): the database and every media file, with a manifest.
# BACKUP_DIR=/var/backups/newsroom changes where the dated folders go.
backup: $(STAMP) pg-client
	$(BIN)/python manage.py backup

# make restore BACKUP=backups/2026-11-30T120000Z [FORCE=1]: into an empty database and storage.
restore: $(STAMP) pg-client
	@test -n "$(BACKUP)" || (echo "Say which backup: make restore BACKUP=backups/<folder>"; exit 2)
	$(BIN)/python manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

# pg_dump/pg_restore for PostgreSQL databases (Debian's postgresql-client); nothing to do for SQLite.
pg-client:
	@case "$$DATABASE_URL" in postgres*) command -v pg_dump >/dev/null || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client);; esac

# The systemd units of deploy/systemd/, checked by systemd-analyze with /srv/newsroom pointed at this
# checkout (so their commands exist). Skipped where systemd-analyze is not installed.
check-units: $(STAMP)
	@if ! command -v systemd-analyze >/dev/null; then echo "systemd-analyze not found: skipped"; exit 0; fi; \
	dir=$$(mktemp -d); trap 'rm -rf $$dir' EXIT; \
	for unit in deploy/systemd/*.service deploy/systemd/*.timer; do \
		sed "s#/srv/newsroom#$(CURDIR)#g" $$unit > $$dir/$$(basename $$unit); done; \
	systemd-analyze verify $$dir/*.service $$dir/*.timer && echo "deploy/systemd: units verified"

# Several app servers acting as one, on loopback (docs/cluster.md): nginx on :8380 in front of two
# gunicorn instances, the worker, moto's S3 server; the machine's PostgreSQL and Redis (database
# newsroom_cluster, Redis database 8). `make cluster` runs until Ctrl-C; cluster-start/-stop in the background.
CLUSTER := $(BIN)/python deploy/cluster.py

nginx:
	@command -v nginx >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null)

cluster: $(STAMP) nginx
	$(CLUSTER) run

cluster-start: $(STAMP) nginx
	$(CLUSTER) start

cluster-stop: $(STAMP)
	$(CLUSTER) stop

# Starts the cluster, runs tests/cluster over real HTTP, stops it whatever happened.
cluster-test: $(STAMP) nginx
	$(CLUSTER) start; status=$$?; \
	if [ $$status -eq 0 ]; then $(BIN)/python -m pytest tests/cluster -m cluster -p no:cacheprovider $(PYTEST_ARGS); status=$$?; fi; \
	$(CLUSTER) stop; exit $$status

# wrk on the article page: through nginx (both instances) and straight to one instance.
cluster-bench: $(STAMP) nginx wrk
	$(CLUSTER) start; status=$$?; \
	if [ $$status -eq 0 ]; then $(CLUSTER) bench; status=$$?; fi; \
	$(CLUSTER) stop; exit $$status

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
