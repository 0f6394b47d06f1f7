-- The public record browser (/log/records) filters by type and by period and pages newest first. These
-- indexes make each page a bounded index range read, whatever the filter: without them a rare type or
-- an old period would read the whole table for every anonymous request.
CREATE INDEX log_entry_type ON log_entry (type, idx);
CREATE INDEX log_entry_logged_at ON log_entry (logged_at);
