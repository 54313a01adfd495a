#!/usr/bin/env bash
# `make serve`: the production profile on one machine: gunicorn and the scheduler (run_aggregator) as two
# processes, on PostgreSQL and Redis, at http://127.0.0.1:8000/. Every default below can be overridden from the
# environment (or from an env file: `set -a; . /etc/asean/asean.env; set +a` first). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

python=.venv/bin/python
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-cms.settings.production}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/asean}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/1}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export WEB_BIND=${WEB_BIND:-127.0.0.1:8000}
# Plain HTTP on loopback, no nginx in front: no redirect to https:// (HSTS and secure cookies stay on;
# browsers treat 127.0.0.1 and localhost as secure origins).
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-off}

if [[ -z "${SECRET_KEY:-}" ]]; then
    # Generated once and kept, so sessions survive a restart; data/ is git-ignored.
    key_file=data/secret-key
    if [[ ! -s $key_file ]]; then
        mkdir -p data
        (umask 077 && "$python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file")
    fi
    SECRET_KEY=$(<"$key_file")
    export SECRET_KEY
fi

"$python" deploy/ensure_database.py
"$python" manage.py migrate --noinput
"$python" manage.py collectstatic --noinput --verbosity 0
"$python" manage.py bootstrap ${DEMO:+--demo}

# Each in a process group of its own (job control): Ctrl-C reaches this script only, which stops both
# gracefully below, instead of gunicorn's workers dropping the requests in hand.
set -m
"$python" -m gunicorn -c deploy/gunicorn.conf.py &
web=$!
"$python" manage.py run_aggregator &
scheduler=$!

stop() {
    kill -TERM "$web" "$scheduler" 2>/dev/null || true
}
stop_requested=0
on_signal() {
    stop_requested=1
    stop
}
trap on_signal INT TERM

# Whichever ends first (Ctrl-C or a crash) takes the other down with it; both finish the work in hand
# (gunicorn its requests, the scheduler its running jobs) before they exit.
status=0
wait -n "$web" "$scheduler" || status=$?
stop
wait "$web" "$scheduler" 2>/dev/null || true
if ((stop_requested)); then
    exit 0
fi
echo "serve: a process ended on its own (status $status); stopped the other" >&2
exit $((status ? status : 1))
