import Logging

extension SourceConfig {
    /// Makes one row's record. A broken row (a ``ConnectorError``) of a source with
    /// `on-error: skip` is told to `problem` and logged by its key, never its values, and gives
    /// nil; in a source with `on-error: fail` it is thrown.
    func record(of mapping: RecordMapping, logger: Logger, problem: (ConnectorError) -> Void,
                _ make: () throws -> PulledRecord) throws -> PulledRecord? {
        do {
            return try make()
        } catch let error as ConnectorError where onError == .skip {
            problem(error)
            logger.warning("row skipped", metadata: ["source": "\(id)", "table": "\(mapping.table)", "row": "\(error.key ?? "?")"])
            return nil
        }
    }
}
