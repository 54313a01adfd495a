"""Gunicorn for the production profile: `make serve` (deploy/serve.sh) and asean-web.service.

Values come from the environment through cms.settings.env, like the Django settings. Run it as
``python -m gunicorn -c deploy/gunicorn.conf.py cms.wsgi`` from the project directory, so that ``cms`` imports.
"""

import multiprocessing

from cms.settings.env import env_int, env_str

wsgi_app = "cms.wsgi:application"
bind = env_str("WEB_BIND", "127.0.0.1:8000")

# Page rendering is CPU-bound and whole responses are cached, so one sync worker per core plus one to cover a
# worker blocked on the database; past that, workers only compete for the same cores.
workers = env_int("WEB_WORKERS", multiprocessing.cpu_count() + 1)
worker_class = "sync"

# nginx buffers slow clients, so a request holds a worker only while Django works: 60 s is generous for a
# page, and an upload of SHARED_MAX_MEDIA_MB reaches gunicorn only once nginx has received all of it.
timeout = env_int("WEB_TIMEOUT", 60)
graceful_timeout = env_int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# Recycle workers now and then (memory growth in long-lived processes), not all at once.
max_requests = env_int("WEB_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("WEB_MAX_REQUESTS_JITTER", 200)

# Access log on stdout (journald under systemd) with the request id the app answered with (cms.logs: the one
# nginx sent, or a new one), so a line here matches the app's own log lines.
accesslog = "-"
errorlog = "-"
# Behind nginx the peer (%(h)s) is nginx itself: the client's address comes in X-Real-IP.
access_log_format = (
    '%(h)s client=%({x-real-ip}i)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s ref="%(f)s" ua="%(a)s"'
)

# The app trusts X-Forwarded-Proto from nginx only (SECURE_PROXY_SSL_HEADER); nginx runs on this machine.
forwarded_allow_ips = env_str("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: its default path is per user, so two instances (scaling out on one machine) would collide;
# signals (systemctl reload/stop) manage the processes.
control_socket_disable = True
# Each worker imports the app itself, so `systemctl reload asean-web` (HUP) brings in new code.
preload_app = False
