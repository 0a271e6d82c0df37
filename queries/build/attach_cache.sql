-- Attaches the cache file $path (a database built by dashboard/db.py) read-only to a reading
-- connection as `cache`; expose_cache.sql then shows its objects under their own names.

attach $path as cache (read_only);
