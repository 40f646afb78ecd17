-- Nybutiken AB, a shop that receives customers moving from another company (GDPR Art. 20(2)).
-- Its own schema, in SQLite: Swedish names, money in öre, local Stockholm times, its own
-- order status codes. Porta adds its link table and table of bundles beside these
-- (formats/receiver-tables.md). The same schema for PostgreSQL is schema-postgresql.sql.
CREATE TABLE kund (
  kund_id    INTEGER PRIMARY KEY,
  fornamn    TEXT,
  efternamn  TEXT,
  fodd       TEXT,                -- yyyy-MM-dd
  sprak      TEXT
);

CREATE TABLE kund_epost (
  id       INTEGER PRIMARY KEY,
  kund_id  INTEGER NOT NULL REFERENCES kund (kund_id),
  epost    TEXT NOT NULL UNIQUE
);

CREATE TABLE kund_adress (
  id        INTEGER PRIMARY KEY,
  kund_id   INTEGER NOT NULL REFERENCES kund (kund_id),
  gata      TEXT NOT NULL,
  postnr    TEXT,
  ort       TEXT,
  land      TEXT NOT NULL
);

CREATE TABLE kundorder (
  order_id       INTEGER PRIMARY KEY,
  kund_id        INTEGER NOT NULL REFERENCES kund (kund_id),
  ordernummer    TEXT NOT NULL,
  lagd           TEXT NOT NULL,    -- local time, Europe/Stockholm, 'yyyy-MM-dd HH:mm:ss'
  status         TEXT,             -- MOT placed, LEV delivered, SKI shipped, MAK cancelled
  summa_ore      INTEGER,
  valuta         TEXT,
  leveransadress INTEGER REFERENCES kund_adress (id)
);

CREATE TABLE orderrad (
  id           INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES kundorder (order_id),
  radnummer    INTEGER NOT NULL,
  artikel      TEXT,
  beskrivning  TEXT NOT NULL,
  antal        INTEGER NOT NULL,
  styckpris_ore INTEGER NOT NULL,
  valuta       TEXT NOT NULL
);
