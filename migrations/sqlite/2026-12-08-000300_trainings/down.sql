DROP TABLE training_participants;
DROP TABLE trainings;
