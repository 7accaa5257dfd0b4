import Foundation

/// The absolute path of the `sarhad` binary that is running, for scripts that Slurm runs later
/// from another directory and with another PATH.
package enum RunningExecutable {
    package static var path: String {
        // Linux: the kernel knows the file we were started from, whatever argv[0] says.
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
            return target
        }
        let invoked = CommandLine.arguments[0]
        if invoked.contains("/") {
            let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/")
            return URL(fileURLWithPath: invoked, relativeTo: current).standardizedFileURL.resolvingSymlinksInPath().path
        }
        // Started through PATH with a bare name.
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in directories {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(invoked)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate.standardizedFileURL.resolvingSymlinksInPath().path
            }
        }
        return invoked
    }
}
