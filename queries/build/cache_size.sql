-- One row: the block size and block count of the attached cache database (a file shorter than its
-- blocks is truncated: see dashboard/db.py).

select block_size, total_blocks
from pragma_database_size()
where database_name = 'cache';
