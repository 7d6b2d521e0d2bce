DROP TABLE incident_actions;
DROP TABLE incidents;
