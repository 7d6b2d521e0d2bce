DROP TABLE audit_events;
DROP TABLE api_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE east_west_pairs;
DROP TABLE counties;
DROP TABLE provinces;
