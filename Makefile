# Everything runs inside .venv, made on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
HOST ?= 127.0.0.1

.PHONY: run test check data bench loadtest browser clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

## Serve the dashboard on the bundled data at http://localhost:$(PORT), on this machine only;
## `make run HOST=0.0.0.0` serves it to the network
run: $(VENV)/.installed
	$(PY) -m streamlit run dashboard/app.py --server.address $(HOST) --server.port $(PORT)

## The quick tier while working: no browser, no load test, nothing marked slow, in parallel
check: $(VENV)/.installed
	$(PY) -m pytest -q -m "not browser and not slow" -n auto

## Run the whole test suite, browser tests included
test: $(VENV)/.installed browser
	$(PY) -m pytest

## A meeting room: 20 concurrent browser sessions, 3 rounds each (a short version runs in `make test`)
loadtest: $(VENV)/.installed browser
	$(PY) bench/loadtest.py --sessions 20 --rounds 3

## Benchmarks against a floor measured in the same run: a table and bench/results.json
bench: $(VENV)/.installed browser
	$(PY) bench/run.py

## Re-make data/normalized/ from data/raw/
data: $(VENV)/.installed
	$(PY) -m dashboard normalize

## Debian packages the tests need (installed when run as root): Chromium and Japanese fonts for the browser
## tests; Pango for WeasyPrint (the handout); poppler-utils and LibreOffice Impress to read and render the pack
DEBS := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/soffice ] && dpkg -s $(DEBS) >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-impress; \
	else \
		echo "the tests need: sudo apt-get install -y $(DEBS) && sudo apt-get install -y --no-install-recommends libreoffice-impress" >&2; \
		exit 1; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache tests/artifacts
