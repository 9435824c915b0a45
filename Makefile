# The two commands: `make run` (build everything, start isms on http://127.0.0.1:8080)
# and `make test` (the whole test suite, as CI runs it). Works on a fresh Debian 12 clone
# as root: scripts/install-deps.sh installs the system packages first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help deps web build debug run test format bench clean

help:
	@echo "make run     build (release) and start isms on http://127.0.0.1:8080 with ./data"
	@echo "make test    the whole test suite (debug build with ASan+UBSan, SQLite and PostgreSQL)"
	@echo "make build   release build into build/release"
	@echo "make debug   debug build with sanitizers into build/debug"
	@echo "make web     install web/ dependencies and build the UI into web/dist"
	@echo "make format  clang-format -i over src/ and apps/"
	@echo "make bench   run bench/run.sh (builds the release preset itself)"
	@echo "make clean   remove build/ and web/dist (never ./data)"

deps:
	scripts/install-deps.sh

web: deps
	scripts/npm-deps.sh web
	cd web && npm run build

build: deps
	cmake --preset release
	cmake --build --preset release

debug: deps
	cmake --preset debug
	cmake --build --preset debug

# exec: isms replaces the shell, so Ctrl-C reaches it directly and it shuts down cleanly.
run: deps web build
	exec build/release/isms serve --data ./data --port 8080

test:
	scripts/test.sh

format:
	find src apps -name '*.h' -o -name '*.cc' | xargs -r clang-format -i

# bench/run.sh builds the release preset itself.
bench: deps
	@if [ -x bench/run.sh ]; then bench/run.sh; \
	 elif [ -f bench/run.sh ]; then bash bench/run.sh; \
	 else echo "bench/run.sh does not exist yet"; fi

clean:
	rm -rf build web/dist
