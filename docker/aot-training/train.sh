#!/usr/bin/env bash
# Trains the JDK AOT cache (JDK 25: the classes loaded and linked, and the methods' profiles) with
# a run that serves what a new replica serves first. The service starts with -XX:AOTCacheOutput,
# answers one lookup for each vendor and the two probes, and stops; the JVM writes the cache as it
# exits. Every account of application.yaml here points at WireMock on loopback, which answers as
# the compose sandbox's vendors do (docker/vendors), so nothing leaves the machine and each lookup
# is answered as in production, loading and profiling what an answer takes: the server's classes,
# the security chain's, the HTTP client's, each vendor's reading of its answer. Training only to
# the context's refresh left all of those to the first lookup, which read them from the jar;
# trained on lookups that failed (no vendor listening), a replica reached its first answer about
# 0.1 s later (docs/performance.md).
#   JAVA_OPTS="..." AOT_TRAINING_WIREMOCK=wiremock-standalone.jar train.sh JAR CACHE
#   AOT_TRAINING_PORT: where the service listens (8080); AOT_TRAINING_VENDOR_PORT: where WireMock
#   does (8089); AOT_TRAINING_WAIT: seconds either may take to start (300)
# docker/Dockerfile trains the image's cache with it, and src/benchmark/run the caches it measures.
set -euo pipefail
jar=$1 cache=$2
port=${AOT_TRAINING_PORT:-8080}
wiremock=${AOT_TRAINING_WIREMOCK:?"set AOT_TRAINING_WIREMOCK to WireMock's standalone jar, which answers as the vendors"}
export AOT_TRAINING_VENDOR_PORT=${AOT_TRAINING_VENDOR_PORT:-8089}
wait_seconds=${AOT_TRAINING_WAIT:-300}
here=$(cd "$(dirname "$0")" && pwd)

rm -f "$cache"
java -jar "$wiremock" --bind-address 127.0.0.1 --port "$AOT_TRAINING_VENDOR_PORT" \
	--root-dir "$here/../vendors" --disable-banner --no-request-journal >/dev/null &
vendors=$! service=""
# a run that did not finish writes no cache
trap 'kill -KILL $service $vendors 2>/dev/null; wait $service $vendors 2>/dev/null || true' EXIT
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java ${JAVA_OPTS:-} -XX:AOTCacheOutput="$cache" -jar "$jar" \
	--spring.config.additional-location="file:$here/application.yaml" \
	--server.address=127.0.0.1 --server.port="$port" &
service=$!

# request PATH [PORT]: sets status (the status line) and code, over bash's own TCP (the image has
# no HTTP client); fails while nothing listens
request() {
	status="" code=""
	exec 3<>"/dev/tcp/127.0.0.1/${2:-$port}" || return 1
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: aot-training-key\r\nConnection: close\r\n\r\n' "$1" >&3
	IFS= read -r -t 60 status <&3 || true
	while IFS= read -r -t 60 _ <&3; do :; done
	exec 3<&-
	status=${status%$'\r'}
	code=${status#* } code=${code%% *}
}

deadline=$((SECONDS + wait_seconds))
until request /actuator/health/liveness 2>/dev/null && [ -n "$code" ] && [ "$code" != 503 ]; do
	kill -0 "$service" 2>/dev/null || { echo "the training run stopped before it served" >&2; exit 1; }
	[ "$SECONDS" -lt "$deadline" ] || { echo "the training run did not answer within $wait_seconds s" >&2; exit 1; }
	sleep 0.2
done
echo "$status /actuator/health/liveness"
until request /__admin/health "$AOT_TRAINING_VENDOR_PORT" 2>/dev/null && [ "$code" = 200 ]; do
	kill -0 "$vendors" 2>/dev/null || { echo "WireMock stopped before it served" >&2; exit 1; }
	[ "$SECONDS" -lt "$deadline" ] || { echo "WireMock did not answer within $wait_seconds s" >&2; exit 1; }
	sleep 0.2
done
for business in %2B14155550100 %2B14155550101 %2B6560000001 %2B912012345472; do
	lookup="/call-permissions?businessNumber=$business&userNumber=%2B13057765401"
	request "$lookup"
	echo "$status $lookup"
	# anything but an answer means the training configuration no longer fits the service or
	# the vendors' stubs
	[ "$code" = 200 ] || { echo "the lookup was answered $code, not 200" >&2; exit 1; }
done
request /actuator/health/readiness
echo "$status /actuator/health/readiness"

kill -TERM "$service"
exit_status=0
wait "$service" || exit_status=$?
kill -TERM "$vendors"
wait "$vendors" 2>/dev/null || true
trap - EXIT
# 143: the JVM's exit on SIGTERM, once it has written the cache
[ "$exit_status" -eq 0 ] || [ "$exit_status" -eq 143 ] || { echo "the training run exited with $exit_status" >&2; exit 1; }
[ -s "$cache" ] || { echo "the training run wrote no AOT cache" >&2; exit 1; }
