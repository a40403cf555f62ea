import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a new project folder all at once or not at all.
///
/// The tree is built in a hidden folder (`.NAME.creating-XXXXXXXX`) inside the projects
/// directory and renamed into place when complete, so a watcher never sees half a project
/// and a failure leaves nothing behind.
public struct ProjectFolder: Sendable {
    /// The project name, also its folder name.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    /// Creates `tree` as the folder NAME in `projectsDirectory` and returns it. `finish` runs on the
    /// complete staging folder before the rename (e.g. to copy a database into it); if it throws,
    /// the staging folder is removed.
    @discardableResult
    public func create(_ tree: FileTree, in projectsDirectory: URL,
                       finish: (URL) throws(ScaffoldError) -> Void = { _ throws(ScaffoldError) in }) throws(ScaffoldError) -> URL {
        try NameRules.validateProjectName(name)
        let parent = projectsDirectory.standardizedFileURL.path
        guard FileCreator.isDirectory(parent) else {
            throw ScaffoldError(.notFound, "projects directory '\(parent)' does not exist")
        }
        let destination = parent + "/" + name
        if FileCreator.exists(destination) {
            throw ScaffoldError(.alreadyExists, "project '\(name)' already exists in '\(parent)'")
        }

        var creator = FileCreator()
        var staging: String?
        do {
            let folder = try makeStagingDirectory(in: parent, creator: &creator)
            staging = folder
            try creator.create(tree, in: folder)
            try finish(URL(fileURLWithPath: folder, isDirectory: true))
            try moveIntoPlace(folder, destination)
        } catch {
            creator.removeCreated()
            // `finish` may have written files the creator does not know; the folder is ours alone.
            if let staging { try? FileManager.default.removeItem(atPath: staging) }
            throw error
        }
        return URL(fileURLWithPath: destination, isDirectory: true)
    }

    private func makeStagingDirectory(in parent: String, creator: inout FileCreator) throws(ScaffoldError) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let suffix = String(UInt32.random(in: .min ... .max, using: &generator), radix: 16)
            let path = "\(parent)/.\(name).creating-\(suffix)"
            do {
                try creator.makeDirectory(path, allowExisting: false)
                return path
            } catch where error.code == .alreadyExists {
                continue
            }
        }
    }

    private func moveIntoPlace(_ staging: String, _ destination: String) throws(ScaffoldError) {
        // rename(2) would replace an empty folder created meanwhile; check once more right before.
        if FileCreator.exists(destination) {
            throw ScaffoldError(.alreadyExists, "project '\(name)' already exists")
        }
        guard rename(staging, destination) == 0 else {
            let error = errno
            if error == EEXIST || error == ENOTEMPTY || error == ENOTDIR {
                throw ScaffoldError(.alreadyExists, "project '\(name)' already exists")
            }
            throw FileCreator.ioError("cannot move the new project to", destination, error)
        }
    }
}
