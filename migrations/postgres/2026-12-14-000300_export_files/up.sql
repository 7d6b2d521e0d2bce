-- The files of exports run as background jobs (sheets/export.rs): kept in the database so that
-- any instance serves what any instance wrote, for a day (the next export purges older ones),
-- and bounded in size by the job that writes them.
CREATE TABLE export_files (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    content BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX export_files_created_at ON export_files (created_at);
-- Uncompressed out of line: a download reads the file in slices (substr), which PostgreSQL then
-- fetches page by page instead of decompressing the whole value for each slice.
ALTER TABLE export_files ALTER COLUMN content SET STORAGE EXTERNAL;
