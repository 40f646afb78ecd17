import Foundation

/// Turns the paths given to `porta verify` into bundles: a bag folder (one with `bagit.txt`)
/// or a file is a bundle; any other folder stands for the bundles directly inside it (bag
/// folders, `.zip` and sealed `.zip.age` files, in name order), or, when it holds none, for itself (and then
/// fails as a bag).
public enum BundleDiscovery {
    public static func bundles(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            guard isFolder(path), !FileManager.default.fileExists(atPath: path + "/bagit.txt") else { return [path] }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            let inside = names.map { (path.hasSuffix("/") ? path : path + "/") + $0 }.filter { candidate in
                (isFolder(candidate) && FileManager.default.fileExists(atPath: candidate + "/bagit.txt"))
                    || ((candidate.hasSuffix(".zip") || candidate.hasSuffix(".zip.age")) && !isFolder(candidate))
            }
            return inside.isEmpty ? [path] : inside
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
