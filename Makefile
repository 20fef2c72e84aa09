# Two entry points: `make demo` (the main job) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint system-deps assets
ECHARTS := build/static/vendor/echarts/echarts.min.js

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Sunlit needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Front-end assets from npm (package-lock.json), served as static files: never a CDN, never committed.
assets: $(ECHARTS)

$(ECHARTS): package.json package-lock.json
	npm ci --no-audit --no-fund
	mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

demo: $(VENV)/.installed assets
	$(BIN)/sunlit demo

# Debian packages the tests need: Chromium and CJK fonts (browser tests), a Java runtime (Spark).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk default-jre-headless; \
	  else \
	    echo "The tests need Debian's chromium, fonts-noto-cjk and a Java runtime: sudo apt-get install chromium fonts-noto-cjk default-jre-headless"; exit 1; \
	  fi; \
	fi

test: $(VENV)/.installed system-deps assets
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
