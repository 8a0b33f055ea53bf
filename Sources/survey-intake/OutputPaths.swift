import ArgumentParser
import Foundation

/// Where a command writes (`ingest --out`, `--quarantine`, `flags --letters`, `report
/// --output`), checked before any work, so that what the user sees is a sentence naming the
/// path and what to do — never Foundation's `Error Domain=NSCocoaErrorDomain Code=516 …`.
enum OutputPaths {
    /// Creates the folder `path` (and the folders above it) when absent. Exit status 2, with
    /// a plain message, when `path` or a folder above it is a file, or cannot be created.
    static func ensureFolder(_ path: String, option: String, danish: Bool = false) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                throw Console.setupFailure(danish
                    ? "\(option) \(path): er en fil, ikke en mappe; angiv en mappe (den oprettes, hvis den mangler)"
                    : "\(option) \(path): is a file, not a folder; name a folder (it is created when absent)")
            }
            guard access(path, W_OK | X_OK) == 0 else {
                let reason = String(cString: strerror(errno))
                throw Console.setupFailure(danish
                    ? "\(option) \(path): der kan ikke skrives i mappen (\(reason)); vælg en mappe, du kan skrive i, "
                        + "eller bed om skriveadgang til \(path)"
                    : "\(option) \(path): the folder cannot be written to (\(reason)); choose a folder you can write to, "
                        + "or ask for write access to \(path)")
            }
            return
        }
        // Create each missing folder in turn, to name the one that cannot be.
        let absolute = path.hasPrefix("/")
        var built = absolute ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            let parent = built.isEmpty ? "." : built
            built = built.isEmpty || built == "/" ? built + component : built + "/" + component
            if stat(built, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw Console.setupFailure(danish
                        ? "\(option) \(path): kan ikke oprettes, fordi \(built) er en fil; angiv en anden mappe"
                        : "\(option) \(path): cannot be created, because \(built) is a file; name another folder")
                }
                continue
            }
            guard mkdir(built, 0o777) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                throw Console.setupFailure(danish
                    ? "\(option) \(path): mappen kan ikke oprettes i \(parent) (\(reason)); "
                        + "vælg en mappe, du kan skrive i, eller bed om skriveadgang til \(parent)"
                    : "\(option) \(path): the folder cannot be created in \(parent) (\(reason)); "
                        + "choose a folder you can write to, or ask for write access to \(parent)")
            }
        }
    }

    /// `path` may be written as a file: not a folder, in a folder that exists.
    static func checkFile(_ path: String, option: String, danish: Bool = false) throws {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            let example = (path as NSString).appendingPathComponent("report.html")
            throw Console.setupFailure(danish ? "\(option) \(path): er en mappe; angiv en fil, fx \(example)"
                                              : "\(option) \(path): is a folder; name a file, e.g. \(example)")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, stat(parent, &status) != 0 || status.st_mode & S_IFMT != S_IFDIR {
            throw Console.setupFailure(danish
                ? "\(option) \(path): mappen \(parent) findes ikke; opret den først, eller angiv en fil i en mappe, der findes"
                : "\(option) \(path): the folder \(parent) does not exist; create it first, or name a file in a folder that exists")
        }
    }

    /// An error from Foundation or the system in plain words: the system's reason (`Permission
    /// denied`, `No space left on device` …) and the file concerned, without the domain, code and
    /// user info dump.
    static func plain(_ error: any Error) -> String {
        if let localized = error as? LocalizedError, let description = localized.errorDescription,
           !(error is CocoaError), (error as NSError).domain != NSCocoaErrorDomain {
            return description
        }
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        var code: Int32?
        if ns.domain == NSPOSIXErrorDomain { code = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        }
        let reason: String
        if let code {
            reason = String(cString: strerror(code))
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteNoPermission, .fileReadNoPermission: reason = "permission denied"
            case .fileWriteFileExists: reason = "a file of that name is in the way"
            case .fileWriteOutOfSpace: reason = "no space left on the device"
            case .fileNoSuchFile, .fileReadNoSuchFile: reason = "no such file or folder"
            case .fileWriteVolumeReadOnly: reason = "the volume is read-only"
            default: reason = "the system refused (code \(ns.code))"
            }
        }
        return path.map { "\($0): \(reason)" } ?? reason
    }
}
