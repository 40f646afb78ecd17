-- Exempelbutiken AB: the sample controller's CRM, a PostgreSQL database.
-- Load it with:  psql -d porta_crm -f crm.sql   (scripts/setup.sh does this)
-- Every person here is invented; personnummer carry valid check digits.
BEGIN;
DROP TABLE IF EXISTS event_registrations, preferences, contacts;

CREATE TABLE contacts (
    id            integer PRIMARY KEY,
    personnummer  text,
    email         text NOT NULL,
    phone         text,              -- a household's landline may be shared: not unique
    given_name    text NOT NULL,
    family_name   text NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE preferences (
    id          integer PRIMARY KEY,
    contact_id  integer NOT NULL REFERENCES contacts(id),
    topic       text NOT NULL,
    value       text NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE event_registrations (
    id             integer PRIMARY KEY,
    contact_id     integer NOT NULL REFERENCES contacts(id),
    event          text NOT NULL,
    event_date     date,
    registered_at  timestamptz NOT NULL,
    status         text NOT NULL,
    attended       boolean
);

INSERT INTO contacts VALUES
 (501, '19850312-1231', 'anna.svensson@example.se', '08-555 123 45', 'Anna', 'Svensson', '2021-02-03 10:15:00+01'),
 (502, NULL, 'johan.svensson@example.se', '08-555 123 45', 'Johan', 'Svensson', '2021-03-01 12:00:00+01'),
 (503, '197809213452', 'erik.j@work.example', '+46 70 987 65 43', 'Erik', 'Johansson', '2019-05-05 08:30:00+02'),
 (504, '920704-2343', 'anna.s@example.com', NULL, 'Anna', 'Svensson', '2022-05-21 09:00:00+02');

INSERT INTO preferences VALUES
 (1, 501, 'friluftsliv', 'tält och vandring', '2023-04-01 10:00:00+02'),
 (2, 502, 'friluftsliv', 'fiske', '2023-04-02 10:00:00+02'),
 (3, 503, 'paddling', 'kajak', '2024-05-01 07:00:00+02');

INSERT INTO event_registrations VALUES
 (71, 501, 'Vandringskväll i Tyresta', '2024-05-18', '2024-04-20 19:30:00+02', 'confirmed', true),
 (72, 503, 'Paddelkurs Vättern', '2024-06-08', '2024-05-02 12:00:00+02', 'cancelled', false),
 (73, 504, 'Bokcirkel', '2025-02-01', '2025-01-10 18:00:00+01', 'confirmed', NULL);
COMMIT;
