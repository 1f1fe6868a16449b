#!/usr/bin/env bash
# Trains the JDK AOT cache (JDK 25: the classes loaded and linked, and the methods' profiles) with
# a run that serves what a new replica serves first. The service starts with -XX:AOTCacheOutput,
# answers one lookup for each vendor and the two probes, and stops; the JVM writes the cache as it
# exits. The vendors are unreachable (an image is built without a network), so each lookup ends as
# a problem response, having loaded nearly every class an answer does: the server's, the security
# chain's, the HTTP client's. Training only to the context's refresh left all of those to the
# first lookup, which then read them from the jar.
#   JAVA_OPTS="..." train.sh JAR CACHE      (AOT_TRAINING_PORT: where it listens, 8080)
# docker/Dockerfile trains the image's cache with it, and src/benchmark/run the cache it measures.
set -euo pipefail
jar=$1 cache=$2
port=${AOT_TRAINING_PORT:-8080}
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java ${JAVA_OPTS:-} -XX:AOTCacheOutput="$cache" -jar "$jar" \
	--spring.config.additional-location="file:$here/application.yaml" \
	--server.address=127.0.0.1 --server.port="$port" &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT

# get PATH: the response's status line, over bash's own TCP (the image has no HTTP client)
get() {
	local status
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: aot-training-key\r\nConnection: close\r\n\r\n' "$1" >&3
	IFS= read -r status <&3 || status=""
	cat <&3 >/dev/null
	exec 3<&-
	echo "${status%$'\r'} $1"
}

for _ in $(seq 600); do
	get /actuator/health/liveness 2>/dev/null && break
	kill -0 "$service" 2>/dev/null || { echo "the training run stopped before it served" >&2; exit 1; }
	sleep 0.2
done
for business in %2B14155550100 %2B14155550101 %2B6560000001 %2B912012345472; do
	get "/call-permissions?businessNumber=$business&userNumber=%2B13057765401"
done
get /actuator/health/readiness

kill -TERM "$service"
wait "$service" || true
trap - EXIT
[ -s "$cache" ] || { echo "the training run wrote no AOT cache" >&2; exit 1; }
