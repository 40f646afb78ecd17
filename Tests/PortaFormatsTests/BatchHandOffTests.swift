import PortaBytes
import Testing

/// `BatchHandOff.overlapping`: what one thread makes, the calling thread takes, in order; a
/// failure on either side ends both.
@Suite struct BatchHandOffTests {
    private struct Broken: Error, Equatable { let at: Int }

    /// Collects taken values across the non-escaping closure.
    private final class Taken: @unchecked Sendable { var values: [Int] = [] }

    @Test func everyValueIsTakenInTheOrderItWasMade() throws {
        let taken = Taken()
        try BatchHandOff<Int>.overlapping(threadName: "test-maker", batchSize: 7, capacity: 2) { give in
            for value in 0..<10_000 { try give(value) }
        } take: { taken.values.append($0) }
        #expect(taken.values == Array(0..<10_000))
    }

    @Test func theMakersFailureIsThrownAfterWhatItMadeBefore() throws {
        let taken = Taken()
        #expect(throws: Broken(at: 100)) {
            try BatchHandOff<Int>.overlapping(threadName: "test-maker", batchSize: 16) { give in
                for value in 0..<100 { try give(value) }
                throw Broken(at: 100)
            } take: { taken.values.append($0) }
        }
        #expect(taken.values == Array(0..<100))
    }

    @Test func theTakersFailureStopsTheMaker() throws {
        let made = Taken()
        #expect(throws: Broken(at: 5)) {
            try BatchHandOff<Int>.overlapping(threadName: "test-maker", batchSize: 4, capacity: 1) { give in
                for value in 0..<1_000_000 {
                    made.values.append(value)
                    try give(value)
                }
            } take: { value in
                if value == 5 { throw Broken(at: 5) }
            }
        }
        // The maker stopped at the full queue instead of making the million.
        #expect(made.values.count < 100)
    }
}
