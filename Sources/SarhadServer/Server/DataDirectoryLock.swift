import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a data directory (`flock` on `DATA/sarhad.lock`), held while a server uses
/// it. A second server on the same directory would mark the first one's live runs interrupted and
/// delete its staging folders at startup, so it must refuse to start instead. The kernel drops the
/// lock when the process ends, however it ends, so a crashed server never leaves it stale.
public final class DataDirectoryLock: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case inUse(directory: String)
        case unavailable(path: String, reason: String)

        public var description: String {
            switch self {
            case .inUse(let directory):
                "Another Sarhad server is already using the data folder \(directory) (it holds \(DataDirectoryLock.fileName) "
                    + "there). Stop that server first, or give this one a different --data folder."
            case .unavailable(let path, let reason):
                "Could not lock the data folder: \(path) could not be opened (\(reason))."
            }
        }
    }

    public static let fileName = "sarhad.lock"

    let descriptor: Int32

    /// Takes the lock or throws at once; never waits for another server.
    public init(directory: URL) throws(Failure) {
        let path = directory.appendingPathComponent(DataDirectoryLock.fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno))) }
        // Locks belong to the open file description, so a second server in the same process (a test)
        // is refused just as one in another process is.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .inUse(directory: directory.path) }
            throw .unavailable(path: path, reason: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock.
        close(descriptor)
    }
}
