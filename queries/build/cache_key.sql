-- One row: the fingerprint of the files a cached database was built from (see dashboard/db.py).

select key from cache_key;
