# The two commands of the README. Both do all their own set-up on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench lint format clean

demo: $(VENV)/.installed-app
	GONGKAI_DEMO=1 $(BIN)/gongkai demo

# PostgreSQL group first (when GONGKAI_TEST_POSTGRES names a database), then the whole suite
# on SQLite with the browser group, so the last line is pytest's summary of the full run.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@if [ -n "$$GONGKAI_TEST_POSTGRES" ]; then \
		echo "== PostgreSQL 组：数据库测试在 PostgreSQL 上运行 =="; \
		DATABASE_URL="$$GONGKAI_TEST_POSTGRES" $(BIN)/pytest -m django_db; \
	else \
		echo "== PostgreSQL 组：已跳过——未设置 GONGKAI_TEST_POSTGRES（例：postgres://用户:密码@127.0.0.1:5432/gongkai） =="; \
	fi
	@echo "== SQLite 组与浏览器组 =="
	env -u DATABASE_URL $(BIN)/pytest

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
	@if [ -n "$$GONGKAI_TEST_POSTGRES" ]; then \
		$(BIN)/python bench/applications.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/catalogue.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/reports.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/web.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/memory.py --database "$$GONGKAI_TEST_POSTGRES" && \
		$(BIN)/python bench/load_applications.py --database "$$GONGKAI_TEST_POSTGRES"; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e ".[test]"
	touch $@ $(VENV)/.installed-app

clean:
	rm -rf $(VENV) var test-artifacts
