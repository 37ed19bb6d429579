# ledgerbench: `make run` runs a real benchmark on an embedded PostgreSQL; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

SPEC ?= manifests/examples/local-postgres.yaml
ARGS ?=
# Images: where `make images` pushes them and what `make helm-install` deploys.
REGISTRY ?= ghcr.io/ledgerbench
IMAGE_TAG ?= 0.1.0
# `make example`: the BenchmarkRun applied to the current cluster.
EXAMPLE ?= manifests/examples/postgresql-fair.yaml
TF_ARGS ?=
LOADGEN_JAR := loadgen/target/ledgerbench-loadgen.jar

JDK := $(shell scripts/find-jdk)
ifeq ($(JDK),)
$(error no JDK >= 21 found; see the message above)
endif
export JAVA_HOME := $(JDK)
MVN := ./mvnw -B -ntp
# JDK 24+ warns when netty uses sun.misc.Unsafe; allow it quietly where the flag exists. Netty's native
# epoll transport loads a JNI library, which JDK 24+ also warns about unless native access is enabled.
JAVA_OPTS ?= --enable-native-access=ALL-UNNAMED \
             $(shell $(JAVA_HOME)/bin/java --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 \
               && echo --sun-misc-unsafe-memory-access=allow)

.PHONY: help run test build compare validate crds manifests dashboards bench-client-diagnosis images helm-install eks-up eks-down example bench-client bench-modes bench-distance bench-replication bench-tigerbeetle bench-generator bench-engines clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

run: build ## run SPEC (default: the embedded PostgreSQL example) and print the results table
	$(JAVA_HOME)/bin/java $(JAVA_OPTS) -jar $(LOADGEN_JAR) run $(SPEC) $(ARGS)

compare: build ## run the BenchmarkComparison SPEC (e.g. manifests/examples/local-postgres-modes.yaml): table, ratios, verdict, report.html
	$(JAVA_HOME)/bin/java $(JAVA_OPTS) -jar $(LOADGEN_JAR) compare $(SPEC) $(ARGS)

validate: build ## check SPEC and print it with defaults filled in
	$(JAVA_HOME)/bin/java $(JAVA_OPTS) -jar $(LOADGEN_JAR) validate $(SPEC)

test: ## run every test (then name every skipped one and why)
	$(MVN) verify
	@scripts/report-skipped

crds: ## regenerate crds/ (and the chart's copy) from the BenchmarkRun and BenchmarkComparison API types (a test fails while stale)
	$(MVN) -q install -DskipTests -pl loadgen -am
	$(MVN) -q test -pl operator -Dtest=CrdFileTest -Dsurefire.failIfNoSpecifiedTests=false -Dledgerbench.updateCrds=true

manifests: crds ## re-render manifests/install.yaml from helm/ledgerbench (a test fails while it is stale)
	$(MVN) -q test -pl operator -Dtest=InstallManifestTest#theCommittedInstallManifestIsTheRenderedChart -Dsurefire.failIfNoSpecifiedTests=false -Dledgerbench.updateManifests=true

dashboards: ## regenerate dashboards/ledgerbench.json (and the chart's copy) from its source (a test fails while stale)
	$(MVN) -q install -DskipTests -pl loadgen -am
	$(MVN) -q test -pl operator -Dtest=DashboardFileTest -Dsurefire.failIfNoSpecifiedTests=false -Dledgerbench.updateDashboards=true

build: ## build the load generator (no tests)
	$(MVN) -q package -DskipTests -pl loadgen -am

bench-client: build ## loadgen vs pgbench on the same transfer function, both pinned alike: one shared CPU, then split CPUs (figures -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-client

bench-client-diagnosis: build ## at 1 connection, per placement and unpinned: client and server CPU per transfer, CPU migrations (/proc; -> docs/benchmarks.md)
	DIAGNOSE=1 JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-client

bench-modes: build ## the four PostgreSQL modes on 10 hot accounts, pool 1/4/16/64 (figures -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-modes

bench-tigerbeetle: build ## loadgen vs `tigerbeetle benchmark` on one replica (needs a tigerbeetle binary; figures -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-tigerbeetle

bench-generator: build ## the load generator's own ceiling: no database, one core, closed and open loop (figures -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-generator

bench-engines: build ## 3 local TigerBeetle replicas vs local 3-node PostgreSQL in each mode, equal durability (needs tigerbeetle; -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-engines

bench-distance: build ## the batching article at 0 and 10 ms client round trip: interactive, procedure, batched on 1 and 16 connections; clusters 1 ms apart; as root in network namespaces, EMULATION=relays without root (-> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-distance

bench-replication: build ## local 3-node PostgreSQL: each synchronous_commit level, quorum k = 1 vs 2 (figures -> docs/benchmarks.md)
	JAVA_OPTS="$(JAVA_OPTS)" scripts/bench-replication

images: ## build and push the operator and load-generator images to REGISTRY with Jib (no Docker daemon; log in to the registry first)
	$(MVN) -q install -DskipTests -pl loadgen -am
	$(MVN) -q jib:build -pl loadgen -Dloadgen.image=$(REGISTRY)/loadgen:$(IMAGE_TAG)
	$(MVN) -q package -DskipTests -pl operator -Dquarkus.container-image.build=true \
	  -Dquarkus.container-image.push=true -Dquarkus.container-image.image=$(REGISTRY)/operator:$(IMAGE_TAG)
	@echo "pushed $(REGISTRY)/loadgen:$(IMAGE_TAG) and $(REGISTRY)/operator:$(IMAGE_TAG)"

helm-install: ## install or upgrade the operator (helm/ledgerbench) in the current kubectl context
	helm upgrade --install ledgerbench helm/ledgerbench --namespace ledgerbench-system --create-namespace \
	  --set image.repository=$(REGISTRY)/operator --set image.tag=$(IMAGE_TAG) --wait

eks-up: ## create the EKS cluster of eks-terraform/ and point kubectl at it (costs money: docs/cloud.md)
	cd eks-terraform && terraform init -input=false && terraform apply -var ledgerbench_image_repository=$(REGISTRY)/operator \
	  -var ledgerbench_image_tag=$(IMAGE_TAG) $(TF_ARGS)
	$$(cd eks-terraform && terraform output -raw kubeconfig_command)

eks-down: ## delete every BenchmarkRun, then destroy the EKS cluster (docs/cloud.md, Teardown)
	-kubectl delete benchmarkruns --all --all-namespaces --wait=true
	cd eks-terraform && terraform destroy -var ledgerbench_image_repository=$(REGISTRY)/operator \
	  -var ledgerbench_image_tag=$(IMAGE_TAG) $(TF_ARGS)

example: ## apply EXAMPLE (its load generators from REGISTRY) to the current cluster and watch it until Ctrl-C
	sed 's#^  loadgen:$$#  loadgen:\n    image: $(REGISTRY)/loadgen:$(IMAGE_TAG)#' $(EXAMPLE) | kubectl apply -f -
	kubectl get benchmarkruns --watch

clean: ## remove build output (results/ stays)
	$(MVN) -q clean
