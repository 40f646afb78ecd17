import Foundation
import PortaFuzzTargets

// Built with `-sanitize=fuzzer,address -parse-as-library -D FUZZING` (scripts/fuzz.sh),
// libFuzzer calls `fuzz` and brings its own main; built normally, this replays files through a
// target: `porta-fuzz TARGET FILE…`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
    FileHandle.standardError.write(Data("usage: porta-fuzz TARGET FILE… (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))\n".utf8))
    exit(2)
}
for file in arguments.dropFirst() {
    guard let bytes = FileManager.default.contents(atPath: file) else { continue }
    target.run([UInt8](bytes))
}
#endif
