-- Access tokens name their refresh-token family (`sid`) and a gateway refuses those of families
-- revoked within one access-token lifetime (docs/adr/0008-browser-sessions.md). At start, and after
-- a Redis outage in which it may have missed announcements, a gateway reads the families revoked in
-- the last minutes: this index keeps that a range scan, however many rotations the table holds.
CREATE INDEX refresh_sessions_revoked_at_idx ON refresh_sessions (revoked_at);
