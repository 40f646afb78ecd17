-- Exempelbutiken AB: the sample controller's web shop database.
-- Build it with:  sqlite3 shop.sqlite < shop.sql   (scripts/build-samples.sh does this)
-- Every person, address, phone number and personnummer here is invented; the personnummer
-- carry valid check digits so that Porta's validation accepts them.
PRAGMA foreign_keys = ON;
BEGIN;

CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    customer_number TEXT NOT NULL UNIQUE,
    given_name      TEXT NOT NULL,
    family_name     TEXT NOT NULL,
    email           TEXT NOT NULL,
    phone           TEXT,
    personnummer    TEXT,
    birth_date      TEXT,
    language        TEXT,
    created_at      TEXT NOT NULL
);

CREATE TABLE addresses (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    use         TEXT NOT NULL,
    street      TEXT NOT NULL,
    extended    TEXT,
    postal_code TEXT,
    city        TEXT,
    country     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE orders (
    id                  INTEGER PRIMARY KEY,
    customer_id         INTEGER NOT NULL REFERENCES customers(id),
    order_number        TEXT NOT NULL UNIQUE,
    placed_at           TEXT NOT NULL,
    status              TEXT NOT NULL,
    total               TEXT NOT NULL,   -- exact decimal, never REAL
    currency            TEXT NOT NULL,
    delivery_address_id INTEGER REFERENCES addresses(id)
);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    line_no     INTEGER NOT NULL,
    sku         TEXT,
    description TEXT NOT NULL,
    quantity    INTEGER NOT NULL,
    unit_price  TEXT NOT NULL,
    currency    TEXT NOT NULL
);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    sku          TEXT NOT NULL,
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title        TEXT,
    body         TEXT,
    published_at TEXT NOT NULL
);

CREATE TABLE return_uploads (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    file_name    TEXT NOT NULL,
    media_type   TEXT,
    content      BLOB NOT NULL,
    uploaded_at  TEXT NOT NULL
);

CREATE TABLE newsletter_consents (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    purpose      TEXT NOT NULL,
    status       TEXT NOT NULL,
    channel      TEXT,
    given_at     TEXT,
    withdrawn_at TEXT
);

-- Segments bought from a data broker: acquired, processed under legitimate interest,
-- kept at most one year (valid_until).
CREATE TABLE marketing_segments (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    segment     TEXT NOT NULL,
    broker      TEXT NOT NULL,
    acquired_at TEXT NOT NULL,
    valid_until TEXT NOT NULL
);

-- Cookie and IP log of logged-in visits: observed data.
CREATE TABLE web_log (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    cookie_id   TEXT NOT NULL,
    ip          TEXT NOT NULL,
    user_agent  TEXT,
    path        TEXT,
    occurred_at TEXT NOT NULL
);

-- The indexes a real shop has: every table by its customer, order lines by their order, and each
-- identifier column as Porta's subject lookup spells it (separators removed, e-mail case-folded;
-- docs/porta-yml.md), so finding one person and their rows reads a few pages, not every table.
CREATE INDEX addresses_customer ON addresses (customer_id);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX order_lines_order ON order_lines (order_id);
CREATE INDEX reviews_customer ON reviews (customer_id);
CREATE INDEX return_uploads_customer ON return_uploads (customer_id);
CREATE INDEX newsletter_consents_customer ON newsletter_consents (customer_id);
CREATE INDEX marketing_segments_customer ON marketing_segments (customer_id);
CREATE INDEX web_log_customer ON web_log (customer_id);
CREATE INDEX customers_email ON customers (lower(trim("email")));
CREATE INDEX customers_personnummer ON customers (replace(replace(trim("personnummer"), '-', ''), '+', ''));
CREATE INDEX customers_customer_number ON customers (trim("customer_number"));
CREATE INDEX customers_phone ON customers (replace(replace(replace(replace(replace(replace(replace(trim("phone"), '(0)', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''));

-- Two people called Anna Svensson (1 and 2): different e-mail, phone and personnummer.
-- They must never be merged. Erik Johansson has two accounts (3 and 7), an old and a new
-- e-mail address, joined only by his personnummer. Fatima has a samordningsnummer; Lars,
-- born 1920, writes his personnummer with '+'.
INSERT INTO customers VALUES
 (1, 'K-1001', 'Anna', 'Svensson', 'anna.svensson@example.se', '070-123 45 67', '19850312-1231', '1985-03-12', 'sv', '2021-02-03 09:15:00'),
 (2, 'K-1002', 'Anna', 'Svensson', 'Anna.S@Example.COM', '+46 73 555 12 34', '920704-2343', '1992-07-04', 'sv', '2022-05-20 18:40:12'),
 (3, 'K-1003', 'Erik', 'Johansson', 'erik.johansson@example.se', '+46 (0)70 987 65 43', '197809213452', '1978-09-21', 'sv', '2023-01-09 11:00:00'),
 (4, 'K-1004', 'Fatima', 'Al-Hassan', 'fatima@example.org', '0046 8 123 456 78', '900575-4560', '1990-05-15', 'en', '2022-11-30 08:05:00'),
 (5, 'K-1005', 'Lars', 'Öberg', 'lars.oberg@example.se', NULL, '201105+5676', '1920-11-05', 'sv', '2020-06-01 12:00:00'),
 (6, 'K-1006', 'Maja', 'Lind', 'maja.lind@example.net', '076-111 22 33', '20010228-6788', '2001-02-28', 'en-GB', '2024-03-14 16:20:00'),
 (7, 'K-0417', 'Erik', 'Johansson', 'erik@old-mail.example', NULL, '780921-3452', NULL, 'sv', '2016-04-02 10:10:10'),
 -- Two people whose personnummer was entered as one (a data-entry error real registers hold):
 -- the same number once written in full and once with + for a 100-year-old. Porta must not
 -- join them without a person deciding (an identity conflict).
 (8, 'K-1008', 'Tove', 'Berg', 'tove.berg@example.se', NULL, '19121212-1212', '1912-12-12', 'sv', '2019-08-01 10:00:00'),
 (9, 'K-1009', 'Nils', 'Holm', 'nils.holm@example.net', '070-555 66 77', '121212+1212', NULL, 'sv', '2020-02-02 14:30:00');

INSERT INTO addresses VALUES
 (11, 1, 'home', 'Storgatan 1', NULL, '111 22', 'Stockholm', 'SE', '2021-02-03 09:15:00'),
 (12, 1, 'delivery', 'Kungsgatan 12', 'c/o Berg', '411 19', 'Göteborg', 'se', '2023-06-10 10:00:00'),
 (21, 2, 'home', 'Lilla Torg 3', 'lgh 1102', '211 34', 'Malmö', 'SE', '2022-05-20 18:40:12'),
 (31, 3, 'home', 'Vasagatan 5', NULL, '753 20', 'Uppsala', 'SE', '2023-01-09 11:00:00'),
 (41, 4, 'home', 'Rue de la Paix 7', NULL, '75002', 'Paris', 'FR', '2022-11-30 08:05:00'),
 (51, 5, 'home', 'Skolvägen 9', NULL, '931 30', 'Skellefteå', 'SE', '2020-06-01 12:00:00'),
 (61, 6, 'home', '221B Baker Street', NULL, 'NW1 6XE', 'London', 'GB', '2024-03-14 16:20:00'),
 (71, 7, 'home', 'Gamla vägen 2', NULL, '752 36', 'Uppsala', 'SE', '2016-04-02 10:10:10'),
 (81, 8, 'home', 'Ängsvägen 4', NULL, '702 10', 'Örebro', 'SE', '2019-08-01 10:00:00'),
 (91, 9, 'home', 'Hamngatan 20', NULL, '852 30', 'Sundsvall', 'SE', '2020-02-02 14:30:00');

INSERT INTO orders VALUES
 (1001, 1, 'EB-2023-0001', '2023-06-10 10:05:00', 'delivered', '1048.00', 'SEK', 12),
 (1002, 1, 'EB-2024-0107', '2024-11-29T07:30:00+01:00', 'delivered', '0.10', 'SEK', 11),
 (1003, 2, 'EB-2024-0200', '2024-12-01 20:00:00', 'cancelled', '249.50', 'SEK', 21),
 (1004, 3, 'EB-2025-0003', '2025-01-15 09:00:00', 'delivered', '3990.00', 'SEK', 31),
 (1005, 7, 'EB-2016-0042', '2016-05-01 14:00:00', 'delivered', '199', 'SEK', 71),
 (1006, 4, 'EB-2025-0150', '2025-03-02 12:12:12', 'shipped', '89.90', 'EUR', 41),
 (1007, 6, 'EB-2025-0301', '2025-04-01 08:00:00', 'delivered', '45.00', 'GBP', 61);

INSERT INTO order_lines VALUES
 (1, 1001, 1, 'TNT-2P', 'Tält "Fjällräven" 2 personer', 1, '999.00', 'SEK'),
 (2, 1001, 2, 'SPK-01', 'Spork, titan', 1, '49.00', 'SEK'),
 (3, 1002, 1, 'GIFT-0', 'Presentinslagning', 1, '0.10', 'SEK'),
 (4, 1003, 1, 'BOK-17', 'Bok: Svampar i Norden', 1, '249.50', 'SEK'),
 (5, 1004, 1, 'KAJ-01', 'Kajak, 1 person', 1, '3990.00', 'SEK'),
 (6, 1005, 1, 'MUG-04', 'Emaljmugg', 2, '99.50', 'SEK'),
 (7, 1006, 1, 'HAT-12', 'Solhatt', 1, '89.90', 'EUR'),
 (8, 1007, 1, 'MAP-UK', 'Map, Lake District', 3, '15.00', 'GBP');

INSERT INTO reviews VALUES
 (1, 1, 'TNT-2P', 5, 'Perfekt, "nästan"', 'Höll tätt i tre dygns regn, 10/10 🌧️⛺
Packvolymen kunde vara mindre, men, ja.', '2023-07-01 19:00:00'),
 (2, 1, 'SPK-01', 2, NULL, 'Böjde sig första dagen.', '2023-07-02 08:00:00'),
 (3, 2, 'BOK-17', 4, 'Bra bok', 'Fina bilder.', '2024-12-24 15:00:00'),
 (4, 3, 'KAJ-01', 5, 'Kajak', 'Stabil och snabb.', '2025-02-01 10:00:00');

INSERT INTO newsletter_consents VALUES
 (1, 1, 'newsletter', 'granted', 'web form', '2021-02-03 09:16:00', NULL),
 (2, 2, 'newsletter', 'withdrawn', 'web form', '2022-05-20 18:41:00', '2023-01-01 00:00:00'),
 (3, 3, 'newsletter', 'granted', 'checkout', '2023-01-09 11:01:00', NULL),
 (4, 6, 'sms-offers', 'granted', 'app', '2024-03-14 16:21:00', NULL);

INSERT INTO marketing_segments VALUES
 (1, 1, 'outdoor-enthusiast', 'Dataköp Norden AB', '2025-09-01 00:00:00', '2026-08-31'),
 (2, 1, 'high-income-household', 'Dataköp Norden AB', '2025-09-01 00:00:00', '2026-08-31'),
 (3, 2, 'book-lover', 'Dataköp Norden AB', '2025-09-01 00:00:00', '2026-08-31'),
 (4, 3, 'outdoor-enthusiast', 'Dataköp Norden AB', '2025-09-01 00:00:00', '2026-08-31');

INSERT INTO web_log VALUES
 (1, 1, 'c0ffee01', '192.0.2.10', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', '/produkter/talt', '2025-10-01 18:00:00'),
 (2, 1, 'c0ffee01', '192.0.2.10', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', '/kassa', '2025-10-01 18:05:00'),
 (3, 1, 'c0ffee02', '2001:db8::17', 'Mozilla/5.0 (iPhone) Safari/604.1', '/konto', '2025-10-03 07:45:00'),
 (4, 2, 'beef0001', '198.51.100.4', 'Mozilla/5.0 (Windows NT 10.0) Edge/129.0', '/bocker', '2025-10-02 21:00:00'),
 (5, 3, 'abad1dea', '203.0.113.9', 'Mozilla/5.0 (Macintosh) Safari/17.0', '/kajaker', '2025-10-04 09:30:00');

-- Files customers sent with a return: Anna's photo of the bent tent peg and her receipt.
INSERT INTO return_uploads VALUES
 (1, 1, 'trasig pinne.png', 'image/png', X'89504E470D0A1A0A0000000D4948445200000002000000020802000000FDD49A73000000124944415478DA63F8CFC0C000C20CFF8100001FEE05FBF1ABBA770000000049454E44AE426082', '2023-07-02 08:05:00'),
 (2, 1, 'kvitto, juli.txt', 'text/plain', CAST('Kvitto EB-2023-0001' || char(10) || 'Summa: 1048,00 kr' || char(10) AS BLOB), '2023-07-02 08:06:00'),
 (3, 2, 'bok.pdf', 'application/pdf', X'255044462D312E340A', '2024-12-26 10:00:00');
COMMIT;
