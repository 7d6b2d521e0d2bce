DROP TABLE year_end_reminders;
DROP TABLE year_end_deadlines;
DROP TABLE year_end_versions;
DROP TABLE year_end_signatures;
DROP TABLE year_end_reports;
