import CMariaDB

/// A prepared statement of a ``MySQLConnection``: every value is bound, never spliced, and rows
/// come from the server one at a time (no result is stored whole), so memory stays flat however
/// many rows there are.
final class MySQLStatement {
    private let handle: UnsafeMutablePointer<MYSQL_STMT>
    /// Held so the connection outlives its statements (closing it would free their handles).
    private let connection: MySQLConnection
    /// The result's columns, in select order.
    let columns: [MySQLColumn]

    /// - Throws: ``MySQLConnection/Failure``.
    init(connection: MySQLConnection, sql: String) throws {
        guard let handle = mysql_stmt_init(connection.handle) else { throw MySQLConnection.failure(of: connection.handle) }
        self.handle = handle
        self.connection = connection
        // Closed here: deinit does not run for an object whose properties are not all set.
        guard mysql_stmt_prepare(handle, sql, UInt(sql.utf8.count)) == 0 else {
            let failure = Self.failure(of: handle)
            mysql_stmt_close(handle)
            throw failure
        }
        var columns: [MySQLColumn] = []
        if let metadata = mysql_stmt_result_metadata(handle) {
            let count = Int(mysql_num_fields(metadata))
            if let fields = mysql_fetch_fields(metadata) {
                columns = (0..<count).map { MySQLColumn(fields[$0]) }
            }
            mysql_free_result(metadata)
        }
        self.columns = columns
    }

    deinit { mysql_stmt_close(handle) }

    /// Runs the statement with `arguments` bound to its `?` in order (as text; `nil` is NULL),
    /// and hands each row's cells (the bytes of each column, nil for NULL) to `body`.
    /// - Throws: ``MySQLConnection/Failure``, or what `body` throws.
    func run(_ arguments: [String?], row body: ([[UInt8]?]) throws -> Void) throws {
        try withBound(arguments) {
            guard mysql_stmt_execute(handle) == 0 else { throw Self.failure(of: handle) }
            try fetch(body)
        }
    }

    private func withBound(_ arguments: [String?], _ work: () throws -> Void) throws {
        let texts = arguments.map { $0.map { Array($0.utf8) } }
        let storage = texts.map { bytes in
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes?.count ?? 0, 1))
            if let bytes { _ = buffer.initialize(from: bytes) }
            return buffer
        }
        defer { storage.forEach { $0.deallocate() } }
        var lengths = texts.map { UInt($0?.count ?? 0) }
        var nulls: [my_bool] = texts.map { $0 == nil ? 1 : 0 }
        var binds = [MYSQL_BIND](repeating: MYSQL_BIND(), count: texts.count)
        try lengths.withUnsafeMutableBufferPointer { lengths in
            try nulls.withUnsafeMutableBufferPointer { nulls in
                for index in binds.indices {
                    binds[index].buffer_type = MYSQL_TYPE_STRING
                    binds[index].buffer = UnsafeMutableRawPointer(storage[index].baseAddress)
                    binds[index].buffer_length = lengths[index]
                    binds[index].length = lengths.baseAddress! + index
                    binds[index].is_null = nulls.baseAddress! + index
                }
                if !binds.isEmpty {
                    guard binds.withUnsafeMutableBufferPointer({ mysql_stmt_bind_param(handle, $0.baseAddress) }) == 0 else {
                        throw Self.failure(of: handle)
                    }
                }
                try work()
            }
        }
    }

    /// Fetches every row into buffers of 1 KiB per column; a longer value is fetched again
    /// whole, into a buffer of its length.
    private func fetch(_ body: ([[UInt8]?]) throws -> Void) throws {
        let count = columns.count
        guard count > 0 else { return }
        let capacity = 1024
        let buffers = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * count)
        let lengths = UnsafeMutablePointer<UInt>.allocate(capacity: count)
        let nulls = UnsafeMutablePointer<my_bool>.allocate(capacity: count)
        let truncated = UnsafeMutablePointer<my_bool>.allocate(capacity: count)
        let binds = UnsafeMutablePointer<MYSQL_BIND>.allocate(capacity: count)
        defer {
            buffers.deallocate(); lengths.deallocate(); nulls.deallocate(); truncated.deallocate(); binds.deallocate()
            mysql_stmt_free_result(handle)
        }
        binds.initialize(repeating: MYSQL_BIND(), count: count)
        for index in 0..<count {
            binds[index].buffer_type = columns[index].isBinary ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING
            binds[index].buffer = UnsafeMutableRawPointer(buffers + index * capacity)
            binds[index].buffer_length = UInt(capacity)
            binds[index].length = lengths + index
            binds[index].is_null = nulls + index
            binds[index].error = truncated + index
        }
        guard mysql_stmt_bind_result(handle, binds) == 0 else { throw Self.failure(of: handle) }
        while true {
            let status = mysql_stmt_fetch(handle)
            if status == MYSQL_NO_DATA { return }
            guard status == 0 || status == MYSQL_DATA_TRUNCATED else { throw Self.failure(of: handle) }
            var cells: [[UInt8]?] = []
            cells.reserveCapacity(count)
            for index in 0..<count {
                if nulls[index] != 0 { cells.append(nil); continue }
                let length = Int(lengths[index])
                if length <= capacity {
                    cells.append(Array(UnsafeBufferPointer(start: buffers + index * capacity, count: length)))
                    continue
                }
                var whole = [UInt8](repeating: 0, count: length)
                var bind = MYSQL_BIND()
                bind.buffer_type = binds[index].buffer_type
                bind.buffer_length = UInt(length)
                let status = whole.withUnsafeMutableBytes { bytes in
                    bind.buffer = bytes.baseAddress
                    return mysql_stmt_fetch_column(handle, &bind, UInt32(index), 0)
                }
                guard status == 0 else { throw Self.failure(of: handle) }
                cells.append(whole)
            }
            try body(cells)
        }
    }

    private static func failure(of handle: UnsafeMutablePointer<MYSQL_STMT>) -> MySQLConnection.Failure {
        MySQLConnection.Failure(number: mysql_stmt_errno(handle), state: String(cString: mysql_stmt_sqlstate(handle)))
    }
}
