-- Exempelbutiken's web storefront: MariaDB 10.11+ or MySQL 8, with WordPress and WooCommerce's
-- own table shapes. People are WordPress users (wp_users, their names in wp_usermeta); orders are
-- posts of type shop_order, their customer, number, total and currency in wp_postmeta (as
-- WooCommerce keeps them without its order tables); a plugin's table keeps newsletter choices
-- as JSON. WordPress writes post_date in the shop's zone (Europe/Stockholm) without an offset,
-- and post_date_gmt in UTC. Loaded by scripts/setup-mariadb.sh into porta_storefront.
SET NAMES utf8mb4;
SET time_zone = '+00:00';  -- TIMESTAMP values below are UTC
DROP TABLE IF EXISTS wp_storefront_newsletter, wp_postmeta, wp_posts, wp_usermeta, wp_users;

CREATE TABLE wp_users (
  ID bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_login varchar(60) NOT NULL,
  user_email varchar(100) NOT NULL,
  user_registered datetime NOT NULL,
  display_name varchar(250) NOT NULL,
  KEY user_email (user_email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wp_usermeta (
  umeta_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  meta_key varchar(255) DEFAULT NULL,
  meta_value longtext,
  KEY user_id (user_id),
  KEY meta_key (meta_key(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wp_posts (
  ID bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_author bigint unsigned NOT NULL DEFAULT 0,
  post_date datetime NOT NULL,
  post_date_gmt datetime NOT NULL,
  post_status varchar(20) NOT NULL DEFAULT 'publish',
  post_type varchar(20) NOT NULL DEFAULT 'post',
  KEY type_status_date (post_type, post_status, post_date, ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wp_postmeta (
  meta_id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id bigint unsigned NOT NULL DEFAULT 0,
  meta_key varchar(255) DEFAULT NULL,
  meta_value longtext,
  KEY post_id (post_id),
  KEY meta_key (meta_key(191))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE wp_storefront_newsletter (
  id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint unsigned NOT NULL,
  choices json NOT NULL,
  subscribed tinyint(1) NOT NULL,
  changed_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Anna Svensson (the sample subject, the shop's customer 1), a web-only customer, and Erik
-- Johansson under his old address (the shop's second account has it).
INSERT INTO wp_users VALUES
 (1, 'annasv', 'anna.svensson@example.se', '2023-06-09 21:14:05', 'Anna S.'),
 (2, 'olle.h', 'olle.holm@example.net', '2024-02-11 08:00:00', 'Olle'),
 (3, 'erikj', 'erik@old-mail.example', '2019-08-30 12:00:00', 'Erik');

INSERT INTO wp_usermeta (user_id, meta_key, meta_value) VALUES
 (1, 'first_name', 'Anna'), (1, 'last_name', 'Svensson'), (1, 'billing_phone', '070-123 45 67'),
 (2, 'first_name', 'Olle'), (2, 'last_name', 'Holm'),
 (3, 'first_name', 'Erik'), (3, 'last_name', 'Johansson');

-- Two web orders of Anna's and one of Olle's; a page, which is no order.
INSERT INTO wp_posts VALUES
 (101, 0, '2023-06-10 10:05:00', '2023-06-10 08:05:00', 'wc-completed', 'shop_order'),
 (102, 0, '2024-11-28 19:30:00', '2024-11-28 18:30:00', 'wc-processing', 'shop_order'),
 (103, 0, '2024-03-01 12:00:00', '2024-03-01 11:00:00', 'wc-completed', 'shop_order'),
 (104, 1, '2024-01-01 00:00:00', '2023-12-31 23:00:00', 'publish', 'page');

INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES
 (101, '_customer_user', '1'), (101, '_order_number', 'W-2023-0018'), (101, '_order_total', '1048.00'), (101, '_order_currency', 'SEK'),
 (102, '_customer_user', '1'), (102, '_order_number', 'W-2024-0412'), (102, '_order_total', '0.10'), (102, '_order_currency', 'SEK'),
 (103, '_customer_user', '2'), (103, '_order_number', 'W-2024-0077'), (103, '_order_total', '89.90'), (103, '_order_currency', 'EUR');

INSERT INTO wp_storefront_newsletter VALUES
 (1, 1, '{"topic": "hiking", "frequency": {"every": "week"}}', 1, '2024-05-02 07:45:00'),
 (2, 2, '{"topic": "climbing", "frequency": {"every": "month"}}', 0, '2024-02-11 08:01:00');
