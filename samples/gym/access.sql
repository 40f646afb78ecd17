-- Exempelgymmet: the access and training system (PostgreSQL, database porta_gym). The door
-- system logs check-ins in epoch milliseconds; the smart bikes log readings in epoch seconds
-- with decimal commas. Both know the member by their card, which
-- carries the e-mail, the member number and the register's key.
DROP TABLE IF EXISTS traningsdata;
DROP TABLE IF EXISTS incheckning;
DROP TABLE IF EXISTS kort;

CREATE TABLE kort (
  kort_id       INTEGER PRIMARY KEY,
  medlem_id     INTEGER NOT NULL,        -- the member register's key, written when the card is issued
  medlemsnummer TEXT NOT NULL UNIQUE,
  epost         TEXT NOT NULL,
  utfardat      BIGINT NOT NULL         -- epoch seconds
);

CREATE TABLE incheckning (
  id          BIGINT PRIMARY KEY,
  kort_id     INTEGER NOT NULL REFERENCES kort (kort_id),
  tid_ms      BIGINT NOT NULL,           -- epoch milliseconds
  anlaggning  TEXT NOT NULL,
  dorr        TEXT
);

CREATE TABLE traningsdata (
  id        BIGINT PRIMARY KEY,
  kort_id   INTEGER NOT NULL REFERENCES kort (kort_id),
  matt      BIGINT NOT NULL,             -- epoch seconds
  maskin    TEXT NOT NULL,
  varde     TEXT NOT NULL,               -- decimal comma: '182,5'
  enhet     TEXT NOT NULL                -- W, BPM, KCAL
);

INSERT INTO kort VALUES
  (501, 1, 'M-1001', 'sara.lind@example.se', 1673286120),
  (502, 2, 'M-1002', 'omar.haddad@example.se', 1711847700);

INSERT INTO incheckning VALUES
  (9001, 501, 1740848100123, 'Södermalm', 'Entré A'),
  (9002, 501, 1741020300456, 'Södermalm', NULL),
  (9003, 501, 1749705300789, 'Kungsholmen', 'Entré B'),
  (9004, 502, 1736962200000, 'Södermalm', 'Entré A');

INSERT INTO traningsdata VALUES
  (7001, 501, 1740848700, 'Cykel 12', '182,5', 'W'),
  (7002, 501, 1740848700, 'Cykel 12', '151', 'BPM'),
  (7003, 501, 1740851100, 'Cykel 12', '412,75', 'KCAL'),
  (7004, 502, 1736962800, 'Cykel 3', '210', 'W');
