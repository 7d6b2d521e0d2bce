DROP TABLE jobs;
DROP TABLE needs;
DROP TABLE cultivation_records;
DROP TABLE pairing_events;
DROP TABLE pairing_members;
DROP TABLE pairings;
DROP TABLE offers;
DROP TABLE organizations;
