#!/usr/bin/env bash
# Restores a set made by deploy/backup.sh into a named database and media directory. Usage:
#   deploy/restore.sh /var/backups/asean/asean-20261126T020000Z \
#       postgres://asean@127.0.0.1:5432/asean_restored /srv/asean/media-restored
# The database is created when missing and must otherwise be empty; the media directory must be missing or
# empty: a restore never overwrites live data. Point DATABASE_URL and MEDIA_ROOT at them (or rename them into
# place) once checked, then run `manage.py migrate` if the code is newer than the backup.
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: $0 BACKUP_SET_PREFIX TARGET_DATABASE_URL TARGET_MEDIA_DIR" >&2
    exit 2
fi
set_prefix=$1 database_url=$2 media_dir=$3
for file in "$set_prefix.dump" "$set_prefix.media.tar.gz"; do
    [[ -f $file ]] || { echo "missing $file" >&2; exit 1; }
done

# postgres://user@host:port/NAME[?params]: the same server's maintenance database creates NAME.
database_name=${database_url##*/}
database_name=${database_name%%\?*}
maintenance_url="${database_url%/*}/postgres"
exists=$(psql --no-psqlrc --tuples-only --no-align --dbname="$maintenance_url" \
    --command="SELECT 1 FROM pg_database WHERE datname = '${database_name//\'/\'\'}'")
if [[ $exists == 1 ]]; then
    tables=$(psql --no-psqlrc --tuples-only --no-align --dbname="$database_url" \
        --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    if [[ $tables != 0 ]]; then
        echo "database $database_name is not empty ($tables tables): refusing to restore over it" >&2
        exit 1
    fi
else
    createdb --maintenance-db="$maintenance_url" "$database_name"
fi
if [[ -d $media_dir && -n $(ls -A "$media_dir") ]]; then
    echo "media directory $media_dir is not empty: refusing to restore over it" >&2
    exit 1
fi

pg_restore --no-owner --no-acl --exit-on-error --jobs=2 --dbname="$database_url" "$set_prefix.dump"
mkdir -p "$media_dir"
tar --extract --gzip --file="$set_prefix.media.tar.gz" --directory="$media_dir"
echo "restored $set_prefix into $database_name and $media_dir"
