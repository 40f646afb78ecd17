import Foundation
import PortaFuzzTargets

// Built with `-sanitize=fuzzer,address -parse-as-library -D FUZZING` (scripts/fuzz.sh),
// libFuzzer brings its own main and calls `fuzz` with each input, for the target named by
// `PORTA_FUZZ_TARGET`. Built normally, `porta-fuzz TARGET FILE…` replays files through a target.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.selected.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
/// libFuzzer's driver, for a program with its own entry point (SwiftPM names an executable's
/// entry point `porta_fuzz_main`, so libFuzzer's `main` is not linked).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("porta_fuzz_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
#else
/// Replays files through a fuzz target, as a crash is checked once it is fixed.
@main
struct PortaFuzzReplay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("usage: porta-fuzz TARGET FILE… (targets: \(targets))\n".utf8))
            exit(2)
        }
        for file in arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            print("\(file): \(target.run([UInt8](bytes))) items")
        }
    }
}
#endif
