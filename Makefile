# The two commands of the README. Both do all their own set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-dates bench lint format lock clean

# make demo PORT=8001 when 8000 is taken
PORT ?= 8000
demo: $(VENV)/.installed-app
	GONGKAI_DEMO=1 $(BIN)/gongkai demo --port $(PORT)

# PostgreSQL group first (when GONGKAI_TEST_POSTGRES names a database), then the whole suite
# on SQLite. Each runs in two parts: the groups that drive chromium, LibreOffice or the
# deployed nginx serially (one browser, one LibreOffice profile, one nginx at a time), then
# everything else in two processes (pytest-xdist: each has its own test database), so the
# last line is pytest's summary of the larger part.
SERIAL_GROUPS := browser or deployed or libreoffice
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	@if [ -n "$$GONGKAI_TEST_POSTGRES" ]; then \
		echo "== PostgreSQL 组：数据库测试在 PostgreSQL 上运行 =="; \
		DATABASE_URL="$$GONGKAI_TEST_POSTGRES" $(BIN)/pytest -m "django_db and ($(SERIAL_GROUPS))" && \
		DATABASE_URL="$$GONGKAI_TEST_POSTGRES" $(BIN)/pytest -n 2 -m "django_db and not ($(SERIAL_GROUPS))"; \
	else \
		echo "== PostgreSQL 组：已跳过——未设置 GONGKAI_TEST_POSTGRES（例：postgres://用户:密码@127.0.0.1:5432/gongkai） =="; \
	fi
	@echo "== SQLite 组：浏览器组、LibreOffice 组与部署组 =="
	env -u DATABASE_URL $(BIN)/pytest -m "$(SERIAL_GROUPS)"
	@echo "== SQLite 组：其余测试（两个进程） =="
	env -u DATABASE_URL $(BIN)/pytest -n 2 -m "not ($(SERIAL_GROUPS))"

# The suite must not depend on the day it runs (issue 22). CI runs the tests that read
# "today" again with the whole session's clock moved to each of these Beijing days:
#   2026-10-03  a day in the 国庆 block (a Saturday too), in a year whose notice is imported
#   2026-12-05  a Saturday, an ordinary weekend day
#   2026-12-31  31 December: the last day of an arranged year, the next one not imported
#   2028-02-29  29 February, in a year whose holiday notice is not imported (built-in
#               arrangements end with 2026: `gongkai workdays status`)
#   2027-02-05  the eve of 春节 in a year not imported: the holiday is the statute's alone
#   2027-05-04  劳动节's 补假 day in a year not imported
# (2027-01-09, a Saturday, and 2027-01-01, 元旦 of a year not imported, also pass; left out
# to keep CI's time: each day adds about 90 s.)
CLOCK_DAYS ?= 2026-10-03 2026-12-05 2026-12-31 2028-02-29 2027-02-05 2027-05-04
# The groups that read today: not the OCR of attachments, the import, the search or the replica's
# subprocess, which read no date and would only lengthen the six runs.
CLOCK_TESTS ?= tests/applications tests/inspection tests/office tests/policies tests/portal \
	tests/standards tests/statute tests/visits tests/catalogue/test_workflow.py \
	tests/catalogue/test_portal.py tests/catalogue/test_column.py tests/catalogue/test_editing.py \
	tests/catalogue/test_demo.py tests/catalogue/test_channels.py tests/core/test_urgency.py \
	tests/core/test_calendar_import.py tests/reports/test_compute.py \
	tests/reports/test_report_pages.py tests/test_cli.py tests/browser/test_day_by_role.py
test-dates: $(VENV)/.installed-test
	@for day in $(CLOCK_DAYS); do \
		echo "== 固定日期 $$day（北京时间）：读取当天日期的测试组 =="; \
		GONGKAI_TEST_TODAY=$$day env -u DATABASE_URL $(BIN)/pytest -q -n 2 \
			-m "not deployed and not libreoffice" $(CLOCK_TESTS) || exit 1; \
	done

# Every benchmark; results go to bench/RESULTS.md. bench/web.py needs nginx and wrk, which
# this installs when it runs as root (as CI and a fresh build machine do).
bench: $(VENV)/.installed-test
	@command -v wrk >/dev/null && [ -x /usr/sbin/nginx ] || \
		{ [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light wrk; } || \
		{ echo "bench/web.py 需要 nginx 和 wrk：apt-get install nginx-light wrk"; exit 2; }
	$(BIN)/python bench/check_report.py
	$(BIN)/python bench/applications.py
	$(BIN)/python bench/catalogue.py
	$(BIN)/python bench/catalogue_import.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/selfcheck.py
	@if [ -n "$$GONGKAI_TEST_POSTGRES" ]; then \
		$(BIN)/python bench/applications.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/catalogue.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/reports.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/web.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/memory.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/selfcheck.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/load_applications.py --database "$$GONGKAI_TEST_POSTGRES"; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

STALE_LOCK := 锁文件缺少 pyproject.toml 中的依赖：请运行 make lock 并提交 requirements*.lock
# Exactly the tree CI tested: every package pinned with its hashes in the lock files, then
# gongkai itself without letting pip resolve anything more.
$(VENV)/.installed-app: pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "$(STALE_LOCK)"; exit 1; }
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock | $(VENV)/bin/python
	$(BIN)/pip install -q -r requirements-test.lock
	$(BIN)/pip install -q --no-deps -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "$(STALE_LOCK)"; exit 1; }
	touch $@ $(VENV)/.installed-app

# After changing pyproject.toml's dependencies: one command brings both lock files up to it.
# Pins already in a lock file are kept; UPGRADE=1 re-resolves everything to the newest
# versions pyproject.toml allows.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile -q --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	$(if $(UPGRADE),--upgrade) pyproject.toml
lock: | $(VENV)/bin/python
	$(BIN)/pip install -q $$(grep -o 'pip-tools==[0-9.]*' pyproject.toml)
	$(PIP_COMPILE) -o requirements.lock
	$(PIP_COMPILE) --extra test -o requirements-test.lock

clean:
	rm -rf $(VENV) var test-artifacts
