import Foundation
import Glibc

/// Who may use the control socket: root, the daemon's own user, and members of one group.
struct ControlAccess: Sendable {
    let groupName: String?
    let groupID: gid_t?

    init(groupName: String?) throws {
        self.groupName = groupName
        if let groupName {
            guard let group = getgrnam(groupName) else {
                throw ControlAccessError(message: "control group '\(groupName)' does not exist")
            }
            groupID = group.pointee.gr_gid
        } else {
            groupID = nil
        }
    }

    func allows(uid: uid_t, gid: gid_t) -> Bool {
        if uid == 0 || uid == getuid() { return true }
        guard let groupID else { return false }
        if gid == groupID { return true }
        return supplementaryGroups(of: uid).contains(groupID)
    }

    /// Mode 0660, group set when one is configured: the kernel refuses everyone else before we see them.
    func secure(socketPath: String) throws {
        if let groupID, chown(socketPath, uid_t.max, groupID) != 0 {
            throw ControlAccessError(message: "cannot give \(socketPath) to group \(groupName ?? ""): \(String(cString: strerror(errno)))")
        }
        guard chmod(socketPath, 0o660) == 0 else {
            throw ControlAccessError(message: "cannot set the mode of \(socketPath): \(String(cString: strerror(errno)))")
        }
    }

    private func supplementaryGroups(of uid: uid_t) -> [gid_t] {
        guard let user = getpwuid(uid) else { return [] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user.pointee.pw_name, user.pointee.pw_gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user.pointee.pw_name, user.pointee.pw_gid, &groups, &count)
        }
        return Array(groups.prefix(Int(max(count, 0))))
    }
}

struct ControlAccessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
