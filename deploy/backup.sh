#!/usr/bin/env bash
# Backs up the database (pg_dump, custom format) and the media files (tar.gz) as one timestamped set, then
# deletes sets older than the retention. Usage:
#   DATABASE_URL=postgres://asean@127.0.0.1:5432/asean MEDIA_ROOT=/srv/asean/media deploy/backup.sh [BACKUP_DIR]
# BACKUP_DIR defaults to /var/backups/asean, BACKUP_RETENTION_DAYS to 14. Writes BACKUP_DIR/asean-<UTC stamp>.dump
# and .media.tar.gz; restore both with deploy/restore.sh. Media on an S3 store are not in MEDIA_ROOT: back the
# bucket up with the store's own versioning or replication (docs/operations.md).
set -euo pipefail

backup_dir=${1:-${BACKUP_DIR:-/var/backups/asean}}
retention_days=${BACKUP_RETENTION_DAYS:-14}
: "${DATABASE_URL:?DATABASE_URL is required}"
: "${MEDIA_ROOT:?MEDIA_ROOT is required}"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
set_prefix="$backup_dir/asean-$stamp"
umask 077  # the dump holds password hashes and API token digests
mkdir -p "$backup_dir"

# Database first, media second: every file the dump refers to is then in the archive (files added in between
# are in it too, harmlessly). pg_dump reads one consistent snapshot while the site keeps running.
# Written under a temporary name, so an interrupted backup never looks like a complete one.
pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$set_prefix.dump.partial"
mv "$set_prefix.dump.partial" "$set_prefix.dump"
tar --create --gzip --file="$set_prefix.media.tar.gz.partial" --directory="$MEDIA_ROOT" .
mv "$set_prefix.media.tar.gz.partial" "$set_prefix.media.tar.gz"

find "$backup_dir" -maxdepth 1 -type f -name 'asean-*' -mmin +$((retention_days * 24 * 60)) -print -delete
echo "$set_prefix.dump"
echo "$set_prefix.media.tar.gz"
