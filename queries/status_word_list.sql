-- One row per status word, in display order.

select status from status_words order by status_order;
