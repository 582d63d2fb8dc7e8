-- The application's own role: owns its database, is not a superuser (production refuses one).
CREATE ROLE baove LOGIN PASSWORD 'baove';
CREATE DATABASE baove OWNER baove;
