-- Exempelgymmet: the member register (SQLite, samples/gym/members.sqlite). Swedish column
-- names, money in öre, local Stockholm times written as text, plan and status codes of its
-- own, a booking time in epoch seconds, payment days as dd.MM.yyyy.
CREATE TABLE medlem (
  medlem_id     INTEGER PRIMARY KEY,
  medlemsnummer TEXT NOT NULL UNIQUE,
  fornamn       TEXT NOT NULL,
  efternamn     TEXT NOT NULL,
  epost         TEXT NOT NULL,
  mobil         TEXT,
  personnummer  TEXT,
  sprak         TEXT,
  registrerad   TEXT NOT NULL            -- local time, Europe/Stockholm, 'yyyy-MM-dd HH:mm'
);

CREATE TABLE medlemskap (
  id               INTEGER PRIMARY KEY,
  medlem_id        INTEGER NOT NULL REFERENCES medlem (medlem_id),
  plan             TEXT NOT NULL,        -- GULD, SILVER, STUDENT
  startdatum       TEXT NOT NULL,        -- yyyy-MM-dd
  slutdatum        TEXT,
  manadsavgift_ore INTEGER NOT NULL,     -- öre
  autogiro         INTEGER NOT NULL      -- 0/1
);

CREATE TABLE bokning (
  id         INTEGER PRIMARY KEY,
  medlem_id  INTEGER NOT NULL REFERENCES medlem (medlem_id),
  pass       TEXT NOT NULL,
  pass_start TEXT NOT NULL,              -- local time, Europe/Stockholm
  status     TEXT NOT NULL,              -- B booked, A cancelled, U no-show
  bokad      INTEGER NOT NULL            -- epoch seconds
);

CREATE TABLE betalning (
  id            INTEGER PRIMARY KEY,
  medlem_id     INTEGER NOT NULL REFERENCES medlem (medlem_id),
  medlemskap_id INTEGER REFERENCES medlemskap (id),
  belopp_ore    INTEGER NOT NULL,
  valuta        TEXT NOT NULL,
  betald        TEXT NOT NULL,           -- dd.MM.yyyy
  avser         TEXT NOT NULL            -- avgift, pt, butik
);

INSERT INTO medlem VALUES
  (1, 'M-1001', 'Sara', 'Lind', 'sara.lind@example.se', '070-111 22 33', '19900314-2388', 'sv', '2023-01-09 18:42'),
  (2, 'M-1002', 'Omar', 'Haddad', 'omar.haddad@example.se', '0702223344', '198805177717', 'sv', '2024-03-31 03:15'),
  (3, 'M-1003', 'Lena', 'Berg', 'lena.berg@example.se', NULL, NULL, 'en', '2024-08-20 07:05');

INSERT INTO medlemskap VALUES
  (11, 1, 'GULD', '2023-01-09', NULL, 59900, 1),
  (12, 1, 'STUDENT', '2021-09-01', '2022-12-31', 29900, 0),
  (13, 2, 'SILVER', '2024-04-01', NULL, 44900, 1),
  (14, 3, 'SILVER', '2024-08-20', '2025-08-19', 44900, 0);

INSERT INTO bokning VALUES
  (101, 1, 'Spinning 45', '2024-10-27 02:30', 'B', 1729900800),
  (102, 1, 'Yoga', '2025-03-04 18:00', 'A', 1740800000),
  (103, 1, 'Crossfit', '2025-06-12 07:15', 'U', 1749500000),
  (104, 2, 'Spinning 45', '2025-01-15 17:30', 'B', 1736800000);

INSERT INTO betalning VALUES
  (201, 1, 11, 59900, 'SEK', '28.02.2025', 'avgift'),
  (202, 1, 11, 59900, 'SEK', '31.03.2025', 'avgift'),
  (203, 1, NULL, 85000, 'SEK', '04.04.2025', 'pt'),
  (204, 1, NULL, -1990, 'SEK', '05.04.2025', 'butik'),
  (205, 2, 13, 44900, 'SEK', '30.04.2024', 'avgift');
