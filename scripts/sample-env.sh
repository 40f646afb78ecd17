# Sourced by the scripts: where the sample controller's network sources are. Values already in
# the environment win. The password is the sample CRM's, for this machine's loopback server only.
export PORTA_CRM_URL=${PORTA_CRM_URL:-postgres://porta@127.0.0.1:5432/porta_crm}
export PORTA_CRM_PASSWORD=${PORTA_CRM_PASSWORD:-porta-sample}
# The second sample controller, the gym: its access system's database on the same server.
export PORTA_GYM_URL=${PORTA_GYM_URL:-postgres://porta@127.0.0.1:5432/porta_gym}
export PORTA_GYM_PASSWORD=${PORTA_GYM_PASSWORD:-porta-sample}
# The sample receiver's own tables (samples/receiver/), on the same server.
export PORTA_RECEIVER_URL=${PORTA_RECEIVER_URL:-postgres://porta@127.0.0.1:5432/porta_receiver}
export PORTA_RECEIVER_PASSWORD=${PORTA_RECEIVER_PASSWORD:-porta-sample}
export PORTA_SUPPORT_API_PORT=${PORTA_SUPPORT_API_PORT:-8765}
export PORTA_SUPPORT_API_URL=${PORTA_SUPPORT_API_URL:-http://127.0.0.1:${PORTA_SUPPORT_API_PORT}/api/tickets}
export PORTA_SUPPORT_API_TOKEN=${PORTA_SUPPORT_API_TOKEN:-sample-token}
# The sample controller's register secret (keys the register's subject hashes); a real
# controller keeps its own in a secret store.
export PORTA_REGISTER_SECRET=${PORTA_REGISTER_SECRET:-sample-register-secret-not-for-production}
# The shop's web storefront: MariaDB (or MySQL), loaded by scripts/setup-mariadb.sh.
export PORTA_STOREFRONT_URL=${PORTA_STOREFRONT_URL:-mysql://porta@127.0.0.1:3306/porta_storefront}
export PORTA_STOREFRONT_PASSWORD=${PORTA_STOREFRONT_PASSWORD:-porta-sample}
