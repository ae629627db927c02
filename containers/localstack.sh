#!/usr/bin/env bash
# npm run container:localstack
# Builds the CPU trainer image, starts LocalStack (S3), creates a bucket, runs one small training in
# the container with the Batch job definition's exact command line, and checks the outputs.
# Without a running Docker engine it says so and exits 3.
set -euo pipefail

cd "$(dirname "$0")/.."
IMAGE="${DEEPASTRO_TRAINER_IMAGE:-deepastro-uda-trainer-cpu:local}"
LOCALSTACK_IMAGE="${LOCALSTACK_IMAGE:-localstack/localstack:4.4}"
SUFFIX="$$"
NETWORK="deepastro-localstack-$SUFFIX"
LOCALSTACK="deepastro-localstack-$SUFFIX"
BUCKET="deepastro-localstack"
RUN_ID="localstack-run"
ENDPOINT="http://$LOCALSTACK:4566"
AWS_ENV=(-e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_REGION=us-east-1)

say() { printf 'container:localstack: %s\n' "$*" >&2; }

if ! command -v docker >/dev/null 2>&1; then
  say "no docker client on PATH; install Docker to run this check. Nothing was built."
  exit 3
fi
if ! docker_error="$(docker info 2>&1 >/dev/null)"; then
  say "Docker is installed but no engine answers (docker info: ${docker_error%%$'\n'*})."
  say "Start the Docker daemon (or Docker Desktop) and run it again. Nothing was built."
  exit 3
fi

cleanup() {
  docker rm -f "$LOCALSTACK" >/dev/null 2>&1 || true
  docker network rm "$NETWORK" >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "building $IMAGE from containers/trainer-cpu/Dockerfile"
docker build -f containers/trainer-cpu/Dockerfile -t "$IMAGE" .

say "starting $LOCALSTACK_IMAGE"
docker network create "$NETWORK" >/dev/null
docker run -d --name "$LOCALSTACK" --network "$NETWORK" -e SERVICES=s3 "$LOCALSTACK_IMAGE" >/dev/null
for attempt in $(seq 1 60); do
  if docker exec "$LOCALSTACK" curl -sf http://localhost:4566/_localstack/health 2>/dev/null |
    grep -Eq '"s3": *"(available|running)"'; then
    break
  fi
  if [ "$attempt" = 60 ]; then say "LocalStack did not become healthy within 60 s"; exit 1; fi
  sleep 1
done

say "creating s3://$BUCKET and writing the run config"
docker exec "$LOCALSTACK" awslocal s3 mb "s3://$BUCKET" >/dev/null
# The config as `cloud start` sends it and ResolveRelease writes it: resolved, under runs/<runId>/.
npx tsx -e "
  import { readCloudRunConfig } from './src/cloud/run-config-file';
  readCloudRunConfig('containers/tiny-run-config.json').then((config) => console.log(JSON.stringify(config, null, 2)));
" >"${TMPDIR:-/tmp}/deepastro-localstack-config.json"
MEMBERS="$(node -e "console.log(require(process.argv[1]).ensemble.members)" "${TMPDIR:-/tmp}/deepastro-localstack-config.json")"
docker exec -i "$LOCALSTACK" awslocal s3 cp - "s3://$BUCKET/runs/$RUN_ID/config.json" \
  <"${TMPDIR:-/tmp}/deepastro-localstack-config.json"

# The job definition's command with Batch's parameters substituted, read from the synthesized construct.
mapfile -t ARGS < <(npx tsx containers/batch-job-command.ts "s3://$BUCKET" "$RUN_ID")

for member in $(seq 0 $((MEMBERS - 1))); do
  say "training member $member: deepastro-uda train ${ARGS[*]}"
  docker run --rm --network "$NETWORK" "${AWS_ENV[@]}" -e AWS_ENDPOINT_URL="$ENDPOINT" \
    -e LOG_LEVEL=info -e AWS_BATCH_JOB_ARRAY_INDEX="$member" -e AWS_BATCH_JOB_ATTEMPT=1 \
    "$IMAGE" "${ARGS[@]}"
done

say "checking the outputs"
listing="$(docker exec "$LOCALSTACK" awslocal s3 ls --recursive "s3://$BUCKET/runs/$RUN_ID/")"
missing=0
for member in $(seq 0 $((MEMBERS - 1))); do
  for key in history.json predictions.arrow model/model.json checkpoint/latest.json; do
    if ! grep -q "runs/$RUN_ID/members/$member/$key\$" <<<"$listing"; then
      say "missing s3://$BUCKET/runs/$RUN_ID/members/$member/$key"
      missing=1
    fi
  done
done
if [ "$missing" = 1 ]; then exit 1; fi
printf '%s\n' "$listing"
say "OK: $MEMBERS member(s) trained in $IMAGE against LocalStack S3"
