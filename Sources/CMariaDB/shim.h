#ifndef PORTA_CMARIADB_SHIM_H
#define PORTA_CMARIADB_SHIM_H

// libmariadb, MariaDB's C client (Debian's libmariadb-dev), for MySQL and MariaDB sources:
// the connection, its options, and prepared statements whose rows are fetched one at a time.
#include <mysql.h>

#endif
