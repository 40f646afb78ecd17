/// A porta.yml with one mysql source over a test database (`TEST_MYSQL_URL`), whose one
/// mapping makes `person` records of `table`'s rows, keyed by `id`.
public enum MySQLSourceConfig {
    public static func yaml(table: String, key: String = "id", identifiers: String = "{ customer-number: id }", fields: String = "") -> String {
        """
        porta: 1
        controller: { id: web-ab, name: Web AB, country: SE }
        sources:
          - id: web
            connector: mysql
            mysql: { url-env: TEST_MYSQL_URL, password-env: TEST_MYSQL_PASSWORD }
            time-zone: Europe/Stockholm
            subjects: { table: \(table), key: \(key), identifiers: \(identifiers) }
            records:
              - kind: person
                table: \(table)
                key: \(key)
                subject: \(key)
                provenance: provided
                legal-basis: contract
                category: identification
                \(fields)
                fields: {}
        """
    }

    /// People and their orders, with the orders' totals in SEK.
    public static let many = """
        porta: 1
        controller: { id: web-ab, name: Web AB, country: SE }
        sources:
          - id: web
            connector: mysql
            mysql: { url-env: TEST_MYSQL_URL, password-env: TEST_MYSQL_PASSWORD }
            time-zone: Europe/Stockholm
            subjects: { table: people, key: id, identifiers: { email: email } }
            records:
              - kind: person
                table: people
                key: id
                subject: id
                provenance: provided
                legal-basis: contract
                category: identification
                fields: {}
              - kind: order
                table: orders
                key: id
                subject: customer
                provenance: provided
                legal-basis: contract
                category: purchase
                fields: { person: customer, orderNumber: id, placedAt: placed, total: { amount: total, currency: { value: SEK } } }
        """
}
